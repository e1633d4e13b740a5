// IBAN checks (ISO 13616), one implementation for every account the platform keeps: ibantools checks the country's
// BBAN structure and length and the MOD 97-10 check digits. Agencies are paid into Latvian accounts (usually the
// Treasury, TREL), so a creditor IBAN must be Latvian; a collection account may be held abroad; a citizen's account
// for state payments must be of a SEPA country (db/profile/bank-account.ts).
import { electronicFormatIBAN, extractIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools';

export type IbanProblem = 'malformed' | 'foreign' | 'check_digits';

/** Any country's IBAN, in electronic format (no spaces, upper case), or why it is not one. */
export function checkIban(input: string): { iban: string; countryCode: string } | { problem: Exclude<IbanProblem, 'foreign'> } {
  const iban = electronicFormatIBAN(input.trim()) ?? '';
  const result = validateIBAN(iban);
  if (!result.valid) {
    // Letters where the check digits belong make the IBAN malformed; digits that do not fit are a typing error.
    const digitsOnly = result.errorCodes.every((c) => c === ValidationErrorsIBAN.WrongIBANChecksum);
    return { problem: digitsOnly ? 'check_digits' : 'malformed' };
  }
  return { iban, countryCode: extractIBAN(iban).countryCode ?? iban.slice(0, 2) };
}

export function checkCreditorIban(input: string): { iban: string } | { problem: IbanProblem } {
  const checked = checkIban(input);
  if ('problem' in checked) return checked;
  return checked.countryCode === 'LV' ? { iban: checked.iban } : { problem: 'foreign' };
}

export function formatIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

/** A collection account may be held abroad and still send statements; an invoice names only a Latvian one. */
export function checkAccountIban(input: string): { iban: string } | { problem: Exclude<IbanProblem, 'foreign'> } {
  const checked = checkIban(input);
  return 'problem' in checked ? checked : { iban: checked.iban };
}
