// Paying an invoice online (issue 6, paying (a)): the payer (or the issuing agency) starts a payment and is
// redirected to the bank link; the bank reports the outcome in a signed callback, which books the payment once;
// the payer's browser comes back to a page that reads the status here.
import express from 'express';
import { route, type RouteContext } from '../platform/routing';
import { ApiError, badRequest, notFound } from '../platform/errors';
import { actorType } from '../platform/auth/principal';
import { visibleInvoice } from './access';
import { pokeInvoices } from './workflow-client';
import { applyPaymentCallback, startOnlinePayment } from './online-payments';
import { loadOnlinePayment } from '../../db/billing/online-payments';
import { presentOnlinePayment } from './online-payment-presenter';
import { audit } from '../../db/audit';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';
import { CallbackRejectedError } from '../../activities/adapters/contracts/payment-initiation';
import type { Validated } from '../../forms/types/validated';

const PAYERS = ['citizen', 'agency-system', 'agency-admin', 'agency-officer'] as const;
const CALLBACK_PATH = '/api/v1/payment-callbacks/bank-link';
const CALLBACK_ACTOR = 'payment-initiation:bank-link';
const MAX_CALLBACK_BYTES = 64 * 1024;

/**
 * Where browsers and the bank reach this platform: PUBLIC_URL, unless it names port 0 (an API on a random port, as
 * in tests), then the origin the request came in on.
 */
function publicBase(ctx: RouteContext): string {
  const configured = new URL(ctx.deps.config.publicUrl);
  if (configured.port !== '0') return ctx.deps.config.publicUrl.replace(/\/+$/, '');
  return `${ctx.req.protocol}://${ctx.req.get('host') ?? `${configured.hostname}`}`;
}

function idempotencyKeyOf(ctx: RouteContext): string {
  const key = ctx.req.get('Idempotency-Key');
  if (!key)
    throw badRequest(
      'missing_idempotency_key',
      'Send an Idempotency-Key header (e.g. a UUID made when the Pay button was shown): the same key answers the same payment.',
    );
  if (!/^[\x21-\x7e]{8,200}$/.test(key))
    throw badRequest('invalid_idempotency_key', 'The Idempotency-Key must be 8 to 200 printable ASCII characters without spaces.');
  return key;
}

