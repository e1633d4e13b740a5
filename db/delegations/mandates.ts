// Written mandates recorded at the counter (tables `mandate_documents`, the scans, and `mandates`). Staff upload the
// scan first, then record the mandate on it: each document records one mandate, and only the staff member who
// uploaded it may use it. Reads compute the status against the database's current_date, as the access checks do
// (./representation.ts). The rules are the API's: api/delegations/mandates.ts.
import type { Pool } from 'pg';
import {
  DataTypes,
  fn,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import { sequelizeOf } from '../connection';
import type { PersonRef, PersonType } from '../domain/person-id';
import type { DelegationStatus } from './delegations';

/** A mandate with the facts of its document, as every mandate query selects it. */
export interface MandateRow {
  id: string;
  principal_type: PersonType;
  principal_id: string;
  representative_type: PersonType;
  representative_id: string;
  representative_name: string;
  document_id: string;
  document_reference: string | null;
  scope: 'all' | 'eservices';
  eservice_ids: string[];
  /** Dates as text (YYYY-MM-DD), as for delegations. */
  valid_from: string;
  valid_until: string | null;
  recorded_by: string;
  recorded_office: string | null;
  created_at: Date;
  revoked_at: Date | null;
  file_name: string;
  content_type: string;
  byte_size: number;
  status: DelegationStatus;
}

const MANDATE_COLUMNS = `m.id, m.principal_type, m.principal_id, m.representative_type, m.representative_id, m.representative_name,
  m.document_id, m.document_reference, m.scope, m.eservice_ids, m.valid_from::text AS valid_from, m.valid_until::text AS valid_until,
  m.recorded_by, m.recorded_office, m.created_at, m.revoked_at, f.file_name, f.content_type, f.byte_size,
  CASE WHEN m.revoked_at IS NOT NULL THEN 'revoked' WHEN m.valid_until < current_date THEN 'expired'
       WHEN m.valid_from > current_date THEN 'scheduled' ELSE 'active' END AS status`;
const FROM = 'FROM mandates m JOIN mandate_documents f ON f.id = m.document_id';

/** A row of mandate_documents as the model sees it (columns are the snake_case of these names). */
export interface MandateDocumentRow extends Model<InferAttributes<MandateDocumentRow>, InferCreationAttributes<MandateDocumentRow>> {
  id: string;
  uploadedBy: string;
  officeId: string | null;
  fileName: string;
  contentType: string;
  byteSize: number;
  content: Buffer;
  sha256: string;
  createdAt: CreationOptional<Date>;
}

/** A mandate's revocation, the one write of a recorded mandate (the rest is read through MANDATE_COLUMNS). */
interface MandateRevocationRow extends Model<InferAttributes<MandateRevocationRow>, InferCreationAttributes<MandateRevocationRow>> {
  id: string;
  revokedAt: Date | null;
  revokedBy: string | null;
}

// One model per Sequelize instance (a process may hold several databases, e.g. two API nodes in a test).
const documentModels = new WeakMap<Sequelize, ModelStatic<MandateDocumentRow>>();
const revocationModels = new WeakMap<Sequelize, ModelStatic<MandateRevocationRow>>();

export function mandateDocumentModel(sequelize: Sequelize): ModelStatic<MandateDocumentRow> {
  let model = documentModels.get(sequelize);
  if (!model) {
    model = sequelize.define<MandateDocumentRow>(
      'MandateDocument',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        uploadedBy: { type: DataTypes.TEXT, allowNull: false },
        officeId: { type: DataTypes.TEXT, allowNull: true },
        fileName: { type: DataTypes.TEXT, allowNull: false },
        contentType: { type: DataTypes.TEXT, allowNull: false },
        byteSize: { type: DataTypes.INTEGER, allowNull: false },
        content: { type: DataTypes.BLOB, allowNull: false },
        sha256: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: fn('now') }, // the database's clock
      },
      { tableName: 'mandate_documents', underscored: true, timestamps: false },
    );
    documentModels.set(sequelize, model);
  }
  return model;
}

function mandateRevocationModel(sequelize: Sequelize): ModelStatic<MandateRevocationRow> {
  let model = revocationModels.get(sequelize);
  if (!model) {
    model = sequelize.define<MandateRevocationRow>(
      'MandateRevocation',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        revokedAt: { type: DataTypes.DATE, allowNull: true },
        revokedBy: { type: DataTypes.TEXT, allowNull: true },
      },
      { tableName: 'mandates', underscored: true, timestamps: false },
    );
    revocationModels.set(sequelize, model);
  }
  return model;
}

export async function insertMandateDocument(
  pool: Pool,
  d: { id: string; uploadedBy: string; officeId: string | null; fileName: string; contentType: string; content: Buffer; sha256: string },
): Promise<void> {
  await mandateDocumentModel(sequelizeOf(pool)).create({ ...d, byteSize: d.content.length }, { returning: false });
}

export interface NewMandate {
  id: string;
  principal: PersonRef;
  representativeId: string;
  representativeName: string;
  documentId: string;
  documentReference: string | null;
  /** The e-services it covers; empty for all. */
  eserviceIds: string[];
  validFrom: string;
  validUntil: string | null;
  recordedBy: string;
  recordedOffice: string | null;
}

/**
 * Records the mandate on its document: only if the document is one `recordedBy` uploaded and no mandate uses it yet.
 * The mandate's id then, else null (nothing written).
 */
export async function insertMandate(pool: Pool, m: NewMandate): Promise<string | null> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH doc AS (SELECT id FROM mandate_documents WHERE id = $7 AND uploaded_by = $11 AND NOT EXISTS (SELECT 1 FROM mandates WHERE document_id = $7))
     INSERT INTO mandates (id, principal_type, principal_id, representative_type, representative_id, representative_name, document_id,
       document_reference, scope, eservice_ids, valid_from, valid_until, recorded_by, recorded_office)
     SELECT $1, $2, $3, 'natural', $4, $5, $6, $8, $9, $10, $12, $13, $11, $14 FROM doc RETURNING id`,
    [
      m.id,
      m.principal.type,
      m.principal.id,
      m.representativeId,
      m.representativeName,
      m.documentId,
      m.documentId,
      m.documentReference,
      m.eserviceIds.length ? 'eservices' : 'all',
      m.eserviceIds,
      m.recordedBy,
      m.validFrom,
      m.validUntil,
      m.recordedOffice,
    ],
  );
  return rows[0]?.id ?? null;
}

export async function findMandateRow(pool: Pool, id: string): Promise<MandateRow | null> {
  const { rows } = await pool.query<MandateRow>(`SELECT ${MANDATE_COLUMNS} ${FROM} WHERE m.id = $1`, [id]);
  return rows[0] ?? null;
}

/** The mandates a person gave, newest first (at most 200). */
export async function mandateRowsGivenBy(pool: Pool, person: PersonRef): Promise<MandateRow[]> {
  const { rows } = await pool.query<MandateRow>(
    `SELECT ${MANDATE_COLUMNS} ${FROM} WHERE m.principal_type = $1 AND m.principal_id = $2 ORDER BY m.created_at DESC LIMIT 200`,
    [person.type, person.id],
  );
  return rows;
}

/** Revokes the mandate now; false when it was revoked already. */
export async function markMandateRevoked(pool: Pool, id: string, revokedBy: string): Promise<boolean> {
  const [count] = await mandateRevocationModel(sequelizeOf(pool)).update(
    { revokedAt: fn('now'), revokedBy },
    { where: { id, revokedAt: null } },
  );
  return count > 0;
}
