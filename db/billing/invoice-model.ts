// The invoices table (migration 0004) as a Sequelize model, for the ordinary one-row reads and writes (find by key,
// the lists, linking a payment request), and the rows of invoices, invoice_lines and payments as SQL returns them,
// for the statements that lock, join or book (payments.ts, reconcile.ts, invoice-lifecycle.ts).
// numeric columns come back as strings and date columns as 'YYYY-MM-DD' strings (db/connection.ts), both ways.
import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import type { InvoiceStatus, PersonType } from '../../forms/types/api';

/** A row of invoices as SQL (`SELECT *`) returns it. */
export interface InvoiceSqlRow {
  id: string;
  number: string;
  agency_id: string;
  idempotency_key: string;
  payment_reference: string;
  payer_type: PersonType;
  payer_id: string;
  payer_name: string;
  payer_address: string | null;
  currency: 'EUR';
  creditor_iban: string;
  creditor_bic: string | null;
  creditor_name: string;
  issue_date: string;
  due_date: string;
  total_net: string;
  total_vat: string;
  total: string;
  amount_paid: string;
  status: InvoiceStatus;
  case_id: string | null;
  payment_request_id: string | null;
  last_paid_at: Date | null;
  cancelled_at: Date | null;
  cancel_reason: string | null;
  created_by: string;
  created_at: Date;
}

export type VatCategory = 'S' | 'Z' | 'E' | 'O' | 'AE';

/** A row of invoice_lines as SQL returns it. */
export interface InvoiceLineSqlRow {
  invoice_id: string;
  line_no: number;
  description: string;
  quantity: string;
  unit_price: string;
  vat_category: VatCategory;
  vat_rate: string;
  vat_exemption_reason: string | null;
  net: string;
  vat: string;
}

export type PaymentSource = 'bank_statement' | 'online' | 'counter' | 'suspense';

/** A row of invoices as the model sees it (columns are the snake_case of these names). */
export interface InvoiceModelRow extends Model<InferAttributes<InvoiceModelRow>, InferCreationAttributes<InvoiceModelRow>> {
  id: string;
  number: string;
  agencyId: string;
  idempotencyKey: string;
  paymentReference: string;
  payerType: PersonType;
  payerId: string;
  payerName: string;
  payerAddress: string | null;
  currency: 'EUR';
  creditorIban: string;
  creditorBic: string | null;
  creditorName: string;
  issueDate: string;
  dueDate: string;
  totalNet: string;
  totalVat: string;
  total: string;
  amountPaid: CreationOptional<string>;
  status: InvoiceStatus;
  caseId: string | null;
  paymentRequestId: CreationOptional<string | null>;
  lastPaidAt: CreationOptional<Date | null>;
  cancelledAt: CreationOptional<Date | null>;
  cancelReason: CreationOptional<string | null>;
  createdBy: string;
  createdAt: CreationOptional<Date>;
}

// One model per Sequelize instance (a process may hold several databases, e.g. two API nodes in a test).
const models = new WeakMap<Sequelize, ModelStatic<InvoiceModelRow>>();

export function invoiceModel(sequelize: Sequelize): ModelStatic<InvoiceModelRow> {
  let model = models.get(sequelize);
  if (!model) {
    model = sequelize.define<InvoiceModelRow>(
      'Invoice',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        number: { type: DataTypes.TEXT, allowNull: false },
        agencyId: { type: DataTypes.TEXT, allowNull: false },
        idempotencyKey: { type: DataTypes.TEXT, allowNull: false },
        paymentReference: { type: DataTypes.TEXT, allowNull: false },
        payerType: { type: DataTypes.TEXT, allowNull: false },
        payerId: { type: DataTypes.TEXT, allowNull: false },
        payerName: { type: DataTypes.TEXT, allowNull: false },
        payerAddress: { type: DataTypes.TEXT, allowNull: true },
        currency: { type: DataTypes.TEXT, allowNull: false },
        creditorIban: { type: DataTypes.TEXT, allowNull: false },
        creditorBic: { type: DataTypes.TEXT, allowNull: true },
        creditorName: { type: DataTypes.TEXT, allowNull: false },
        issueDate: { type: DataTypes.DATEONLY, allowNull: false },
        dueDate: { type: DataTypes.DATEONLY, allowNull: false },
        totalNet: { type: DataTypes.DECIMAL(14, 2), allowNull: false },
        totalVat: { type: DataTypes.DECIMAL(14, 2), allowNull: false },
        total: { type: DataTypes.DECIMAL(14, 2), allowNull: false },
        amountPaid: { type: DataTypes.DECIMAL(14, 2), allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false },
        caseId: { type: DataTypes.TEXT, allowNull: true },
        paymentRequestId: { type: DataTypes.TEXT, allowNull: true },
        lastPaidAt: { type: DataTypes.DATE, allowNull: true },
        cancelledAt: { type: DataTypes.DATE, allowNull: true },
        cancelReason: { type: DataTypes.TEXT, allowNull: true },
        createdBy: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'invoices', underscored: true, timestamps: false },
    );
    models.set(sequelize, model);
  }
  return model;
}
