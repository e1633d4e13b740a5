// The online_payments table (migrations 0004 and 0011): a payment started at the bank link, at most one in flight
// (initiated) per invoice (the unique index online_payments_one_in_flight). Each row is read with its invoice's
// reference, currency and status; the one-row status changes go through the model.
import type { Pool, PoolClient } from 'pg';
import {
  DataTypes,
  fn,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
  type Transaction,
} from 'sequelize';
import type { InvoiceStatus, PersonType } from '../../forms/types/api';
import { sequelizeOf } from '../connection';

export type OnlinePaymentStatus = 'initiated' | 'succeeded' | 'failed' | 'expired';

/** An online payment as SQL returns it, joined with its invoice. */
export interface OnlinePaymentRow {
  id: string;
  invoice_id: string;
  amount: string;
  status: OnlinePaymentStatus;
  provider_txn_id: string | null;
  created_by: string;
  created_at: Date;
  completed_at: Date | null;
  /** Joined from the invoice. */
  payment_reference: string;
  currency: 'EUR';
  invoice_status: InvoiceStatus;
}

/** The row a callback works on: with the invoice's payer. */
export type OnlinePaymentWithPayer = OnlinePaymentRow & { payer_type: PersonType; payer_id: string; payer_name: string };

interface OnlinePaymentModelRow extends Model<InferAttributes<OnlinePaymentModelRow>, InferCreationAttributes<OnlinePaymentModelRow>> {
  id: string;
  invoiceId: string;
  amount: string;
  status: OnlinePaymentStatus;
  providerTxnId: CreationOptional<string | null>;
  createdBy: string;
  createdAt: CreationOptional<Date>;
  completedAt: CreationOptional<Date | null>;
}

const models = new WeakMap<Sequelize, ModelStatic<OnlinePaymentModelRow>>();

function onlinePaymentModel(sequelize: Sequelize): ModelStatic<OnlinePaymentModelRow> {
  let model = models.get(sequelize);
  if (!model) {
    model = sequelize.define<OnlinePaymentModelRow>(
      'OnlinePayment',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        invoiceId: { type: DataTypes.UUID, allowNull: false },
        amount: { type: DataTypes.DECIMAL(14, 2), allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false },
        providerTxnId: { type: DataTypes.TEXT, allowNull: true },
        createdBy: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: fn('now') },
        completedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { tableName: 'online_payments', underscored: true, timestamps: false },
    );
    models.set(sequelize, model);
  }
  return model;
}

const SELECT_ONLINE_PAYMENT = `SELECT op.*, i.payment_reference, i.currency, i.status AS invoice_status
  FROM online_payments op JOIN invoices i ON i.id = op.invoice_id`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export async function loadOnlinePayment(pool: Pool, id: string): Promise<OnlinePaymentRow | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await pool.query<OnlinePaymentRow>(`${SELECT_ONLINE_PAYMENT} WHERE op.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The invoice's payment in flight (initiated), if any. */
export async function onlinePaymentInFlight(pool: Pool, invoiceId: string): Promise<OnlinePaymentRow | null> {
  const { rows } = await pool.query<OnlinePaymentRow>(`${SELECT_ONLINE_PAYMENT} WHERE op.invoice_id = $1 AND op.status = 'initiated'`, [
    invoiceId,
  ]);
  return rows[0] ?? null;
}

/** Expires the invoice's payments initiated more than `minutes` ago (their bank page has expired). */
export async function expireStaleOnlinePayments(pool: Pool, invoiceId: string, minutes: number): Promise<void> {
  await pool.query(
    `UPDATE online_payments SET status = 'expired', completed_at = now()
     WHERE invoice_id = $1 AND status = 'initiated' AND created_at < now() - $2 * interval '1 minute'`,
    [invoiceId, minutes],
  );
}

/** Inserts an initiated payment; false when it exists already or another payment of the invoice is in flight. */
export async function insertInitiatedOnlinePayment(
  pool: Pool,
  p: { id: string; invoiceId: string; amount: string; createdBy: string },
): Promise<boolean> {
  const inserted = await pool.query(
    `INSERT INTO online_payments (id, invoice_id, amount, status, created_by) VALUES ($1, $2, $3, 'initiated', $4) ON CONFLICT DO NOTHING`,
    [p.id, p.invoiceId, p.amount, p.createdBy],
  );
  return inserted.rowCount === 1;
}

/** Links the bank's payment id to the payment, once: true when this call linked it. */
export async function linkBankPayment(pool: Pool, id: string, providerTxnId: string): Promise<boolean> {
  const [linked] = await onlinePaymentModel(sequelizeOf(pool)).update({ providerTxnId }, { where: { id, providerTxnId: null } });
  return linked === 1;
}

/** The payment the bank's id names, locked for the callback's transaction; null when none was started here. */
export async function lockOnlinePaymentByBankId(client: PoolClient, providerTxnId: string): Promise<OnlinePaymentWithPayer | null> {
  const { rows } = await client.query<OnlinePaymentWithPayer>(
    `SELECT op.*, i.payment_reference, i.currency, i.status AS invoice_status, i.payer_type, i.payer_id, i.payer_name
       FROM online_payments op JOIN invoices i ON i.id = op.invoice_id WHERE op.provider_txn_id = $1 FOR UPDATE OF op`,
    [providerTxnId],
  );
  return rows[0] ?? null;
}

/** In the callback's transaction (`transaction`, of `sequelize`). */
export async function markOnlinePaymentSucceeded(sequelize: Sequelize, transaction: Transaction, id: string, paidAt: Date): Promise<void> {
  await onlinePaymentModel(sequelize).update({ status: 'succeeded', completedAt: paidAt }, { where: { id }, transaction });
}

export async function markOnlinePaymentFailed(sequelize: Sequelize, transaction: Transaction, id: string): Promise<void> {
  await onlinePaymentModel(sequelize).update({ status: 'failed', completedAt: fn('now') }, { where: { id }, transaction });
}
