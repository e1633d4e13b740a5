// The e-address simulator's own rules, over HTTP: idempotent delivery, validation, mailbox lookup.
import { expect } from 'chai';
import { startEAddressSimulator } from '../../../simulators/e-address/server';
import type { RunningSimulator } from '../../../simulators/app';

describe('simulators/e-address/server', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startEAddressSimulator({ faults: {} });
  });
  after(() => sim?.close());

  const message = {
    recipient: { type: 'legal', id: '40203145872' },
    sender: { agencyId: 'ur', name: 'UR' },
    subject: 'Lēmums',
    body: '...',
  };
  const post = (body: unknown, key?: string) =>
    fetch(`${sim.url}/messages`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    });
  const count = async () =>
    ((await (await fetch(`${sim.url}/messages?recipientType=legal&recipientId=40203145872`)).json()) as any).items.length;

  it('stores a message once per Idempotency-Key', async () => {
    const first = await post(message, 'k1');
    expect(first.status).to.equal(201);
    const again = await post({ ...message, subject: 'changed' }, 'k1');
    expect(again.status).to.equal(200);
    expect(((await again.json()) as any).duplicate).to.equal(true);
    expect(await count()).to.equal(1);
  });

  it('refuses a message without a key, an invalid one, and one to a recipient without a mailbox', async () => {
    expect((await post(message)).status).to.equal(400);
    expect((await post({ ...message, subject: '' }, 'k2')).status).to.equal(400);
    const noMailbox = await post({ ...message, recipient: { type: 'eidas', id: 'FR/LV/1' } }, 'k3');
    expect(noMailbox.status).to.equal(422);
    expect(((await noMailbox.json()) as any).error.code).to.equal('no_mailbox');
    expect(await count()).to.equal(1);
  });

  it('tells whether a mailbox exists, also for identifiers with "/"', async () => {
    expect((await fetch(`${sim.url}/mailboxes/natural/15038511239`)).status).to.equal(200);
    expect((await fetch(`${sim.url}/mailboxes/eidas/${encodeURIComponent('FR/LV/7f3a9c2e1b')}`)).status).to.equal(404);
  });
});
