// The payment-initiation contract, run against every registered backend (see ../contract.test.ts). The payer's
// part (pressing Pay or Cancel on the payment page) is done through the simulator's JSON completion API; the
// callbacks it sends are caught by a small HTTP receiver standing in for the platform.
import crypto from 'node:crypto';
import http from 'node:http';
import { expect } from 'chai';
import { SystemRejectedError, type CallContext } from '../../../../activities/adapters/contracts/common';
import {
  CallbackRejectedError,
  type PaymentInitiation,
  type PaymentRequest,
} from '../../../../activities/adapters/contracts/payment-initiation';
import { waitFor } from '../../../helpers/wait';
import { ctx, faultBehaviour, type ContractTarget } from './support';

interface Received {
  raw: Buffer;
  headers: http.IncomingHttpHeaders;
}

async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ raw: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A valid ISO 11649 reference with a random body. */
function rfReference(): string {
  const body = String(crypto.randomInt(10_000_000, 99_999_999));
  const digits = `${body}2715` + '00'; // R=27, F=15, check digits 00
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return `RF${String(98 - rest).padStart(2, '0')}${body}`;
}

export function paymentInitiationContract(target: ContractTarget<PaymentInitiation>): void {
  describe(`payment-initiation contract: ${target.backend}`, () => {
    let receiver: Awaited<ReturnType<typeof startReceiver>>;
    before(async () => {
      receiver = await startReceiver();
    });
    after(() => receiver?.close());

    const request = (extra: Partial<PaymentRequest> = {}): PaymentRequest => ({
      amountCents: 3605,
      currency: 'EUR',
      reference: rfReference(),
      description: 'PMLP-2026-10000001 Pilsonības un migrācijas lietu pārvalde',
      returnUrl: 'http://127.0.0.1:3000/payments/online/x?onlinePayment=x',
      callbackUrl: `${receiver.url}/callbacks`,
      ...extra,
    });
    const complete = async (paymentId: string, action: 'pay' | 'cancel') => {
      const res = await fetch(`${target.simulatorUrl()}/pay/${paymentId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action }),
      });
      expect(res.status, await res.clone().text()).to.equal(200);
    };
    const callbacksFor = (paymentId: string) => receiver.received.filter((r) => JSON.parse(r.raw.toString('utf8')).paymentId === paymentId);

    it('registers a payment and answers its payment page; the same key answers the same payment', async () => {
      const bank = target.make();
      const call: CallContext = ctx('start-payment');
      const req = request();
      const first = await bank.initiate(req, call);
      expect(first.paymentId).to.be.a('string').and.not.equal('');
      const page = await fetch(first.redirectUrl);
      expect(page.status).to.equal(200);
      expect(page.headers.get('content-type')).to.match(/text\/html/);
      expect(await page.text()).to.include(req.reference);
      expect(await bank.initiate(req, call)).to.deep.equal(first);
      expect((await bank.initiate(request(), ctx('another'))).paymentId).to.not.equal(first.paymentId);
    });

    it('reports a payment in a signed callback that verifies to the outcome', async () => {
      const bank = target.make();
      const req = request();
      const { paymentId } = await bank.initiate(req, ctx());
      await complete(paymentId, 'pay');
      const [delivered] = await waitFor('the callback', async () => callbacksFor(paymentId).length > 0 && callbacksFor(paymentId));
      const callback = await bank.verifyCallback(delivered.raw, delivered.headers);
      expect(callback).to.deep.include({
        paymentId,
        reference: req.reference,
        amountCents: 3605,
        currency: 'EUR',
        status: 'succeeded',
        sequence: 1,
      });
      expect(callback.paidAt).to.be.instanceOf(Date);
      // Verifying is stateless: the same genuine callback verifies again (the platform counts it once).
      expect(await bank.verifyCallback(delivered.raw, delivered.headers)).to.deep.equal(callback);
    });

    it('reports a cancelled attempt as failed, and a later payment of it with a higher sequence', async () => {
      const bank = target.make();
      const { paymentId } = await bank.initiate(request(), ctx());
      await complete(paymentId, 'cancel');
      await waitFor('the failed callback', async () => callbacksFor(paymentId).length === 1);
      await complete(paymentId, 'pay');
      const both = await waitFor('both callbacks', async () => callbacksFor(paymentId).length === 2 && callbacksFor(paymentId));
      const verified = await Promise.all(both.map((r) => bank.verifyCallback(r.raw, r.headers)));
      expect(verified.map((c) => [c.sequence, c.status, c.paidAt === null])).to.deep.equal([
        [1, 'failed', true],
        [2, 'succeeded', false],
      ]);
    });

    it('refuses a callback with a tampered body, a forged or a missing signature', async () => {
      const bank = target.make();
      const { paymentId } = await bank.initiate(request(), ctx());
      await complete(paymentId, 'pay');
      const [genuine] = await waitFor('the callback', async () => callbacksFor(paymentId).length > 0 && callbacksFor(paymentId));
      const tampered = Buffer.from(genuine.raw.toString('utf8').replace('"36.05"', '"0.01"'));
      expect(tampered.equals(genuine.raw)).to.equal(false);
      const forged = `sha256=${crypto.createHmac('sha256', 'not-the-shared-secret-at-all').update(genuine.raw).digest('hex')}`;
      const attempts: Array<[Buffer, http.IncomingHttpHeaders]> = [
        [tampered, genuine.headers],
        [genuine.raw, { ...genuine.headers, 'x-signature': forged }],
        [genuine.raw, { ...genuine.headers, 'x-signature': undefined }],
        [genuine.raw, { ...genuine.headers, 'x-signature': 'sha256=abc' }],
      ];
      for (const [raw, headers] of attempts) {
        const err = await bank.verifyCallback(raw, headers).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).to.be.instanceOf(CallbackRejectedError);
        expect((err as CallbackRejectedError).reason).to.equal('bad_signature');
      }
    });

    it('rejects, as non-retryable, an invalid request and a reused key with another request', async () => {
      const bank = target.make();
      const bad = await bank.initiate(request({ reference: 'RF00539007547034' }), ctx()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(bad).to.be.instanceOf(SystemRejectedError);
      expect((bad as SystemRejectedError).retryable).to.equal(false);
      const call = ctx('reused');
      await bank.initiate(request(), call);
      const reused = await bank.initiate(request({ amountCents: 100 }), call).then(
        () => null,
        (e: unknown) => e,
      );
      expect(reused).to.be.instanceOf(SystemRejectedError);
    });

    faultBehaviour(target, {
      initiate: (bank) => bank.initiate(request(), ctx()),
    });
  });
}
