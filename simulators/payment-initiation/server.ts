// Payment-initiation simulator: a bank link / card gateway. Payments are kept in memory per process.
//   POST /payments (header Idempotency-Key) {amount: "36.05", currency, reference (RF), description, returnUrl,
//        callbackUrl, merchantId} → 201 {paymentId, redirectUrl, status: 'pending'}; the same key again → 200 and the
//        same payment (422 when the body differs); an invalid request → 400/422
//   GET  /pay/:paymentId → the payment page (HTML): "Pay" and "Cancel" buttons, each a form posting to:
//   POST /pay/:paymentId {action: pay|cancel} (form or JSON) → completes the attempt: a form answers 303 to
//        returnUrl?paymentId=…&status=succeeded|failed, JSON answers 200 {paymentId, status, returnUrl}. A cancelled
//        (failed) attempt may still be paid afterwards, like a card gateway's "try again"; a paid one stays paid.
//   GET  /payments/:paymentId → the payment with its events, callback deliveries and `callbacksUnderWay` (callbacks
//        being sent, retried or delayed; 0 once every callback is answered or given up: what tests wait on)
// Every completed attempt is an event {sequence: 1, 2, …} and one callback POSTed to callbackUrl:
//   {paymentId, merchantId, reference, amount, currency, status: 'succeeded'|'failed', paidAt, sequence}
//   with `X-Signature: sha256=<hex HMAC-SHA256 of the raw body>` (secret: PAYMENT_INITIATION_SECRET, else the
//   development secret below, which is also the bank-link adapter's default). A 5xx or no answer is retried
//   (4 attempts within about 2 s); a 4xx is not.
// Faults: the shared ones (simulators/faults.ts) and, on the same GET/POST/DELETE /_faults, the callback knobs
//   {duplicateCallbacks: true} every callback is delivered twice, at once (concurrently)
//   {callbackDelayMs: n}           every callback leaves n ms after the attempt (late), or when DELETE /_faults
//                                  resets the faults, whichever comes first (so a test decides when it is late)
//   {reorder: true}                a failed attempt's callback is held until the payment's next event (or
//                                  reorderHoldMs, default REORDER_HOLD_MS, or DELETE /_faults) and held callbacks
//                                  go out newest first (out of order)
//   {reorderHoldMs: n}             how long reorder holds a failed attempt's callback when no event follows
import crypto from 'node:crypto';
import express, { type Request, type Response, type NextFunction } from 'express';
import { listen, type RunningSimulator, type SimulatorOptions } from '../app';
import { errorBody, faultInjection, faultsFromEnv } from '../faults';

const SLUG = 'payment-initiation';
/** Development only; the same value is the bank-link adapter's default secret (activities/adapters/bank-link). */
export const DEV_SECRET = 'dev-payment-initiation-secret-change-me';
export const REORDER_HOLD_MS = 1500;
const MAX_CALLBACK_DELAY_MS = 120_000;
const RETRY_DELAYS_MS = [250, 500, 1000];

export interface CallbackFaults {
  duplicateCallbacks: boolean;
  callbackDelayMs: number;
  reorder: boolean;
  reorderHoldMs: number;
}
const NO_CALLBACK_FAULTS: Readonly<CallbackFaults> = Object.freeze({
  duplicateCallbacks: false,
  callbackDelayMs: 0,
  reorder: false,
  reorderHoldMs: REORDER_HOLD_MS,
});

export interface PaymentInitiationSimulatorOptions extends SimulatorOptions {
  /** The HMAC secret; default PAYMENT_INITIATION_SECRET, else DEV_SECRET. */
  secret?: string;
  callbackFaults?: Partial<CallbackFaults>;
}

