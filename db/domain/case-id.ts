// Platform-wide case ids: `LV-` + 10 digits from a database sequence + `-` + two ISO 7064 MOD 97-10 check digits
// over the characters before them (separators ignored). Example: LV-0001000001-XX. A mistyped id is detected by
// the check digits before any lookup, so the API can say "this id is mistyped" rather than "not found".
import { checkDigitsFor, hasValidCheckDigits } from './mod97';

export const CASE_ID_PATTERN = '^LV-[0-9]{10}-[0-9]{2}$';
const CASE_ID_REGEX = new RegExp(CASE_ID_PATTERN);

export function caseIdFromNumber(sequenceNumber: number): string {
  const body = `LV-${String(sequenceNumber).padStart(10, '0')}`;
  return `${body}-${checkDigitsFor(body)}`;
}

export function isWellFormedCaseId(id: string): boolean {
  return CASE_ID_REGEX.test(id);
}

export function isValidCaseId(id: string): boolean {
  return isWellFormedCaseId(id) && hasValidCheckDigits(id);
}
