// The invoice workflow's timers in virtual time: reminders 7 and 1 days before the due date, overdue after it,
// then an overdue reminder every 14 days, three at most; a payment ends the waiting. Each call is checked at the
// virtual instant it happened (a due date ends at 23:59:59Z of its day).
import { expect } from 'chai';
import { invoiceWorkflow } from '../../../workflows/invoice/workflow';
import { invoiceWorkflowId, paymentRecordedSignal } from '../../../workflows/invoice/api';
import { timeSkippingEnvironment, withWorker } from '../../helpers/time-skipping';
import { callsAt, dateAfter, endOfDay, fakeInvoice, iso } from './fake-invoice';

/** An invoice due `days` after the virtual clock's now (earlier tests of the run have moved that clock on). */
async function invoiceDueIn(days: number) {
  const now = await (await timeSkippingEnvironment()).currentTimeMs();
  const due = dateAfter(now, days);
  return { now, due, inv: fakeInvoice(due) };
}

type Env = Awaited<ReturnType<typeof timeSkippingEnvironment>>;
type Handle = Awaited<ReturnType<Env['client']['workflow']['start']>>;

/**
 * Runs one invoice workflow with the fake's activities. A workflow a failed test leaves running would hold the shared
 * virtual clock (its next task has no worker), so it is terminated whatever happens.
 */
async function withInvoice(inv: ReturnType<typeof fakeInvoice>, name: string, fn: (ctx: { env: Env; handle: Handle }) => Promise<void>) {
  await withWorker(inv.activities, async ({ env, taskQueue }) => {
    const handle = await env.client.workflow.start(invoiceWorkflow, {
      taskQueue,
      workflowId: invoiceWorkflowId(`ts-${name}-${Date.now()}`),
      args: [{ invoiceId: name }],
    });
    try {
      await fn({ env, handle });
    } finally {
      await handle.terminate('test over').catch(() => undefined);
    }
  });
}

describe('invoice workflow timers (virtual time)', () => {
  it('reminds 7 and 1 days before the due date, marks overdue after it, then reminds three times 14 days apart and stays quiet', async () => {
    const { due, inv } = await invoiceDueIn(30);
    await withInvoice(inv, 'full', async ({ env, handle }) => {
      await env.sleep('120 days');
      const expected: Array<[string, number]> = [
        ['remind:before-7d', endOfDay(due, -7)],
        ['remind:before-1d', endOfDay(due, -1)],
        ['markOverdue', endOfDay(due)],
        ['remind:overdue-1', endOfDay(due, 14)],
        ['remind:overdue-2', endOfDay(due, 28)],
        ['remind:overdue-3', endOfDay(due, 42)],
      ];
      expect(callsAt(inv.calls, expected)).to.deep.equal(iso(expected));
      // Quiet after the last reminder: no timer re-armed, so the history stops growing while it waits for a payment.
      const { events } = await handle.fetchHistory();
      await env.sleep('60 days');
      expect((await handle.fetchHistory()).events?.length).to.equal(events?.length);
      inv.set('paid');
      await handle.signal(paymentRecordedSignal);
      expect(await handle.result()).to.deep.equal({ status: 'paid' });
      expect(inv.names().slice(6)).to.deep.equal(['paid']);
    });
  });

  it('stops every reminder when the invoice is paid before its due date', async () => {
    const { due, inv } = await invoiceDueIn(30);
    await withInvoice(inv, 'early', async ({ env, handle }) => {
      await env.sleep('25 days'); // past the 7-day reminder, before the 1-day one
      inv.set('paid');
      await handle.signal(paymentRecordedSignal);
      expect(await handle.result()).to.deep.equal({ status: 'paid' });
      expect(callsAt(inv.calls.slice(0, 1), [['remind:before-7d', endOfDay(due, -7)]])).to.deep.equal(
        iso([['remind:before-7d', endOfDay(due, -7)]]),
      );
      expect(inv.names()).to.deep.equal(['remind:before-7d', 'paid']);
    });
  });

  it('re-reads the invoice on a partial payment and keeps its timers: a partly paid invoice is still reminded and goes overdue', async () => {
    const { due, inv } = await invoiceDueIn(10);
    await withInvoice(inv, 'partly', async ({ env, handle }) => {
      await env.sleep('2 days');
      const readsBefore = inv.stateReads();
      inv.set('partly_paid');
      await handle.signal(paymentRecordedSignal);
      // The poke is a wake-up, not a payment: the workflow reads the state again and sends nothing.
      await env.sleep('1 hour');
      expect(inv.stateReads()).to.equal(readsBefore + 1);
      expect(inv.names()).to.deep.equal([]);
      await env.sleep('25 days');
      const expected: Array<[string, number]> = [
        ['remind:before-7d', endOfDay(due, -7)],
        ['remind:before-1d', endOfDay(due, -1)],
        ['markOverdue', endOfDay(due)],
        ['remind:overdue-1', endOfDay(due, 14)],
      ];
      expect(callsAt(inv.calls, expected)).to.deep.equal(iso(expected));
      inv.set('paid');
      await handle.signal(paymentRecordedSignal);
      expect(await handle.result()).to.deep.equal({ status: 'paid' });
    });
  });

  it('skips the reminders whose time has passed when it starts: due in 3 days, only the 1-day reminder', async () => {
    const { due, inv } = await invoiceDueIn(3);
    await withInvoice(inv, 'late-reminders', async ({ env, handle }) => {
      await env.sleep('5 days');
      const expected: Array<[string, number]> = [
        ['remind:before-1d', endOfDay(due, -1)],
        ['markOverdue', endOfDay(due)],
      ];
      expect(callsAt(inv.calls, expected)).to.deep.equal(iso(expected));
      inv.set('cancelled');
      await handle.signal(paymentRecordedSignal);
      expect(await handle.result()).to.deep.equal({ status: 'cancelled' });
    });
  });

  it('marks an invoice whose due date has already passed overdue at once, then reminds 14, 28 and 42 days after the due date', async () => {
    const { now, due, inv } = await invoiceDueIn(-3);
    await withInvoice(inv, 'past-due', async ({ env, handle }) => {
      await env.sleep('60 days');
      const expected: Array<[string, number]> = [
        ['markOverdue', now],
        ['remind:overdue-1', endOfDay(due, 14)],
        ['remind:overdue-2', endOfDay(due, 28)],
        ['remind:overdue-3', endOfDay(due, 42)],
      ];
      expect(callsAt(inv.calls, expected)).to.deep.equal(iso(expected));
      inv.set('paid');
      await handle.signal(paymentRecordedSignal);
      expect(await handle.result()).to.deep.equal({ status: 'paid' });
    });
  });
});
