// The invoice workflow as the API, activities and other workflows see it: its id, input and messages. Only
// `define*` calls and types, so Node code imports it without workflow code. The names are in running workflows'
// histories: they never change.
import { defineSignal, defineUpdate } from '@temporalio/workflow';

/** The business id of an invoice's workflow. */
export function invoiceWorkflowId(invoiceId: string): string {
  return `invoice:${invoiceId}`;
}

/** The workflow type the worker registers (workflows/index.ts exports a function of this name). */
export const INVOICE_WORKFLOW = 'invoiceWorkflow';

export interface InvoiceInput {
  invoiceId: string;
}
export interface CancelRequest {
  reason: string;
  by: string;
}

/** A payment was booked in the database (bank statement, online, counter): re-read the invoice. */
export const paymentRecordedSignal = defineSignal('paymentRecorded');
/** Cancel without waiting (an expired e-service payment step). */
export const cancelRequestedSignal = defineSignal<[CancelRequest]>('cancelRequested');
/** Cancel and answer with the invoice's final status (the issuer, through the API). */
export const cancelInvoiceUpdate = defineUpdate<{ status: string }, [CancelRequest]>('cancelInvoice');

/** Error types the invoice workflow's update validator rejects with; the API maps each to an HTTP code. */
export const INVOICE_REJECTIONS = { closed: 'invoice_closed' } as const;
