// The bank_statements table (migration 0004): one row per imported camt file, identified by its sha256, with the
// counts of its import. The import's session settings and lock are here too, as the import's transaction needs them
// before reconcile.ts books its chunks.
import type { Pool, PoolClient } from 'pg';
import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import type { BankStatementSummary } from '../../forms/types/api';
import { sequelizeOf } from '../connection';
import { TEMP_TABLES } from './reconcile';

type Db = Pool | PoolClient;

interface BankStatementModelRow extends Model<InferAttributes<BankStatementModelRow>, InferCreationAttributes<BankStatementModelRow>> {
  id: string;
  kind: 'camt.053' | 'camt.054';
  messageId: string;
  accountIban: string | null;
  sha256: string;
  entryCount: number;
  matchedCount: CreationOptional<number>;
  suspenseCount: CreationOptional<number>;
  duplicateCount: CreationOptional<number>;
  importedBy: string;
  importedAt: CreationOptional<Date>;
}

const models = new WeakMap<Sequelize, ModelStatic<BankStatementModelRow>>();

function bankStatementModel(sequelize: Sequelize): ModelStatic<BankStatementModelRow> {
  let model = models.get(sequelize);
  if (!model) {
    model = sequelize.define<BankStatementModelRow>(
      'BankStatement',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        kind: { type: DataTypes.TEXT, allowNull: false },
        messageId: { type: DataTypes.TEXT, allowNull: false },
        accountIban: { type: DataTypes.TEXT, allowNull: true },
        sha256: { type: DataTypes.TEXT, allowNull: false },
        entryCount: { type: DataTypes.INTEGER, allowNull: false },
        matchedCount: { type: DataTypes.INTEGER, allowNull: false },
        suspenseCount: { type: DataTypes.INTEGER, allowNull: false },
        duplicateCount: { type: DataTypes.INTEGER, allowNull: false },
        importedBy: { type: DataTypes.TEXT, allowNull: false },
        importedAt: { type: DataTypes.DATE, allowNull: false },
      },
      { tableName: 'bank_statements', underscored: true, timestamps: false },
    );
    models.set(sequelize, model);
  }
  return model;
}

/** The statement imported from the file with this sha256 (hex), if any. */
export async function statementBySha256(pool: Pool, sha256: string): Promise<{ id: string; accountIban: string | null } | null> {
  const row = await bankStatementModel(sequelizeOf(pool)).findOne({ attributes: ['id', 'accountIban'], where: { sha256 } });
  return row ? { id: row.id, accountIban: row.accountIban } : null;
}

export async function statementImportedAt(pool: Pool, id: string): Promise<Date> {
  const row = await bankStatementModel(sequelizeOf(pool)).findByPk(id, { attributes: ['importedAt'] });
  if (!row) throw new Error(`bank statement ${id} is missing`);
  return row.importedAt;
}

/**
 * The import's transaction settings and lock, before its first statement: dates without a zone in the file are the
 * bank's local time; the booking statements are simple joins over at most a chunk's rows, where JIT compilation
 * costs more (up to a second a statement) than it saves; imports of one agency are serialised, so two statements
 * holding the same entry cannot both book it. Then the temporary table the chunks are COPYed into.
 */
export async function prepareStatementImport(client: PoolClient, agencyId: string): Promise<void> {
  await client.query("SET LOCAL TIME ZONE 'Europe/Riga'");
  await client.query('SET LOCAL jit = off');
  await client.query("SET LOCAL work_mem = '64MB'");
  await client.query("SELECT pg_advisory_xact_lock(hashtext('bank-statements:' || $1))", [agencyId]);
  await client.query(TEMP_TABLES);
}

/**
 * Inserts the statement's row (counts zero, sha256 possibly a placeholder until the file is read); false when a
 * statement with this sha256 exists (the same file, imported meanwhile by another request).
 */
export async function insertStatement(
  client: PoolClient,
  s: { id: string; kind: 'camt.053' | 'camt.054'; messageId: string; accountIban: string | null; sha256: string; importedBy: string },
): Promise<boolean> {
  const ins = await client.query(
    `INSERT INTO bank_statements (id, kind, message_id, account_iban, sha256, entry_count, imported_by)
     VALUES ($1, $2, $3, $4, $5, 0, $6) ON CONFLICT (sha256) DO NOTHING RETURNING id`,
    [s.id, s.kind, s.messageId, s.accountIban, s.sha256, s.importedBy],
  );
  return ins.rowCount !== 0;
}

/** Records the file's sha256 and the import's counts; false when another statement has this sha256 already. */
export async function finishStatement(
  client: PoolClient,
  s: { id: string; sha256: string; entries: number; matched: number; suspense: number; duplicates: number },
): Promise<boolean> {
  try {
    await client.query(
      'UPDATE bank_statements SET sha256 = $6, entry_count = $2, matched_count = $3, suspense_count = $4, duplicate_count = $5 WHERE id = $1',
      [s.id, s.entries, s.matched, s.suspense, s.duplicates, s.sha256],
    );
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') return false;
    throw e;
  }
}

interface StatementSummaryRow {
  id: string;
  kind: string;
  message_id: string;
  account_iban: string | null;
  imported_at: Date;
  entry_count: number;
  matched_count: number;
  suspense_count: number;
  duplicate_count: number;
  paid: number;
  partly: number;
}

/** The summary of an imported statement; paid / partly paid as they stood right after its import. */
export async function statementSummary(db: Db, id: string): Promise<BankStatementSummary | null> {
  const { rows } = await db.query<StatementSummaryRow>(
    `SELECT s.*, COALESCE(t.paid, 0)::int AS paid, COALESCE(t.partly, 0)::int AS partly FROM bank_statements s
     LEFT JOIN LATERAL (
       SELECT count(*) FILTER (WHERE x.paid_then >= x.total) AS paid, count(*) FILTER (WHERE x.paid_then < x.total) AS partly
       FROM (SELECT i.total, (SELECT SUM(q.amount) FROM payments q WHERE q.invoice_id = i.id AND q.created_at <= s.imported_at) AS paid_then
             FROM invoices i WHERE i.id IN (SELECT p.invoice_id FROM payments p WHERE p.statement_id = s.id)) x
     ) t ON true
     WHERE s.id = $1`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    kind: r.kind,
    messageId: r.message_id,
    accountIban: r.account_iban,
    importedAt: r.imported_at.toISOString(),
    entries: r.entry_count,
    matched: r.matched_count,
    partlyPaid: r.partly,
    paid: r.paid,
    suspense: r.suspense_count,
    duplicates: r.duplicate_count,
    duplicate: false,
  };
}
