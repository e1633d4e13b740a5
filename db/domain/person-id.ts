// Identifiers of recipients: a Latvian personal code (natural person), a registration number (legal person), or
// an eIDAS unique identifier (an EU citizen signed in through the eIDAS node).
export type PersonType = 'natural' | 'legal' | 'eidas';

export interface PersonRef {
  type: PersonType;
  id: string;
}

const WEIGHTS = [1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Normalises a personal code to 11 digits; null when malformed or the check digit is wrong. */
export function normalisePersonalCode(input: string): string | null {
  const match = /^([0-9]{6})-?([0-9]{5})$/.exec(input.trim());
  if (!match) return null;
  const digits = match[1] + match[2];
  // Codes issued since 2017 start with 32 and carry no birth date and no check digit.
  if (digits.startsWith('32')) return digits;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  if (day < 1 || day > 31 || month < 1 || month > 12) return null;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const check = (1101 - sum) % 11;
  return check === Number(digits[10]) ? digits : null;
}

/** Builds a valid old-style personal code for a birth date and a serial (demo data and benchmarks). */
export function makePersonalCode(day: number, month: number, year: number, serial: number): string {
  const century = year < 1900 ? 0 : year < 2000 ? 1 : 2;
  for (let s = serial; s < serial + 1000; s += 1) {
    const body =
      String(day).padStart(2, '0') +
      String(month).padStart(2, '0') +
      String(year % 100).padStart(2, '0') +
      String(century) +
      String(s % 1000).padStart(3, '0');
    const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0);
    const check = (1101 - sum) % 11;
    if (check < 10) return body + String(check);
  }
  throw new RangeError('no valid personal code for this serial');
}

export function normalisePersonId(ref: PersonRef): string | null {
  switch (ref.type) {
    case 'natural':
      return normalisePersonalCode(ref.id);
    case 'legal':
      return /^[0-9]{11}$/.test(ref.id) ? ref.id : null;
    case 'eidas':
      // eIDAS unique identifier: <issuing country>/<receiving country>/<identifier>
      return /^[A-Z]{2}\/[A-Z]{2}\/[A-Za-z0-9+=:_.-]{1,200}$/.test(ref.id) ? ref.id : null;
  }
}
