// Paying an invoice online through the bank-link simulator: the redirect flow, signed callbacks that arrive twice,
// late or out of order and are counted once, forged or mismatching callbacks that book nothing, and who may pay.
import crypto from 'node:crypto';
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { DEV_SECRET } from '../../../simulators/payment-initiation/server';
import { onlinePaymentId } from '../../../api/billing/online-payments';
import { check } from '../../../forms/validation';
import bankLinkOptions from '../../../activities/adapters/bank-link/options.schema.json';

const CALLBACK = '/api/v1/payment-callbacks/bank-link';
const SECRET = process.env.PAYMENT_INITIATION_SECRET || DEV_SECRET;
const MERCHANT = process.env.PAYMENT_INITIATION_MERCHANT_ID || bankLinkOptions.properties.merchantId.default;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const sim = () => stack.simulators.urls.paymentInitiation;
const onlinePaymentIdFor = (invoiceId: string, key: string) => onlinePaymentId(invoiceId, 'citizen-anna', key);

async function issueInvoice(): Promise<any> {
  const res = await call('POST', '/api/v1/invoices', {
    as: 'system-pmlp',
    json: {
      idempotencyKey: `inv-online-${uniqueSuffix()}`,
      payer: { type: 'natural', id: '15038511239', name: 'Anna Bērziņa' },
      lines: [
        { description: 'Pases izgatavošana', quantity: 1, unitPrice: 36.05, vatExemption: { category: 'O', reason: 'Valsts nodeva' } },
      ],
      currency: 'EUR',
      dueDate: inDays(14),
    },
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

const start = (invoiceId: string, opts: { as?: string; key?: string; json?: unknown } = {}) =>
  call('POST', `/api/v1/invoices/${invoiceId}/online-payments`, {
    as: opts.as ?? 'citizen-anna',
    json: opts.json ?? {},
    headers: opts.key === '' ? {} : { 'idempotency-key': opts.key ?? crypto.randomUUID() },
  });

async function startPayment(invoiceId: string): Promise<{ id: string; redirectUrl: string; bankPaymentId: string }> {
  const res = await start(invoiceId);
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return { id: res.body.id, redirectUrl: res.body.redirectUrl, bankPaymentId: await bankPaymentIdOf(res.body.id) };
}

async function bankPaymentIdOf(onlinePaymentId: string): Promise<string> {
  const { rows } = await stack.db.pool.query('SELECT provider_txn_id FROM online_payments WHERE id = $1', [onlinePaymentId]);
  return rows[0].provider_txn_id;
}

async function paymentRows(invoiceId: string): Promise<Array<{ source: string; source_ref: string; amount: string }>> {
  return (await stack.db.pool.query('SELECT source, source_ref, amount FROM payments WHERE invoice_id = $1', [invoiceId])).rows;
}

async function setFaults(patch: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${sim()}/_faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  expect(res.status, await res.text()).to.equal(200);
}

/** The payer presses Pay or Cancel (the simulator's JSON completion API). */
async function complete(bankPaymentId: string, action: 'pay' | 'cancel'): Promise<void> {
  const res = await fetch(`${sim()}/pay/${bankPaymentId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ action }),
  });
  expect(res.status, await res.clone().text()).to.equal(200);
}

/** Waits until the bank has had `n` callbacks of the payment answered, and returns them in delivery order. */
async function answeredCallbacks(
  bankPaymentId: string,
  n: number,
): Promise<Array<{ sequence: number; status: string; httpStatus: number }>> {
  return waitFor(`${n} answered callbacks`, async () => {
    const p = (await (await fetch(`${sim()}/payments/${bankPaymentId}`)).json()) as any;
    const answered = p.deliveries.filter((d: any) => d.httpStatus !== null);
    return answered.length >= n && answered;
  });
}

async function callbackOutcomes(bankPaymentId: string): Promise<string[]> {
  const { rows } = await stack.db.pool.query(
    "SELECT details->>'outcome' AS outcome FROM audit_log WHERE resource = 'payment-callback:bank-link' AND details->>'bankPaymentId' = $1",
    [bankPaymentId],
  );
  return rows.map((r) => r.outcome as string).sort();
}

async function onlineStatus(id: string): Promise<string> {
  const res = await call('GET', `/api/v1/online-payments/${id}`, { as: 'citizen-anna' });
  expect(res.status, JSON.stringify(res.body)).to.equal(200);
  return res.body.status;
}

/** A callback as the bank would send it, signed with `secret`. */
function signedCallback(fields: Record<string, unknown>, secret = SECRET, raw?: string): { body: string; headers: Record<string, string> } {
  const body =
    raw ??
    JSON.stringify({
      merchantId: MERCHANT,
      currency: 'EUR',
      sequence: 1,
      paidAt: new Date().toISOString(),
      status: 'succeeded',
      ...fields,
    });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-signature': `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`,
    },
  };
}

describe('api/billing/online-payment-routes', () => {
  afterEach(async () => {
    await fetch(`${sim()}/_faults`, { method: 'DELETE' });
  });

  it("lets Anna pay through the bank's page: 303 back to the platform, the invoice paid once, the payment check says paid", async () => {
    const invoice = await issueInvoice();
    const key = crypto.randomUUID();
    const started = await start(invoice.id, { key });
    expect(started.status, JSON.stringify(started.body)).to.equal(201);
    expect(started.body).to.deep.include({
      status: 'initiated',
      amount: 36.05,
      currency: 'EUR',
      invoiceId: invoice.id,
      paymentReference: invoice.paymentReference,
    });
    expect(started.body.redirectUrl.startsWith(`${sim()}/pay/`)).to.equal(true);
    expect(check('online-payment', started.body)).to.equal(null);
    const again = await start(invoice.id, { key });
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.include({ id: started.body.id, redirectUrl: started.body.redirectUrl });
    const bankPaymentId = await bankPaymentIdOf(started.body.id);

    // The browser follows the redirect: a page with labelled buttons.
    const page = await fetch(started.body.redirectUrl);
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.include('<html lang="en">').and.include('<title>');
    expect(html).to.match(/<button type="submit">Pay 36\.05 EUR<\/button>/);
    expect(html).to.match(/<button type="submit" class="secondary">Cancel payment<\/button>/);
    expect(html).to.include(invoice.paymentReference);

    // Pressing Pay posts the form and is sent back to the platform's return page.
    const paid = await fetch(started.body.redirectUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay',
    });
    expect(paid.status).to.equal(303);
    const back = new URL(paid.headers.get('location') as string);
    expect(back.origin).to.equal(new URL(stack.api.url).origin);
    expect(back.pathname).to.equal(`/payments/online/${started.body.id}`);
    expect(Object.fromEntries(back.searchParams)).to.deep.equal({
      onlinePayment: started.body.id,
      paymentId: bankPaymentId,
      status: 'succeeded',
    });

    await waitFor('the online payment to succeed', async () => (await onlineStatus(started.body.id)) === 'succeeded');
    const after = await call('GET', `/api/v1/online-payments/${started.body.id}`, { as: 'citizen-anna' });
    expect(after.body).to.deep.include({ status: 'succeeded', invoiceStatus: 'paid' });
    expect(after.body.completedAt).to.be.a('string');
    expect(check('online-payment', after.body)).to.equal(null);
    const inv = await call('GET', `/api/v1/invoices/${invoice.id}`, { as: 'citizen-anna' });
    expect(inv.body.status).to.equal('paid');
    expect(inv.body.payments).to.have.length(1);
    expect(inv.body.payments[0]).to.deep.include({ source: 'online', amount: 36.05 });
    const paymentCheck = await call('GET', `/api/v1/payments/check?reference=${invoice.paymentReference}`, { as: 'citizen-anna' });
    expect(paymentCheck.body).to.deep.include({ status: 'paid', amountPaid: 36.05, amountDue: 0 });
    expect(await paymentRows(invoice.id)).to.deep.equal([{ source: 'online', source_ref: `online:${bankPaymentId}`, amount: '36.05' }]);

    // The issuing agency sees the payment too; a paid invoice cannot be paid again.
    expect((await call('GET', `/api/v1/online-payments/${started.body.id}`, { as: 'system-pmlp' })).status).to.equal(200);
    const closed = await start(invoice.id);
    expect(closed.status).to.equal(409);
    expect(errorOf(closed).code).to.equal('invoice_closed');
  });

  it('counts callbacks delivered twice once', async () => {
    const invoice = await issueInvoice();
    const payment = await startPayment(invoice.id);
    await setFaults({ duplicateCallbacks: true });
    await complete(payment.bankPaymentId, 'pay');
    const answered = await answeredCallbacks(payment.bankPaymentId, 2);
    expect(answered.map((d) => [d.sequence, d.status, d.httpStatus])).to.deep.equal([
      [1, 'succeeded', 200],
      [1, 'succeeded', 200],
    ]);
    expect(await paymentRows(invoice.id)).to.have.length(1);
    expect(await callbackOutcomes(payment.bankPaymentId)).to.deep.equal(['booked', 'duplicate']);
    expect(await onlineStatus(payment.id)).to.equal('succeeded');
    expect((await call('GET', `/api/v1/invoices/${invoice.id}`, { as: 'citizen-anna' })).body.totals).to.deep.include({
      paid: 36.05,
      due: 0,
    });
  });

  it('ignores a failed callback that arrives late, after the success', async () => {
    const invoice = await issueInvoice();
    const payment = await startPayment(invoice.id);
    await setFaults({ callbackDelayMs: 120_000 });
    await complete(payment.bankPaymentId, 'cancel'); // its callback is held back by the bank
    await setFaults({ callbackDelayMs: 0 });
    await complete(payment.bankPaymentId, 'pay'); // the payer tries again at once: this callback overtakes
    await answeredCallbacks(payment.bankPaymentId, 1);
    expect(await onlineStatus(payment.id)).to.equal('succeeded');
    await fetch(`${sim()}/_faults`, { method: 'DELETE' }); // now the late failed callback leaves
    const answered = await answeredCallbacks(payment.bankPaymentId, 2);
    expect(answered.map((d) => [d.sequence, d.status, d.httpStatus])).to.deep.equal([
      [2, 'succeeded', 200],
      [1, 'failed', 200],
    ]);
    expect(await onlineStatus(payment.id)).to.equal('succeeded');
    expect(await paymentRows(invoice.id)).to.have.length(1);
    expect(await callbackOutcomes(payment.bankPaymentId)).to.deep.equal(['booked', 'ignored_late_failed']);
  });

  it('counts out-of-order callbacks (newest first, each twice) once', async () => {
    const invoice = await issueInvoice();
    const payment = await startPayment(invoice.id);
    // The failed attempt's callback is held until the next event (not for a time the payer must beat).
    await setFaults({ reorder: true, reorderHoldMs: 120_000, duplicateCallbacks: true });
    await complete(payment.bankPaymentId, 'cancel');
    await complete(payment.bankPaymentId, 'pay');
    const answered = await answeredCallbacks(payment.bankPaymentId, 4);
    expect(answered.map((d) => d.sequence)).to.deep.equal([2, 2, 1, 1]);
    expect(answered.every((d) => d.httpStatus === 200)).to.equal(true);
    expect(await onlineStatus(payment.id)).to.equal('succeeded');
    expect(await paymentRows(invoice.id)).to.have.length(1);
    expect(await callbackOutcomes(payment.bankPaymentId)).to.deep.equal([
      'booked',
      'duplicate',
      'ignored_late_failed',
      'ignored_late_failed',
    ]);
  });

  it("records a failed attempt, and books the payer's later success on the same page", async () => {
    const invoice = await issueInvoice();
    const payment = await startPayment(invoice.id);
    await complete(payment.bankPaymentId, 'cancel');
    await answeredCallbacks(payment.bankPaymentId, 1);
    expect(await onlineStatus(payment.id)).to.equal('failed');
    expect((await call('GET', `/api/v1/invoices/${invoice.id}`, { as: 'citizen-anna' })).body.status).to.equal('issued');
    await complete(payment.bankPaymentId, 'pay');
    await answeredCallbacks(payment.bankPaymentId, 2);
    expect(await onlineStatus(payment.id)).to.equal('succeeded');
    expect(await paymentRows(invoice.id)).to.have.length(1);
    expect(await callbackOutcomes(payment.bankPaymentId)).to.deep.equal(['booked', 'failed_recorded']);
  });

  it('refuses a forged or missing signature (401, audited) and a mismatching callback (422), booking nothing', async () => {
    const invoice = await issueInvoice();
    const payment = await startPayment(invoice.id);
    const genuine = { paymentId: payment.bankPaymentId, reference: invoice.paymentReference, amount: '36.05' };
    const post = (c: { body: string; headers: Record<string, string> }, requestId = crypto.randomUUID()) =>
      call('POST', CALLBACK, { body: c.body, headers: { ...c.headers, 'x-request-id': requestId } });

    const forgedId = crypto.randomUUID();
    const forged = await post(signedCallback(genuine, 'a-guessed-secret-that-is-wrong'), forgedId);
    expect(forged.status).to.equal(401);
    expect(errorOf(forged).code).to.equal('invalid_signature');
    const { rows: audited } = await stack.db.pool.query(
      "SELECT actor_type, details FROM audit_log WHERE request_id = $1 AND resource = 'payment-callback:bank-link'",
      [forgedId],
    );
    expect(audited).to.have.length(1);
    expect(audited[0].details).to.deep.include({ outcome: 'rejected', reason: 'bad_signature' });
    const unsigned = signedCallback(genuine);
    const missing = await call('POST', CALLBACK, { body: unsigned.body, headers: { 'content-type': 'application/json' } });
    expect(missing.status).to.equal(401);
    expect(errorOf(missing).code).to.equal('invalid_signature');
    // A genuine signature over other bytes does not help.
    const tampered = { ...signedCallback(genuine), body: signedCallback({ ...genuine, amount: '0.01' }).body };
    expect((await post(tampered)).status).to.equal(401);

    for (const [patch, code] of [
      [{ amount: '36.04' }, 'amount_mismatch'],
      [{ currency: 'USD' }, 'currency_mismatch'],
      [{ reference: 'RF18539007547034' }, 'reference_mismatch'],
    ] as const) {
      const res = await post(signedCallback({ ...genuine, ...patch }));
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      expect(errorOf(res).code).to.equal('callback_mismatch');
      expect(errorOf(res).details.map((d) => d.code)).to.deep.equal([code]);
    }
    const unknown = await post(signedCallback({ ...genuine, paymentId: 'pi_unknown' }));
    expect(unknown.status).to.equal(404);
    expect(errorOf(unknown).code).to.equal('unknown_payment');
    const foreign = await post(signedCallback({ ...genuine, merchantId: 'someone-else' }));
    expect(foreign.status).to.equal(422);
    expect(errorOf(foreign).code).to.equal('foreign_merchant');
    const notJson = await post(signedCallback({}, SECRET, 'not json'));
    expect(notJson.status).to.equal(400);
    expect(errorOf(notJson).code).to.equal('malformed_callback');

    expect(await paymentRows(invoice.id)).to.have.length(0);
    expect(await onlineStatus(payment.id)).to.equal('initiated');
    expect((await call('GET', `/api/v1/invoices/${invoice.id}`, { as: 'citizen-anna' })).body.status).to.equal('issued');

    // The genuine callback books once; the same again and a late failure change nothing.
    const ok = await post(signedCallback(genuine));
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body).to.deep.equal({ received: true, outcome: 'booked', status: 'succeeded' });
    expect(check('payment-callback-result', ok.body)).to.equal(null);
    expect((await post(signedCallback(genuine))).body.outcome).to.equal('duplicate');
    expect((await post(signedCallback({ ...genuine, status: 'failed', paidAt: null, sequence: 2 }))).body.outcome).to.equal(
      'ignored_late_failed',
    );
    expect(await paymentRows(invoice.id)).to.have.length(1);
  });

  it("does not let another citizen start or see a payment of Anna's invoice, and needs an Idempotency-Key", async () => {
    const invoice = await issueInvoice();
    const janis = await start(invoice.id, { as: 'citizen-janis' });
    expect(janis.status).to.equal(404);
    expect(errorOf(janis).code).to.equal('not_found');
    expect((await start(invoice.id, { as: 'system-vid' })).status).to.equal(404);
    const { rows } = await stack.db.pool.query('SELECT count(*)::int AS n FROM online_payments WHERE invoice_id = $1', [invoice.id]);
    expect(rows[0].n).to.equal(0);

    const payment = await startPayment(invoice.id);
    expect((await call('GET', `/api/v1/online-payments/${payment.id}`, { as: 'citizen-janis' })).status).to.equal(404);
    expect((await call('GET', `/api/v1/online-payments/${payment.id}`, { as: 'system-vid' })).status).to.equal(404);
    expect((await call('GET', '/api/v1/online-payments/not-a-uuid', { as: 'citizen-anna' })).status).to.equal(404);

    const noKey = await start(invoice.id, { key: '' });
    expect(noKey.status).to.equal(400);
    expect(errorOf(noKey).code).to.equal('missing_idempotency_key');
    const offSite = await start(invoice.id, { json: { returnPath: '//evil.example/steal' } });
    expect(offSite.status).to.equal(400);
    expect(errorOf(offSite).code).to.equal('validation_failed');
  });

  it('answers 503 while the bank link is down, and the same key works once it is back', async () => {
    const invoice = await issueInvoice();
    const key = crypto.randomUUID();
    await setFaults({ outage: true });
    const down = await start(invoice.id, { key });
    expect(down.status).to.equal(503);
    expect(errorOf(down).code).to.equal('payment_provider_unavailable');
    await fetch(`${sim()}/_faults`, { method: 'DELETE' });
    const up = await start(invoice.id, { key });
    expect(up.status, JSON.stringify(up.body)).to.equal(201); // registered at the bank now (the row was made the first time)
    expect(up.body.id).to.equal(onlinePaymentIdFor(invoice.id, key));
    expect(up.body.redirectUrl).to.be.a('string');
    expect(await bankPaymentIdOf(up.body.id)).to.be.a('string');
  });

  it('keeps one online payment in flight per invoice: two tabs started at once get the same payment', async () => {
    const invoice = await issueInvoice();
    const [a, b] = await Promise.all([start(invoice.id), start(invoice.id)]);
    expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).to.deep.equal([200, 201]);
    expect(a.body.id).to.equal(b.body.id);
    expect(a.body.redirectUrl).to.equal(b.body.redirectUrl);
    const later = await start(invoice.id, { as: 'system-pmlp' });
    expect(later.status).to.equal(200);
    expect(later.body.id).to.equal(a.body.id);
    const { rows } = await stack.db.pool.query('SELECT count(*)::int AS n FROM online_payments WHERE invoice_id = $1', [invoice.id]);
    expect(rows[0].n, 'one payment to capture').to.equal(1);

    // The database itself refuses a second payment in flight (not only this code).
    const second = await stack.db.pool
      .query(
        `INSERT INTO online_payments (id, invoice_id, amount, status, created_by) VALUES (gen_random_uuid(), $1, 36.05, 'initiated', 'test')`,
        [invoice.id],
      )
      .then(
        () => 'inserted',
        (e: { code?: string }) => e.code,
      );
    expect(second).to.equal('23505');

    // Left at the bank's page for longer than its session lasts: the next start is a new payment.
    await stack.db.pool.query("UPDATE online_payments SET created_at = now() - interval '31 minutes' WHERE id = $1", [a.body.id]);
    const fresh = await start(invoice.id);
    expect(fresh.status, JSON.stringify(fresh.body)).to.equal(201);
    expect(fresh.body.id).to.not.equal(a.body.id);
    expect(await onlineStatus(a.body.id)).to.equal('expired');
  });

  it('puts a surplus in suspense: a card payment arriving after a counter payment never makes the invoice more than 100 % paid', async () => {
    const invoice = await issueInvoice();
    const payment = await startPayment(invoice.id); // 36.05 due when started
    const counter = await call('POST', `/api/v1/invoices/${invoice.id}/counter-payments`, {
      as: 'staff-vpvkac-riga',
      json: { amountEur: 10, receiptNumber: `R-${uniqueSuffix()}` },
    });
    expect(counter.status, JSON.stringify(counter.body)).to.equal(201);
    await complete(payment.bankPaymentId, 'pay');
    await waitFor('the online payment to succeed', async () => (await onlineStatus(payment.id)) === 'succeeded');

    const inv = (await call('GET', `/api/v1/invoices/${invoice.id}`, { as: 'citizen-anna' })).body;
    expect(inv.status).to.equal('paid');
    expect(inv.totals).to.deep.include({ total: 36.05, paid: 36.05, due: 0 });
    expect((await paymentRows(invoice.id)).map((p) => [p.source, p.amount]).sort()).to.deep.equal([
      ['counter', '10.00'],
      ['online', '26.05'],
    ]);
    const suspense = await call('GET', '/api/v1/suspense?status=open&limit=500', { as: 'system-pmlp' });
    const surplus = suspense.body.items.filter((e: any) => e.reference === invoice.paymentReference);
    expect(surplus.map((e: any) => [e.reason, e.source, e.amount, e.statementId])).to.deep.equal([['overpayment', 'online', 10, null]]);
    // Refunded from the suspense list like any other entry.
    const refunded = await call('POST', `/api/v1/suspense/${surplus[0].id}/resolve`, {
      as: 'system-pmlp',
      json: { refund: true, note: 'Atmaksāts uz karti' },
    });
    expect(refunded.status, JSON.stringify(refunded.body)).to.equal(200);
  });

  it('keeps money paid online for a cancelled invoice in suspense for a refund', async () => {
    const invoice = await issueInvoice();
    const payment = await startPayment(invoice.id);
    await stack.db.pool.query("UPDATE invoices SET status = 'cancelled' WHERE id = $1", [invoice.id]);
    await complete(payment.bankPaymentId, 'pay');
    await waitFor('the online payment to succeed', async () => (await onlineStatus(payment.id)) === 'succeeded');
    expect(await paymentRows(invoice.id)).to.deep.equal([]);
    const { rows } = await stack.db.pool.query('SELECT reason, source, amount FROM suspense_entries WHERE source_ref = $1', [
      `online:${payment.bankPaymentId}`,
    ]);
    expect(rows).to.deep.equal([{ reason: 'cancelled_invoice', source: 'online', amount: '36.05' }]);
  });
});
