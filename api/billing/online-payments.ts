// Online payments (issue 6, paying (a)): starting one at the bank link, and applying the bank's verified callbacks.
// A callback may arrive twice, late or out of order; each changes the books at most once:
//   - succeeded books the amount with sourceRef `online:<bank payment id>` (payments.source_ref is UNIQUE, so a
//     repeat books nothing) and is final: money moved, whatever arrives afterwards;
//   - failed marks an initiated payment failed, and is ignored after success (late) or after a failure (repeat);
//   - succeeded after failed is accepted (the payer tried again on the same payment page, or the callbacks crossed).
// Callbacks of one payment are serialised by a row lock on online_payments, so duplicates arriving together are safe.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { ApiError, conflict, unprocessable, type ErrorDetail } from '../platform/errors';
import { recordPayment } from '../../db/billing/payments';
import type { Invoice, PaymentCallbackResult, PersonType } from '../../forms/types/api';
import {
  expireStaleOnlinePayments,
  insertInitiatedOnlinePayment,
  linkBankPayment,
  loadOnlinePayment,
  lockOnlinePaymentByBankId,
  markOnlinePaymentFailed,
  markOnlinePaymentSucceeded,
  onlinePaymentInFlight,
  type OnlinePaymentRow,
} from '../../db/billing/online-payments';
import { sequelizeOf } from '../../db/connection';
import { SystemRejectedError, SystemUnavailableError } from '../../activities/adapters/contracts/common';
import type { PaymentCallback, PaymentInitiation } from '../../activities/adapters/contracts/payment-initiation';
import { inTransaction } from '../../db/transaction';

/** What a callback did (forms/api/payment-callback-result.schema.json says what each means). */
export type CallbackOutcome = PaymentCallbackResult['outcome'];

const cents = (eur: string | number) => Math.round(Number(eur) * 100);

/**
 * The online payment's id, derived from who started it, for which invoice, under which Idempotency-Key: a repeated
 * request finds the same row (online_payments has no key column) and the bank gets the same idempotency key.
 * A UUID with version 8 (custom) and the RFC 9562 variant.
 */
