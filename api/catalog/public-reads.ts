// The public catalogue's reads other than search (search-index.ts): one published service and its validators,
// the change feed, and the reference data that labels them (taxonomy, agencies, sectors, municipalities, offices),
// kept per process because it changes rarely and is needed on every answer.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import type { ServiceDescription, Text } from '../../db/catalog/description';

export interface PublishedValidator {
  etag: string;
  publishedAt: Date;
}
export interface PublishedService extends PublishedValidator {
  serviceId: string;
  version: number;
  agencyId: string;
  document: ServiceDescription;
}

/** Just what a conditional request needs (a primary-key lookup, prepared once per connection); null when not public. */
export async function publishedValidator(pool: Pool, serviceId: string): Promise<PublishedValidator | null> {
  const { rows } = await pool.query({
    name: 'catalog-published-validator',
    text: 'SELECT etag, published_at FROM catalog_published WHERE service_id = $1',
    values: [serviceId],
  });
  return rows[0] ? { etag: rows[0].etag, publishedAt: rows[0].published_at } : null;
}

export async function publishedService(pool: Pool, serviceId: string): Promise<PublishedService | null> {
  const { rows } = await pool.query({
    name: 'catalog-published-service',
    text: 'SELECT service_id, version, agency_id, document, etag, published_at FROM catalog_published WHERE service_id = $1',
    values: [serviceId],
  });
  const r = rows[0];
  return r
    ? {
        serviceId: r.service_id,
        version: r.version,
        agencyId: r.agency_id,
        document: r.document,
        etag: r.etag,
        publishedAt: r.published_at,
      }
    : null;
}

export interface ChangeRow {
  seq: number;
  serviceId: string;
  version: number;
  kind: 'published' | 'withdrawn';
  at: Date;
}

export async function catalogChanges(pool: Pool, since: number, limit: number): Promise<ChangeRow[]> {
  const { rows } = await pool.query('SELECT seq, service_id, version, kind, at FROM catalog_changes WHERE seq > $1 ORDER BY seq LIMIT $2', [
    since,
    limit,
  ]);
  return rows.map((r) => ({ seq: Number(r.seq), serviceId: r.service_id, version: r.version, kind: r.kind, at: r.at }));
}

// ---- reference data ----

export type Scheme = 'thematic-area' | 'life-event' | 'business-event' | 'channel';
export const SCHEMES: readonly Scheme[] = ['thematic-area', 'life-event', 'business-event', 'channel'];

export interface OfficeInfo {
  id: string;
  name: Text;
  address: string;
  latitude: number | null;
  longitude: number | null;
  openingHours: Array<{ day: string; opens: string; closes: string }>;
}

export interface CatalogReference {
  /** A hash of all of it: part of every ETag whose body it labels, so a renamed office changes those ETags too. */
  tag: string;
  concepts: Record<Scheme, Map<string, Text>>;
  agencies: Map<string, { id: string; sectorId: string; name: Text }>;
  sectors: Map<string, { id: string; name: Text }>;
  municipalities: Map<string, Text>;
  offices: Map<string, OfficeInfo>;
}

const REFERENCE_TTL_MS = 30_000;
const referenceCache = new WeakMap<Pool, { at: number; data: Promise<CatalogReference> }>();

/** The reference data, at most `maxAgeMs` (30 s) old: a filter code not found may be brand new, so it asks for less. */
export function catalogReference(pool: Pool, opts: { maxAgeMs?: number } = {}): Promise<CatalogReference> {
  const cached = referenceCache.get(pool);
  if (cached && Date.now() - cached.at < (opts.maxAgeMs ?? REFERENCE_TTL_MS)) return cached.data;
  const data = loadReference(pool);
  referenceCache.set(pool, { at: Date.now(), data });
  data.catch(() => referenceCache.delete(pool));
  return data;
}

async function loadReference(pool: Pool): Promise<CatalogReference> {
  const [concepts, agencies, sectors, municipalities, offices] = await Promise.all([
    pool.query('SELECT scheme, code, label_lv, label_en FROM taxonomy_concepts ORDER BY scheme, code'),
    pool.query('SELECT id, sector_id, name_lv, name_en FROM agencies ORDER BY id'),
    pool.query('SELECT id, name_lv, name_en FROM sectors ORDER BY id'),
    pool.query('SELECT code, name_lv, name_en FROM municipalities ORDER BY code'),
    pool.query('SELECT id, name_lv, name_en, address, latitude, longitude, opening_hours FROM offices ORDER BY id'),
  ]);
  const text = (r: { name_lv: string; name_en: string }): Text => ({ lv: r.name_lv, en: r.name_en });
  const bySchema = Object.fromEntries(SCHEMES.map((s) => [s, new Map<string, Text>()])) as Record<Scheme, Map<string, Text>>;
  for (const r of concepts.rows) bySchema[r.scheme as Scheme]?.set(r.code, { lv: r.label_lv, en: r.label_en });
  const hash = crypto.createHash('sha256');
  for (const result of [concepts, agencies, sectors, municipalities, offices]) hash.update(JSON.stringify(result.rows));
  return {
    tag: hash.digest('base64url').slice(0, 10),
    concepts: bySchema,
    agencies: new Map(agencies.rows.map((r) => [r.id, { id: r.id, sectorId: r.sector_id, name: text(r) }])),
    sectors: new Map(sectors.rows.map((r) => [r.id, { id: r.id, name: text(r) }])),
    municipalities: new Map(municipalities.rows.map((r) => [r.code, text(r)])),
    offices: new Map(
      offices.rows.map((r) => [
        r.id,
        {
          id: r.id,
          name: text(r),
          address: r.address,
          latitude: r.latitude,
          longitude: r.longitude,
          openingHours: r.opening_hours,
        },
      ]),
    ),
  };
}
