// An agency's collection accounts (migration 0011): reference data a platform administrator keeps. Read on every
// invoice issued and statement imported, always from the database (never cached), so a deactivation holds at once
// in every process.
// The administration reads and writes go through a Sequelize model with typed attributes (the pattern for ordinary
// concepts); the account an invoice is paid into is read with SQL inside the invoice's own pg transaction.
import type { Pool, PoolClient } from 'pg';
import {
  DataTypes,
  UniqueConstraintError,
  col,
  fn,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
  type WhereOptions,
} from 'sequelize';

import type { AgencyAccount } from '../../forms/types/api';

export type { AgencyAccount };

type Db = Pool | PoolClient;

/** A row of agency_accounts as the model sees it (columns are the snake_case of these names). */
export interface AgencyAccountRow extends Model<InferAttributes<AgencyAccountRow>, InferCreationAttributes<AgencyAccountRow>> {
  iban: string;
  bic: string | null;
  agencyId: string;
  name: string;
  active: CreationOptional<boolean>;
  createdBy: string;
  createdAt: CreationOptional<Date>;
  deactivatedBy: CreationOptional<string | null>;
  deactivatedAt: CreationOptional<Date | null>;
}

// One model per Sequelize instance (a process may hold several databases, e.g. two API nodes in a test).
const models = new WeakMap<Sequelize, ModelStatic<AgencyAccountRow>>();

export function agencyAccountModel(sequelize: Sequelize): ModelStatic<AgencyAccountRow> {
  let model = models.get(sequelize);
  if (!model) {
    model = sequelize.define<AgencyAccountRow>(
      'AgencyAccount',
      {
        iban: { type: DataTypes.TEXT, primaryKey: true },
        bic: { type: DataTypes.TEXT, allowNull: true },
        agencyId: { type: DataTypes.TEXT, allowNull: false },
        name: { type: DataTypes.TEXT, allowNull: false },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdBy: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: fn('now') }, // the database's clock, as its default
        deactivatedBy: { type: DataTypes.TEXT, allowNull: true },
        deactivatedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { tableName: 'agency_accounts', underscored: true, timestamps: false },
    );
    models.set(sequelize, model);
  }
  return model;
}

function present(r: AgencyAccountRow): AgencyAccount {
  return {
    iban: r.iban,
    bic: r.bic,
    agencyId: r.agencyId,
    name: r.name,
    active: r.active,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    deactivatedBy: r.deactivatedBy,
    deactivatedAt: r.deactivatedAt ? r.deactivatedAt.toISOString() : null,
  };
}

/** A row of agency_accounts as SQL returns it. */
interface AgencyAccountSqlRow {
  iban: string;
  bic: string | null;
  agency_id: string;
  name: string;
  active: boolean;
  created_by: string;
  created_at: Date;
  deactivated_by: string | null;
  deactivated_at: Date | null;
}

function presentRaw(r: AgencyAccountSqlRow): AgencyAccount {
  return {
    iban: r.iban,
    bic: r.bic,
    agencyId: r.agency_id,
    name: r.name,
    active: r.active,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    deactivatedBy: r.deactivated_by,
    deactivatedAt: r.deactivated_at ? r.deactivated_at.toISOString() : null,
  };
}

export async function listAgencyAccounts(sequelize: Sequelize, filter: { agencyId?: string; active?: boolean }): Promise<AgencyAccount[]> {
  const where: WhereOptions<InferAttributes<AgencyAccountRow>> = {
    ...(filter.agencyId !== undefined ? { agencyId: filter.agencyId } : {}),
    ...(filter.active !== undefined ? { active: filter.active } : {}),
  };
  const rows = await agencyAccountModel(sequelize).findAll({
    where,
    order: [
      ['agencyId', 'ASC'],
      ['createdAt', 'ASC'],
      ['iban', 'ASC'],
    ],
  });
  return rows.map(present);
}

export async function findAgencyAccount(sequelize: Sequelize, iban: string): Promise<AgencyAccount | null> {
  const row = await agencyAccountModel(sequelize).findByPk(iban);
  return row ? present(row) : null;
}

/** Inserts a new account; null when the IBAN is registered already (to this or another agency). */
export async function insertAgencyAccount(
  sequelize: Sequelize,
  a: { iban: string; bic: string | null; agencyId: string; name: string; createdBy: string },
): Promise<AgencyAccount | null> {
  try {
    const row = await agencyAccountModel(sequelize).create(a, { returning: true });
    return present(row);
  } catch (e) {
    if (e instanceof UniqueConstraintError) return null;
    throw e;
  }
}

/** Deactivates an account (idempotent: the first deactivation's author and time stay). */
export async function deactivateAgencyAccount(sequelize: Sequelize, iban: string, by: string): Promise<AgencyAccount | null> {
  const [, rows] = await agencyAccountModel(sequelize).update(
    {
      active: false,
      deactivatedBy: fn('COALESCE', col('deactivated_by'), by),
      deactivatedAt: fn('COALESCE', col('deactivated_at'), fn('now')),
    },
    { where: { iban }, returning: true },
  );
  return rows[0] ? present(rows[0]) : null;
}

/**
 * The account an invoice of the agency is paid into: the one asked for if it is an active account of the agency
 * (else null); without a wish, the agency's default (agencies.creditor_iban) while active, else its oldest active one.
 */
export async function collectionAccountFor(db: Db, agencyId: string, iban?: string): Promise<AgencyAccount | null> {
  const { rows } = await db.query<AgencyAccountSqlRow>(
    `SELECT a.* FROM agency_accounts a JOIN agencies g ON g.id = a.agency_id
     WHERE a.agency_id = $1 AND a.active AND ($2::text IS NULL OR a.iban = $2)
     ORDER BY (a.iban = g.creditor_iban) DESC, a.created_at, a.iban LIMIT 1`,
    [agencyId, iban ?? null],
  );
  return rows[0] ? presentRaw(rows[0]) : null;
}

/** Whether the account belongs to the agency (active or not: a closed account's last statements are still its own). */
export async function agencyOwnsAccount(db: Db, agencyId: string, iban: string | null): Promise<boolean> {
  if (!iban) return false;
  const { rows } = await db.query('SELECT 1 FROM agency_accounts WHERE iban = $1 AND agency_id = $2', [iban, agencyId]);
  return rows.length > 0;
}

/** Whether the agency exists (an account is registered only to an agency of the platform). */
export async function agencyExists(db: Db, agencyId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT 1 FROM agencies WHERE id = $1', [agencyId]);
  return rowCount !== 0;
}
