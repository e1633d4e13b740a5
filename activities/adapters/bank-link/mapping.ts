// Pure mapping between the payment-initiation contract and the bank-link wire format (simulators/payment-initiation):
// amounts travel as decimal strings ("36.05"), callbacks are JSON signed with `X-Signature: sha256=<hex HMAC>`.
import crypto from 'node:crypto';
import type { InitiatedPayment, PaymentCallback, PaymentRequest } from '../contracts/payment-initiation';

export interface WirePaymentRequest {
  amount: string;
  currency: string;
  reference: string;
  description: string;
  returnUrl: string;
  callbackUrl: string;
  merchantId: string;
}

export interface WireInitiated {
  paymentId: string;
  redirectUrl: string;
}

export interface WireCallback {
  paymentId: string;
  merchantId: string;
  reference: string;
  amount: string;
  currency: string;
  status: 'succeeded' | 'failed';
  paidAt: string | null;
  sequence: number;
}

const AMOUNT = /^(0|[1-9][0-9]{0,11})\.[0-9]{2}$/;

export function toWireAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents <= 0) throw new RangeError(`amount must be a positive whole number of cents, not ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** Cents of a wire amount, or null when it is not "<euros>.<two digits>". */
export function fromWireAmount(amount: unknown): number | null {
  if (typeof amount !== 'string' || !AMOUNT.test(amount)) return null;
  const [euros, cents] = amount.split('.');
  return Number(euros) * 100 + Number(cents);
}

export function toWireRequest(request: PaymentRequest, merchantId: string): WirePaymentRequest {
  return {
    amount: toWireAmount(request.amountCents),
    currency: request.currency,
    reference: request.reference,
    description: request.description,
    returnUrl: request.returnUrl,
    callbackUrl: request.callbackUrl,
    merchantId,
  };
}

export function toInitiated(wire: WireInitiated): InitiatedPayment {
  return { paymentId: wire.paymentId, redirectUrl: wire.redirectUrl };
}

/** The hex HMAC-SHA256 the bank puts after "sha256=" in X-Signature. */
export function signatureOf(rawBody: Buffer, secret: string): string {
  return crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
}

/** The hex digest of an X-Signature header value, or null when the header is absent or not "sha256=<64 hex>". */
export function signatureFromHeader(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  const match = value === undefined ? null : /^sha256=([0-9a-fA-F]{64})$/.exec(value.trim());
  return match ? match[1].toLowerCase() : null;
}

/** The callback in contract form plus its merchant, or the list of problems with it. */
export function fromWireCallback(body: unknown): { callback: PaymentCallback; merchantId: string } | { problems: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { problems: ['the callback must be a JSON object'] };
  const w = body as Record<string, unknown>;
  const problems: string[] = [];
  const text = (name: string, max = 200) => {
    const v = w[name];
    if (typeof v !== 'string' || v === '' || v.length > max) problems.push(`${name} must be a non-empty text`);
    return v as string;
  };
  const paymentId = text('paymentId');
  const merchantId = text('merchantId');
  const reference = text('reference', 35);
  const currency = text('currency', 3);
  const amountCents = fromWireAmount(w.amount);
  if (amountCents === null || amountCents <= 0) problems.push('amount must be a positive decimal text with two decimals, e.g. "36.05"');
  const status = w.status;
  if (status !== 'succeeded' && status !== 'failed') problems.push('status must be succeeded or failed');
  const sequence = w.sequence;
  if (!Number.isSafeInteger(sequence) || (sequence as number) < 1) problems.push('sequence must be a positive integer');
  let paidAt: Date | null = null;
  if (status === 'succeeded') {
    paidAt = typeof w.paidAt === 'string' ? new Date(w.paidAt) : null;
    if (!paidAt || Number.isNaN(paidAt.getTime())) problems.push('paidAt must be a date-time for a succeeded payment');
  }
  if (problems.length) return { problems };
  return {
    merchantId,
    callback: {
      paymentId,
      reference,
      amountCents: amountCents as number,
      currency,
      status: status as 'succeeded' | 'failed',
      paidAt,
      sequence: sequence as number,
    },
  };
}
