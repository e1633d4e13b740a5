// Tables of the applications concept as Sequelize models with typed attributes, for the ordinary reads of one row
// or one case's rows. Writes that depend on the case's status, merge JSON or carry file content stay SQL
// (applications.ts, files.ts, documents.ts).
import type { Pool } from 'pg';
import {
  DataTypes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import { sequelizeOf } from '../connection';

/** A row of applications (migrations 0002, 0003): the pinned definition, the draft and the submitted data. */
export interface ApplicationModelRow extends Model<InferAttributes<ApplicationModelRow>, InferCreationAttributes<ApplicationModelRow>> {
  caseId: string;
  definitionId: string;
  definitionVersion: number;
  agencyId: string;
  recipientType: string;
  recipientId: string;
  draftData: CreationOptional<Record<string, unknown>>;
  draftVersion: CreationOptional<number>;
  draftSavedAt: Date | null;
  draftSavedBy: string | null;
  draftStep: string | null;
  draftFieldVersions: CreationOptional<Record<string, number>>;
  submittedData: Record<string, unknown> | null;
  submittedAt: Date | null;
  waitingReason: string | null;
  createdBy: string;
  createdAt: CreationOptional<Date>;
  expiresAt: Date;
}

/** A row of application_files: a file the citizen uploaded for their application. */
export interface ApplicationFileRow extends Model<InferAttributes<ApplicationFileRow>, InferCreationAttributes<ApplicationFileRow>> {
  id: string;
  caseId: string;
  uploadedBy: string;
  fileName: string;
  contentType: string;
  byteSize: number;
  content: Buffer;
  sha256: string;
  createdAt: CreationOptional<Date>;
}

/** A row of documents: a document the e-service issued (a decision PDF). */
export interface DocumentRow extends Model<InferAttributes<DocumentRow>, InferCreationAttributes<DocumentRow>> {
  id: string;
  caseId: string;
  documentType: string;
  titleLv: string;
  titleEn: string;
  fileName: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  createdAt: CreationOptional<Date>;
}

interface Models {
  application: ModelStatic<ApplicationModelRow>;
  file: ModelStatic<ApplicationFileRow>;
  document: ModelStatic<DocumentRow>;
}

// One set of models per Sequelize instance (a process may hold several databases, e.g. two API nodes in a test).
const cache = new WeakMap<Sequelize, Models>();

const options = (tableName: string) => ({ tableName, underscored: true, timestamps: false });

function define(sequelize: Sequelize): Models {
  const application = sequelize.define<ApplicationModelRow>(
    'Application',
    {
      caseId: { type: DataTypes.TEXT, primaryKey: true },
      definitionId: { type: DataTypes.TEXT, allowNull: false },
      definitionVersion: { type: DataTypes.INTEGER, allowNull: false },
      agencyId: { type: DataTypes.TEXT, allowNull: false },
      recipientType: { type: DataTypes.TEXT, allowNull: false },
      recipientId: { type: DataTypes.TEXT, allowNull: false },
      draftData: { type: DataTypes.JSONB, allowNull: false },
      draftVersion: { type: DataTypes.INTEGER, allowNull: false },
      draftSavedAt: { type: DataTypes.DATE, allowNull: true },
      draftSavedBy: { type: DataTypes.TEXT, allowNull: true },
      draftStep: { type: DataTypes.TEXT, allowNull: true },
      draftFieldVersions: { type: DataTypes.JSONB, allowNull: false },
      submittedData: { type: DataTypes.JSONB, allowNull: true },
      submittedAt: { type: DataTypes.DATE, allowNull: true },
      waitingReason: { type: DataTypes.TEXT, allowNull: true },
      createdBy: { type: DataTypes.TEXT, allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false },
      expiresAt: { type: DataTypes.DATE, allowNull: false },
    },
    options('applications'),
  );
  const file = sequelize.define<ApplicationFileRow>(
    'ApplicationFile',
    {
      id: { type: DataTypes.UUID, primaryKey: true },
      caseId: { type: DataTypes.TEXT, allowNull: false },
      uploadedBy: { type: DataTypes.TEXT, allowNull: false },
      fileName: { type: DataTypes.TEXT, allowNull: false },
      contentType: { type: DataTypes.TEXT, allowNull: false },
      byteSize: { type: DataTypes.INTEGER, allowNull: false },
      content: { type: DataTypes.BLOB, allowNull: false },
      sha256: { type: DataTypes.TEXT, allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    options('application_files'),
  );
  const document = sequelize.define<DocumentRow>(
    'Document',
    {
      id: { type: DataTypes.TEXT, primaryKey: true },
      caseId: { type: DataTypes.TEXT, allowNull: false },
      documentType: { type: DataTypes.TEXT, allowNull: false },
      titleLv: { type: DataTypes.TEXT, allowNull: false },
      titleEn: { type: DataTypes.TEXT, allowNull: false },
      fileName: { type: DataTypes.TEXT, allowNull: false },
      contentType: { type: DataTypes.TEXT, allowNull: false },
      content: { type: DataTypes.BLOB, allowNull: false },
      sha256: { type: DataTypes.TEXT, allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    options('documents'),
  );
  return { application, file, document };
}

/** The models bound to the pool's Sequelize instance (db/connection.ts: they share its connections). */
export function applicationModels(pool: Pool): Models {
  const sequelize = sequelizeOf(pool);
  let models = cache.get(sequelize);
  if (!models) {
    models = define(sequelize);
    cache.set(sequelize, models);
  }
  return models;
}
