// Reads of the public read model (catalog_published: one row per published service, written by read-model.ts) and
// of the change feed (catalog_changes). The validator and service lookups are prepared once per connection: a
// republishing portal's conditional reads hit them hardest.
import type { Pool, PoolClient } from 'pg';
import { Op } from 'sequelize';
import type { ChannelType, ServiceDescription, Text } from './description';
import { catalogModels, type ModelScope } from './models';

type Db = Pool | PoolClient;

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
export async function publishedValidator(db: Db, serviceId: string): Promise<PublishedValidator | null> {
  const { rows } = await db.query<{ etag: string; published_at: Date }>({
    name: 'catalog-published-validator',
    text: 'SELECT etag, published_at FROM catalog_published WHERE service_id = $1',
    values: [serviceId],
  });
  return rows[0] ? { etag: rows[0].etag, publishedAt: rows[0].published_at } : null;
}

interface PublishedRow {
  service_id: string;
  version: number;
  agency_id: string;
  document: ServiceDescription;
  etag: string;
  published_at: Date;
}

const publishedOf = (r: PublishedRow): PublishedService => ({
  serviceId: r.service_id,
  version: r.version,
  agencyId: r.agency_id,
  document: r.document,
  etag: r.etag,
  publishedAt: r.published_at,
});

export async function publishedService(db: Db, serviceId: string): Promise<PublishedService | null> {
  const { rows } = await db.query<PublishedRow>({
    name: 'catalog-published-service',
    text: 'SELECT service_id, version, agency_id, document, etag, published_at FROM catalog_published WHERE service_id = $1',
    values: [serviceId],
  });
  return rows[0] ? publishedOf(rows[0]) : null;
}

/** Published services, in id order; one when serviceId is given (an empty list when it is not published). */
export async function loadPublished(db: Db, serviceId?: string): Promise<PublishedService[]> {
  const { rows } = await db.query<PublishedRow>(
    `SELECT service_id, agency_id, version, document, published_at, etag FROM catalog_published
      WHERE $1::text IS NULL OR service_id = $1 ORDER BY service_id`,
    [serviceId ?? null],
  );
  return rows.map(publishedOf);
}

/** A published service as the public search indexes it: its filters and its folded texts (catalog_fold). */
export interface PublishedForSearch {
  serviceId: string;
  version: number;
  title: Text;
  description: Text;
  agencyId: string;
  channels: ChannelType[];
  lifeEvents: string[];
  businessEvents: string[];
  thematicAreas: string[];
  municipalities: string[];
  publishedAt: Date;
  keywords: { lv: string[]; en: string[] };
  /** The e-service channel's address, null without one. */
  eserviceUrl: string | null;
  /** Both titles, folded. */
  titleFold: string;
  /** Everything the search matches on, folded. */
  searchFold: string;
}

interface SearchRow {
  service_id: string;
  version: number;
  title_lv: string;
  title_en: string;
  description: Text;
  agency_id: string;
  channels: ChannelType[];
  life_events: string[];
  business_events: string[];
  thematic_areas: string[];
  municipalities: string[];
  published_at: Date;
  keywords: { lv: string[]; en: string[] };
  eservice_url: string | null;
  title_fold: string;
  search_fold: string;
}

const SEARCH_COLUMNS = `service_id, version, title_lv, title_en, document->'description' AS description, agency_id, channels, life_events,
                 business_events, thematic_areas, municipalities, published_at, title_fold, search_fold, document->'keywords' AS keywords,
                 (SELECT ch->>'eserviceUrl' FROM jsonb_array_elements(document->'channels') ch WHERE ch->>'type' = 'eservice' LIMIT 1) AS eservice_url`;

/** Every published service for the search index, or only those of `ids` (a changed service absent: unpublished). */
export async function publishedForSearch(pool: Pool, ids?: string[]): Promise<PublishedForSearch[]> {
  const { rows } = ids
    ? await pool.query<SearchRow>(`SELECT ${SEARCH_COLUMNS} FROM catalog_published WHERE service_id = ANY($1)`, [ids])
    : await pool.query<SearchRow>(`SELECT ${SEARCH_COLUMNS} FROM catalog_published`);
  return rows.map((r) => ({
    serviceId: r.service_id,
    version: r.version,
    title: { lv: r.title_lv, en: r.title_en },
    description: r.description,
    agencyId: r.agency_id,
    channels: r.channels,
    lifeEvents: r.life_events,
    businessEvents: r.business_events,
    thematicAreas: r.thematic_areas,
    municipalities: r.municipalities,
    publishedAt: r.published_at,
    keywords: r.keywords,
    eserviceUrl: r.eservice_url,
    titleFold: r.title_fold,
    searchFold: r.search_fold,
  }));
}

/** The published services offered in person at each office (office id → service ids in id order). */
export async function servicesByOffice(db: Db): Promise<Map<string, string[]>> {
  const { rows } = await db.query<{ office: string; services: string[] }>(`
    SELECT office, array_agg(p.service_id ORDER BY p.service_id) AS services
      FROM catalog_published p, jsonb_array_elements(p.document->'channels') ch, jsonb_array_elements_text(ch->'offices') office
     WHERE ch->>'type' = 'in_person' GROUP BY office`);
  return new Map(rows.map((r) => [r.office, r.services]));
}

/**
 * The published services most delivered in the last year (cases registered, drafts aside), most first: those with at
 * least `minCases`, so that a rare service (and who used it) is not singled out, as the open statistics suppress
 * counts under 5.
 */
export async function popularServiceIds(db: Db, opts: { limit: number; minCases: number }): Promise<string[]> {
  const { rows } = await db.query<{ service_id: string }>(
    `SELECT c.service_id FROM cases c JOIN catalog_published p ON p.service_id = c.service_id
      WHERE c.status <> 'draft' AND c.registered_at > now() - interval '1 year'
      GROUP BY c.service_id HAVING count(*) >= $2 ORDER BY count(*) DESC, c.service_id LIMIT $1`,
    [opts.limit, opts.minCases],
  );
  return rows.map((r) => r.service_id);
}

// ---- the change feed ----

export interface ChangeRow {
  seq: number;
  serviceId: string;
  version: number;
  kind: 'published' | 'withdrawn';
  at: Date;
}

/** Publications and withdrawals after `since`, in order. */
export async function catalogChanges(on: ModelScope, since: number, limit: number): Promise<ChangeRow[]> {
  const { changes, transaction } = catalogModels(on);
  const found = await changes.findAll({ where: { seq: { [Op.gt]: since } }, order: [['seq', 'ASC']], limit, transaction });
  return found.map((c) => ({ seq: Number(c.seq), serviceId: c.serviceId, version: c.version, kind: c.kind, at: c.at }));
}

/** The feed's sequence number of the version's publication; null when it was not published. */
export async function publicationSeq(on: ModelScope, serviceId: string, version: number): Promise<number | null> {
  const { changes, transaction } = catalogModels(on);
  const found = await changes.findOne({ attributes: ['seq'], where: { serviceId, version, kind: 'published' }, transaction });
  return found ? Number(found.seq) : null;
}
