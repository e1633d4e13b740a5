// Cancelling an invoice in virtual time: by the e-service's signal, by the issuer's `cancelInvoice` update (which
// answers once the workflow has ended), the update refused once the invoice is paid, and a cancellation that loses
// the race to a payment booked in the database.
import { expect } from 'chai';
import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { invoiceWorkflow } from '../../../workflows/invoice/workflow';
import {
  cancelInvoiceUpdate,
  cancelRequestedSignal,
  INVOICE_REJECTIONS,
  invoiceWorkflowId,
  paymentRecordedSignal,
} from '../../../workflows/invoice/api';
import { timeSkippingEnvironment, withWorker } from '../../helpers/time-skipping';
import { waitFor } from '../../helpers/wait';
import { dateAfter, fakeInvoice } from './fake-invoice';

type Env = Awaited<ReturnType<typeof timeSkippingEnvironment>>;
type Handle = Awaited<ReturnType<Env['client']['workflow']['start']>>;

async function withInvoice(name: string, fn: (ctx: { env: Env; handle: Handle; inv: ReturnType<typeof fakeInvoice> }) => Promise<void>) {
  const env = await timeSkippingEnvironment();
  const inv = fakeInvoice(dateAfter(await env.currentTimeMs(), 30));
  await withWorker(inv.activities, async ({ taskQueue }) => {
    const handle = await env.client.workflow.start(invoiceWorkflow, {
      taskQueue,
      workflowId: invoiceWorkflowId(`ts-${name}-${Date.now()}`),
      args: [{ invoiceId: name }],
    });
    try {
      await fn({ env, handle, inv });
    } finally {
      await handle.terminate('test over').catch(() => undefined); // a running leftover would hold the shared clock
    }
  });
}

describe('invoice workflow cancellation (virtual time)', () => {
  it("cancels on the e-service's signal with its reason, and sends no reminder after", async () => {
    await withInvoice('signal', async ({ env, handle, inv }) => {
      await env.sleep('5 days');
      await handle.signal(cancelRequestedSignal, { reason: 'The e-service payment step expired', by: 'eservice-runtime' });
      expect(await handle.result()).to.deep.equal({ status: 'cancelled' });
      expect(inv.names()).to.deep.equal(['cancel:The e-service payment step expired']);
    });
  });

  it("cancels by the issuer's update, which answers with the final status once the workflow has ended", async () => {
    await withInvoice('update', async ({ env, handle, inv }) => {
      await env.sleep('25 days'); // after the 7-day reminder
      const answer = await handle.executeUpdate(cancelInvoiceUpdate, { args: [{ reason: 'Issued in error', by: 'staff-1' }] });
      expect(answer).to.deep.equal({ status: 'cancelled' });
      expect(await handle.result()).to.deep.equal({ status: 'cancelled' });
      expect(inv.names()).to.deep.equal(['remind:before-7d', 'cancel:Issued in error']);
    });
  });

  it('refuses the update with invoice_closed while the paid invoice is being finished', async () => {
    await withInvoice('closed', async ({ handle, inv }) => {
      const release = inv.holdInPaid();
      inv.set('paid');
      await handle.signal(paymentRecordedSignal);
      await waitFor('the workflow to reach invoicePaid', async () => inv.names().includes('paid'));
      const refusal = await handle.executeUpdate(cancelInvoiceUpdate, { args: [{ reason: 'Too late', by: 'staff-1' }] }).then(
        () => {
          throw new Error('the update was accepted');
        },
        (e: unknown) => e,
      );
      expect(refusal).to.be.instanceOf(WorkflowUpdateFailedError);
      const cause = (refusal as WorkflowUpdateFailedError).cause;
      expect(cause).to.be.instanceOf(ApplicationFailure);
      expect((cause as ApplicationFailure).type).to.equal(INVOICE_REJECTIONS.closed);
      expect(INVOICE_REJECTIONS.closed).to.equal('invoice_closed'); // the API maps this literal type to its 409
      release();
      expect(await handle.result()).to.deep.equal({ status: 'paid' });
      expect(inv.names()).to.deep.equal(['paid']); // no cancel activity ran
    });
  });

  it('ends paid when the payment was booked before the cancellation reached the database', async () => {
    await withInvoice('race', async ({ handle, inv }) => {
      // The database already says paid when cancelInvoice runs: it cancels nothing and reports paid.
      inv.paidBeforeCancel();
      const answer = await handle.executeUpdate(cancelInvoiceUpdate, { args: [{ reason: 'Issued in error', by: 'staff-1' }] });
      expect(answer).to.deep.equal({ status: 'paid' });
      expect(await handle.result()).to.deep.equal({ status: 'paid' });
      expect(inv.names()).to.deep.equal(['cancel:Issued in error', 'paid']);
    });
  });
});
