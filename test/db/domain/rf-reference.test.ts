// ISO 11649 structured creditor references, against literal values: the standard's own example (RF18 5390 0754 7034),
// the examples of python-stdnum's iso11649 module and of other published RF implementations, and values checked with
// Python's arbitrary-precision integers, never with api/lib/mod97.
import { expect } from 'chai';
import { formatRfReference, makeRfReference, normaliseRfReference } from '../../../db/domain/rf-reference';
import { hasValidIso7064CheckDigits } from '../../helpers/iso7064';

// [body, reference]: ISO 11649's example, python-stdnum's letter-ending example, two published short ones, and the
// longest body (21 characters) of all zeros and of all Zs.
const KNOWN: Array<[string, string]> = [
  ['539007547034', 'RF18539007547034'],
  ['5390075470Y', 'RF185390075470Y'],
  ['2348231', 'RF712348231'],
  ['1000123', 'RF281000123'],
  ['000000000000000000000', 'RF04000000000000000000000'],
  ['ZZZZZZZZZZZZZZZZZZZZZ', 'RF09ZZZZZZZZZZZZZZZZZZZZZ'],
];

describe('db/domain/rf-reference', () => {
  describe('makeRfReference', () => {
    for (const [body, reference] of KNOWN) {
      it(`makes ${reference} from ${body}`, () => {
        expect(makeRfReference(body)).to.equal(reference);
        expect(hasValidIso7064CheckDigits(reference), 'the independent check agrees').to.equal(true);
      });
    }

    it('upper-cases a body written in lower case', () => {
      expect(makeRfReference('5390075470y')).to.equal('RF185390075470Y');
    });

    it('refuses an empty body, a body of 22 characters and characters outside 0-9 and A-Z', () => {
      for (const body of ['', '0000000000000000000000', '5390 0754 7034', '539007547034-', 'ĀBC', 'RF_1']) {
        expect(() => makeRfReference(body), JSON.stringify(body)).to.throw(RangeError);
      }
    });
  });

  describe('normaliseRfReference', () => {
    it('accepts the known references, with spaces and in lower case, and gives the compact upper-case form', () => {
      for (const [, reference] of KNOWN) expect(normaliseRfReference(reference), reference).to.equal(reference);
      expect(normaliseRfReference('RF18 5390 0754 7034')).to.equal('RF18539007547034');
      expect(normaliseRfReference('rf18 5390 0754 70y')).to.equal('RF185390075470Y');
      expect(normaliseRfReference('  RF71 2348 231\n')).to.equal('RF712348231');
    });

    it("refuses wrong check digits: python-stdnum's RF17 example, RF19, and the never-valid 00, 01 and 99", () => {
      for (const bad of ['RF17 5390 0754 7034', 'RF19539007547034', 'RF00539007547034', 'RF01539007547034', 'RF99539007547034']) {
        expect(normaliseRfReference(bad), bad).to.equal(null);
        expect(hasValidIso7064CheckDigits(bad), `${bad}: the independent check agrees`).to.equal(false);
      }
    });

    it('refuses a single mistyped character and a swap of neighbouring characters in the body', () => {
      for (const bad of [
        'RF18539007547035',
        'RF18539007547044',
        'RF18539007547043',
        'RF18359007547034',
        'RF185390075470Z',
        'RF712348213',
      ]) {
        expect(normaliseRfReference(bad), bad).to.equal(null);
        expect(hasValidIso7064CheckDigits(bad), `${bad}: the independent check agrees`).to.equal(false);
      }
    });

    it('refuses what is not an RF reference at all', () => {
      // 22-character body (too long), no body, IBAN-like prefix, separators other than spaces, non-ASCII letters.
      for (const bad of [
        'RF040000000000000000000000',
        'RF18',
        'RF1',
        '',
        'LV80BANK0000435195001',
        'RF18-5390-0754-7034',
        'RF18.5390',
        'RF18 5390 0754 703Ā',
        'XX18539007547034',
      ]) {
        expect(normaliseRfReference(bad), JSON.stringify(bad)).to.equal(null);
      }
    });
  });

  describe('formatRfReference', () => {
    it('prints groups of four, as on a paper invoice', () => {
      expect(formatRfReference('RF18539007547034')).to.equal('RF18 5390 0754 7034');
      expect(formatRfReference('RF712348231')).to.equal('RF71 2348 231');
      expect(formatRfReference('RF04000000000000000000000')).to.equal('RF04 0000 0000 0000 0000 0000 0');
    });
  });
});
