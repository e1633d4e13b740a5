// ISO 7064 MOD 97-10, the check used by IBAN and ISO 11649 (RF) references. Separators are ignored and letters
// count as two digits (A=10 … Z=35), so a single mistyped or swapped character is always detected.

const SEPARATORS = /[\s\-./]/g;

/** Remainder modulo 97 of the number spelled by `text` after letters are expanded; null on foreign characters. */
export function mod97(text: string): number | null {
  let remainder = 0;
  for (const ch of text.replace(SEPARATORS, '').toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code >= 48 && code <= 57) {
      remainder = (remainder * 10 + (code - 48)) % 97;
    } else if (code >= 65 && code <= 90) {
      remainder = (remainder * 100 + (code - 55)) % 97;
    } else {
      return null;
    }
  }
  return remainder;
}

/** The two check digits to append to `body` so that body + digits ≡ 1 (mod 97). */
export function checkDigitsFor(body: string): string {
  const remainder = mod97(`${body}00`);
  if (remainder === null) throw new RangeError(`Characters other than 0-9 and A-Z in "${body}"`);
  return String(98 - remainder).padStart(2, '0');
}

/** True when the last two characters of `text` are the MOD 97-10 check digits of the characters before them. */
export function hasValidCheckDigits(text: string): boolean {
  const compact = text.replace(SEPARATORS, '');
  if (compact.length < 3 || !/^[0-9]{2}$/.test(compact.slice(-2))) return false;
  return mod97(compact) === 1;
}
