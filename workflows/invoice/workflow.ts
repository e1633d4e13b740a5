// One invoice's life: issued → reminders before the due date → paid, partly paid, overdue, or cancelled by the
// issuer. Payments are booked in the database by whoever receives them (bank statement, online, counter) and
// then poke this workflow; it always re-reads the booked state, so a lost poke only delays it to the next timer.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { InvoiceActivities } from '../../activities/invoice';
import { applicationWorkflowId, paymentReceivedSignal } from '../application/api';
import {
  cancelInvoiceUpdate,
  cancelRequestedSignal,
  INVOICE_REJECTIONS,
  paymentRecordedSignal,
  type CancelRequest,
  type InvoiceInput,
} from './api';

const acts = proxyActivities<InvoiceActivities>({
  startToCloseTimeout: '30 seconds',
  // Database and notification work: 1 s doubling to 1 min, for about three hours.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 200 },
});

const DAY = 86_400_000;
const REMIND_BEFORE_DAYS = [7, 1];
const OVERDUE_REMINDER_EVERY = 14 * DAY;
const OVERDUE_REMINDERS = 3;

export async function invoiceWorkflow(input: InvoiceInput): Promise<{ status: string }> {
  let pokes = 0;
  let cancel: CancelRequest | null = null;
  let status = 'issued';
  let ended = false;
  setHandler(paymentRecordedSignal, () => {
    pokes += 1;
  });
  setHandler(cancelRequestedSignal, (req) => {
    cancel ??= req;
  });
  setHandler(
    cancelInvoiceUpdate,
    async (req) => {
      cancel ??= req;
      await condition(() => ended);
      return { status };
    },
    {
      validator: (_req: CancelRequest) => {
        if (ended || status === 'paid')
          throw ApplicationFailure.create({
            type: INVOICE_REJECTIONS.closed,
            message: 'The invoice is paid or cancelled already.',
            nonRetryable: true,
          });
      },
    },
  );

  const first = await acts.invoiceState(input.invoiceId);
  status = first.status;
  const due = Date.parse(`${first.dueDate}T23:59:59Z`);
  const reminders = REMIND_BEFORE_DAYS.map((d) => ({ at: due - d * DAY, key: `before-${d}d` })).filter((r) => r.at > Date.now());
  let overdueSent = 0;

  for (;;) {
    const state = await acts.invoiceState(input.invoiceId);
    status = state.status;
    if (state.status === 'paid' || state.status === 'cancelled') break;
    if (cancel) {
      status = await acts.cancelInvoice(input.invoiceId, (cancel as { reason: string }).reason);
      break;
    }
    const now = Date.now();
    const seen = pokes;
    const woken = () => pokes !== seen || cancel !== null;
    // Every reminder sent: wait for a payment or a cancellation only. (Before this patch the loop kept re-arming a
    // 1 ms timer here, filling the history; older runs replay their timer until they pass this point.)
    if (state.status === 'overdue' && overdueSent >= OVERDUE_REMINDERS && patched('invoice-quiet-after-last-reminder')) {
      await condition(woken);
      continue;
    }
    // Past its due date and not yet overdue (the workflow started late): overdue now. (Before this patch it waited
    // for the first overdue reminder's time, up to 14 days; older runs replay that wait.)
    if (state.status !== 'overdue' && now >= due && patched('invoice-overdue-when-started-late')) {
      status = await acts.markOverdue(input.invoiceId);
      continue;
    }
    const next = reminders[0]?.at ?? (now < due ? due : due + (overdueSent + 1) * OVERDUE_REMINDER_EVERY);
    const poked = await condition(woken, Math.max(1, next - now));
    if (poked) continue;
    if (reminders.length && Date.now() >= reminders[0].at) {
      await acts.remindPayer(input.invoiceId, reminders.shift()!.key);
    } else if (Date.now() >= due) {
      if (state.status !== 'overdue') status = await acts.markOverdue(input.invoiceId);
      else if (overdueSent < OVERDUE_REMINDERS) {
        overdueSent += 1;
        await acts.remindPayer(input.invoiceId, `overdue-${overdueSent}`);
      }
    }
  }

  if (status === 'paid') {
    const paid = await acts.invoicePaid(input.invoiceId);
    // A payment step of an e-service waits for this: tell the application.
    if (paid.caseId && paid.stepId) {
      await getExternalWorkflowHandle(applicationWorkflowId(paid.caseId)).signal(paymentReceivedSignal, {
        stepId: paid.stepId,
        amountEur: paid.amountEur,
        reference: paid.reference,
      });
    }
  }
  ended = true;
  await condition(allHandlersFinished);
  return { status };
}
