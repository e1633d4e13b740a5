// Payment-initiation role backed by a bank link / card gateway over HTTP (in development:
// simulators/payment-initiation). Initiation is idempotent on the CallContext's key: the gateway answers a repeated
// key with the first payment. Callbacks are verified with HMAC-SHA256 over the raw body and the shared secret,
// compared in constant time, before a single field of them is read.
import crypto from 'node:crypto';
import { SystemUnavailableError, type CallContext } from '../contracts/common';
import {
  CallbackRejectedError,
  type InitiatedPayment,
  type PaymentCallback,
  type PaymentInitiation,
  type PaymentRequest,
} from '../contracts/payment-initiation';
import { HttpJsonClient, type HttpAdapterOptions } from '../http-json';
import { fromWireCallback, signatureFromHeader, signatureOf, toInitiated, toWireRequest, type WireInitiated } from './mapping';

export const BANK_LINK = 'bank-link';

export interface BankLinkOptions extends HttpAdapterOptions {
  /** The HMAC secret shared with the gateway (PAYMENT_INITIATION_SECRET). */
  secret: string;
  /** The platform's merchant id at the gateway (PAYMENT_INITIATION_MERCHANT_ID). */
  merchantId: string;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | string[] | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

export function createBankLink(options: BankLinkOptions): PaymentInitiation {
  const http = new HttpJsonClient(BANK_LINK, options);
  const secret = options.secret;
  return {
    async initiate(request: PaymentRequest, ctx: CallContext): Promise<InitiatedPayment> {
      // An invalid request (amount, reference, URLs) answers 4xx: SystemRejectedError, since retrying cannot help.
      const initiated = toInitiated(await http.post<WireInitiated>('payments', toWireRequest(request, options.merchantId), ctx));
      if (typeof initiated.paymentId !== 'string' || initiated.paymentId === '' || !/^https?:\/\//.test(String(initiated.redirectUrl))) {
        throw new SystemUnavailableError(BANK_LINK, 'POST payments answered without a payment id or an http(s) redirect URL');
      }
      return initiated;
    },

    async verifyCallback(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): Promise<PaymentCallback> {
      const claimed = signatureFromHeader(header(headers, 'x-signature'));
      const expected = Buffer.from(signatureOf(rawBody, secret), 'hex');
      // Both are 32 bytes here (the header format is checked first), as timingSafeEqual requires.
      if (!claimed || !crypto.timingSafeEqual(Buffer.from(claimed, 'hex'), expected)) {
        throw new CallbackRejectedError(BANK_LINK, 'bad_signature', 'the X-Signature header is missing or does not match the body');
      }
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        throw new CallbackRejectedError(BANK_LINK, 'malformed', 'the signed callback is not JSON');
      }
      const read = fromWireCallback(body);
      if ('problems' in read)
        throw new CallbackRejectedError(BANK_LINK, 'malformed', `the signed callback is not valid: ${read.problems.join('; ')}`);
      if (read.merchantId !== options.merchantId) {
        throw new CallbackRejectedError(
          BANK_LINK,
          'foreign_merchant',
          `the callback is for merchant "${read.merchantId}", not "${options.merchantId}"`,
        );
      }
      return read.callback;
    },

    checkConfig: () => http.checkHealth('payment-initiation'),
  };
}
