// What the invoice workflow's activities read and change of an invoice after it was issued: its state, overdue and
// cancelled (each a conditional update, so a repeated activity changes nothing), and the payment request of an
// e-service it was issued for.
import type { Pool } from 'pg';
import type { InvoiceStatus } from '../../forms/types/api';
import { sequelizeOf } from '../connection';
import { invoiceModel, type InvoiceSqlRow } from './invoice-model';

/** The invoice with its issuing agency's Latvian name (the sender of the payer's notices). */
export async function invoiceWithAgencyName(pool: Pool, id: string): Promise<(InvoiceSqlRow & { name_lv: string }) | null> {
  const { rows } = await pool.query<InvoiceSqlRow & { name_lv: string }>(
    'SELECT i.*, a.name_lv FROM invoices i JOIN agencies a ON a.id = i.agency_id WHERE i.id = $1',
    [id],
  );
  return rows[0] ?? null;
}

export async function findInvoiceRow(pool: Pool, id: string): Promise<InvoiceSqlRow | null> {
  const { rows } = await pool.query<InvoiceSqlRow>('SELECT * FROM invoices WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/** The invoice's status and due date ('YYYY-MM-DD'); null when there is no such invoice. */
export async function invoiceState(pool: Pool, id: string): Promise<{ status: InvoiceStatus; dueDate: string } | null> {
  const row = await invoiceModel(sequelizeOf(pool)).findByPk(id, { attributes: ['status', 'dueDate'] });
  return row ? { status: row.status, dueDate: String(row.dueDate) } : null;
}

export async function invoiceStatus(pool: Pool, id: string): Promise<InvoiceStatus> {
  const { rows } = await pool.query<{ status: InvoiceStatus }>('SELECT status FROM invoices WHERE id = $1', [id]);
  return rows[0].status;
}

/** Marks an issued or partly paid invoice overdue: the row when this call changed it, else null. */
export async function markInvoiceOverdue(pool: Pool, id: string): Promise<InvoiceSqlRow | null> {
  const { rows } = await pool.query<InvoiceSqlRow>(
    `UPDATE invoices SET status = 'overdue' WHERE id = $1 AND status IN ('issued','partly_paid') RETURNING *`,
    [id],
  );
  return rows[0] ?? null;
}

/** Cancels an invoice unless it is paid: its status afterwards. */
export async function cancelUnpaidInvoice(pool: Pool, id: string, reason: string): Promise<InvoiceStatus> {
  const { rows } = await pool.query<{ status: InvoiceStatus }>(
    `UPDATE invoices SET status = 'cancelled', cancelled_at = now(), cancel_reason = $2 WHERE id = $1 AND status <> 'paid' RETURNING status`,
    [id, reason],
  );
  return rows[0]?.status ?? invoiceStatus(pool, id);
}

/** Records which e-service payment request the invoice was issued for. */
export async function linkInvoiceToPaymentRequest(pool: Pool, invoiceId: string, paymentRequestId: string): Promise<void> {
  await invoiceModel(sequelizeOf(pool)).update({ paymentRequestId }, { where: { id: invoiceId } });
}