export const onlinePaymentRoutes = [
  route<Validated<'online-payment-create'>>({
    method: 'post',
    path: '/api/v1/invoices/:id/online-payments',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary:
      "Start paying the invoice online: answers the bank's payment page to redirect the payer to (idempotent by the Idempotency-Key header)",
    auth: PAYERS,
    body: 'online-payment-create',
    rateLimit: 'paymentStart',
    responses: {
      201: { description: 'Started: redirect the payer to redirectUrl', schema: 'online-payment' },
      200: { description: 'The same Idempotency-Key: the payment started before', schema: 'online-payment' },
      404: { description: 'No such invoice, or not yours', schema: 'error' },
      409: { description: 'The invoice is paid or cancelled', schema: 'error' },
      502: { description: 'The bank link refused the payment', schema: 'error' },
      503: { description: 'The bank link does not answer; try again', schema: 'error' },
    },
    async handler(ctx) {
      const idempotencyKey = idempotencyKeyOf(ctx);
      const invoice = await visibleInvoice(ctx, ctx.params.id);
      const base = publicBase(ctx);
      const { row, redirectUrl, created } = await startOnlinePayment(ctx.deps.db.pool, ctx.deps.adapters.paymentInitiation, {
        invoice,
        startedBy: ctx.principal.sub,
        idempotencyKey,
        requestId: ctx.requestId,
        callbackUrl: `${base}${CALLBACK_PATH}`,
        returnUrl: (id) => {
          const url = new URL(ctx.body.returnPath ?? `/payments/online/${id}`, `${base}/`);
          url.searchParams.set('onlinePayment', id);
          return url.toString();
        },
      });
      if (created) {
        const p = ctx.principal;
        await audit(ctx.deps.db.pool, {
          actor: { type: actorType(p), id: p.sub, agency: p.agency, office: p.office },
          subject: { type: invoice.payer.type, id: invoice.payer.id },
          action: 'create',
          resource: `online-payment:${row.id}`,
          purpose: 'online-payment',
          requestId: ctx.requestId,
          details: { invoiceId: invoice.id, amount: Number(row.amount), bankPaymentId: row.provider_txn_id },
        });
      }
      return {
        status: created ? 201 : 200,
        headers: { Location: `/api/v1/online-payments/${row.id}` },
        body: presentOnlinePayment(row, redirectUrl),
      };
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/online-payments/:id',
    params: { id: 'uuid' },
    tag: 'Billing',
    summary: "An online payment's status, for the page the bank sends the payer back to (the payer and the issuing agency only)",
    auth: PAYERS,
    responses: {
      200: { description: 'The payment', schema: 'online-payment' },
      404: { description: 'No such payment, or not yours', schema: 'error' },
    },
    async handler(ctx) {
      const row = await loadOnlinePayment(ctx.deps.db.pool, ctx.params.id);
      if (!row) throw notFound('online payment');
      try {
        await visibleInvoice(ctx, row.invoice_id); // who may see the invoice may see its payments (and the read is audited)
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) throw notFound('online payment');
        throw err;
      }
      return { body: presentOnlinePayment(row) };
    },
  }),

  route({
    method: 'post',
    path: CALLBACK_PATH,
    tag: 'Billing',
    summary: "The bank link's signed payment callback (no sign-in: X-Signature is HMAC-SHA256 of the raw body with the shared secret)",
    auth: 'public',
    rawBody: {
      contentType: 'application/json',
      description:
        'The bank\'s JSON exactly as sent: {paymentId, merchantId, reference, amount ("36.05"), currency, status: succeeded|failed, paidAt, sequence}; header X-Signature: sha256=<hex HMAC-SHA256 of these bytes>',
    },
    responses: {
      200: {
        description: 'Received; duplicates and late or out-of-order callbacks are answered 200 and change nothing',
        schema: 'payment-callback-result',
      },
      401: { description: 'Missing or wrong signature: nothing booked', schema: 'error' },
      404: { description: 'No such payment was started here', schema: 'error' },
      422: {
        description: 'Amount, currency or reference differ from the payment started, or another merchant: nothing booked',
        schema: 'error',
      },
      503: { description: 'Cannot verify now: deliver again later', schema: 'error' },
    },
    async handler(ctx) {
      const raw = await new Promise<Buffer>((resolve, reject) => {
        express.raw({ type: () => true, limit: MAX_CALLBACK_BYTES })(ctx.req, ctx.res, (err?: unknown) =>
          err ? reject(err) : resolve(ctx.req.body as Buffer),
        );
      });
      const body = Buffer.isBuffer(raw) ? raw : Buffer.alloc(0);
      const pool = ctx.deps.db.pool;
      const actor = { type: 'system', id: CALLBACK_ACTOR };
      const record = (details: Record<string, unknown>, subject?: { type: string; id: string }) =>
        audit(pool, {
          actor,
          subject,
          action: 'update',
          resource: `payment-callback:bank-link`,
          purpose: 'online-payment-callback',
          requestId: ctx.requestId,
          details: { remoteAddress: ctx.req.ip, bytes: body.length, ...details },
        });

      let callback;
      try {
        callback = await ctx.deps.adapters.paymentInitiation.verifyCallback(body, ctx.req.headers);
      } catch (err) {
        if (err instanceof CallbackRejectedError) {
          await record({ outcome: 'rejected', reason: err.reason });
          if (err.reason === 'bad_signature')
            throw new ApiError(
              401,
              'invalid_signature',
              "The callback's X-Signature is missing or does not match its body; nothing was booked.",
            );
          if (err.reason === 'foreign_merchant')
            throw new ApiError(422, 'foreign_merchant', 'The callback is for another merchant; nothing was booked.');
          throw new ApiError(400, 'malformed_callback', `The callback cannot be read: ${err.message}`);
        }
        if (err instanceof SystemUnavailableError)
          throw new ApiError(
            503,
            'payment_provider_unavailable',
            'Callbacks cannot be verified at the moment; deliver it again later.',
            [],
            { 'Retry-After': '30' },
          );
        throw err;
      }

      let applied;
      try {
        applied = await applyPaymentCallback(pool, callback, CALLBACK_ACTOR);
      } catch (err) {
        if (err instanceof ApiError) {
          await record({
            outcome: 'rejected',
            reason: err.code,
            bankPaymentId: callback.paymentId,
            status: callback.status,
            sequence: callback.sequence,
          });
        }
        throw err;
      }
      await record(
        {
          outcome: applied.outcome,
          bankPaymentId: callback.paymentId,
          onlinePaymentId: applied.row.id,
          invoiceId: applied.row.invoice_id,
          status: callback.status,
          sequence: callback.sequence,
          amount: callback.amountCents / 100,
        },
        { type: applied.payer.type, id: applied.payer.id },
      );
      if (applied.outcome === 'booked') await pokeInvoices(ctx.deps.temporal, [applied.row.invoice_id], ctx.req.log);
      if (applied.outcome === 'invoice_cancelled')
        ctx.req.log.warn(
          { onlinePayment: applied.row.id },
          'online payment received for a cancelled invoice: kept in suspense, to be refunded',
        );
      return { body: { received: true, outcome: applied.outcome, status: applied.row.status } };
    },
  }),
];
