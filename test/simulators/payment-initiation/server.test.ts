// The bank-link simulator's own rules, over HTTP: idempotent registration, validation, the payment page, signed
// callbacks with retries, and the callback knobs on /_faults.
import crypto from 'node:crypto';
import http from 'node:http';
import { expect } from 'chai';
import { isRfReference, startPaymentInitiationSimulator } from '../../../simulators/payment-initiation/server';
import type { RunningSimulator } from '../../../simulators/app';
import { waitFor } from '../../helpers/wait';

const SECRET = 'test-secret-for-the-simulator-0001';

describe('simulators/payment-initiation/server', () => {
  let sim: RunningSimulator;
  let receiver: http.Server;
  let receiverUrl: string;
  const received: Array<{ raw: string; signature: string | undefined }> = [];
  let answerWith = 200;

  before(async () => {
    sim = await startPaymentInitiationSimulator({ faults: {}, secret: SECRET });
    receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => {
        raw += c.toString('utf8');
      });
      req.on('end', () => {
        received.push({ raw, signature: req.headers['x-signature'] as string | undefined });
        res.writeHead(answerWith).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/cb`;
  });
  after(async () => {
    await sim?.close();
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  });
  afterEach(async () => {
    answerWith = 200;
    await fetch(`${sim.url}/_faults`, { method: 'DELETE' });
  });

  const payment = (extra: Record<string, unknown> = {}) => ({
    amount: '12.50',
    currency: 'EUR',
    reference: 'RF18539007547034',
    description: 'Test',
    merchantId: 'm-1',
    returnUrl: 'http://portal.test/back?x=1',
    callbackUrl: receiverUrl,
    ...extra,
  });
  const register = (body: unknown, key?: string) =>
    fetch(`${sim.url}/payments`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    });
  const mine = (paymentId: string) => received.filter((r) => JSON.parse(r.raw).paymentId === paymentId);
  const paymentView = async (paymentId: string) => (await (await fetch(`${sim.url}/payments/${paymentId}`)).json()) as any;
  /** The payment once it has an event and none of its callbacks is being sent, retried or delayed any more. */
  const settled = (paymentId: string) =>
    waitFor('the callbacks to be done', async () => {
      const p = await paymentView(paymentId);
      return p.events.length > 0 && p.callbacksUnderWay === 0 && p;
    });

  it('checks ISO 11649 check digits', () => {
    expect(isRfReference('RF18539007547034')).to.equal(true);
    expect(isRfReference('RF19539007547034')).to.equal(false);
    expect(isRfReference('RF18 5390 0754 7034')).to.equal(false);
  });

  it('registers a payment once per Idempotency-Key and refuses invalid requests', async () => {
    const first = await register(payment(), 'k-1');
    expect(first.status).to.equal(201);
    const body = (await first.json()) as any;
    expect(body.redirectUrl).to.equal(`${sim.url}/pay/${body.paymentId}`);
    const again = await register(payment(), 'k-1');
    expect(again.status).to.equal(200);
    expect(((await again.json()) as any).paymentId).to.equal(body.paymentId);
    expect((await register(payment({ amount: '1.00' }), 'k-1')).status).to.equal(422);
    expect((await register(payment())).status).to.equal(400);
    for (const bad of [
      { amount: '12.5' },
      { amount: '0.00' },
      { reference: 'RF19539007547034' },
      { returnUrl: 'javascript:alert(1)' },
      { callbackUrl: 'ftp://x' },
      { merchantId: '' },
    ]) {
      expect((await register(payment(bad), `k-${crypto.randomUUID()}`)).status, JSON.stringify(bad)).to.equal(400);
    }
    expect((await register(payment({ currency: 'USD' }), 'k-usd')).status).to.equal(422);
  });

  it('renders the payment page and sends the browser back with 303; a paid payment stays paid', async () => {
    const { paymentId, redirectUrl } = (await (await register(payment(), 'k-page')).json()) as any;
    const html = await (await fetch(redirectUrl)).text();
    expect(html).to.include('<html lang="en">').and.include('Pay 12.50 EUR').and.include('Cancel payment').and.include('RF18539007547034');
    expect((await fetch(`${sim.url}/pay/pi_nope`)).status).to.equal(404);
    const res = await fetch(redirectUrl, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'action=pay',
    });
    expect(res.status).to.equal(303);
    expect(res.headers.get('location')).to.equal(`http://portal.test/back?x=1&paymentId=${paymentId}&status=succeeded`);
    const cancel = await fetch(redirectUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'cancel' }),
    });
    expect(((await cancel.json()) as any).status).to.equal('succeeded');
    expect(
      (await fetch(redirectUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"refund"}' })).status,
    ).to.equal(400);
    await waitFor('the callback', async () => mine(paymentId).length === 1);
  });

  it('signs each callback with HMAC-SHA256 of the raw body', async () => {
    const { paymentId } = (await (await register(payment(), 'k-sign')).json()) as any;
    await fetch(`${sim.url}/pay/${paymentId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"pay"}',
    });
    const [cb] = await waitFor('the callback', async () => mine(paymentId).length === 1 && mine(paymentId));
    expect(cb.signature).to.equal(`sha256=${crypto.createHmac('sha256', SECRET).update(cb.raw).digest('hex')}`);
    expect(JSON.parse(cb.raw)).to.deep.include({
      paymentId,
      merchantId: 'm-1',
      reference: 'RF18539007547034',
      amount: '12.50',
      currency: 'EUR',
      status: 'succeeded',
      sequence: 1,
    });
  });

  it('retries a callback answered 5xx, not one answered 4xx', async () => {
    answerWith = 503;
    const a = (await (await register(payment(), 'k-retry')).json()) as any;
    await fetch(`${sim.url}/pay/${a.paymentId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"pay"}',
    });
    // Done when the simulator has no callback of the payment under way: then no attempt is left to come.
    const retried = await settled(a.paymentId);
    expect(retried.deliveries.map((d: any) => [d.attempt, d.httpStatus])).to.deep.equal([
      [1, 503],
      [2, 503],
      [3, 503],
      [4, 503],
    ]);
    expect(mine(a.paymentId)).to.have.length(4);
    answerWith = 401;
    const b = (await (await register(payment(), 'k-noretry')).json()) as any;
    await fetch(`${sim.url}/pay/${b.paymentId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"pay"}',
    });
    const refused = await settled(b.paymentId);
    expect(refused.deliveries.map((d: any) => [d.attempt, d.httpStatus])).to.deep.equal([[1, 401]]);
    expect(mine(b.paymentId)).to.have.length(1);
  });

  it('keeps the callback knobs with the shared faults on /_faults, refuses bad ones and resets them all', async () => {
    const set = await fetch(`${sim.url}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ duplicateCallbacks: true, callbackDelayMs: 10, latencyMs: 5 }),
    });
    expect(await set.json()).to.deep.equal({
      errorRate: 0,
      latencyMs: 5,
      outage: false,
      duplicateCallbacks: true,
      callbackDelayMs: 10,
      reorder: false,
      reorderHoldMs: 1500,
    });
    const bad = await fetch(`${sim.url}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reorder: 'yes' }),
    });
    expect(bad.status).to.equal(400);
    const badShared = await fetch(`${sim.url}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reorder: true, outage: 'x' }),
    });
    expect(badShared.status).to.equal(400);
    expect(await (await fetch(`${sim.url}/_faults`)).json()).to.deep.include({ reorder: false, duplicateCallbacks: true });
    expect(await (await fetch(`${sim.url}/_faults`, { method: 'DELETE' })).json()).to.deep.equal({
      errorRate: 0,
      latencyMs: 0,
      outage: false,
      duplicateCallbacks: false,
      callbackDelayMs: 0,
      reorder: false,
      reorderHoldMs: 1500,
    });
  });
});
