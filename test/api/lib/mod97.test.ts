// ISO 7064 MOD 97-10: the check of IBANs, RF creditor references and platform case ids. Verified against published
// IBAN and RF examples with the same functions the case ids use, and for the error classes the check must catch.
import { expect } from 'chai';
import { checkDigitsFor, hasValidCheckDigits, mod97 } from '../../../db/domain/mod97';

// IBAN and RF references carry their check digits at positions 3-4; MOD 97-10 is computed after the first four
// characters are moved to the end, which puts the check digits last, as in a case id.
const rearranged = (ref: string) => {
  const compact = ref.replace(/\s/g, '');
  return compact.slice(4) + compact.slice(0, 4);
};

const IBANS = [
  'GB82WEST12345698765432',
  'GB82 WEST 1234 5698 7654 32',
  'DE89370400440532013000',
  'LV80BANK0000435195001',
  'NL91ABNA0417164300',
  'FR1420041010050500013M02606',
  'BE68539007547034',
];
const RF_REFERENCES = ['RF18539007547034', 'RF18 5390 0754 7034', 'RF712348231'];

describe('api/lib/mod97', () => {
  describe('mod97', () => {
    it('is the remainder of the number spelled by the text, letters counting A=10 … Z=35', () => {
      expect(mod97('0')).to.equal(0);
      expect(mod97('96')).to.equal(96);
      expect(mod97('97')).to.equal(0);
      expect(mod97('98')).to.equal(1);
      expect(mod97('A')).to.equal(10);
      expect(mod97('Z')).to.equal(35);
      expect(mod97('AA')).to.equal(1010 % 97);
      // Longer than a double can hold exactly: computed piecewise.
      expect(mod97('123456789012345678901234567890')).to.equal(Number(BigInt('123456789012345678901234567890') % 97n));
    });

    it('ignores separators and letter case', () => {
      expect(mod97('LV-0001000001')).to.equal(mod97('LV0001000001'));
      expect(mod97('gb82 west.1234/5698')).to.equal(mod97('GB82WEST12345698'));
    });

    it('refuses characters outside 0-9 and A-Z', () => {
      expect(mod97('12_34')).to.equal(null);
      expect(mod97('LV+0001')).to.equal(null);
      expect(mod97('ĀBC')).to.equal(null);
    });
  });

  describe('known IBANs and RF references', () => {
    for (const iban of IBANS) {
      it(`accepts the IBAN ${iban}`, () => {
        expect(hasValidCheckDigits(rearranged(iban))).to.equal(true);
        expect(mod97(rearranged(iban))).to.equal(1);
      });
    }
    for (const rf of RF_REFERENCES) {
      it(`accepts the RF reference ${rf}`, () => {
        expect(hasValidCheckDigits(rearranged(rf))).to.equal(true);
      });
    }

    it('computes the published check digits', () => {
      expect(checkDigitsFor('WEST12345698765432GB')).to.equal('82');
      expect(checkDigitsFor('370400440532013000DE')).to.equal('89');
      expect(checkDigitsFor('BANK0000435195001LV')).to.equal('80');
      expect(checkDigitsFor('539007547034RF')).to.equal('18');
      expect(checkDigitsFor('2348231RF')).to.equal('71');
    });

    it('rejects the same references with one character changed', () => {
      expect(hasValidCheckDigits(rearranged('GB82WEST12345698765433'))).to.equal(false);
      expect(hasValidCheckDigits(rearranged('GB28WEST12345698765432'))).to.equal(false);
      expect(hasValidCheckDigits(rearranged('GB82WEST12345698765423'))).to.equal(false);
      expect(hasValidCheckDigits(rearranged('RF18539007547043'))).to.equal(false);
      expect(hasValidCheckDigits(rearranged('RF19539007547034'))).to.equal(false);
    });
  });

  describe('checkDigitsFor', () => {
    it('always gives two digits in 02..98 that make the whole ≡ 1 (mod 97)', () => {
      for (let n = 0; n < 5000; n += 1) {
        const body = `LV-${String(n * 7919).padStart(10, '0')}`;
        const digits = checkDigitsFor(body);
        expect(digits).to.match(/^[0-9]{2}$/);
        expect(Number(digits)).to.be.within(2, 98);
        expect(mod97(body + digits)).to.equal(1);
        expect(hasValidCheckDigits(`${body}-${digits}`)).to.equal(true);
      }
    });

    it('pads a single-digit result with a zero', () => {
      // 98 - remainder < 10 for a body whose remainder (with 00 appended) is 89..96.
      const body = Array.from({ length: 2000 }, (_, i) => String(i)).find((b) => Number(checkDigitsFor(b)) < 10);
      expect(body, 'a body with single-digit check digits').to.be.a('string');
      const digits = checkDigitsFor(body as string);
      expect(digits).to.have.length(2);
      expect(digits[0]).to.equal('0');
      expect(hasValidCheckDigits(body + digits)).to.equal(true);
    });

    it('throws on characters it cannot spell', () => {
      expect(() => checkDigitsFor('LV_0001')).to.throw(RangeError);
    });
  });

  describe('hasValidCheckDigits', () => {
    it('needs at least one character before two trailing digits', () => {
      expect(hasValidCheckDigits('')).to.equal(false);
      expect(hasValidCheckDigits('98')).to.equal(false);
      expect(hasValidCheckDigits('198')).to.equal(mod97('198') === 1);
      expect(hasValidCheckDigits('LV-000100000A-1B')).to.equal(false);
      expect(hasValidCheckDigits('LV-0001000001-6')).to.equal(false);
    });

    it('is false for foreign characters rather than throwing', () => {
      expect(hasValidCheckDigits('LV_0001000001_67')).to.equal(false);
    });
  });
});
