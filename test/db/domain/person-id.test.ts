// Recipient identifiers: Latvian personal codes (with their check digit), registration numbers, eIDAS identifiers.
import { expect } from 'chai';
import { makePersonalCode, normalisePersonalCode, normalisePersonId } from '../../../db/domain/person-id';
import { personas } from '../../../scripts/seed/personas';

// The Latvian rule written out independently: weights 1 6 3 7 9 10 5 8 4 2, check = (1101 - Σ) mod 11.
function referenceCheckDigit(first10: string): number {
  const weights = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 10; i += 1) sum += weights[i] * Number(first10[i]);
  return (1101 - sum) % 11;
}

describe('db/domain/person-id', () => {
  describe('normalisePersonalCode', () => {
    it('accepts the personal codes of the seeded citizens, with or without the hyphen', () => {
      const codes = personas.filter((p) => p.person?.type === 'natural').map((p) => p.person!.id);
      expect(codes).to.include.members(['15038511239', '02117814569']);
      for (const code of codes) {
        expect(normalisePersonalCode(code)).to.equal(code);
        expect(normalisePersonalCode(`${code.slice(0, 6)}-${code.slice(6)}`)).to.equal(code);
        expect(normalisePersonalCode(`  ${code} `)).to.equal(code);
        expect(referenceCheckDigit(code)).to.equal(Number(code[10]));
      }
    });

    it('computes the check digit by the Latvian rule', () => {
      // 150385-11239: Σ = 1·1 + 6·5 + 3·0 + 7·3 + 9·8 + 10·5 + 5·1 + 8·1 + 4·2 + 2·3 = 201; (1101 − 201) mod 11 = 9.
      expect(referenceCheckDigit('1503851123')).to.equal(9);
      expect(normalisePersonalCode('150385-11239')).to.equal('15038511239');
    });

    it('rejects every other check digit', () => {
      for (const code of ['15038511239', '02117814569']) {
        for (let d = 0; d <= 9; d += 1) {
          const variant = code.slice(0, 10) + String(d);
          expect(normalisePersonalCode(variant), variant).to.equal(d === Number(code[10]) ? code : null);
        }
      }
    });

    it('detects a single mistyped digit in the body whenever the rule can (weights are all non-zero mod 11)', () => {
      const code = '15038511239';
      for (let i = 0; i < 10; i += 1) {
        for (let d = 0; d <= 9; d += 1) {
          if (String(d) === code[i]) continue;
          const typo = code.slice(0, i) + String(d) + code.slice(i + 1);
          // A typo that breaks the birth date is refused for that reason; any other is refused by the check digit.
          expect(normalisePersonalCode(typo), typo).to.equal(null);
        }
      }
    });

    it("agrees with published examples: python-stdnum's lv.pvn and a validator library's test codes", () => {
      // Old format, valid: python-stdnum's 161175-19997, and the validator library's 290758-10403 and 111111-11410.
      expect(normalisePersonalCode('161175-19997')).to.equal('16117519997');
      expect(normalisePersonalCode('29075810403')).to.equal('29075810403');
      expect(normalisePersonalCode('111111-11410')).to.equal('11111111410');
      // python-stdnum's invalid date (month 13), and the same code with its check digit changed.
      expect(normalisePersonalCode('161375-19997')).to.equal(null);
      expect(normalisePersonalCode('161175-19996')).to.equal(null);
      // New format (since 1 July 2017): python-stdnum's 328673-00679 and the validator library's 325035-11782.
      expect(normalisePersonalCode('328673-00679')).to.equal('32867300679');
      expect(normalisePersonalCode('32503511782')).to.equal('32503511782');
    });

    it('accepts codes issued since 2017 (starting with 32) without a birth date or check digit', () => {
      expect(normalisePersonalCode('32123456789')).to.equal('32123456789');
      expect(normalisePersonalCode('321234-56780')).to.equal('32123456780');
    });

    it('rejects impossible birth dates and malformed input', () => {
      for (const bad of [
        '00038511239',
        '32138511239x',
        '15138511239',
        '1503851123',
        '150385112390',
        '150385/11239',
        'abcdefghijk',
        '',
        '150385 11239',
        '15-038511239',
      ]) {
        expect(normalisePersonalCode(bad), bad).to.equal(null);
      }
      // Day 35 and month 13 are refused even when the check digit fits.
      for (const date of ['350185', '011385', '000085', '150085']) {
        let tested = 0;
        for (let serial = 0; serial < 20; serial += 1) {
          const body = `${date}1${String(serial).padStart(3, '0')}`;
          const check = referenceCheckDigit(body);
          if (check === 10) continue;
          expect(normalisePersonalCode(`${body}${check}`), body).to.equal(null);
          tested += 1;
        }
        expect(tested, date).to.be.greaterThan(10);
      }
    });
  });

  describe('makePersonalCode', () => {
    it('makes valid codes for any birth date and serial', () => {
      const seen = new Set<string>();
      for (let n = 0; n < 3000; n += 1) {
        const code = makePersonalCode(1 + (n % 28), 1 + (n % 12), 1900 + (n % 120), n % 1000);
        expect(code).to.match(/^[0-9]{11}$/);
        expect(normalisePersonalCode(code), code).to.equal(code);
        expect(referenceCheckDigit(code)).to.equal(Number(code[10]));
        seen.add(code);
      }
      expect(seen.size).to.be.greaterThan(2900);
    });

    it('encodes the birth date and the century digit', () => {
      const code = makePersonalCode(15, 3, 1985, 123);
      expect(code.slice(0, 7)).to.equal('1503851');
      expect(makePersonalCode(1, 1, 2005, 0).slice(0, 7)).to.equal('0101052');
      expect(makePersonalCode(1, 1, 1899, 0).slice(0, 7)).to.equal('0101990');
    });

    it('skips serials whose check digit would be 10', () => {
      // For some serial the rule gives 10; the generator moves on to the next serial.
      let found = false;
      for (let s = 0; s < 1000 && !found; s += 1) {
        const body = `150385${'1'}${String(s).padStart(3, '0')}`;
        if (referenceCheckDigit(body) === 10) {
          found = true;
          const code = makePersonalCode(15, 3, 1985, s);
          expect(code.slice(0, 10)).to.not.equal(body);
          expect(normalisePersonalCode(code)).to.equal(code);
        }
      }
      expect(found).to.equal(true);
    });
  });

  describe('normalisePersonId', () => {
    it('validates each kind of identifier', () => {
      expect(normalisePersonId({ type: 'natural', id: '150385-11239' })).to.equal('15038511239');
      expect(normalisePersonId({ type: 'natural', id: '15038511238' })).to.equal(null);
      expect(normalisePersonId({ type: 'legal', id: '40003345377' })).to.equal('40003345377');
      expect(normalisePersonId({ type: 'legal', id: '4000334537' })).to.equal(null);
      expect(normalisePersonId({ type: 'legal', id: '4000334537X' })).to.equal(null);
      expect(normalisePersonId({ type: 'eidas', id: 'FR/LV/7f3a9c2e1b' })).to.equal('FR/LV/7f3a9c2e1b');
      expect(normalisePersonId({ type: 'eidas', id: 'fr/LV/7f3a9c2e1b' })).to.equal(null);
      expect(normalisePersonId({ type: 'eidas', id: 'FR/LV/' })).to.equal(null);
      expect(normalisePersonId({ type: 'eidas', id: 'FR/LV/a b' })).to.equal(null);
    });
  });
});
