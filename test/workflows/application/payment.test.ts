// The payment step in virtual time: an invoice run by the real invoice workflow (a child, with faked invoice
// activities) whose payment signals the application on; and a payment that never comes, so the step expires,
// cancels its invoice and rejects the application.
import { expect } from 'chai';
import { definitionWith, fakeInvoiceId, FakePlatform, runApplication } from './interpreter-harness';
import { waitFor } from '../../helpers/wait';
import { invoiceWorkflowId, paymentRecordedSignal } from '../../../workflows/invoice/api';
import type { Step } from '../../../forms/eservice-definition/dsl';

const FEE_TEXT = { lv: 'Valsts nodeva', en: 'State fee' };
const steps: Step[] = [
  { id: 'fee', kind: 'payment', amountEur: { '*': [{ var: 'form.copies' }, 7.5] }, description: FEE_TEXT, expiresIn: '14 days' },
  {
    id: 'receipt',
    kind: 'notify',
    subject: { lv: 'Saņemts', en: 'Received' },
    body: { lv: '{{steps.fee.paid}} {{steps.fee.payment.reference}} {{steps.fee.payment.amountEur}}', en: '-' },
  },
];

describe('workflows/application: payment (virtual time)', () => {
  it('asks for the computed amount, waits as awaiting_payment, and goes on once the invoice is paid', async () => {
    const platform = new FakePlatform(definitionWith(steps));
    await runApplication(platform, async (app) => {
      await app.submit({ copies: 2 });
      const waiting = await app.until('awaiting payment', (v) => v.status === 'awaiting_payment');
      expect(waiting.label).to.equal('Valsts nodeva');
      const requestId = `${app.caseId}:fee`;
      expect(platform.callsOf('requestPayment')).to.deep.equal([
        { caseId: app.caseId, stepId: 'fee', amountEur: 15, description: FEE_TEXT, expiresIn: '14 days' },
      ]);
      expect(platform.callsOf('invoiceForPayment')).to.deep.equal([
        { caseId: app.caseId, requestId, amountEur: 15, description: FEE_TEXT, expiresIn: '14 days' },
      ]);

      // The bank's money is booked elsewhere; the invoice workflow is poked, reads "paid" and tells the application.
      await app.env.sleep('3 days');
      expect((await app.view()).status, 'still waiting after 3 days').to.equal('awaiting_payment');
      platform.invoiceStatus = 'paid';
      platform.paidStepId = 'fee';
      const invoice = app.env.client.workflow.getHandle(invoiceWorkflowId(fakeInvoiceId(requestId)));
      await invoice.signal(paymentRecordedSignal);
      expect(await invoice.result()).to.deep.equal({ status: 'paid' });
      expect(await app.handle.result()).to.deep.equal({ status: 'completed' });

      expect(platform.statuses()).to.deep.equal(['submitted', 'awaiting_payment', 'in_progress', 'completed']);
      expect(platform.callsOf('recordStatus')[1].label).to.deep.equal(FEE_TEXT);
      expect(platform.callsOf('notifyRecipient')[0].body.lv).to.equal(`true RF-${fakeInvoiceId(requestId)} 15`);
      expect(platform.callsOf('expirePayment')).to.deep.equal([]);
      expect(platform.callsOf('cancelInvoice')).to.deep.equal([]);
    });
  });

  it('a payment not received within expiresIn expires the request, cancels the invoice and rejects the application', async () => {
    const platform = new FakePlatform(definitionWith(steps));
    await runApplication(platform, async (app) => {
      await app.submit({ copies: 1 });
      await app.until('awaiting payment', (v) => v.status === 'awaiting_payment');
      await app.env.sleep('13 days');
      expect((await app.view()).status, 'after 13 of 14 days').to.equal('awaiting_payment');
      expect(platform.callsOf('expirePayment')).to.deep.equal([]);
      expect(await app.handle.result()).to.deep.equal({ status: 'rejected' });

      const requestId = `${app.caseId}:fee`;
      expect(platform.callsOf('requestPayment')[0].amountEur).to.equal(7.5);
      expect(platform.callsOf('expirePayment')).to.deep.equal([{ requestId }]);
      expect(platform.statuses()).to.deep.equal(['submitted', 'awaiting_payment', 'rejected']);
      expect(platform.callsOf('recordStatus')[2].label).to.deep.equal({
        lv: 'Maksājums netika saņemts laikā',
        en: 'The payment was not received in time',
      });
      expect(platform.callsOf('notifyRecipient'), 'no receipt').to.deep.equal([]);
      const cancelled = await waitFor('the invoice cancelled', async () => platform.callsOf('cancelInvoice')[0]);
      expect(cancelled).to.deep.equal({ invoiceId: fakeInvoiceId(requestId), reason: 'The e-service payment step expired' });
    });
  });
});
