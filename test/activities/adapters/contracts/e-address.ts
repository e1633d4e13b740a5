// The e-address contract, run against every registered backend (see ../contract.test.ts). Deliveries are counted in
// the simulator through GET /messages.
import { expect } from 'chai';
import { SystemRejectedError } from '../../../../activities/adapters/contracts/common';
import { NoMailboxError, type EAddress, type OfficialMessage } from '../../../../activities/adapters/contracts/e-address';
import { ANNA_CODE } from '../../../../simulators/population-register/data';
import { ctx, expectUnavailable, faultBehaviour, setFaults, clearFaults, type ContractTarget } from './support';

const anna = { type: 'natural' as const, id: ANNA_CODE };
const message = (subject: string): OfficialMessage => ({
  recipient: anna,
  sender: { agencyId: 'pmlp', name: 'Pilsonības un migrācijas lietu pārvalde' },
  subject,
  body: 'Jūsu iesniegums ir saņemts.',
  caseId: 'LV-0001000001-67',
});

async function storedFor(simulatorUrl: string, idempotencyKey: string): Promise<any[]> {
  const res = await fetch(`${simulatorUrl}/messages?recipientType=natural&recipientId=${ANNA_CODE}`);
  const { items } = (await res.json()) as { items: any[] };
  return items.filter((m) => m.idempotencyKey === idempotencyKey);
}

export function eAddressContract(target: ContractTarget<EAddress>): void {
  describe(`e-address contract: ${target.backend}`, () => {
    it('knows who has a mailbox: natural and legal persons, not eIDAS identifiers', async () => {
      const eAddress = target.make();
      expect(await eAddress.hasMailbox(anna, ctx())).to.equal(true);
      expect(await eAddress.hasMailbox({ type: 'legal', id: '40203145872' }, ctx())).to.equal(true);
      expect(await eAddress.hasMailbox({ type: 'eidas', id: 'FR/LV/7f3a9c2e1b' }, ctx())).to.equal(false);
      expect(await eAddress.hasMailbox({ type: 'natural', id: '01010010000' }, ctx())).to.equal(false);
    });

    it('delivers once per idempotency key: a repeated send answers the same message as a duplicate', async () => {
      const eAddress = target.make();
      const call = ctx('notify');
      const first = await eAddress.send(message('Iesniegums saņemts'), call);
      const second = await eAddress.send(message('Iesniegums saņemts'), call);
      expect(first.duplicate).to.equal(false);
      expect(second).to.deep.equal({ messageId: first.messageId, duplicate: true });
      const stored = await storedFor(target.simulatorUrl(), call.idempotencyKey);
      expect(stored).to.have.length(1);
      expect(stored[0]).to.deep.include({ messageId: first.messageId, subject: 'Iesniegums saņemts', caseId: 'LV-0001000001-67' });
    });

    it('delivers a second message under another key', async () => {
      const eAddress = target.make();
      const a = await eAddress.send(message('Pirmā'), ctx('a'));
      const b = await eAddress.send(message('Otrā'), ctx('b'));
      expect(b.messageId).to.not.equal(a.messageId);
      expect(b.duplicate).to.equal(false);
    });

    it('rejects, as non-retryable, a message to someone without a mailbox', async () => {
      const err = await target
        .make()
        .send({ ...message('x'), recipient: { type: 'eidas', id: 'FR/LV/7f3a9c2e1b' } }, ctx())
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(NoMailboxError).and.instanceOf(SystemRejectedError);
      expect((err as SystemRejectedError).retryable).to.equal(false);
    });

    it('delivers exactly once when a send during an outage is retried afterwards', async () => {
      const eAddress = target.make();
      const call = ctx('notify-retry');
      await setFaults(target.simulatorUrl(), { outage: true });
      await expectUnavailable(eAddress.send(message('Statuss mainīts'), call));
      await clearFaults(target.simulatorUrl());
      const receipt = await eAddress.send(message('Statuss mainīts'), call);
      expect(receipt.duplicate).to.equal(false);
      expect(await eAddress.send(message('Statuss mainīts'), call)).to.deep.include({ messageId: receipt.messageId, duplicate: true });
      expect(await storedFor(target.simulatorUrl(), call.idempotencyKey)).to.have.length(1);
    });

    faultBehaviour(target, {
      hasMailbox: (eAddress) => eAddress.hasMailbox(anna, ctx()),
      send: (eAddress) => eAddress.send(message('Kļūme'), ctx()),
    });
  });
}
