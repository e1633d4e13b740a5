// IBAN checks for creditor accounts. Agencies are paid into Latvian accounts (usually the Treasury, TREL), so a
// creditor IBAN must be Latvian: LVkk + 4-letter bank code + 13 characters, 21 in all, with valid check digits.
import { mod97 } from './mod97';

export type IbanProblem = 'malformed' | 'foreign' | 'check_digits';

export function checkCreditorIban(input: string): { iban: string } | { problem: IbanProblem } {
  const iban = input.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}$/.test(iban)) return { problem: 'malformed' };
  if (!iban.startsWith('LV')) return { problem: 'foreign' };
  if (!/^LV[0-9]{2}[A-Z]{4}[0-9A-Z]{13}$/.test(iban)) return { problem: 'malformed' };
  return mod97(`${iban.slice(4)}${iban.slice(0, 4)}`) === 1 ? { iban } : { problem: 'check_digits' };
}

export function formatIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Any country's IBAN with valid check digits (ISO 13616): a collection account may be held abroad and still send
 * statements, while an invoice names only a Latvian one (checkCreditorIban).
 */
export function checkAccountIban(input: string): { iban: string } | { problem: Exclude<IbanProblem, 'foreign'> } {
  const iban = input.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}[0-9]{2}[0-9A-Z]{11,30}$/.test(iban)) return { problem: 'malformed' };
  return mod97(`${iban.slice(4)}${iban.slice(0, 4)}`) === 1 ? { iban } : { problem: 'check_digits' };
}
