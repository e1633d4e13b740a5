// The two tables of agency-defined e-services (migration 0002) as Sequelize models with typed attributes, for the
// ordinary reads (a definition by id, the versions of one). Publication itself (a row lock, an insert and an update
// in one transaction) is SQL in definitions.ts.
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

/** A row of eservice_definitions: the agency's draft and the number of its latest published version. */
export interface EServiceDefinitionRow extends Model<
  InferAttributes<EServiceDefinitionRow>,
  InferCreationAttributes<EServiceDefinitionRow>
> {
  id: string;
  agencyId: string;
  serviceId: string;
  draft: Record<string, unknown> | null;
  draftUpdatedAt: Date | null;
  draftUpdatedBy: string | null;
  latestVersion: CreationOptional<number>;
  createdBy: string;
  createdAt: CreationOptional<Date>;
}

/** A row of eservice_definition_versions: one immutable published version. */
export interface EServiceDefinitionVersionRow extends Model<
  InferAttributes<EServiceDefinitionVersionRow>,
  InferCreationAttributes<EServiceDefinitionVersionRow>
> {
  definitionId: string;
  version: number;
  content: Record<string, unknown>;
  publishedBy: string;
  publishedAt: CreationOptional<Date>;
}

interface Models {
  definition: ModelStatic<EServiceDefinitionRow>;
  version: ModelStatic<EServiceDefinitionVersionRow>;
}

// One pair of models per Sequelize instance (a process may hold several databases, e.g. two API nodes in a test).
const cache = new WeakMap<Sequelize, Models>();

function define(sequelize: Sequelize): Models {
  const definition = sequelize.define<EServiceDefinitionRow>(
    'EServiceDefinition',
    {
      id: { type: DataTypes.TEXT, primaryKey: true },
      agencyId: { type: DataTypes.TEXT, allowNull: false },
      serviceId: { type: DataTypes.TEXT, allowNull: false },
      draft: { type: DataTypes.JSONB, allowNull: true },
      draftUpdatedAt: { type: DataTypes.DATE, allowNull: true },
      draftUpdatedBy: { type: DataTypes.TEXT, allowNull: true },
      latestVersion: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      createdBy: { type: DataTypes.TEXT, allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'eservice_definitions', underscored: true, timestamps: false },
  );
  const version = sequelize.define<EServiceDefinitionVersionRow>(
    'EServiceDefinitionVersion',
    {
      definitionId: { type: DataTypes.TEXT, primaryKey: true },
      version: { type: DataTypes.INTEGER, primaryKey: true },
      content: { type: DataTypes.JSONB, allowNull: false },
      publishedBy: { type: DataTypes.TEXT, allowNull: false },
      publishedAt: { type: DataTypes.DATE, allowNull: false },
    },
    { tableName: 'eservice_definition_versions', underscored: true, timestamps: false },
  );
  return { definition, version };
}

/** The models bound to the pool's Sequelize instance (db/connection.ts: they share its connections). */
export function eserviceDefinitionModels(pool: Pool): Models {
  const sequelize = sequelizeOf(pool);
  let models = cache.get(sequelize);
  if (!models) {
    models = define(sequelize);
    cache.set(sequelize, models);
  }
  return models;
}
