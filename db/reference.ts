// Reference data (agencies, services, offices, municipalities) changes rarely and is read on every case written,
// so it is cached per process for a short time instead of joined row by row. The public lists (GET /api/v1/agencies,
// /services, /offices) read the tables as they are: services and offices through Sequelize models, the agencies
// with their sector's ministry by SQL.
import type { Pool } from 'pg';
import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import { sequelizeOf } from './connection';
import type { Channel } from './domain/case-status';

export interface ServiceRef {
  id: string;
  agencyId: string;
  channels: string[];
  titleLv: string;
  titleEn: string;
}
export interface OfficeRef {
  id: string;
  kind: string;
  agencyId: string | null;
  municipalityCode: string;
}
export interface AgencyRef {
  id: string;
  sectorId: string;
  nameLv: string;
  nameEn: string;
}

export interface ReferenceData {
  services: Map<string, ServiceRef>;
  offices: Map<string, OfficeRef>;
  agencies: Map<string, AgencyRef>;
  municipalities: Set<string>;
}

const TTL_MS = 30_000;
const caches = new WeakMap<Pool, { at: number; data: Promise<ReferenceData> }>();

export function referenceData(pool: Pool): Promise<ReferenceData> {
  const cached = caches.get(pool);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.data;
  const data = load(pool);
  caches.set(pool, { at: Date.now(), data });
  data.catch(() => caches.delete(pool));
  return data;
}

export function invalidateReferenceData(pool: Pool): void {
  caches.delete(pool);
}

async function load(pool: Pool): Promise<ReferenceData> {
  const [services, offices, agencies, municipalities] = await Promise.all([
    pool.query('SELECT id, agency_id, channels, title_lv, title_en FROM services'),
    pool.query('SELECT id, kind, agency_id, municipality_code FROM offices'),
    pool.query('SELECT id, sector_id, name_lv, name_en FROM agencies'),
    pool.query('SELECT code FROM municipalities'),
  ]);
  return {
    services: new Map(
      services.rows.map((r) => [r.id, { id: r.id, agencyId: r.agency_id, channels: r.channels, titleLv: r.title_lv, titleEn: r.title_en }]),
    ),
    offices: new Map(
      offices.rows.map((r) => [r.id, { id: r.id, kind: r.kind, agencyId: r.agency_id, municipalityCode: r.municipality_code }]),
    ),
    agencies: new Map(agencies.rows.map((r) => [r.id, { id: r.id, sectorId: r.sector_id, nameLv: r.name_lv, nameEn: r.name_en }])),
    municipalities: new Set(municipalities.rows.map((r) => r.code as string)),
  };
}

/** A row of agencies with its sector's ministry code. */
export interface AgencyListRow {
  id: string;
  registration_number: string;
  kind: 'state' | 'municipality';
  sector_id: string;
  municipality_code: string | null;
  name_lv: string;
  name_en: string;
  ministry_code: string;
}

/** Every agency with its sector's ministry, by id. */
export async function listAgencies(pool: Pool): Promise<AgencyListRow[]> {
  const { rows } = await pool.query<AgencyListRow>(
    `SELECT a.id, a.registration_number, a.kind, a.sector_id, a.municipality_code, a.name_lv, a.name_en, s.ministry_code
       FROM agencies a JOIN sectors s ON s.id = a.sector_id ORDER BY a.id`,
  );
  return rows;
}

/** A row of services as the model sees it (columns are the snake_case of these names). */
export interface ServiceRow extends Model<InferAttributes<ServiceRow>, InferCreationAttributes<ServiceRow>> {
  id: string;
  agencyId: string;
  titleLv: string;
  titleEn: string;
  channels: Channel[];
  /** numeric(12,2) as the driver gives it: a decimal string. */
  priceEur: string | null;
}

export interface OpeningHours {
  day: string;
  opens: string;
  closes: string;
}

/** A row of offices as the model sees it. */
export interface OfficeRow extends Model<InferAttributes<OfficeRow>, InferCreationAttributes<OfficeRow>> {
  id: string;
  kind: 'vpvkac' | 'agency';
  agencyId: string | null;
  municipalityCode: string;
  nameLv: string;
  nameEn: string;
  address: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: OpeningHours[];
}

// One model per Sequelize instance (a process may hold several databases, e.g. two API nodes in a test).
const serviceModels = new WeakMap<Sequelize, ModelStatic<ServiceRow>>();
const officeModels = new WeakMap<Sequelize, ModelStatic<OfficeRow>>();

export function serviceModel(sequelize: Sequelize): ModelStatic<ServiceRow> {
  let model = serviceModels.get(sequelize);
  if (!model) {
    model = sequelize.define<ServiceRow>(
      'Service',
      {
        id: { type: DataTypes.TEXT, primaryKey: true },
        agencyId: { type: DataTypes.TEXT, allowNull: false },
        titleLv: { type: DataTypes.TEXT, allowNull: false },
        titleEn: { type: DataTypes.TEXT, allowNull: false },
        channels: { type: DataTypes.ARRAY(DataTypes.TEXT), allowNull: false },
        priceEur: { type: DataTypes.DECIMAL(12, 2), allowNull: true },
      },
      { tableName: 'services', underscored: true, timestamps: false },
    );
    serviceModels.set(sequelize, model);
  }
  return model;
}

export function officeModel(sequelize: Sequelize): ModelStatic<OfficeRow> {
  let model = officeModels.get(sequelize);
  if (!model) {
    model = sequelize.define<OfficeRow>(
      'Office',
      {
        id: { type: DataTypes.TEXT, primaryKey: true },
        kind: { type: DataTypes.TEXT, allowNull: false },
        agencyId: { type: DataTypes.TEXT, allowNull: true },
        municipalityCode: { type: DataTypes.TEXT, allowNull: false },
        nameLv: { type: DataTypes.TEXT, allowNull: false },
        nameEn: { type: DataTypes.TEXT, allowNull: false },
        address: { type: DataTypes.TEXT, allowNull: false },
        latitude: { type: DataTypes.DOUBLE, allowNull: true },
        longitude: { type: DataTypes.DOUBLE, allowNull: true },
        openingHours: { type: DataTypes.JSONB, allowNull: false },
      },
      { tableName: 'offices', underscored: true, timestamps: false },
    );
    officeModels.set(sequelize, model);
  }
  return model;
}

/** Every service with its channels, by agency and id. */
export function listServices(pool: Pool): Promise<ServiceRow[]> {
  return serviceModel(sequelizeOf(pool)).findAll({
    order: [
      ['agencyId', 'ASC'],
      ['id', 'ASC'],
    ],
  });
}

/** Every office (customer centres and agency offices), by id. */
export function listOffices(pool: Pool): Promise<OfficeRow[]> {
  return officeModel(sequelizeOf(pool)).findAll({ order: [['id', 'ASC']] });
}
