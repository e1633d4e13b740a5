// The suspense_entries table (migrations 0004 and 0011): money the platform received but could not book onto an
// invoice (statement credits without a usable reference, cancelled invoices, other currencies, credits of a debit
// entry) and the surplus of overpayments from every source. Each entry belongs to the agency that owns the account.
import type { Pool, PoolClient } from 'pg';
import type { SuspenseEntry } from '../../forms/types/api';
import type { Validated } from '../../forms/types/validated';
import { afterPosition, countUpTo, exactTime, type KeysetPosition, type ListTotal, type Paging } from '../paging';

/** A row of suspense_entries as SQL returns it. */
export interface SuspenseEntryRow {
  id: string;
  statement_id: string | null;
  source: SuspenseEntry['source'];
  source_ref: string;
  agency_id: string | null;
  reason: SuspenseEntry['reason'];
  amount: string;
  currency: string;
  reference: string | null;
  remittance: string | null;
  debtor_name: string | null;
  booked_at: Date;
  status: SuspenseEntry['status'];
  resolved_invoice_id: string | null;
  resolved_by: string | null;
  resolved_at: Date | null;
  note: string | null;
}

export function presentSuspense(r: SuspenseEntryRow): SuspenseEntry {
  return {
    id: r.id,
    statementId: r.statement_id,
    source: r.source,
    reason: r.reason,
    amount: Number(r.amount),
    currency: r.currency,
    reference: r.reference,
    remittance: r.remittance,
    debtorName: r.debtor_name,
    bookedAt: r.booked_at.toISOString(),
    status: r.status,
    resolvedInvoiceId: r.resolved_invoice_id,
    resolvedBy: r.resolved_by,
    resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
    note: r.note,
  };
}

/** A page of the agency's entries, newest booking first (then the newest id), after the previous page's last. */
export async function listSuspense(
  pool: Pool,
  agencyId: string,
  q: Pick<Validated<'suspense-list-query'>, 'status' | 'statementId'>,
  paging: Paging,
): Promise<{ items: SuspenseEntry[]; more: boolean; last?: KeysetPosition; total?: ListTotal }> {
  const where = ['agency_id = $1'];
  const params: unknown[] = [agencyId];
  if (q.status !== 'all') {
    params.push(q.status);
    where.push(`status = $${params.length}`);
  }
  if (q.statementId) {
    params.push(q.statementId);
    where.push(`statement_id = $${params.length}`);
  }
  const total = paging.count
    ? await countUpTo(pool, `FROM suspense_entries WHERE ${where.join(' AND ')}`, params, paging.countThreshold)
    : undefined;
  if (paging.after) where.push(afterPosition(['booked_at', 'id'], paging.after, params));
  params.push(paging.limit + 1);
  const { rows } = await pool.query<SuspenseEntryRow & { booked_at_exact: string }>(
    `SELECT *, ${exactTime('booked_at')} AS booked_at_exact FROM suspense_entries WHERE ${where.join(' AND ')}
      ORDER BY booked_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, paging.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentSuspense),
    more: rows.length > paging.limit,
    ...(last ? { last: { at: last.booked_at_exact, id: last.id } } : {}),
    ...(total ? { total } : {}),
  };
}

/** The agency's entry, locked for the caller's transaction; null when the agency has no such entry. */
export async function lockSuspenseEntry(client: PoolClient, id: string, agencyId: string): Promise<SuspenseEntryRow | null> {
  const { rows } = await client.query<SuspenseEntryRow>('SELECT * FROM suspense_entries WHERE id = $1 AND agency_id = $2 FOR UPDATE', [
    id,
    agencyId,
  ]);
  return rows[0] ?? null;
}

/** Closes the entry: resolved onto an invoice, or refunded. */
export async function closeSuspenseEntry(
  client: PoolClient,
  c: { id: string; status: 'resolved' | 'refunded'; invoiceId: string | null; by: string; note: string },
): Promise<SuspenseEntry> {
  const { rows } = await client.query<SuspenseEntryRow>(
    `UPDATE suspense_entries SET status = $2, resolved_invoice_id = $3, resolved_by = $4, resolved_at = now(), note = $5
     WHERE id = $1 RETURNING *`,
    [c.id, c.status, c.invoiceId, c.by, c.note],
  );
  return presentSuspense(rows[0]);
}
