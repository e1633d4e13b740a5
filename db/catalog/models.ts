// The Sequelize models of the catalogue's tables (migration 0005), for the ordinary one-table reads and writes; the
// joins, locks, upserts and the published read model stay SQL (entries.ts, versions.ts, read-model.ts, published.ts).
// Attributes are camelCase over the snake_case columns; one model set per Sequelize instance (db/agency-accounts.ts).
import {
  DataTypes,
  Transaction,
  fn,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type Model,
  type ModelStatic,
  type Sequelize,
} from 'sequelize';
import type { CatalogStage } from '../../forms/types/api';
import type { ServiceDescription } from './description';

/** Where a model call runs: on its own connection of a database, or inside a transaction of db/transaction.ts. */
export type ModelScope = Sequelize | Transaction;

export interface EntryModel extends Model<InferAttributes<EntryModel>, InferCreationAttributes<EntryModel>> {
  serviceId: string;
  agencyId: string;
  latestVersion: number;
  publishedVersion: CreationOptional<number | null>;
  updatedAt: CreationOptional<Date>;
}

export interface VersionModel extends Model<InferAttributes<VersionModel>, InferCreationAttributes<VersionModel>> {
  serviceId: string;
  version: number;
  document: ServiceDescription;
  stage: CatalogStage;
  authorId: string;
  authorName: string;
  createdAt: CreationOptional<Date>;
  submittedAt: CreationOptional<Date | null>;
  publishedAt: CreationOptional<Date | null>;
}

export type ReviewAction = 'created' | 'changed' | 'submitted' | 'approved' | 'returned' | 'published' | 'withdrawn' | 'reviewed';
export type ReviewStep = 'author' | 'agency' | 'catalogue';

export interface ReviewEventModel extends Model<InferAttributes<ReviewEventModel>, InferCreationAttributes<ReviewEventModel>> {
  id: CreationOptional<number>;
  serviceId: string;
  version: number;
  action: ReviewAction;
  step: ReviewStep | null;
  actorId: string;
  actorName: string;
  comment: CreationOptional<string | null>;
  at: CreationOptional<Date>;
  idempotencyKey: CreationOptional<string | null>;
}

export interface ChangeModel extends Model<InferAttributes<ChangeModel>, InferCreationAttributes<ChangeModel>> {
  seq: CreationOptional<number>;
  serviceId: string;
  version: number;
  kind: 'published' | 'withdrawn';
  at: CreationOptional<Date>;
}

export interface WebhookModel extends Model<InferAttributes<WebhookModel>, InferCreationAttributes<WebhookModel>> {
  id: string;
  ownerId: string;
  ownerName: string;
  url: string;
  secret: string;
  active: CreationOptional<boolean>;
  createdAt: CreationOptional<Date>;
}

export interface CatalogModels {
  entries: ModelStatic<EntryModel>;
  versions: ModelStatic<VersionModel>;
  reviewEvents: ModelStatic<ReviewEventModel>;
  changes: ModelStatic<ChangeModel>;
  webhooks: ModelStatic<WebhookModel>;
}

const TABLE = { underscored: true, timestamps: false } as const;
const now = () => fn('now'); // the database's clock, as the columns' defaults

function define(sequelize: Sequelize): CatalogModels {
  return {
    entries: sequelize.define<EntryModel>(
      'CatalogEntry',
      {
        serviceId: { type: DataTypes.TEXT, primaryKey: true },
        agencyId: { type: DataTypes.TEXT, allowNull: false },
        latestVersion: { type: DataTypes.INTEGER, allowNull: false },
        publishedVersion: { type: DataTypes.INTEGER, allowNull: true },
        updatedAt: { type: DataTypes.DATE, allowNull: false, defaultValue: now() },
      },
      { ...TABLE, tableName: 'catalog_services' },
    ),
    versions: sequelize.define<VersionModel>(
      'CatalogServiceVersion',
      {
        serviceId: { type: DataTypes.TEXT, primaryKey: true },
        version: { type: DataTypes.INTEGER, primaryKey: true },
        document: { type: DataTypes.JSONB, allowNull: false },
        stage: { type: DataTypes.TEXT, allowNull: false },
        authorId: { type: DataTypes.TEXT, allowNull: false },
        authorName: { type: DataTypes.TEXT, allowNull: false },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: now() },
        submittedAt: { type: DataTypes.DATE, allowNull: true },
        publishedAt: { type: DataTypes.DATE, allowNull: true },
      },
      { ...TABLE, tableName: 'catalog_service_versions' },
    ),
    reviewEvents: sequelize.define<ReviewEventModel>(
      'CatalogReviewEvent',
      {
        id: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        serviceId: { type: DataTypes.TEXT, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false },
        action: { type: DataTypes.TEXT, allowNull: false },
        step: { type: DataTypes.TEXT, allowNull: true },
        actorId: { type: DataTypes.TEXT, allowNull: false },
        actorName: { type: DataTypes.TEXT, allowNull: false },
        comment: { type: DataTypes.TEXT, allowNull: true },
        at: { type: DataTypes.DATE, allowNull: false, defaultValue: now() },
        idempotencyKey: { type: DataTypes.TEXT, allowNull: true },
      },
      { ...TABLE, tableName: 'catalog_review_events' },
    ),
    changes: sequelize.define<ChangeModel>(
      'CatalogChange',
      {
        seq: { type: DataTypes.BIGINT, primaryKey: true, autoIncrement: true },
        serviceId: { type: DataTypes.TEXT, allowNull: false },
        version: { type: DataTypes.INTEGER, allowNull: false },
        kind: { type: DataTypes.TEXT, allowNull: false },
        at: { type: DataTypes.DATE, allowNull: false, defaultValue: now() },
      },
      { ...TABLE, tableName: 'catalog_changes' },
    ),
    webhooks: sequelize.define<WebhookModel>(
      'CatalogWebhook',
      {
        id: { type: DataTypes.UUID, primaryKey: true },
        ownerId: { type: DataTypes.TEXT, allowNull: false },
        ownerName: { type: DataTypes.TEXT, allowNull: false },
        url: { type: DataTypes.TEXT, allowNull: false },
        secret: { type: DataTypes.TEXT, allowNull: false },
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        createdAt: { type: DataTypes.DATE, allowNull: false, defaultValue: now() },
      },
      { ...TABLE, tableName: 'catalog_webhooks' },
    ),
  };
}

// One model set per Sequelize instance (a process may hold several databases, e.g. two API nodes in a test).
const modelSets = new WeakMap<Sequelize, CatalogModels>();

/** The catalogue's models for `scope`, and the transaction option that makes a call join it (when it is one). */
export function catalogModels(scope: ModelScope): CatalogModels & { transaction: Transaction | undefined } {
  const transaction = scope instanceof Transaction ? scope : undefined;
  // Sequelize keeps the instance a transaction belongs to on it (untyped in its declarations).
  const sequelize = transaction ? (transaction as unknown as { sequelize: Sequelize }).sequelize : (scope as Sequelize);
  let models = modelSets.get(sequelize);
  if (!models) {
    models = define(sequelize);
    modelSets.set(sequelize, models);
  }
  return { ...models, transaction };
}
