// The suspense list: statement credits the import could not book onto an invoice (unknown or missing reference,
// a cancelled invoice, another currency, a credit in a debit entry) and the excess of overpayments from every
// source (a statement, an online payment, the counter: source says which). The agency that owns the account resolves
// each one: booked onto one of its invoices (a payment with source 'suspense' through recordPayment) or refunded.
import type { Pool } from 'pg';
import { ApiError, conflict, notFound, unprocessable } from '../../platform/errors';
import { recordPayment } from '../../../db/billing/invoices';
import { inTransaction } from '../../../db/transaction';

export interface SuspenseView {
  id: string;
  statementId: string | null;
  source: string;
  reason: string;
  amount: number;
  currency: string;
  reference: string | null;
  remittance: string | null;
  debtorName: string | null;
  bookedAt: string;
  status: 'open' | 'resolved' | 'refunded';
  resolvedInvoiceId: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function presentSuspense(r: Record<string, unknown>): SuspenseView {
  return {
    id: r.id as string,
    statementId: r.statement_id as string | null,
    source: r.source as string,
    reason: r.reason as string,
    amount: Number(r.amount),
    currency: r.currency as string,
    reference: r.reference as string | null,
    remittance: r.remittance as string | null,
    debtorName: r.debtor_name as string | null,
    bookedAt: (r.booked_at as Date).toISOString(),
    status: r.status as SuspenseView['status'],
    resolvedInvoiceId: r.resolved_invoice_id as string | null,
    resolvedBy: r.resolved_by as string | null,
    resolvedAt: r.resolved_at ? (r.resolved_at as Date).toISOString() : null,
    note: r.note as string | null,
  };
}

export interface SuspenseQuery {
  status: string;
  limit: number;
  offset: number;
  statementId?: string;
}

export async function listSuspense(pool: Pool, agencyId: string, q: SuspenseQuery): Promise<{ items: SuspenseView[]; total: number }> {
  const where = `agency_id = $1 AND ($2 = 'all' OR status = $2) AND ($3::uuid IS NULL OR statement_id = $3)`;
  const params = [agencyId, q.status, q.statementId ?? null];
  const { rows } = await pool.query(
    `SELECT *, count(*) OVER () AS total FROM suspense_entries WHERE ${where} ORDER BY booked_at DESC, id LIMIT $4 OFFSET $5`,
    [...params, q.limit, q.offset],
  );
  let total = rows.length ? Number(rows[0].total) : 0;
  if (rows.length === 0 && q.offset > 0)
    total = Number((await pool.query(`SELECT count(*) AS n FROM suspense_entries WHERE ${where}`, params)).rows[0].n);
  return { items: rows.map(presentSuspense), total };
}

export type Resolution = { invoiceId: string; refund?: undefined; note: string } | { refund: true; invoiceId?: undefined; note: string };

export interface ResolveOutcome {
  entry: SuspenseView;
  invoice: { id: string; status: string; amountPaid: number; total: number } | null;
}

/** Resolves an open entry of the agency: books it onto one of its invoices or marks it refunded; one transaction. */
export async function resolveSuspense(
  pool: Pool,
  input: { id: string; agencyId: string; by: string; resolution: Resolution },
): Promise<ResolveOutcome> {
  if (!UUID.test(input.id)) throw notFound('suspense entry');
  return inTransaction(pool, async (client) => {
    const found = await client.query('SELECT * FROM suspense_entries WHERE id = $1 AND agency_id = $2 FOR UPDATE', [
      input.id,
      input.agencyId,
    ]);
    const entry = found.rows[0];
    if (!entry) throw notFound('suspense entry');
    if (entry.status !== 'open') throw conflict('suspense_closed', `The entry is ${entry.status} already.`);
    const r = input.resolution;
    let invoice: ResolveOutcome['invoice'] = null;
    if (r.invoiceId !== undefined) {
      const unknownInvoice = unprocessable('unknown_invoice', 'No such invoice of your agency.', [
        { path: '/invoiceId', code: 'unknown_invoice', message: 'not an invoice of your agency' },
      ]);
      if (!UUID.test(r.invoiceId)) throw unknownInvoice;
      const inv = (await client.query('SELECT agency_id FROM invoices WHERE id = $1', [r.invoiceId])).rows[0];
      if (!inv || inv.agency_id !== input.agencyId) throw unknownInvoice;
      if (entry.currency !== 'EUR') {
        throw conflict('currency_not_bookable', `Invoices are in EUR; an amount in ${entry.currency} can only be refunded.`);
      }
      const outcome = await recordPayment(client, {
        invoiceId: r.invoiceId,
        amountCents: Math.round(Number(entry.amount) * 100),
        source: 'suspense',
        sourceRef: `suspense:${entry.id}`,
        bookedAt: entry.booked_at,
        payerName: entry.debtor_name,
        statementId: entry.statement_id,
        recordedBy: input.by,
      });
      if (!outcome.recorded && outcome.reason === 'cancelled')
        throw new ApiError(409, 'invoice_cancelled', 'The invoice is cancelled; nothing was booked.');
      if (!outcome.recorded && outcome.reason === 'not_found') throw unknownInvoice;
      const after = (await client.query('SELECT status, amount_paid, total FROM invoices WHERE id = $1', [r.invoiceId])).rows[0];
      invoice = { id: r.invoiceId, status: after.status, amountPaid: Number(after.amount_paid), total: Number(after.total) };
    }
    const updated = await client.query(
      `UPDATE suspense_entries SET status = $2, resolved_invoice_id = $3, resolved_by = $4, resolved_at = now(), note = $5
       WHERE id = $1 RETURNING *`,
      [entry.id, r.refund ? 'refunded' : 'resolved', r.invoiceId ?? null, input.by, r.note],
    );
    return { entry: presentSuspense(updated.rows[0]), invoice };
  });
}
