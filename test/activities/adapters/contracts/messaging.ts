// Contract suites of the mail sender (SMTP) and the SMS sender (SMPP 3.4), run against the registered real backends
// pointed at the SMTP and SMS-gateway simulators: a message sent is a message the simulator received, and a server
// that does not answer is SystemUnavailableError.
import { expect } from 'chai';
import { adapterBackends } from '../../../../activities/adapters';
import { validateAdapterOptions } from '../../../../activities/adapters/options';
import { FAILING } from '../../../../activities/adapters/failing/client';
import type { SimulatorUrls } from '../../../../simulators';
import { ctx, expectUnavailable } from './support';

const portOf = (url: string) => Number(new URL(url).port);

async function readOut<T>(url: string, to: string): Promise<T[]> {
  const res = await fetch(`${url}/messages?to=${encodeURIComponent(to)}`);
  expect(res.status).to.equal(200);
  return ((await res.json()) as { items: T[] }).items;
}

export function mailSenderContract(urls: () => SimulatorUrls): void {
  for (const [backend, b] of Object.entries(adapterBackends.mailSender).filter(([id]) => id !== FAILING)) {
    const make = (port = portOf(urls().smtpServer)) =>
      b.factory(
        validateAdapterOptions('mailSender', backend, b.optionsSchema, {
          host: '127.0.0.1',
          port,
          from: 'Latvija.gov.lv <no-reply@latvija.gov.lv>',
          timeoutMs: 2000,
        }),
      );
    describe(`mail sender contract: ${backend}`, () => {
      it('delivers the message over SMTP: the server received it, with a Message-ID derived from the key', async () => {
        const to = `contract-${Date.now()}@example.lv`;
        const call = ctx('mail');
        const { messageId } = await make().send({ to, subject: 'Apstiprinājuma kods', text: 'Kods: 123456' }, call);
        const again = await make().send({ to, subject: 'Apstiprinājuma kods', text: 'Kods: 123456' }, call);
        expect(again.messageId, 'the same key, the same Message-ID').to.equal(messageId);
        const got = await readOut<{ messageId: string; subject: string; text: string; from: string }>(urls().smtp, to);
        expect(got).to.have.length(2);
        expect(got[0]).to.include({ messageId, subject: 'Apstiprinājuma kods' });
        expect(got[0].text.trim()).to.equal('Kods: 123456');
        expect(got[0].from).to.include('no-reply@latvija.gov.lv');
      });

      it('is unavailable when nothing listens, and says so in its configuration check', async () => {
        await expectUnavailable(make(9).send({ to: 'a@example.lv', subject: 's', text: 't' }, ctx()));
        expect((await make(9).checkConfig()).ok).to.equal(false);
        expect((await make().checkConfig()).ok).to.equal(true);
      });
    });
  }
}

export function smsSenderContract(urls: () => SimulatorUrls): void {
  for (const [backend, b] of Object.entries(adapterBackends.smsSender).filter(([id]) => id !== FAILING)) {
    const make = (port = portOf(urls().smppServer), password = 'dev-smpp') =>
      b.factory(
        validateAdapterOptions('smsSender', backend, b.optionsSchema, {
          host: '127.0.0.1',
          port,
          systemId: 'sdp',
          password,
          sourceAddress: 'Latvija',
          timeoutMs: 2000,
        }),
      );
    describe(`SMS sender contract: ${backend}`, () => {
      it('binds and submits over SMPP: the gateway received the text, short or long, with Latvian letters', async () => {
        const to = `+3712${String(Date.now()).slice(-7)}`;
        const short = await make().send({ to, text: 'Kods: 654321 (derīgs 10 min)' }, ctx());
        expect(short.messageId).to.match(/^[0-9a-f]{16}$/);
        const long = `Pieteikums LV-0000000001-01: pieņemts lēmums. ${'Sīkāk portālā latvija.gov.lv. '.repeat(5)}`;
        await make().send({ to, text: long }, ctx());
        const got = await readOut<{ messageId: string; text: string; sourceAddress: string }>(urls().smsGateway, to);
        expect(got.map((m) => m.text)).to.deep.equal([long, 'Kods: 654321 (derīgs 10 min)']);
        expect(got[1]).to.include({ messageId: short.messageId, sourceAddress: 'Latvija' });
      });

      it('is unavailable when nothing listens or the bind is refused; the configuration check says so', async () => {
        await expectUnavailable(make(9).send({ to: '+37120000000', text: 't' }, ctx()));
        const refused = await expectUnavailable(make(undefined, 'wrong').send({ to: '+37120000000', text: 't' }, ctx()));
        expect(refused.message).to.match(/bind_transmitter refused/);
        expect((await make(9).checkConfig()).ok).to.equal(false);
        expect((await make().checkConfig()).ok).to.equal(true);
      });
    });
  }
}
