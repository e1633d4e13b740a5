// The invoice workflow's timers in virtual time: reminders 7 and 1 days before the due date, overdue after it,
// then an overdue reminder every 14 days, three at most; a payment ends the waiting.
import { expect } from 'chai';
import { invoiceWorkflow, paymentRecordedSignal } from '../../../workflows/invoice';
import { withWorker } from '../../helpers/time-skipping';

function fakeInvoice(dueDate: string) {
  const calls: Array<{ at: string; call: string }> = [];
  let status = 'issued';
  const at = () => new Date().toISOString(); // activity-side clock: virtual time is the server's, so record the call order
  const activities = {
    async invoiceState() { return { status, dueDate }; },
    async markOverdue() { calls.push({ at: at(), call: 'markOverdue' }); status = 'overdue'; return status; },
    async remindPayer(_id: string, key: string) { calls.push({ at: at(), call: `remind:${key}` }); },
    async cancelInvoice() { status = 'cancelled'; return status; },
    async invoicePaid() { calls.push({ at: at(), call: 'paid' }); return { caseId: null, stepId: null, amountEur: 10, reference: 'RF18539007547034' }; },
  };
  return { calls, activities, pay: () => { status = 'paid'; } };
}

describe('invoice workflow timers (virtual time)', () => {
  it('reminds 7 and 1 days before the due date, marks overdue after it, then reminds three times', async () => {
    const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const inv = fakeInvoice(due);
    await withWorker(inv.activities, async ({ env, taskQueue }) => {
      const handle = await env.client.workflow.start(invoiceWorkflow, { taskQueue, workflowId: `invoice:ts-${Date.now()}`, args: [{ invoiceId: 'x' }] });
      await env.sleep('120 days');
      expect(inv.calls.map((c) => c.call)).to.deep.equal([
        'remind:before-7d', 'remind:before-1d', 'markOverdue', 'remind:overdue-1', 'remind:overdue-2', 'remind:overdue-3',
      ]);
      inv.pay();
      await handle.signal(paymentRecordedSignal);
      expect(await handle.result()).to.deep.equal({ status: 'paid' });
    });
  });
});
