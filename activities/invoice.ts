// Activities of the invoice workflow: read the booked state, mark overdue or cancelled, remind and notify the payer.
import type { Pool } from 'pg';
import type { Adapters } from './adapters';
import { NoMailboxError } from './adapters/contracts/e-address';
import { invoiceWorkflowId } from '../workflows/invoice/api';

export function createInvoiceActivities({ pool, adapters }: { pool: Pool; adapters: Adapters }) {
  async function notifyPayer(invoiceId: string, key: string, subject: { lv: string; en: string }, body: { lv: string; en: string }) {
    const inv = (
      await pool.query('SELECT i.*, a.name_lv FROM invoices i JOIN agencies a ON a.id = i.agency_id WHERE i.id = $1', [invoiceId])
    ).rows[0];
    if (!inv) return;
    const id = `${invoiceWorkflowId(invoiceId)}/${key}`;
    await pool.query(
      `INSERT INTO notifications (id, case_id, recipient_type, recipient_id, subject_lv, subject_en, body_lv, body_en)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
      [id, inv.case_id, inv.payer_type, inv.payer_id, subject.lv, subject.en, body.lv, body.en],
    );
    const recipient = { type: inv.payer_type, id: inv.payer_id };
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
      await pool.query('UPDATE notifications SET e_address_message_id = $2 WHERE id = $1', [id, receipt.messageId]);
    } catch (e) {
      if (!(e instanceof NoMailboxError)) throw e; // no mailbox: the portal notification is the only one
    }
  }
  const describe = (inv: Record<string, string>) => `${inv.number}, ${inv.total} EUR, ${inv.payment_reference}`;

  return {
    async invoiceState(invoiceId: string): Promise<{ status: string; dueDate: string }> {
      const { rows } = await pool.query('SELECT status, due_date FROM invoices WHERE id = $1', [invoiceId]);
      if (!rows[0]) throw new Error(`invoice ${invoiceId} not found`);
      return { status: rows[0].status, dueDate: String(rows[0].due_date) };
    },
    async markOverdue(invoiceId: string): Promise<string> {
      const { rows } = await pool.query(
        `UPDATE invoices SET status = 'overdue' WHERE id = $1 AND status IN ('issued','partly_paid') RETURNING *`,
        [invoiceId],
      );
      if (rows[0]) {
        await notifyPayer(
          invoiceId,
          'overdue',
          { lv: 'Rēķina apmaksas termiņš ir nokavēts', en: 'Your invoice is overdue' },
          { lv: `Lūdzam samaksāt rēķinu ${describe(rows[0])}.`, en: `Please pay invoice ${describe(rows[0])}.` },
        );
      }
      return (await pool.query('SELECT status FROM invoices WHERE id = $1', [invoiceId])).rows[0].status;
    },
    async remindPayer(invoiceId: string, key: string): Promise<void> {
      const inv = (await pool.query('SELECT * FROM invoices WHERE id = $1', [invoiceId])).rows[0];
      if (!inv || inv.status === 'paid' || inv.status === 'cancelled') return;
      await notifyPayer(
        invoiceId,
        `reminder-${key}`,
        { lv: 'Atgādinājums par rēķina apmaksu', en: 'Payment reminder' },
        { lv: `Rēķins ${describe(inv)} jāapmaksā līdz ${inv.due_date}.`, en: `Invoice ${describe(inv)} is due on ${inv.due_date}.` },
      );
    },
    async cancelInvoice(invoiceId: string, reason: string): Promise<string> {
      const { rows } = await pool.query(
        `UPDATE invoices SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2 WHERE id = $1 AND status <> 'paid' RETURNING status`,
        [invoiceId, reason],
      );
      return rows[0]?.status ?? (await pool.query('SELECT status FROM invoices WHERE id = $1', [invoiceId])).rows[0].status;
    },
    async invoicePaid(invoiceId: string): Promise<{ caseId: string | null; stepId: string | null; amountEur: number; reference: string }> {
      const inv = (await pool.query('SELECT * FROM invoices WHERE id = $1', [invoiceId])).rows[0];
      await notifyPayer(
        invoiceId,
        'paid',
        { lv: 'Maksājums saņemts', en: 'Payment received' },
        { lv: `Rēķins ${describe(inv)} ir apmaksāts.`, en: `Invoice ${describe(inv)} is paid.` },
      );
      if (inv.payment_request_id) {
        await pool.query(`UPDATE payment_requests SET status = 'paid', paid_at = COALESCE(paid_at, now()) WHERE id = $1`, [
          inv.payment_request_id,
        ]);
      }
      const stepId = inv.payment_request_id ? String(inv.payment_request_id).slice(String(inv.case_id).length + 1) : null;
      return { caseId: inv.case_id, stepId, amountEur: Number(inv.amount_paid), reference: inv.payment_reference };
    },
  };
}

export type InvoiceActivities = ReturnType<typeof createInvoiceActivities>;
