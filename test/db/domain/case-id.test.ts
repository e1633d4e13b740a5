// Platform case ids: LV-<10 digits>-<2 MOD 97-10 check digits>. Every single mistyped character and every swap of
// two neighbouring characters must be caught before any lookup.
import { expect } from 'chai';
import { CASE_ID_PATTERN, caseIdFromNumber, isValidCaseId, isWellFormedCaseId } from '../../../db/domain/case-id';
import { hasValidCheckDigits, mod97 } from '../../../db/domain/mod97';

const DIGITS = '0123456789';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

// Sequence numbers from the start of the sequence, spread over the whole 10-digit range, and the largest.
const SAMPLE_NUMBERS = [
  1000001,
  1000002,
  1000010,
  1000099,
  1234567,
  9999999,
  10000000,
  123456789,
  987654321,
  1000000000,
  4294967295,
  9999999999,
  ...Array.from({ length: 40 }, (_, i) => 1000001 + i * 104729),
];

function substitutions(id: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < id.length; i += 1) {
    const alphabet = /[0-9]/.test(id[i]) ? DIGITS : /[A-Z]/.test(id[i]) ? LETTERS + DIGITS : LETTERS + DIGITS;
    for (const ch of alphabet) if (ch !== id[i]) out.push(id.slice(0, i) + ch + id.slice(i + 1));
  }
  return out;
}

function transpositions(id: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < id.length; i += 1) {
    if (id[i] === id[i + 1]) continue;
    out.push(id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2));
  }
  return out;
}

describe('db/domain/case-id', () => {
  it('formats a sequence number as LV-<10 digits>-<check digits>', () => {
    const id = caseIdFromNumber(1000001);
    expect(id).to.match(/^LV-0001000001-[0-9]{2}$/);
    expect(id).to.equal('LV-0001000001-67');
    expect(mod97(id)).to.equal(1);
    expect(caseIdFromNumber(42)).to.match(/^LV-0000000042-[0-9]{2}$/);
  });

  it('gives the check digits an independent MOD 97-10 gives (Python integers over "LV" as 2131 and the digits)', () => {
    // Literal values, computed outside this code base: int("2131" + ten digits + check digits) % 97 == 1.
    expect(caseIdFromNumber(1)).to.equal('LV-0000000001-51');
    expect(caseIdFromNumber(42)).to.equal('LV-0000000042-25');
    expect(caseIdFromNumber(1000001)).to.equal('LV-0001000001-67');
    expect(caseIdFromNumber(1234567890)).to.equal('LV-1234567890-48');
    expect(caseIdFromNumber(9999999999)).to.equal('LV-9999999999-07');
    for (const id of ['LV-0000000001-51', 'LV-0000000042-25', 'LV-9999999999-07']) expect(isValidCaseId(id), id).to.equal(true);
    for (const id of ['LV-0000000001-50', 'LV-0000000042-52', 'LV-9999999999-70']) expect(isValidCaseId(id), id).to.equal(false);
  });

  it('makes ids that match the published pattern and pass their own check', () => {
    const seen = new Set<string>();
    for (const n of SAMPLE_NUMBERS) {
      const id = caseIdFromNumber(n);
      expect(id).to.match(new RegExp(CASE_ID_PATTERN));
      expect(isWellFormedCaseId(id)).to.equal(true);
      expect(isValidCaseId(id), id).to.equal(true);
      seen.add(id);
    }
    expect(seen.size).to.equal(new Set(SAMPLE_NUMBERS).size);
  });

  it('gives different check digits to neighbouring numbers (no two ids differ only in the body)', () => {
    for (let n = 1000001; n < 1000200; n += 1) {
      expect(caseIdFromNumber(n).slice(-2)).to.not.equal(caseIdFromNumber(n + 1).slice(-2));
    }
  });

  it('detects every single-character substitution', () => {
    let tried = 0;
    for (const n of SAMPLE_NUMBERS) {
      const id = caseIdFromNumber(n);
      for (const typo of substitutions(id)) {
        expect(isValidCaseId(typo), `${id} → ${typo}`).to.equal(false);
        tried += 1;
      }
    }
    expect(tried).to.be.greaterThan(SAMPLE_NUMBERS.length * 100);
  });

  it('detects substitutions by the check digits alone, not only by the pattern', () => {
    // Change the body digits and the check digits but keep the shape: only MOD 97 can tell.
    for (const n of SAMPLE_NUMBERS) {
      const id = caseIdFromNumber(n);
      for (let i = 0; i < id.length; i += 1) {
        if (!/[0-9]/.test(id[i])) continue;
        for (const d of DIGITS) {
          if (d === id[i]) continue;
          const typo = id.slice(0, i) + d + id.slice(i + 1);
          expect(isWellFormedCaseId(typo)).to.equal(true);
          expect(hasValidCheckDigits(typo), `${id} → ${typo}`).to.equal(false);
        }
      }
      for (const letter of LETTERS) {
        if (letter !== 'L') expect(hasValidCheckDigits(`${letter}${id.slice(1)}`), `${id} with ${letter}`).to.equal(false);
        if (letter !== 'V') expect(hasValidCheckDigits(`L${letter}${id.slice(2)}`), `${id} with ${letter}`).to.equal(false);
      }
    }
  });

  it('detects every transposition of two adjacent characters', () => {
    let tried = 0;
    for (const n of SAMPLE_NUMBERS) {
      const id = caseIdFromNumber(n);
      for (const swapped of transpositions(id)) {
        expect(isValidCaseId(swapped), `${id} → ${swapped}`).to.equal(false);
        tried += 1;
      }
    }
    expect(tried).to.be.greaterThan(SAMPLE_NUMBERS.length * 5);
  });

  it('detects swapped digits by the check digits alone', () => {
    for (const n of SAMPLE_NUMBERS) {
      const id = caseIdFromNumber(n);
      for (let i = 0; i + 1 < id.length; i += 1) {
        if (!/[0-9]{2}/.test(id.slice(i, i + 2)) || id[i] === id[i + 1]) continue;
        const swapped = id.slice(0, i) + id[i + 1] + id[i] + id.slice(i + 2);
        expect(hasValidCheckDigits(swapped), `${id} → ${swapped}`).to.equal(false);
      }
    }
  });

  it('tells malformed ids from mistyped ones', () => {
    const good = caseIdFromNumber(1000001);
    for (const bad of [
      '',
      'LV-1000001-67',
      'LV-00010000011-67',
      'lv-0001000001-67',
      'LV0001000001-67',
      'LV-0001000001-6',
      'LV-0001000001-677',
      ' LV-0001000001-67',
      'LV-0001000001-67\n',
      'EE-0001000001-67',
      'LV-000100000A-67',
      'LV–0001000001–67',
    ]) {
      expect(isWellFormedCaseId(bad), JSON.stringify(bad)).to.equal(false);
      expect(isValidCaseId(bad), JSON.stringify(bad)).to.equal(false);
    }
    const mistyped = `${good.slice(0, -2)}${good.slice(-2) === '00' ? '01' : '00'}`;
    expect(isWellFormedCaseId(mistyped)).to.equal(true);
    expect(isValidCaseId(mistyped)).to.equal(false);
  });
});
