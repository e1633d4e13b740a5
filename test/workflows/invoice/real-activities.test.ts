// The invoice workflow with its real activities in virtual time: an invoice issued through the API, its workflow run
// on the time-skipping server against the test database and the e-address simulator. The workflow itself, not SQL
// in a test, makes the invoice overdue; every reminder is a notification row and an e-address message.
import { expect } from 'chai';
import { createInvoiceActivities } from '../../../activities/invoice';
import { invoiceWorkflow } from '../../../workflows/invoice/workflow';
import { invoiceWorkflowId, paymentRecordedSignal } from '../../../workflows/invoice/api';
import { call } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { timeSkippingEnvironment, withWorker } from '../../helpers/time-skipping';
import { stack } from '../../setup';
import { dateAfter } from './fake-invoice';

const anna = { type: 'natural', id: '15038511239', name: 'Anna Bērziņa' };

async function eAddressMessagesAbout(reference: string): Promise<Array<{ subject: string; idempotencyKey: string }>> {
  const r = await fetch(`${stack.simulators.urls.eAddress}/messages?recipientType=natural&recipientId=${anna.id}`);
  return ((await r.json()) as { items: Array<{ subject: string; body: string; idempotencyKey: string }> }).items.filter((m) =>
    m.body.includes(reference),
  );
}

describe('invoice workflow with its real activities (virtual time)', function () {
  this.timeout(180_000);

  it('makes an API-issued invoice overdue in the database, reminds its payer by notification and e-address, then books the payment', async () => {
    const env = await timeSkippingEnvironment();
    // Step 1: issue the invoice through the API, due 10 days after the virtual clock's now (never before the real today).
    const dueDate = dateAfter(await env.currentTimeMs(), 10);
    const issued = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: {
        idempotencyKey: `inv-ts-${uniqueSuffix()}`,
        payer: anna,
        currency: 'EUR',
        dueDate,
        lines: [{ description: 'Pases fotografēšana', quantity: 1, unitPrice: 30, vatRate: 21 }],
      },
    });
    expect(issued.status).to.equal(201, JSON.stringify(issued.body));
    const { id, paymentReference } = issued.body as { id: string; paymentReference: string };

    const activities = createInvoiceActivities({ pool: stack.appDb.pool, adapters: stack.adapters });
    await withWorker(activities, async ({ taskQueue }) => {
      const handle = await env.client.workflow.start(invoiceWorkflow, {
        taskQueue,
        workflowId: invoiceWorkflowId(`ts-real-${id}`),
        args: [{ invoiceId: id }],
      });
      try {
        // Step 2: 60 virtual days: both reminders, overdue on the due date, three overdue reminders.
        await env.sleep('60 days');
        const shown = await call('GET', `/api/v1/invoices/${id}`, { as: 'system-pmlp' });
        expect(shown.body.status).to.equal('overdue');
        const { rows } = await stack.db.pool.query(
          'SELECT id, subject_en, recipient_id, e_address_message_id FROM notifications WHERE id LIKE $1 ORDER BY created_at, id',
          [`invoice:${id}/%`],
        );
        expect(rows.map((r) => [r.id.slice(`invoice:${id}/`.length), r.subject_en, r.recipient_id])).to.deep.equal([
          ['reminder-before-7d', 'Payment reminder', anna.id],
          ['reminder-before-1d', 'Payment reminder', anna.id],
          ['overdue', 'Your invoice is overdue', anna.id],
          ['reminder-overdue-1', 'Payment reminder', anna.id],
          ['reminder-overdue-2', 'Payment reminder', anna.id],
          ['reminder-overdue-3', 'Payment reminder', anna.id],
        ]);
        expect(rows.every((r) => typeof r.e_address_message_id === 'string')).to.equal(true);
        const messages = await eAddressMessagesAbout(paymentReference);
        expect(messages.map((m) => [m.idempotencyKey, m.subject]).sort()).to.deep.equal(
          rows
            .map((r) => [
              r.id,
              `${r.subject_en === 'Payment reminder' ? 'Atgādinājums par rēķina apmaksu' : 'Rēķina apmaksas termiņš ir nokavēts'} / ${r.subject_en}`,
            ])
            .sort(),
        );

        // Step 3: the counter books the whole amount (36.30 EUR with 21 % VAT); the poke ends the workflow paid.
        const paid = await call('POST', `/api/v1/invoices/${id}/counter-payments`, {
          as: 'staff-vpvkac-riga',
          json: { amountEur: 36.3, receiptNumber: `R-${uniqueSuffix()}` },
        });
        expect(paid.status).to.equal(201, JSON.stringify(paid.body));
        await handle.signal(paymentRecordedSignal);
        expect(await handle.result()).to.deep.equal({ status: 'paid' });
        const paidNote = await stack.db.pool.query('SELECT subject_en FROM notifications WHERE id = $1', [`invoice:${id}/paid`]);
        expect(paidNote.rows).to.deep.equal([{ subject_en: 'Payment received' }]);
      } finally {
        await handle.terminate('test over').catch(() => undefined);
      }
    });
  });
});
