// A definition's `payment` step: the payment request on the application, its invoice in billing (the recipient pays,
// due when the step expires) and its expiry; each idempotent by the request id `<case>:<step>`.
import type { Pool } from 'pg';
import type { Text } from '../../forms/eservice-definition/dsl';
import { durationMs } from '../../forms/eservice-definition/expressions';
import { createInvoice } from '../../db/billing/invoices';
import { linkInvoiceToPaymentRequest } from '../../db/billing/invoice-lifecycle';
import { expirePaymentRequest, insertPaymentRequest } from '../../db/applications/payment-requests';
import { definitionError, recipientOf } from './case-recipient';

export function createPaymentActivities({ pool }: { pool: Pool }) {
  return {
    async requestPayment(req: {
      caseId: string;
      stepId: string;
      amountEur: number;
      description: Text;
      expiresIn: string;
    }): Promise<string> {
      if (!(req.amountEur > 0)) throw definitionError(`payment step ${req.stepId} computed amount ${req.amountEur}`);
      const id = `${req.caseId}:${req.stepId}`;
      await insertPaymentRequest(pool, {
        id,
        caseId: req.caseId,
        stepId: req.stepId,
        amountEur: req.amountEur,
        description: req.description,
        expiresInMs: durationMs(req.expiresIn),
      });
      return id;
    },

    /** The payment step's invoice (billing): payer = the recipient, due when the step expires; idempotent by request id. */
    async invoiceForPayment(req: {
      caseId: string;
      requestId: string;
      amountEur: number;
      description: Text;
      expiresIn: string;
    }): Promise<string> {
      const r = await recipientOf(pool, req.caseId);
      const due = new Date(Date.now() + durationMs(req.expiresIn)).toISOString().slice(0, 10);
      const { id } = await createInvoice(pool, r.agency_id, 'eservice-runtime', {
        idempotencyKey: `payment-request:${req.requestId}`,
        payer: { type: r.recipient_type as 'natural' | 'legal', id: r.recipient_id, name: r.recipient_name ?? r.recipient_id },
        lines: [
          {
            description: req.description.lv,
            quantity: 1,
            unitPrice: req.amountEur,
            vatExemption: { category: 'O', reason: 'Valsts nodeva / state fee outside the scope of VAT' },
          },
        ],
        currency: 'EUR',
        dueDate: due,
        caseId: req.caseId,
      });
      await linkInvoiceToPaymentRequest(pool, id, req.requestId);
      return id;
    },

    async expirePayment(req: { requestId: string }): Promise<void> {
      await expirePaymentRequest(pool, req.requestId);
    },
  };
}
