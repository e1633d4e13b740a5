// Every workflow rejection reaches clients as its stable code (issue 13, section 8): `invoice_closed` used to be a
// 503. The invoice case is driven for real: an invoice paid while the API still read it as open (the moment between
// the payment's commit and the workflow's end, held open here by a worker whose invoicePaid waits) is refused by
// the workflow, and the API answers 409 invoice_closed.
import crypto from 'node:crypto';
import { expect } from 'chai';
import { stack } from '../../setup';
import { apiFor, callAt } from '../../helpers/api-instance';
import { uniqueSuffix } from '../../helpers/cases';
import { createWorker } from '../../../activities/worker';
import { createActivities } from '../../../activities';
import { STATUS_OF } from '../../../api/platform/temporal-errors';
import { REJECTIONS } from '../../../workflows/application/api';
import { REVIEW_REFUSALS } from '../../../workflows/catalog/api';
import { INVOICE_REJECTIONS } from '../../../workflows/invoice/api';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('api: workflow rejections', function () {
  this.timeout(120_000);

  it('every rejection type of every workflow has a 4xx in the one table', () => {
    for (const type of [...Object.values(REJECTIONS), ...Object.values(REVIEW_REFUSALS), ...Object.values(INVOICE_REJECTIONS)]) {
      expect(STATUS_OF[type], type).to.be.within(400, 499);
    }
  });

  it('cancelling an invoice the workflow already knows is paid answers 409 invoice_closed, not 503', async () => {
    const taskQueue = `rejections-${crypto.randomBytes(4).toString('hex')}`;
    let reached!: () => void;
    const inInvoicePaid = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const real = createActivities({ pool: stack.db.pool, adapters: stack.adapters, seals: stack.seals });
    const worker = await createWorker(
      stack.temporal.nativeConnection,
      { namespace: 'default', taskQueue, pool: stack.db.pool, adapters: stack.adapters, seals: stack.seals },
      {
        activities: {
          ...real,
          invoicePaid: async (id: string) => {
            reached();
            await released;
            return real.invoicePaid(id);
          },
        },
      },
    );
    const running = worker.run();
    const api = await apiFor(stack.temporal.address, taskQueue, 10_000);
    try {
      const issued = await callAt(api, 'POST', '/api/v1/invoices', {
        as: 'system-pmlp',
        json: {
          idempotencyKey: `inv-closed-${uniqueSuffix()}`,
          payer: { type: 'natural', id: '15038511239', name: 'Anna Bērziņa' },
          lines: [
            { description: 'Pases izgatavošana', quantity: 1, unitPrice: 36.05, vatExemption: { category: 'O', reason: 'Valsts nodeva' } },
          ],
          currency: 'EUR',
          dueDate: inDays(14),
        },
      });
      expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
      const invoiceId = (issued.body as { id: string }).id;
      const paid = await callAt(api, 'POST', `/api/v1/invoices/${invoiceId}/counter-payments`, {
        as: 'officer-pmlp',
        json: { amountEur: 36.05, receiptNumber: `R-${uniqueSuffix()}` },
      });
      expect(paid.status, JSON.stringify(paid.body)).to.equal(201);
      await inInvoicePaid; // the workflow has read "paid" and is finishing
      // The API's read of the invoice raced the payment: it still saw it open.
      await stack.db.pool.query("UPDATE invoices SET status = 'issued' WHERE id = $1", [invoiceId]);
      const cancel = await callAt(api, 'POST', `/api/v1/invoices/${invoiceId}/cancel`, {
        as: 'system-pmlp',
        json: { reason: 'Issued by mistake' },
      });
      expect(cancel.status, JSON.stringify(cancel.body)).to.equal(409);
      expect((cancel.body as { error: { code: string } }).error.code).to.equal('invoice_closed');
      await stack.db.pool.query("UPDATE invoices SET status = 'paid' WHERE id = $1", [invoiceId]);
    } finally {
      release();
      await api.close();
      worker.shutdown();
      await running;
    }
  });
});