export function onlinePaymentId(invoiceId: string, startedBy: string, idempotencyKey: string): string {
  const h = crypto.createHash('sha256').update(`online-payment\n${invoiceId}\n${startedBy}\n${idempotencyKey}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface StartOnlinePayment {
  invoice: Invoice;
  startedBy: string;
  idempotencyKey: string;
  returnUrl(onlinePaymentId: string): string;
  callbackUrl: string;
  requestId?: string;
}

/**
 * How long a payment started at the bank link counts as in flight: the bank's payment page has expired by then, so a
 * payer who left it may start again. (A late success of the expired one still books; any surplus goes to suspense.)
 */
export const IN_FLIGHT_MINUTES = 30;

/**
 * The payment to use for this request: the one made before under the same key, else a new one, else — when another
 * payment of the invoice is still in flight (a second tab) — that one. At most one payment per invoice is in flight
 * (the unique index online_payments_one_in_flight), so two starts at once never give two payments to capture.
 */
async function paymentInFlight(pool: Pool, invoice: Invoice, id: string, startedBy: string): Promise<OnlinePaymentRow> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const found = await loadOnlinePayment(pool, id);
    if (found) return found;
    if (invoice.status === 'paid' || invoice.status === 'cancelled' || invoice.totals.due <= 0) {
      throw conflict('invoice_closed', `The invoice is ${invoice.status}: there is nothing to pay.`);
    }
    await expireStaleOnlinePayments(pool, invoice.id, IN_FLIGHT_MINUTES);
    const amount = (cents(invoice.totals.due) / 100).toFixed(2);
    if (await insertInitiatedOnlinePayment(pool, { id, invoiceId: invoice.id, amount, createdBy: startedBy }))
      return (await loadOnlinePayment(pool, id)) as OnlinePaymentRow;
    const inFlight = await onlinePaymentInFlight(pool, invoice.id);
    if (inFlight) return inFlight;
    // the one in flight ended in between: try again
  }
  throw conflict('online_payment_in_flight', 'Another online payment of this invoice is in progress; try again in a moment.');
}

/** Creates (or finds again) the online payment for the amount due and registers it at the bank. */
export async function startOnlinePayment(
  pool: Pool,
  bank: PaymentInitiation,
  input: StartOnlinePayment,
): Promise<{ row: OnlinePaymentRow; redirectUrl: string; created: boolean }> {
  const { invoice } = input;
  let row = await paymentInFlight(pool, invoice, onlinePaymentId(invoice.id, input.startedBy, input.idempotencyKey), input.startedBy);
  const id = row.id;

  let initiated;
  try {
    // The same key for every repeat of this request: the bank answers the payment it registered the first time.
    initiated = await bank.initiate(
      {
        amountCents: cents(row.amount),
        currency: row.currency,
        reference: row.payment_reference,
        description: `${invoice.number} ${invoice.creditor.name}`.slice(0, 140),
        returnUrl: input.returnUrl(id),
        callbackUrl: input.callbackUrl,
      },
      { idempotencyKey: `online-payment:${id}`, requestId: input.requestId },
    );
  } catch (err) {
    if (err instanceof SystemUnavailableError) {
      throw new ApiError(
        503,
        'payment_provider_unavailable',
        'The bank link does not answer at the moment; try again shortly (nothing was charged).',
        [],
        { 'Retry-After': '10' },
      );
    }
    if (err instanceof SystemRejectedError) {
      throw new ApiError(502, 'payment_provider_rejected', `The bank link refused the payment: ${err.message}`);
    }
    throw err;
  }
  // Created means: registered at the bank by this request (a first attempt the bank did not answer does not count).
  let created = false;
  if (row.provider_txn_id === null) {
    created = await linkBankPayment(pool, id, initiated.paymentId);
    row = (await loadOnlinePayment(pool, id)) as OnlinePaymentRow;
  }
  if (row.provider_txn_id !== initiated.paymentId) {
    throw new ApiError(
      502,
      'payment_provider_inconsistent',
      'The bank link answered another payment for the same request; nothing was changed.',
    );
  }
  return { row, redirectUrl: initiated.redirectUrl, created };
}

export interface AppliedCallback {
  outcome: CallbackOutcome;
  row: OnlinePaymentRow;
  payer: { type: PersonType; id: string; name: string };
}

/** Applies one verified callback in one transaction; throws 404 (unknown payment) or 422 (mismatch), booking nothing. */
export async function applyPaymentCallback(pool: Pool, cb: PaymentCallback, recordedBy: string): Promise<AppliedCallback> {
  const sequelize = sequelizeOf(pool);
  const applied = await inTransaction(pool, async (client, transaction) => {
    const op = await lockOnlinePaymentByBankId(client, cb.paymentId);
    if (!op) throw new ApiError(404, 'unknown_payment', `No online payment ${cb.paymentId} was started here.`);
    const mismatches: ErrorDetail[] = [];
    if (cb.amountCents !== cents(op.amount))
      mismatches.push({ path: '/amount', code: 'amount_mismatch', message: `expected ${op.amount}` });
    if (cb.currency !== op.currency) mismatches.push({ path: '/currency', code: 'currency_mismatch', message: `expected ${op.currency}` });
    if (cb.reference !== op.payment_reference)
      mismatches.push({ path: '/reference', code: 'reference_mismatch', message: "not the invoice's payment reference" });
    if (mismatches.length)
      throw unprocessable('callback_mismatch', 'The callback does not match the payment that was started; nothing was booked.', mismatches);

    let outcome: CallbackOutcome;
    if (cb.status === 'succeeded') {
      const paidAt = cb.paidAt ?? new Date();
      // Money moved: what the invoice cannot take (paid meanwhile, or cancelled) waits in suspense for a refund.
      const booked = await recordPayment(client, {
        invoiceId: op.invoice_id,
        amountCents: cb.amountCents,
        source: 'online',
        sourceRef: `online:${cb.paymentId}`,
        bookedAt: paidAt,
        payerName: op.payer_name,
        recordedBy,
        suspendIfCancelled: true,
      });
      if (booked.recorded) outcome = booked.bookedCents > 0 ? 'booked' : 'suspended';
      else outcome = booked.reason === 'cancelled' ? 'invoice_cancelled' : 'duplicate';
      if (op.status !== 'succeeded') {
        await markOnlinePaymentSucceeded(sequelize, transaction, op.id, paidAt);
      }
    } else if (op.status === 'initiated') {
      await markOnlinePaymentFailed(sequelize, transaction, op.id);
      outcome = 'failed_recorded';
    } else {
      outcome = op.status === 'succeeded' ? 'ignored_late_failed' : 'ignored_repeat_failed';
    }
    return { outcome, id: op.id, payer: { type: op.payer_type, id: op.payer_id, name: op.payer_name } };
  });
  const row = (await loadOnlinePayment(pool, applied.id)) as OnlinePaymentRow;
  return { outcome: applied.outcome, row, payer: applied.payer };
}
