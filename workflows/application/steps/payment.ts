// A payment: an invoice (run by its own workflow, which signals back when paid), then the wait for the payment
// until the step's deadline; unpaid, the invoice is cancelled and the application rejected.
import { condition, getExternalWorkflowHandle, ParentClosePolicy, patched, startChild } from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { PaymentStep } from '../../../forms/eservice-definition/dsl';
import { evaluate } from '../../../forms/eservice-definition/expressions';
import { acts } from '../activities-proxy';
import { INVOICE_WORKFLOW, cancelRequestedSignal, invoiceWorkflowId } from '../../invoice/api';
import type { RunContext } from '../run-context';

export async function runPayment(ctx: RunContext, step: PaymentStep, _path: string): Promise<void> {
  const { input, state } = ctx;
  const amountEur = Number(evaluate(step.amountEur, ctx.expressionData()));
  const requestId = await acts.requestPayment({
    caseId: input.caseId,
    stepId: step.id,
    amountEur,
    description: step.description,
    expiresIn: step.expiresIn,
  });
  let invoiceId: string | null = null;
  if (patched('payment-step-invoice')) {
    // The billing issue: a real invoice with an RF reference, run by its own workflow, which signals back.
    invoiceId = await acts.invoiceForPayment({
      caseId: input.caseId,
      requestId,
      amountEur,
      description: step.description,
      expiresIn: step.expiresIn,
    });
    await startChild(INVOICE_WORKFLOW, {
      workflowId: invoiceWorkflowId(invoiceId),
      args: [{ invoiceId }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  }
  await ctx.setStatus('awaiting_payment', step.description);
  const paid = await condition(() => state.payments.has(step.id), step.expiresIn as Duration);
  state.steps[step.id] = { requestId, invoiceId, paid, payment: state.payments.get(step.id) ?? null };
  if (!paid) {
    if (invoiceId)
      await getExternalWorkflowHandle(invoiceWorkflowId(invoiceId)).signal(cancelRequestedSignal, {
        reason: 'The e-service payment step expired',
        by: 'eservice-runtime',
      });
    await acts.expirePayment({ requestId });
    await ctx.setStatus('rejected', { lv: 'Maksājums netika saņemts laikā', en: 'The payment was not received in time' });
    return;
  }
  await ctx.setStatus('in_progress');
}
