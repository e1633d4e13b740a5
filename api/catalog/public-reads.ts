// The reference data that labels the public catalogue's answers (taxonomy, agencies, sectors, municipalities,
// offices), kept per process because it changes rarely and is needed on every answer. The published services and
// the change feed are read with db/catalog/published.ts; the search with search-index.ts. Also the popular services
// the search offers when it finds nothing.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import type { Text } from '../../db/catalog/description';
import { labelRows } from '../../db/catalog/reference-data';
import { popularServiceIds } from '../../db/catalog/published';
import type { OfficeInfo } from '../../forms/types/api';

// ---- reference data ----

export type Scheme = 'thematic-area' | 'life-event' | 'business-event' | 'channel';
export const SCHEMES: readonly Scheme[] = ['thematic-area', 'life-event', 'business-event', 'channel'];

/** An office as a published service lists it (get-catalog-services-id-response's officeInfo). */
export type { OfficeInfo };

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
  const { concepts, agencies, sectors, municipalities, offices } = await labelRows(pool);
  const text = (r: { name_lv: string; name_en: string }): Text => ({ lv: r.name_lv, en: r.name_en });
  const bySchema = Object.fromEntries(SCHEMES.map((s) => [s, new Map<string, Text>()])) as Record<Scheme, Map<string, Text>>;
  for (const r of concepts) bySchema[r.scheme as Scheme]?.set(r.code, { lv: r.label_lv, en: r.label_en });
  const hash = crypto.createHash('sha256');
  for (const rows of [concepts, agencies, sectors, municipalities, offices]) hash.update(JSON.stringify(rows));
  return {
    tag: hash.digest('base64url').slice(0, 10),
    concepts: bySchema,
    agencies: new Map(agencies.map((r) => [r.id, { id: r.id, sectorId: r.sector_id, name: text(r) }])),
    sectors: new Map(sectors.map((r) => [r.id, { id: r.id, name: text(r) }])),
    municipalities: new Map(municipalities.map((r) => [r.code, text(r)])),
    offices: new Map(
      offices.map((r) => [
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

// ---- the popular services ----

const POPULAR_TTL_MS = 10 * 60_000;
const POPULAR = { limit: 5, minCases: 5 };
const popularCache = new WeakMap<Pool, { at: number; ids: Promise<string[]> }>();

/**
 * The ids of the most delivered published services, at most `maxAgeMs` (10 minutes) old: an empty search offers them,
 * and counting a year of cases on every empty search would let anyone load the database.
 */
export function popularServices(pool: Pool, opts: { maxAgeMs?: number } = {}): Promise<string[]> {
  const cached = popularCache.get(pool);
  if (cached && Date.now() - cached.at < (opts.maxAgeMs ?? POPULAR_TTL_MS)) return cached.ids;
  const ids = popularServiceIds(pool, POPULAR);
  popularCache.set(pool, { at: Date.now(), ids });
  ids.catch(() => popularCache.delete(pool));
  return ids;
}