type Status = 'pending' | 'succeeded' | 'failed';
interface PaymentEvent {
  sequence: number;
  status: 'succeeded' | 'failed';
  paidAt: string | null;
  at: string;
}
interface Delivery {
  sequence: number;
  status: 'succeeded' | 'failed';
  attempt: number;
  httpStatus: number | null;
  error: string | null;
  at: string;
}
interface Payment {
  paymentId: string;
  idempotencyKey: string;
  requestHash: string;
  merchantId: string;
  reference: string;
  amount: string;
  currency: string;
  description: string;
  returnUrl: string;
  callbackUrl: string;
  status: Status;
  paidAt: string | null;
  createdAt: string;
  events: PaymentEvent[];
  deliveries: Delivery[];
  /** Callbacks held back by `reorder`, oldest first. */
  held: PaymentEvent[];
  holdTimer?: NodeJS.Timeout;
  /** Deliveries started and not finished (sending, waiting to retry, or delayed by callbackDelayMs). */
  callbacksUnderWay: number;
}

/** ISO 11649: "RF", two check digits, up to 21 letters or digits; mod 97 of the rearranged number is 1. */
export function isRfReference(value: string): boolean {
  if (!/^RF[0-9]{2}[A-Z0-9]{1,21}$/.test(value)) return false;
  const digits = (value.slice(4) + value.slice(0, 4)).replace(/[A-Z]/g, (ch) => String(ch.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

const isHttpUrl = (value: unknown) => {
  if (typeof value !== 'string' || value.length > 2000) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};
const str = (value: unknown, max: number) => typeof value === 'string' && value.trim() !== '' && value.length <= max;

/** Problems with a payment request; empty when it can be registered. */
function requestProblems(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (typeof body.amount !== 'string' || !/^(0|[1-9][0-9]{0,11})\.[0-9]{2}$/.test(body.amount) || Number(body.amount) <= 0) {
    problems.push('amount must be a positive decimal text with two decimals, e.g. "36.05"');
  }
  if (typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency)) problems.push('currency must be an ISO 4217 code');
  if (typeof body.reference !== 'string' || !isRfReference(body.reference))
    problems.push('reference must be an ISO 11649 RF reference with valid check digits');
  if (!str(body.description, 140)) problems.push('description must be a text of 1 to 140 characters');
  if (!isHttpUrl(body.returnUrl)) problems.push('returnUrl must be an http(s) URL');
  if (!isHttpUrl(body.callbackUrl)) problems.push('callbackUrl must be an http(s) URL');
  if (typeof body.merchantId !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(body.merchantId))
    problems.push('merchantId must be 1 to 64 letters, digits, ".", "_" or "-"');
  return problems;
}

function callbackFaultProblems(patch: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if ('duplicateCallbacks' in patch && typeof patch.duplicateCallbacks !== 'boolean')
    problems.push('duplicateCallbacks must be true or false');
  if ('reorder' in patch && typeof patch.reorder !== 'boolean') problems.push('reorder must be true or false');
  for (const key of ['callbackDelayMs', 'reorderHoldMs']) {
    if (!(key in patch)) continue;
    const v = patch[key];
    if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > MAX_CALLBACK_DELAY_MS)
      problems.push(`${key} must be an integer from 0 to ${MAX_CALLBACK_DELAY_MS}`);
  }
  return problems;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function paymentPage(p: Payment): string {
  const amount = `${escapeHtml(p.amount)} ${escapeHtml(p.currency)}`;
  const action = `/pay/${encodeURIComponent(p.paymentId)}`;
  const open = p.status !== 'succeeded';
  const statusText = { pending: 'Awaiting payment', succeeded: 'Paid', failed: 'Cancelled — you may still pay' }[p.status];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pay ${amount} — bank link (simulator)</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;color:#111}
dt{font-weight:600}dd{margin:0 0 .75rem}form{display:inline-block;margin-right:.75rem}
button{font-size:1rem;padding:.6rem 1.2rem;border:2px solid #1d3b6f;border-radius:.3rem;background:#1d3b6f;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1d3b6f}button:focus-visible{outline:3px solid #f2a900;outline-offset:2px}</style>
</head><body><main>
<h1>Payment of ${amount}</h1>
<p>Bank link simulator: no money moves.</p>
<dl>
<dt>Merchant</dt><dd>${escapeHtml(p.merchantId)}</dd>
<dt>Payment reference</dt><dd>${escapeHtml(p.reference)}</dd>
<dt>Description</dt><dd>${escapeHtml(p.description)}</dd>
<dt>Status</dt><dd id="status">${statusText}</dd>
</dl>
${
  open
    ? `<form method="post" action="${action}"><input type="hidden" name="action" value="pay"><button type="submit">Pay ${amount}</button></form>
<form method="post" action="${action}"><input type="hidden" name="action" value="cancel"><button type="submit" class="secondary">Cancel payment</button></form>`
    : `<p><a href="${escapeHtml(withOutcome(p))}">Return to the merchant</a></p>`
}
</main></body></html>`;
}

/** The return URL with the outcome for the payer's browser. */
function withOutcome(p: Payment): string {
  const url = new URL(p.returnUrl);
  url.searchParams.set('paymentId', p.paymentId);
  url.searchParams.set('status', p.status);
  return url.toString();
}

export async function startPaymentInitiationSimulator(opts: PaymentInitiationSimulatorOptions = {}): Promise<RunningSimulator> {
  const secret = opts.secret ?? (process.env.PAYMENT_INITIATION_SECRET || DEV_SECRET);
  const initialProblems = callbackFaultProblems({ ...opts.callbackFaults });
  if (initialProblems.length) throw new Error(`Simulator ${SLUG}: bad callback faults: ${initialProblems.join('; ')}`);
  let callbackFaults: CallbackFaults = { ...NO_CALLBACK_FAULTS, ...opts.callbackFaults };
  const payments = new Map<string, Payment>();
  const byKey = new Map<string, Payment>();
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;
  const later = (ms: number, fn: () => void): NodeJS.Timeout => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    return timer;
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      later(ms, resolve);
    });
  /** Callbacks waiting out callbackDelayMs, each with what sends it now. */
  const delayedCallbacks = new Map<NodeJS.Timeout, () => void>();
  const callbackDelay = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = later(ms, () => {
        delayedCallbacks.delete(timer);
        resolve();
      });
      delayedCallbacks.set(timer, resolve);
    });
  const releaseDelayedCallbacks = () => {
    for (const [timer, release] of [...delayedCallbacks]) {
      clearTimeout(timer);
      timers.delete(timer);
      delayedCallbacks.delete(timer);
      release();
    }
  };

  // Like createSimulatorApp, with the callback knobs taken out of /_faults before the shared fault router sees them.
  const app = express();
  app.disable('x-powered-by');
  app.use('/_faults', express.json(), (req: Request, res: Response, next: NextFunction) => {
    if (req.path !== '/') {
      next();
      return;
    } // /_faults/waiting is the shared router's alone
    if (req.method === 'POST' && typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body)) {
      const body = req.body as Record<string, unknown>;
      const patch: Record<string, unknown> = {};
      for (const key of Object.keys(NO_CALLBACK_FAULTS)) {
        if (key in body) {
          patch[key] = body[key];
          delete body[key];
        }
      }
      const problems = callbackFaultProblems(patch);
      if (problems.length) {
        res.status(400).json(
          errorBody(
            'invalid_faults',
            'The fault patch is not valid.',
            problems.map((message) => ({ code: 'invalid', message })),
          ),
        );
        return;
      }
      // Applied only when the shared part is valid too (it answers 200), so a rejected patch changes nothing.
      const json = res.json.bind(res);
      res.json = (state: unknown) => {
        if (res.statusCode !== 200) return json(state);
        callbackFaults = { ...callbackFaults, ...patch };
        return json({ ...(state as object), ...callbackFaults });
      };
    } else if (req.method === 'DELETE') {
      callbackFaults = { ...NO_CALLBACK_FAULTS };
      releaseDelayedCallbacks();
      for (const p of payments.values()) if (p.held.length) flushHeld(p);
    }
    if (req.method !== 'POST') {
      const json = res.json.bind(res);
      res.json = (state: unknown) => json(res.statusCode === 200 ? { ...(state as object), ...callbackFaults } : state);
    }
    next();
  });
  app.use(faultInjection(opts.faults ?? faultsFromEnv(process.env, SLUG)));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', system: SLUG });
  });
  app.use(express.json({ limit: '100kb' }));
  app.use(express.urlencoded({ extended: false, limit: '10kb' }));

  async function deliverOnce(p: Payment, event: PaymentEvent, raw: string, signature: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      let httpStatus: number | null = null;
      let error: string | null = null;
      try {
        const res = await fetch(p.callbackUrl, {
          method: 'POST',
          body: raw,
          signal: AbortSignal.timeout(5000),
          headers: { 'content-type': 'application/json', 'x-signature': `sha256=${signature}`, 'user-agent': 'bank-link-simulator' },
        });
        httpStatus = res.status;
        await res.arrayBuffer();
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      p.deliveries.push({ sequence: event.sequence, status: event.status, attempt, httpStatus, error, at: new Date().toISOString() });
      const retry = httpStatus === null || httpStatus >= 500 || httpStatus === 429;
      if (!retry || closed || attempt > RETRY_DELAYS_MS.length) return;
      await pause(RETRY_DELAYS_MS[attempt - 1]);
    }
  }

  async function deliver(p: Payment, events: PaymentEvent[]): Promise<void> {
    p.callbacksUnderWay += 1;
    try {
      await deliverAll(p, events);
    } finally {
      p.callbacksUnderWay -= 1;
    }
  }

  async function deliverAll(p: Payment, events: PaymentEvent[]): Promise<void> {
    const { callbackDelayMs, duplicateCallbacks } = callbackFaults;
    if (callbackDelayMs > 0) await callbackDelay(callbackDelayMs);
    for (const event of events) {
      if (closed) return;
      const raw = JSON.stringify({
        paymentId: p.paymentId,
        merchantId: p.merchantId,
        reference: p.reference,
        amount: p.amount,
        currency: p.currency,
        status: event.status,
        paidAt: event.paidAt,
        sequence: event.sequence,
      });
      const signature = crypto.createHmac('sha256', secret).update(raw).digest('hex');
      await Promise.all(Array.from({ length: duplicateCallbacks ? 2 : 1 }, () => deliverOnce(p, event, raw, signature)));
    }
  }

  const flushHeld = (p: Payment) => {
    if (p.holdTimer) {
      clearTimeout(p.holdTimer);
      timers.delete(p.holdTimer);
      p.holdTimer = undefined;
    }
    const events = p.held.reverse();
    p.held = [];
    if (events.length) void deliver(p, events);
  };

  function complete(p: Payment, action: 'pay' | 'cancel'): void {
    if (p.status === 'succeeded' || (p.status === 'failed' && action === 'cancel')) return; // nothing changes
    p.status = action === 'pay' ? 'succeeded' : 'failed';
    const now = new Date().toISOString();
    p.paidAt = p.status === 'succeeded' ? now : null;
    const event: PaymentEvent = { sequence: p.events.length + 1, status: p.status, paidAt: p.paidAt, at: now };
    p.events.push(event);
    if (callbackFaults.reorder || p.held.length) {
      p.held.push(event);
      // A failed attempt may be followed by another event: hold it for a while so that one overtakes it.
      if (p.status === 'failed') {
        if (p.holdTimer) {
          clearTimeout(p.holdTimer);
          timers.delete(p.holdTimer);
        }
        p.holdTimer = later(callbackFaults.reorderHoldMs, () => {
          p.holdTimer = undefined;
          flushHeld(p);
        });
      } else flushHeld(p);
    } else {
      void deliver(p, [event]);
    }
  }

  app.post('/payments', (req, res) => {
    const key = req.get('Idempotency-Key');
    if (!key) {
      res
        .status(400)
        .json(errorBody('missing_idempotency_key', 'Send an Idempotency-Key header so a retry does not register a second payment.'));
      return;
    }
    const body = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as Record<string, unknown>;
    const requestHash = crypto
      .createHash('sha256')
      .update(
        JSON.stringify(['amount', 'currency', 'reference', 'description', 'returnUrl', 'callbackUrl', 'merchantId'].map((k) => body[k])),
      )
      .digest('hex');
    const redirectUrl = (p: Payment) => `${req.protocol}://${req.get('host')}/pay/${encodeURIComponent(p.paymentId)}`;
    const earlier = byKey.get(key);
    if (earlier) {
      if (earlier.requestHash !== requestHash) {
        res.status(422).json(errorBody('idempotency_key_reused', 'This Idempotency-Key was used for a different payment request.'));
        return;
      }
      res.status(200).json({ paymentId: earlier.paymentId, redirectUrl: redirectUrl(earlier), status: earlier.status });
      return;
    }
    const problems = requestProblems(body);
    if (problems.length) {
      res.status(400).json(
        errorBody(
          'invalid_payment',
          'The payment request is not valid.',
          problems.map((message) => ({ code: 'invalid', message })),
        ),
      );
      return;
    }
    if (body.currency !== 'EUR') {
      res.status(422).json(errorBody('currency_not_supported', 'This bank link takes payments in EUR only.'));
      return;
    }
    const p: Payment = {
      paymentId: `pi_${crypto.randomBytes(12).toString('hex')}`,
      idempotencyKey: key,
      requestHash,
      merchantId: body.merchantId as string,
      reference: body.reference as string,
      amount: body.amount as string,
      currency: body.currency as string,
      description: (body.description as string).trim(),
      returnUrl: body.returnUrl as string,
      callbackUrl: body.callbackUrl as string,
      status: 'pending',
      paidAt: null,
      createdAt: new Date().toISOString(),
      events: [],
      deliveries: [],
      held: [],
      callbacksUnderWay: 0,
    };
    payments.set(p.paymentId, p);
    byKey.set(key, p);
    res.status(201).json({ paymentId: p.paymentId, redirectUrl: redirectUrl(p), status: p.status });
  });

  const view = (p: Payment) => ({
    paymentId: p.paymentId,
    merchantId: p.merchantId,
    reference: p.reference,
    amount: p.amount,
    currency: p.currency,
    description: p.description,
    status: p.status,
    paidAt: p.paidAt,
    createdAt: p.createdAt,
    returnUrl: p.returnUrl,
    callbackUrl: p.callbackUrl,
    events: p.events,
    deliveries: p.deliveries,
    callbacksUnderWay: p.callbacksUnderWay,
  });

  app.get('/payments/:paymentId', (req, res) => {
    const p = payments.get(req.params.paymentId);
    if (!p) res.status(404).json(errorBody('payment_not_found', `No payment ${req.params.paymentId}.`));
    else res.json(view(p));
  });

  app.get('/pay/:paymentId', (req, res) => {
    const p = payments.get(req.params.paymentId);
    if (!p) {
      res
        .status(404)
        .type('html')
        .send(
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payment not found</title></head><body><main><h1>Payment not found</h1></main></body></html>',
        );
      return;
    }
    res.set('Cache-Control', 'no-store').type('html').send(paymentPage(p));
  });

  app.post('/pay/:paymentId', (req, res) => {
    const json = Boolean(req.is('application/json'));
    const p = payments.get(req.params.paymentId);
    if (!p) {
      res.status(404).json(errorBody('payment_not_found', `No payment ${req.params.paymentId}.`));
      return;
    }
    const action = (req.body as { action?: unknown } | undefined)?.action;
    if (action !== 'pay' && action !== 'cancel') {
      res.status(400).json(errorBody('invalid_action', 'action must be pay or cancel.'));
      return;
    }
    complete(p, action);
    if (json) res.json({ paymentId: p.paymentId, status: p.status, returnUrl: withOutcome(p) });
    else res.redirect(303, withOutcome(p));
  });

  const running = await listen(app, opts);
  return {
    url: running.url,
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await running.close();
    },
  };
}
