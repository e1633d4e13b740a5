// Activities of the invoice workflow: read the booked state, mark overdue or cancelled, remind and notify the payer.
import type { Pool } from 'pg';
import type { Adapters } from './adapters';
import { NoMailboxError } from './adapters/contracts/e-address';
import { invoiceWorkflowId } from '../workflows/invoice/api';
import {
  cancelUnpaidInvoice,
  findInvoiceRow,
  invoiceState,
  invoiceStatus,
  invoiceWithAgencyName,
  markInvoiceOverdue,
} from '../db/billing/invoice-lifecycle';
import type { InvoiceSqlRow } from '../db/billing/invoice-model';
import { insertNotification, setNotificationMessageId } from '../db/applications/messages';
import { markPaymentRequestPaid } from '../db/applications/payment-requests';

export function createInvoiceActivities({ pool, adapters }: { pool: Pool; adapters: Adapters }) {
  async function notifyPayer(invoiceId: string, key: string, subject: { lv: string; en: string }, body: { lv: string; en: string }) {
    const inv = await invoiceWithAgencyName(pool, invoiceId);
    if (!inv) return;
    const id = `${invoiceWorkflowId(invoiceId)}/${key}`;
    const recipient = { type: inv.payer_type, id: inv.payer_id };
    await insertNotification(pool, { id, caseId: inv.case_id, recipient, subject, body });
    try {
      const receipt = await adapters.eAddress.send(
        {
          recipient,
          sender: { agencyId: inv.agency_id, name: inv.name_lv },
          subject: `${subject.lv} / ${subject.en}`,
          body: `${body.lv}\n\n${body.en}`,
          ...(inv.case_id ? { caseId: inv.case_id } : {}),
        },
        { idempotencyKey: id },
      );
      await setNotificationMessageId(pool, id, receipt.messageId);
    } catch (e) {
      if (!(e instanceof NoMailboxError)) throw e; // no mailbox: the portal notification is the only one
    }
  }
  const describe = (inv: InvoiceSqlRow) => `${inv.number}, ${inv.total} EUR, ${inv.payment_reference}`;

  return {
    async invoiceState(invoiceId: string): Promise<{ status: string; dueDate: string }> {
      const state = await invoiceState(pool, invoiceId);
      if (!state) throw new Error(`invoice ${invoiceId} not found`);
      return state;
    },
    async markOverdue(invoiceId: string): Promise<string> {
      const changed = await markInvoiceOverdue(pool, invoiceId);
      if (changed) {
        await notifyPayer(
          invoiceId,
          'overdue',
          { lv: 'Rēķina apmaksas termiņš ir nokavēts', en: 'Your invoice is overdue' },
          { lv: `Lūdzam samaksāt rēķinu ${describe(changed)}.`, en: `Please pay invoice ${describe(changed)}.` },
        );
      }
      return invoiceStatus(pool, invoiceId);
    },
    async remindPayer(invoiceId: string, key: string): Promise<void> {
      const inv = await findInvoiceRow(pool, invoiceId);
      if (!inv || inv.status === 'paid' || inv.status === 'cancelled') return;
      await notifyPayer(
        invoiceId,
        `reminder-${key}`,
        { lv: 'Atgādinājums par rēķina apmaksu', en: 'Payment reminder' },
        { lv: `Rēķins ${describe(inv)} jāapmaksā līdz ${inv.due_date}.`, en: `Invoice ${describe(inv)} is due on ${inv.due_date}.` },
      );
    },
    async cancelInvoice(invoiceId: string, reason: string): Promise<string> {
      return cancelUnpaidInvoice(pool, invoiceId, reason);
    },
    async invoicePaid(invoiceId: string): Promise<{ caseId: string | null; stepId: string | null; amountEur: number; reference: string }> {
      const inv = (await findInvoiceRow(pool, invoiceId)) as InvoiceSqlRow;
      await notifyPayer(
        invoiceId,
        'paid',
        { lv: 'Maksājums saņemts', en: 'Payment received' },
        { lv: `Rēķins ${describe(inv)} ir apmaksāts.`, en: `Invoice ${describe(inv)} is paid.` },
      );
      if (inv.payment_request_id) {
        await markPaymentRequestPaid(pool, inv.payment_request_id);
      }
      const stepId = inv.payment_request_id ? String(inv.payment_request_id).slice(String(inv.case_id).length + 1) : null;
      return { caseId: inv.case_id, stepId, amountEur: Number(inv.amount_paid), reference: inv.payment_reference };
    },
  };
}

export type InvoiceActivities = ReturnType<typeof createInvoiceActivities>;
