// Reading invoices: one invoice with its lines and payments (what every format is rendered from), the agency's and
// the payer's lists, and the look-ups by key. Plain reads of one table go through the model; the rest is SQL.
import type { Pool, PoolClient } from 'pg';
import type { Sequelize } from 'sequelize';
import type { InvoiceStatus, PersonType } from '../../forms/types/api';
import { invoiceModel, type InvoiceLineSqlRow, type InvoiceModelRow, type InvoiceSqlRow, type PaymentSource } from './invoice-model';

type Db = Pool | PoolClient;

/** A payment of the invoice as its view lists it. */
export interface InvoicePaymentSqlRow {
  source: PaymentSource;
  amount: string;
  booked_at: Date;
}

/** One invoice with its lines (in order) and its payments (by booking time). */
export interface InvoiceRecord {
  invoice: InvoiceSqlRow;
  lines: InvoiceLineSqlRow[];
  payments: InvoicePaymentSqlRow[];
}

export async function findInvoice(db: Db, id: string): Promise<InvoiceRecord | null> {
  const invoice = (await db.query<InvoiceSqlRow>('SELECT * FROM invoices WHERE id = $1', [id])).rows[0];
  if (!invoice) return null;
  const [lines, payments] = await Promise.all([
    db.query<InvoiceLineSqlRow>('SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY line_no', [id]),
    db.query<InvoicePaymentSqlRow>('SELECT source, amount, booked_at FROM payments WHERE invoice_id = $1 ORDER BY booked_at', [id]),
  ]);
  return { invoice, lines: lines.rows, payments: payments.rows };
}

export type AgencyInvoiceRow = Pick<
  InvoiceModelRow,
  'id' | 'number' | 'paymentReference' | 'payerType' | 'payerId' | 'payerName' | 'total' | 'amountPaid' | 'status' | 'dueDate' | 'issueDate'
>;

/** The agency's latest invoices (up to 200), newest first. */
export async function listAgencyInvoices(sequelize: Sequelize, agencyId: string): Promise<AgencyInvoiceRow[]> {
  return invoiceModel(sequelize).findAll({
    attributes: [
      'id',
      'number',
      'paymentReference',
      'payerType',
      'payerId',
      'payerName',
      'total',
      'amountPaid',
      'status',
      'dueDate',
      'issueDate',
    ],
    where: { agencyId },
    order: [['createdAt', 'DESC']],
    limit: 200,
  });
}

/** The ids of the payer's latest invoices (up to 200), newest first. */
export async function invoiceIdsOfPayer(sequelize: Sequelize, payer: { type: PersonType; id: string }): Promise<string[]> {
  const rows = await invoiceModel(sequelize).findAll({
    attributes: ['id'],
    where: { payerType: payer.type, payerId: payer.id },
    order: [['createdAt', 'DESC']],
    limit: 200,
  });
  return rows.map((r) => r.id);
}

/** The invoice an ISO 11649 reference (normalised) belongs to. */
export async function invoiceIdByReference(sequelize: Sequelize, reference: string): Promise<string | null> {
  const row = await invoiceModel(sequelize).findOne({ attributes: ['id'], where: { paymentReference: reference } });
  return row?.id ?? null;
}

/** The invoice the agency issued under this idempotency key, if any. */
export async function invoiceIdByIdempotencyKey(sequelize: Sequelize, agencyId: string, key: string): Promise<string | null> {
  const row = await invoiceModel(sequelize).findOne({ attributes: ['id'], where: { agencyId, idempotencyKey: key } });
  return row?.id ?? null;
}

/** What the formats need about the issuing agency (its registration number); null when the agency is missing. */
export async function supplierOfAgency(db: Db, agencyId: string): Promise<{ registrationNumber: string } | null> {
  const { rows } = await db.query<{ registration_number: string }>('SELECT registration_number FROM agencies WHERE id = $1', [agencyId]);
  return rows[0] ? { registrationNumber: rows[0].registration_number } : null;
}

/** The issuing agency of the invoice, null when there is none (in the caller's transaction). */
export async function invoiceAgencyId(db: Db, id: string): Promise<string | null> {
  const { rows } = await db.query<{ agency_id: string }>('SELECT agency_id FROM invoices WHERE id = $1', [id]);
  return rows[0]?.agency_id ?? null;
}

/** How much of the invoice is paid (EUR), as it stands in the caller's transaction. */
export async function invoicePaymentState(
  db: Db,
  id: string,
): Promise<{ id: string; status: InvoiceStatus; amountPaid: number; total: number }> {
  const { rows } = await db.query<{ status: InvoiceStatus; amount_paid: string; total: string }>(
    'SELECT status, amount_paid, total FROM invoices WHERE id = $1',
    [id],
  );
  return { id, status: rows[0].status, amountPaid: Number(rows[0].amount_paid), total: Number(rows[0].total) };
}
