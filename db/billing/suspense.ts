// The suspense_entries table (migrations 0004 and 0011): money the platform received but could not book onto an
// invoice (statement credits without a usable reference, cancelled invoices, other currencies, credits of a debit
// entry) and the surplus of overpayments from every source. Each entry belongs to the agency that owns the account.
import type { Pool, PoolClient } from 'pg';
import type { SuspenseEntry } from '../../forms/types/api';
import type { Validated } from '../../forms/types/validated';

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

/** A page of the agency's entries, newest first, and how many match in all. */
export async function listSuspense(
  pool: Pool,
  agencyId: string,
  q: Validated<'suspense-list-query'>,
): Promise<{ items: SuspenseEntry[]; total: number }> {
  const where = `agency_id = $1 AND ($2 = 'all' OR status = $2) AND ($3::uuid IS NULL OR statement_id = $3)`;
  const params = [agencyId, q.status, q.statementId ?? null];
  const { rows } = await pool.query<SuspenseEntryRow & { total: string }>(
    `SELECT *, count(*) OVER () AS total FROM suspense_entries WHERE ${where} ORDER BY booked_at DESC, id LIMIT $4 OFFSET $5`,
    [...params, q.limit, q.offset],
  );
  let total = rows.length ? Number(rows[0].total) : 0;
  if (rows.length === 0 && q.offset > 0)
    total = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM suspense_entries WHERE ${where}`, params)).rows[0].n);
  return { items: rows.map(presentSuspense), total };
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
