// Booking a payment onto an invoice, from every source (the counter, an online payment, a resolved suspense entry):
// one invoice at a time, under its row lock, inside the caller's transaction. A bank statement books its chunks
// set-based instead (reconcile.ts), with the same outcome.
import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import type { InvoiceStatus } from '../../forms/types/api';
import type { PaymentSource } from './invoice-model';

const cents = (eur: number) => Math.round(eur * 100);

export interface PaymentInput {
  invoiceId: string;
  amountCents: number;
  source: PaymentSource;
  sourceRef: string;
  bookedAt: Date;
  payerName?: string | null;
  statementId?: string | null;
  recordedBy: string;
  /** Money that already moved (an online payment): on a cancelled invoice it is kept in suspense for a refund. */
  suspendIfCancelled?: boolean;
}

export type PaymentOutcome =
  | {
      recorded: true;
      invoiceId: string;
      status: InvoiceStatus;
      amountPaidCents: number;
      totalCents: number;
      bookedCents: number;
      overpaidCents: number;
    }
  | { recorded: false; reason: 'duplicate' | 'cancelled' | 'not_found' };

/**
 * Books one payment against an invoice inside the caller's transaction; the same sourceRef books only once. The
 * invoice takes at most what is still due: any surplus (a card payment after a bank transfer, a second payment)
 * goes to the suspense list as an overpayment for the agency to refund, under the same sourceRef.
 */
export async function recordPayment(client: PoolClient, p: PaymentInput): Promise<PaymentOutcome> {
  const inv = (
    await client.query<{ status: InvoiceStatus; total: string; amount_paid: string; agency_id: string; payment_reference: string }>(
      'SELECT status, total, amount_paid, agency_id, payment_reference FROM invoices WHERE id = $1 FOR UPDATE',
      [p.invoiceId],
    )
  ).rows[0];
  if (!inv) return { recorded: false, reason: 'not_found' };
  const seen = await client.query(
    'SELECT 1 FROM payments WHERE source_ref = $1 UNION ALL SELECT 1 FROM suspense_entries WHERE source_ref = $1 LIMIT 1',
    [p.sourceRef],
  );
  if (seen.rowCount) return { recorded: false, reason: 'duplicate' };
  const park = (reason: 'overpayment' | 'cancelled_invoice', amountCents: number) =>
    client.query(
      `INSERT INTO suspense_entries (id, statement_id, source_ref, agency_id, reason, amount, currency, reference, debtor_name, booked_at, source)
     VALUES ($1, $2, $3, $4, $5, $6, 'EUR', $7, $8, $9, $10) ON CONFLICT (source_ref) DO NOTHING`,
      [
        crypto.randomUUID(),
        p.statementId ?? null,
        p.sourceRef,
        inv.agency_id,
        reason,
        (amountCents / 100).toFixed(2),
        inv.payment_reference,
        p.payerName ?? null,
        p.bookedAt,
        p.source,
      ],
    );
  if (inv.status === 'cancelled') {
    if (p.suspendIfCancelled) await park('cancelled_invoice', p.amountCents);
    return { recorded: false, reason: 'cancelled' };
  }
  const totalCents = cents(Number(inv.total));
  const bookedCents = Math.min(p.amountCents, Math.max(0, totalCents - cents(Number(inv.amount_paid))));
  const overpaidCents = p.amountCents - bookedCents;
  if (bookedCents > 0) {
    const inserted = await client.query(
      `INSERT INTO payments (id, invoice_id, source, source_ref, amount, currency, booked_at, payer_name, statement_id, recorded_by)
       VALUES ($1, $2, $3, $4, $5, 'EUR', $6, $7, $8, $9) ON CONFLICT (source_ref) DO NOTHING`,
      [
        crypto.randomUUID(),
        p.invoiceId,
        p.source,
        p.sourceRef,
        (bookedCents / 100).toFixed(2),
        p.bookedAt,
        p.payerName ?? null,
        p.statementId ?? null,
        p.recordedBy,
      ],
    );
    if (inserted.rowCount === 0) return { recorded: false, reason: 'duplicate' };
  }
  if (overpaidCents > 0) await park('overpayment', overpaidCents);
  const paidCents = cents(Number(inv.amount_paid)) + bookedCents;
  const status = paidCents >= totalCents ? 'paid' : inv.status === 'overdue' ? 'overdue' : 'partly_paid';
  if (bookedCents > 0) {
    await client.query('UPDATE invoices SET amount_paid = $2, status = $3, last_paid_at = GREATEST(last_paid_at, $4) WHERE id = $1', [
      p.invoiceId,
      (paidCents / 100).toFixed(2),
      status,
      p.bookedAt,
    ]);
  }
  return { recorded: true, invoiceId: p.invoiceId, status, amountPaidCents: paidCents, totalCents, bookedCents, overpaidCents };
}
