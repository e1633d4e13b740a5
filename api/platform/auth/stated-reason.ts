// What an agency states when it reads a person's data through the API (a case, the person's contacts or bank account):
// its purpose, the legal basis, and for a covert read (a criminal investigation, say) the day until which the person is
// not shown it. The one implementation, re-exported by the policy module: the checks of what was stated, and the
// audit rows of the read: the read carries the basis and the embargo's day ("who used my data" holds it back until
// then), and setting an embargo is put on record as its own row, `embargo:<resource>` with purpose `embargo-set`
// (the same bookkeeping purpose as a register's pushed read under embargo; "who used my data" never lists it).
import type { AuditEntry } from '../../../db/audit';
import { badRequest } from '../errors';

export interface StatedReason {
  purpose?: string | undefined;
  legalBasis?: string | undefined;
  /** The case the read is for (the profile reads may name it). */
  caseId?: string | undefined;
  /** A covert purpose's embargo (ISO date): the person sees the read only after it. */
  embargoUntil?: string | undefined;
}

/** The purpose of the audit row that records an embargo being set: bookkeeping, never shown as a use. */
export const EMBARGO_SET = 'embargo-set';

const MAX_EMBARGO_DAYS = 3653;

/** Today in Latvia (YYYY-MM-DD): an embargo's day is a Latvian calendar day, as "who used my data" compares it. */
const rigaToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date());

const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Checks what was stated: only an agency's caller states anything (`mayState`); an embargo needs the purpose and the
 * legal basis, and a day after today (in Latvia) within ten years. A 400 in the one error shape otherwise.
 */
export function checkStatedReason(stated: StatedReason, mayState: boolean): void {
  const given = stated.purpose !== undefined || stated.legalBasis !== undefined || stated.embargoUntil !== undefined;
  if (!given) return;
  if (!mayState) throw badRequest('purpose_not_for_you', 'Only an agency states a purpose, legal basis or embargo for its read.');
  if (stated.embargoUntil === undefined) return;
  if (!stated.purpose || !stated.legalBasis)
    throw badRequest('embargo_needs_grounds', 'An embargo needs the purpose and the legal basis of the read.', [
      { path: '/query/embargoUntil', code: 'embargo_needs_grounds', message: 'give purpose and legalBasis with embargoUntil' },
    ]);
  const today = rigaToday();
  if (!(stated.embargoUntil > today && stated.embargoUntil <= addDays(today, MAX_EMBARGO_DAYS)))
    throw badRequest('invalid_embargo', 'An embargo ends on a day after today and within ten years.', [
      { path: '/query/embargoUntil', code: 'invalid_embargo', message: 'a day after today, at most ten years ahead' },
    ]);
}

/** The read's audit row with what was stated, and when an embargo was stated, the row that records setting it. */
export function withStatedReason(entry: AuditEntry, stated: StatedReason): AuditEntry[] {
  const extra = {
    ...(stated.legalBasis ? { legalBasis: stated.legalBasis } : {}),
    ...(stated.caseId ? { caseId: stated.caseId } : {}),
    ...(stated.embargoUntil ? { embargoUntil: stated.embargoUntil } : {}),
  };
  const read: AuditEntry = { ...entry, purpose: stated.purpose ?? entry.purpose, details: { ...entry.details, ...extra } };
  if (!stated.embargoUntil) return [read];
  const embargo: AuditEntry = {
    ...entry,
    action: 'create',
    resource: `embargo:${entry.resource}`,
    purpose: EMBARGO_SET,
    details: { ...entry.details, ...extra, readPurpose: stated.purpose },
  };
  return [read, embargo];
}
