// A bulk case import (integration API 1) as stored: the import's row with its progress counters, its lines in chunks
// (case_import_chunks) and the lines that failed (case_import_errors). The upload writes the row and the chunks in one
// transaction (api/case-imports/commands.ts streams the file); the workflow's activities ingest the chunks (./ingest.ts).
// The row and the error lines are read and written through Sequelize models; the chunks, kilobytes to megabytes of
// text each, with SQL.
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
import { sequelizeOf } from '../connection';
import { Op } from 'sequelize';

export type CaseImportStatus = 'stored' | 'running' | 'completed' | 'failed';

/** A row of case_imports as the model sees it (columns are the snake_case of these names). */
export interface CaseImportRow extends Model<InferAttributes<CaseImportRow>, InferCreationAttributes<CaseImportRow>> {
  id: string;
  agencyId: string;
  status: CaseImportStatus;
  fileName: string | null;
  byteSize: number;
  totalLines: number;
  chunkCount: number;
  chunksDone: CreationOptional<number>;
  processedLines: CreationOptional<number>;
  createdCount: CreationOptional<number>;
  existingCount: CreationOptional<number>;
  errorCount: CreationOptional<number>;
  createdBy: string;
  createdAt: CreationOptional<Date>;
  startedAt: CreationOptional<Date | null>;
  finishedAt: CreationOptional<Date | null>;
}

/** A line of an import that was not registered, with why. */
export interface CaseImportErrorRow extends Model<InferAttributes<CaseImportErrorRow>, InferCreationAttributes<CaseImportErrorRow>> {
  importId: string;
  lineNo: number;
  code: string;
  message: string;
  details: unknown[] | null;
}

// One model per Sequelize instance (a process may hold several databases, e.g. two API nodes in a test).
const importModels = new WeakMap<Sequelize, ModelStatic<CaseImportRow>>();
const errorModels = new WeakMap<Sequelize, ModelStatic<CaseImportErrorRow>>();

export function caseImportModel(sequelize: Sequelize): ModelStatic<CaseImportRow> {
  let model = importModels.get(sequelize);
  if (!model) {
    // A fresh object per attribute: Sequelize writes each attribute's column name into its definition.
    const counter = () => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
    model = sequelize.define<CaseImportRow>(
      'CaseImport',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        agencyId: { type: DataTypes.TEXT, allowNull: false },
        status: { type: DataTypes.TEXT, allowNull: false },
        fileName: { type: DataTypes.TEXT, allowNull: true },
        byteSize: { type: DataTypes.BIGINT, allowNull: false },
        totalLines: { type: DataTypes.INTEGER, allowNull: false },
        chunkCount: { type: DataTypes.INTEGER, allowNull: false },
        chunksDone: counter(),
        processedLines: counter(),
        createdCount: counter(),
        existingCount: counter(),
        errorCount: counter(),
        createdBy: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: fn('now') }, // the database's clock
        startedAt: { type: DataTypes.DATE, allowNull: true },
        finishedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { tableName: 'case_imports', underscored: true, timestamps: false },
    );
    importModels.set(sequelize, model);
  }
  return model;
}

export function caseImportErrorModel(sequelize: Sequelize): ModelStatic<CaseImportErrorRow> {
  let model = errorModels.get(sequelize);
  if (!model) {
    model = sequelize.define<CaseImportErrorRow>(
      'CaseImportError',
      {
        importId: { type: DataTypes.UUID, primaryKey: true },
        lineNo: { type: DataTypes.INTEGER, primaryKey: true },
        code: { type: DataTypes.TEXT, allowNull: false },
        message: { type: DataTypes.TEXT, allowNull: false },
        details: { type: DataTypes.JSONB, allowNull: true },
      },
      { tableName: 'case_import_errors', underscored: true, timestamps: false },
    );
    errorModels.set(sequelize, model);
  }
  return model;
}

/** Opens an import in the upload's transaction, empty: `recordStoredSize` fills in its size once every chunk is in. */
export async function createCaseImport(
  pool: Pool,
  transaction: Transaction,
  i: { id: string; agencyId: string; fileName: string | null; createdBy: string },
): Promise<void> {
  await caseImportModel(sequelizeOf(pool)).create(
    { ...i, status: 'stored', byteSize: 0, totalLines: 0, chunkCount: 0 },
    { transaction, returning: false },
  );
}

/** Stores one chunk of lines (joined by newlines); the first line's number lets errors name the file's line. */
export async function storeImportChunk(
  client: PoolClient,
  importId: string,
  chunkNo: number,
  firstLine: number,
  body: string,
): Promise<void> {
  await client.query('INSERT INTO case_import_chunks (import_id, chunk_no, first_line, body) VALUES ($1, $2, $3, $4)', [
    importId,
    chunkNo,
    firstLine,
    body,
  ]);
}

export async function recordStoredSize(
  pool: Pool,
  transaction: Transaction,
  id: string,
  size: { byteSize: number; totalLines: number; chunkCount: number },
): Promise<void> {
  await caseImportModel(sequelizeOf(pool)).update(size, { where: { id }, transaction });
}

/** An import of the agency (another agency's is not found). */
export function findCaseImport(pool: Pool, id: string, agencyId: string): Promise<CaseImportRow | null> {
  return caseImportModel(sequelizeOf(pool)).findOne({ where: { id, agencyId } });
}

/** The agency's latest 100 imports, newest first. */
export function recentCaseImports(pool: Pool, agencyId: string): Promise<CaseImportRow[]> {
  return caseImportModel(sequelizeOf(pool)).findAll({ where: { agencyId }, order: [['createdAt', 'DESC']], limit: 100 });
}

/** A page of an import's failed lines, in line order, after a line (keyset on the primary key: an import may have millions). */
export function caseImportErrors(pool: Pool, importId: string, limit: number, afterLine = 0): Promise<CaseImportErrorRow[]> {
  return caseImportErrorModel(sequelizeOf(pool)).findAll({
    where: { importId, lineNo: { [Op.gt]: afterLine } },
    order: [['lineNo', 'ASC']],
    limit,
  });
}
