// Reference data (agencies, services, offices, municipalities) changes rarely and is read on every case written,
// so it is cached per process for a short time instead of joined row by row.
import type { Pool } from 'pg';

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
