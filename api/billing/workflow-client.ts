// Starting and poking invoice workflows from the API. Starting is idempotent by workflow id; a poke that cannot be
// delivered (Temporal briefly down) is not lost: the workflow re-reads the booked state at its next timer.
import type { Client } from '@temporalio/client';
import { startWorkflowOnce } from '../platform/temporal';
import type { Logger } from 'pino';
import { INVOICE_WORKFLOW, invoiceWorkflowId, paymentRecordedSignal } from '../../workflows/invoice/api';

export async function ensureInvoiceWorkflow(temporal: () => Promise<Client>, taskQueue: string, invoiceId: string): Promise<void> {
  await startWorkflowOnce(await temporal(), INVOICE_WORKFLOW, {
    taskQueue,
    workflowId: invoiceWorkflowId(invoiceId),
    args: [{ invoiceId }],
  });
}

export async function pokeInvoices(temporal: () => Promise<Client>, invoiceIds: Iterable<string>, logger: Logger): Promise<void> {
  const ids = [...new Set(invoiceIds)];
  if (ids.length === 0) return;
  try {
    const client = await temporal();
    await Promise.all(
      ids.map((id) =>
        client.workflow
          .getHandle(invoiceWorkflowId(id))
          .signal(paymentRecordedSignal)
          .catch((err: unknown) => logger.warn({ err, id }, 'invoice poke failed')),
      ),
    );
  } catch (err) {
    logger.warn({ err }, 'invoice pokes deferred');
  }
}
