// The suspense list: statement credits the import could not book onto an invoice (unknown or missing reference,
// a cancelled invoice, another currency, a credit in a debit entry) and the excess of overpayments from every
// source (a statement, an online payment, the counter: source says which). The agency that owns the account resolves
// each one: booked onto one of its invoices (a payment with source 'suspense' through recordPayment) or refunded.
import type { Pool } from 'pg';
import { ApiError, conflict, notFound, unprocessable } from '../../platform/errors';
import { recordPayment } from '../../../db/billing/payments';
import { closeSuspenseEntry, lockSuspenseEntry } from '../../../db/billing/suspense';
import { invoiceAgencyId, invoicePaymentState } from '../../../db/billing/invoice-reads';
import { inTransaction } from '../../../db/transaction';
import type { PostSuspenseIdResolveResponse, SuspenseResolve } from '../../../forms/types/api';

export { listSuspense } from '../../../db/billing/suspense';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Resolves an open entry of the agency: books it onto one of its invoices or marks it refunded; one transaction. */
export async function resolveSuspense(
  pool: Pool,
  input: { id: string; agencyId: string; by: string; resolution: SuspenseResolve },
): Promise<PostSuspenseIdResolveResponse> {
  if (!UUID.test(input.id)) throw notFound('suspense entry');
  return inTransaction(pool, async (client) => {
    const entry = await lockSuspenseEntry(client, input.id, input.agencyId);
    if (!entry) throw notFound('suspense entry');
    if (entry.status !== 'open') throw conflict('suspense_closed', `The entry is ${entry.status} already.`);
    const r = input.resolution;
    let invoice: PostSuspenseIdResolveResponse['invoice'] = null;
    if ('invoiceId' in r) {
      const unknownInvoice = unprocessable('unknown_invoice', 'No such invoice of your agency.', [
        { path: '/invoiceId', code: 'unknown_invoice', message: 'not an invoice of your agency' },
      ]);
      if (!UUID.test(r.invoiceId)) throw unknownInvoice;
      if ((await invoiceAgencyId(client, r.invoiceId)) !== input.agencyId) throw unknownInvoice;
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
      invoice = await invoicePaymentState(client, r.invoiceId);
    }
    const refunded = 'refund' in r;
    const entryAfter = await closeSuspenseEntry(client, {
      id: entry.id,
      status: refunded ? 'refunded' : 'resolved',
      invoiceId: 'invoiceId' in r ? r.invoiceId : null,
      by: input.by,
      note: r.note,
    });
    return { entry: entryAfter, invoice };
  });
}
