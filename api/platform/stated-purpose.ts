// What an agency states when it reads a person's data through the API: its purpose, the legal basis, and for a
// covert read (a criminal investigation, say) the day until which the person is not shown it ("who used my data"
// hides the read until then). Setting an embargo is itself put on record, as its own audit row.
import type { AuditEntry } from '../../db/audit';
import { badRequest } from './errors';

export interface StatedPurpose {
  purpose?: string | undefined;
  legalBasis?: string | undefined;
  embargoUntil?: string | undefined;
}

const MAX_EMBARGO_DAYS = 3653;

/** Checks what was stated (400 when an embargo lacks its grounds or its date is not ahead). */
export function checkStatedPurpose(stated: StatedPurpose, mayState: boolean): void {
  const given = stated.purpose !== undefined || stated.legalBasis !== undefined || stated.embargoUntil !== undefined;
  if (!given) return;
  if (!mayState) throw badRequest('purpose_not_for_you', 'Only an agency states a purpose, legal basis or embargo for its read.');
  if (stated.embargoUntil === undefined) return;
  if (!stated.purpose || !stated.legalBasis)
    throw badRequest('embargo_needs_grounds', 'An embargo needs the purpose and the legal basis of the read.', [
      { path: '/query/embargoUntil', code: 'embargo_needs_grounds', message: 'give purpose and legalBasis with embargoUntil' },
    ]);
  const days = (Date.parse(`${stated.embargoUntil}T00:00:00Z`) - Date.now()) / 86_400_000;
  if (!(days > 0 && days <= MAX_EMBARGO_DAYS))
    throw badRequest('invalid_embargo', 'An embargo ends on a day after today and within ten years.', [
      { path: '/query/embargoUntil', code: 'invalid_embargo', message: 'a day after today, at most ten years ahead' },
    ]);
}

/** The read's audit row with what was stated, and when an embargo was stated, the row that records setting it. */
export function withStatedPurpose(entry: AuditEntry, stated: StatedPurpose): AuditEntry[] {
  const extra = {
    ...(stated.legalBasis ? { legalBasis: stated.legalBasis } : {}),
    ...(stated.embargoUntil ? { embargoUntil: stated.embargoUntil } : {}),
  };
  const read: AuditEntry = { ...entry, purpose: stated.purpose ?? entry.purpose, details: { ...entry.details, ...extra } };
  if (!stated.embargoUntil) return [read];
  return [
    read,
    {
      ...entry,
      action: 'create',
      resource: `embargo:${entry.resource}`,
      purpose: 'embargo-set',
      details: { ...entry.details, ...extra, readPurpose: stated.purpose },
    },
  ];
}
