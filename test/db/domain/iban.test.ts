// IBANs (ISO 13616) against the example IBANs of the SWIFT IBAN registry (Latvia's LV80BANK0000435195001, the UK's
// GB82WEST12345698765432, …), each also confirmed by an independent MOD 97-10 check written apart from api/lib/mod97.
import { expect } from 'chai';
import { checkAccountIban, checkCreditorIban, formatIban } from '../../../db/domain/iban';
import { hasValidIso7064CheckDigits } from '../../helpers/iso7064';

const LATVIAN_EXAMPLE = 'LV80BANK0000435195001';
// Registry examples of other countries, from the shortest IBAN (Norway, 15) to a 32-character one (Saint Lucia).
const FOREIGN_EXAMPLES = [
  'GB82WEST12345698765432',
  'DE89370400440532013000',
  'NL91ABNA0417164300',
  'FR1420041010050500013M02606',
  'BE68539007547034',
  'LT121000011101001000',
  'EE382200221020145685',
  'LU280019400644750000',
  'NO9386011117947',
  'MT84MALT011000012345MTLCAST001S',
  'LC55HEMM000100010012001200023015',
];
// One character changed or two swapped: the check digits no longer fit.
const MISTYPED_LATVIAN = [
  'LV80BANK0000435195002',
  'LV81BANK0000435195001',
  'LV08BANK0000435195001',
  'LV80BANK0000435159001',
  'LV80BANC0000435195001',
];

describe('db/domain/iban', () => {
  it('the independent check agrees with the registry examples and refuses the mistyped ones', () => {
    for (const iban of [LATVIAN_EXAMPLE, ...FOREIGN_EXAMPLES]) expect(hasValidIso7064CheckDigits(iban), iban).to.equal(true);
    for (const iban of MISTYPED_LATVIAN) expect(hasValidIso7064CheckDigits(iban), iban).to.equal(false);
  });

  describe('checkCreditorIban (an invoice is paid into a Latvian account)', () => {
    it("accepts the registry's Latvian example, printed in groups or in lower case", () => {
      expect(checkCreditorIban(LATVIAN_EXAMPLE)).to.deep.equal({ iban: LATVIAN_EXAMPLE });
      expect(checkCreditorIban('LV80 BANK 0000 4351 9500 1')).to.deep.equal({ iban: LATVIAN_EXAMPLE });
      expect(checkCreditorIban(' lv80bank0000435195001 ')).to.deep.equal({ iban: LATVIAN_EXAMPLE });
    });

    it('refuses a valid foreign IBAN as foreign', () => {
      for (const iban of FOREIGN_EXAMPLES) expect(checkCreditorIban(iban), iban).to.deep.equal({ problem: 'foreign' });
    });

    it('refuses a mistyped Latvian IBAN for its check digits', () => {
      for (const iban of MISTYPED_LATVIAN) expect(checkCreditorIban(iban), iban).to.deep.equal({ problem: 'check_digits' });
    });

    it('refuses a Latvian IBAN of the wrong length or with digits for the bank code as malformed', () => {
      for (const iban of [
        'LV80BANK000043519500',
        'LV80BANK00004351950011',
        'LV8012340000435195001',
        'LV80',
        '',
        'LV80BANK0000435195-01',
        'LVXXBANK0000435195001',
      ]) {
        expect(checkCreditorIban(iban), JSON.stringify(iban)).to.deep.equal({ problem: 'malformed' });
      }
    });
  });

  describe('checkAccountIban (a collection account may be held abroad)', () => {
    it('accepts every registry example, Latvian or foreign', () => {
      for (const iban of [LATVIAN_EXAMPLE, ...FOREIGN_EXAMPLES]) expect(checkAccountIban(iban), iban).to.deep.equal({ iban });
      expect(checkAccountIban('GB82 west 1234 5698 7654 32')).to.deep.equal({ iban: 'GB82WEST12345698765432' });
    });

    it('refuses mistyped IBANs for their check digits and impossible lengths as malformed', () => {
      for (const iban of [...MISTYPED_LATVIAN, 'GB82WEST12345698765433', 'GB28WEST12345698765432', 'DE89370400440532013001']) {
        expect(checkAccountIban(iban), iban).to.deep.equal({ problem: 'check_digits' });
      }
      // 14 characters (one short of Norway's 15), 35 (one more than ISO 13616's 34), no country, a symbol.
      for (const iban of ['NO938601111794', `LC55${'0'.repeat(31)}`, '8286WEST12345698765432', 'GB82WEST1234569876543!']) {
        expect(checkAccountIban(iban), iban).to.deep.equal({ problem: 'malformed' });
      }
    });
  });

  it('formatIban prints groups of four', () => {
    expect(formatIban(LATVIAN_EXAMPLE)).to.equal('LV80 BANK 0000 4351 9500 1');
    expect(formatIban('GB82WEST12345698765432')).to.equal('GB82 WEST 1234 5698 7654 32');
  });
});
