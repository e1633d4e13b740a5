// Role: payment initiation, a bank link or a card gateway. The payer is sent (redirected) to the system's
// payment page; the system reports the outcome to the platform in a signed callback, which may arrive twice, late
// or out of order. The platform books from verified callbacks only, once per payment (see
// api/billing/online-payment-routes.ts).
import type { CallContext, ConfigCheck } from './common';

export interface PaymentRequest {
  /** Whole cents, more than zero. */
  amountCents: number;
  currency: string;
  /** The invoice's ISO 11649 payment reference ("RF…"), carried to the payer's bank. */
  reference: string;
  /** What the payer sees on the payment page and in the bank statement. */
  description: string;
  /** Where the system sends the payer's browser back, with `paymentId` and `status` added to the query. */
  returnUrl: string;
  /** Where the system posts its signed callbacks. */
  callbackUrl: string;
}

export interface InitiatedPayment {
  /** The system's id of the payment; callbacks name it. The same idempotency key answers the same id. */
  paymentId: string;
  /** The payment page to send the payer's browser to. */
  redirectUrl: string;
}

export type PaymentOutcome = 'succeeded' | 'failed';

/** A callback whose signature has been verified. */
export interface PaymentCallback {
  paymentId: string;
  reference: string;
  amountCents: number;
  currency: string;
  status: PaymentOutcome;
  /** When the money moved; null for a failed attempt. */
  paidAt: Date | null;
  /** The system's event number within the payment (1, 2, …): a later event has a higher number. */
  sequence: number;
}

export type CallbackRejection = 'bad_signature' | 'malformed' | 'foreign_merchant';

/** A callback that did not come from the system, or not for us: never book it, never retry it. */
export class CallbackRejectedError extends Error {
  constructor(
    readonly system: string,
    readonly reason: CallbackRejection,
    message: string,
  ) {
    super(`${system}: ${message}`);
    this.name = 'CallbackRejectedError';
  }
}

export interface PaymentInitiation extends ConfigCheck {
  /** Registers a payment and answers where to send the payer. Idempotent on ctx.idempotencyKey. */
  initiate(request: PaymentRequest, ctx: CallContext): Promise<InitiatedPayment>;
  /**
   * Checks the callback's signature over the raw body exactly as received, then reads it. Throws
   * CallbackRejectedError (nothing in an unverified body is trusted) or SystemUnavailableError (cannot check now).
   * Stateless: the same genuine callback verifies every time it arrives; counting it once is the caller's job.
   */
  verifyCallback(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<PaymentCallback>;
}
