// The public catalogue's reads (integration API 3): search over the published read model (catalog_published), one
// published service, the change feed, and what is kept per process: the reference data that labels them (taxonomy,
// agencies, sectors, municipalities, offices; it changes rarely and is needed on every answer) and the catalogue's
// vocabulary for typo tolerance.
import crypto from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { inTransaction } from '../../db/transaction';
import type { ChannelType, Lang, ServiceDescription, Text } from './description';

export interface CatalogSearch {
  q?: string;
  lang: Lang;
  agency?: string;
  lifeEvent?: string;
  businessEvent?: string;
  thematicArea?: string;
  channel?: ChannelType;
  municipality?: string;
  page: number;
  pageSize: number;
}

export interface SearchRow {
  serviceId: string;
  version: number;
  title: Text;
  description: Text;
  agencyId: string;
  channels: string[];
  lifeEvents: string[];
  businessEvents: string[];
  thematicAreas: string[];
  municipalities: string[];
  publishedAt: Date;
}

// Words that carry no meaning on their own; dropped unless the query has nothing else.
const STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'from', 'par', 'pie', 'bez', 'vai', 'kā', 'pēc', 'uz', 'un', 'ar', 'no', 'of', 'to', 'in', 'on', 'an']);
const MAX_TOKENS = 8;

/** The words of a query that each must match (fuzzily): 3+ letters, stop words left out when others remain. */
export function searchTokens(q: string | undefined): string[] {
  const words = (q ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2);
  const long = words.filter((w) => w.length >= 3);
  const meaningful = long.filter((w) => !STOP_WORDS.has(w));
  const chosen = meaningful.length > 0 ? meaningful : long.length > 0 ? long : words;
  return [...new Set(chosen)].slice(0, MAX_TOKENS);
}

/**
 * The literal part of a token: Latvian and English endings dropped (a crude stem), so "atļauja" also finds
 * "atļaujas" and "atļauju", "permits" finds "permit". Short words stay whole.
 */
export function stemOf(token: string): string {
  const stem = token.replace(/(?:[aeiouyāēīū]+[sm]?|s)$/u, '');
  return stem.length >= 4 ? stem : token;
}

/** In JavaScript what catalog_fold does in SQL, for Latvian and English: lower case without diacritics. */
export const fold = (text: string): string => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Every token must match: its stem, or a word of the catalogue similar to it (a typo corrected), anywhere in the
 * service's folded text (title, description, keywords, outputs, agency): LIKEs that the trigram GIN index on
 * search_fold serves. "dzivesvieta", "deklaresana", "pasport" and "kindergarden" all find their services.
 * Why not pg_trgm's word_similarity against each service's text: measured at ~80 µs a row on 500 characters
 * (~14 µs on a title), a broad word took 50-400 ms on 5,000 services; against the catalogue's distinct words
 * (catalogueVocabulary) the cost no longer grows with the number of services that match.
 * Ranking per token: 2 when the title has the stem, 1.5 when it has a similar word, 1 when only the text has; then
 * shorter titles (the more general service) first.
 */
/**
 * The published catalogue is small and stays in memory, where a random page costs about what a sequential one does.
 * With the default random_page_cost (4, for spinning disks) the planner scans the 500 characters of every row for a
 * LIKE instead of using the trigram index (17 ms instead of 7 on 5,000 services), so a search says so for itself.
 */
function withSearchPlanner<T>(pool: Pool, work: (db: PoolClient) => Promise<T>): Promise<T> {
  return inTransaction(pool, work, 'BEGIN READ ONLY; SET LOCAL random_page_cost = 1.1');
}

export async function searchCatalog(pool: Pool, s: CatalogSearch): Promise<{ rows: SearchRow[]; total: number }> {
  const params: unknown[] = [];
  const param = (v: unknown) => { params.push(v); return `$${params.length}`; };
  const where: string[] = [];
  const scores: string[] = [];
  // Filters before the text: a scan tests conditions of equal planner cost in the order written.
  if (s.agency) where.push(`p.agency_id = ${param(s.agency)}`);
  if (s.lifeEvent) where.push(`p.life_events @> ARRAY[${param(s.lifeEvent)}]::text[]`);
  if (s.businessEvent) where.push(`p.business_events @> ARRAY[${param(s.businessEvent)}]::text[]`);
  if (s.thematicArea) where.push(`p.thematic_areas @> ARRAY[${param(s.thematicArea)}]::text[]`);
  if (s.channel) where.push(`p.channels @> ARRAY[${param(s.channel)}]::text[]`);
  // Empty municipalities means the whole country: such services are offered in every municipality too.
  if (s.municipality) where.push(`(cardinality(p.municipalities) = 0 OR p.municipalities @> ARRAY[${param(s.municipality)}]::text[])`);

  const tokens = searchTokens(s.q);
  const vocabulary = tokens.length > 0 ? await catalogueVocabulary(pool) : null;
  for (const token of tokens) {
    const stem = stemOf(token);
    const literal = `'%' || catalog_fold(${param(stem)}) || '%'`;
    const similar = (vocabulary?.similarWords(fold(token)) ?? []).filter((w) => !w.includes(fold(stem))).map((w) => param(`%${w}%`));
    where.push(`(${[literal, ...similar].map((pattern) => `p.search_fold LIKE ${pattern}`).join(' OR ')})`);
    const inTitle = similar.length > 0 ? `WHEN ${similar.map((pattern) => `p.title_fold LIKE ${pattern}`).join(' OR ')} THEN 1.5` : '';
    scores.push(`CASE WHEN p.title_fold LIKE ${literal} THEN 2 ${inTitle} ELSE 1 END`);
  }
  // title_fold begins with the Latvian title, folded: the Latvian order without computing anything per row.
  const byTitle = s.lang === 'en' ? 'lower(p.title_en)' : 'p.title_fold';
  const order = scores.length === 0 ? [byTitle, 'p.service_id']
    : [`(${scores.join(' + ')}) DESC`, `length(${s.lang === 'en' ? 'p.title_en' : 'p.title_lv'})`, byTitle, 'p.service_id'];
  const whereSql = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const offset = (s.page - 1) * s.pageSize;
  // The page is chosen on the narrow columns; only its rows read the (TOASTed) document for their description.
  const { rows } = await withSearchPlanner(pool, (db) => db.query(
    `WITH page AS (
       SELECT p.service_id, row_number() OVER (ORDER BY ${order.join(', ')}) AS rank, count(*) OVER () AS total
         FROM catalog_published p ${whereSql}
        ORDER BY rank LIMIT ${param(s.pageSize)} OFFSET ${param(offset)})
     SELECT p.service_id, p.version, p.title_lv, p.title_en, p.document->'description' AS description, p.agency_id, p.channels,
            p.life_events, p.business_events, p.thematic_areas, p.municipalities, p.published_at, page.total
       FROM page JOIN catalog_published p USING (service_id) ORDER BY page.rank`, params));
  let total = rows.length > 0 ? Number(rows[0].total) : 0;
  if (rows.length === 0 && offset > 0) {
    // Past the last page: the window count is not there, so count on its own (without the paging parameters).
    const counted = await pool.query(`SELECT count(*)::int AS n FROM catalog_published p ${whereSql}`, params.slice(0, -2));
    total = counted.rows[0].n as number;
  }
  return {
    total,
    rows: rows.map((r) => ({
      serviceId: r.service_id, version: r.version, title: { lv: r.title_lv, en: r.title_en }, description: r.description as Text,
      agencyId: r.agency_id, channels: r.channels, lifeEvents: r.life_events, businessEvents: r.business_events,
      thematicAreas: r.thematic_areas, municipalities: r.municipalities, publishedAt: r.published_at as Date,
    })),
  };
}

// ---- the catalogue's vocabulary, for typo tolerance ----

const SIMILARITY_THRESHOLD = 0.6; // pg_trgm's default word_similarity_threshold
const MAX_SIMILAR_WORDS = 5;
const VOCABULARY_CHECK_MS = 2000;

/** pg_trgm's trigrams of one word: padded with two spaces in front and one behind. */
function trigramsOf(word: string): string[] {
  const padded = `  ${word} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= padded.length; i += 1) out.push(padded.slice(i, i + 3));
  return out;
}

/** pg_trgm's word_similarity(token, word): the best Jaccard similarity of the token's trigrams and a run of the word's. */
export function wordSimilarity(token: string, word: string): number {
  const wanted = new Set(trigramsOf(token));
  const run = trigramsOf(word);
  let best = 0;
  for (let i = 0; i < run.length; i += 1) {
    const seen = new Set<string>();
    let common = 0;
    for (let j = i; j < run.length; j += 1) {
      if (seen.has(run[j])) continue;
      seen.add(run[j]);
      if (wanted.has(run[j])) common += 1;
      best = Math.max(best, common / (wanted.size + seen.size - common));
    }
  }
  return best;
}

export class Vocabulary {
  private readonly byTrigram = new Map<string, number[]>();

  constructor(readonly seq: number, private readonly words: string[], public checkedAt = Date.now()) {
    words.forEach((word, i) => {
      for (const t of new Set(trigramsOf(word))) {
        const list = this.byTrigram.get(t);
        if (list) list.push(i); else this.byTrigram.set(t, [i]);
      }
    });
  }

  /** Corrections already worked out: this vocabulary never changes (a publication brings a new one). */
  private readonly corrections = new Map<string, string[]>();

  /** Words of the catalogue at least 0.6 similar to the (folded) token, best first; the token itself excluded. */
  similarWords(token: string): string[] {
    let found = this.corrections.get(token);
    if (!found) {
      found = this.computeSimilarWords(token);
      if (this.corrections.size >= 10_000) this.corrections.clear(); // bounded: odd tokens do not pile up
      this.corrections.set(token, found);
    }
    return [...found];
  }

  private computeSimilarWords(token: string): string[] {
    const wanted = new Set(trigramsOf(token));
    const shared = new Map<number, number>();
    for (const t of wanted) for (const i of this.byTrigram.get(t) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
    // A similarity of 0.6 needs at least 60 % of the token's trigrams: only those words are compared.
    const needed = Math.ceil(SIMILARITY_THRESHOLD * wanted.size);
    return [...shared].filter(([i, n]) => n >= needed && this.words[i] !== token)
      .map(([i]) => ({ word: this.words[i], similarity: wordSimilarity(token, this.words[i]) }))
      .filter((c) => c.similarity >= SIMILARITY_THRESHOLD)
      .sort((a, b) => b.similarity - a.similarity || a.word.localeCompare(b.word))
      .slice(0, MAX_SIMILAR_WORDS).map((c) => c.word);
  }
}

async function loadVocabulary(pool: Pool): Promise<Vocabulary> {
  const seq = Number((await pool.query('SELECT coalesce(max(seq), 0) AS seq FROM catalog_changes')).rows[0].seq);
  const { rows } = await pool.query('SELECT search_fold FROM catalog_published');
  const words = new Set<string>();
  for (const r of rows) for (const w of (r.search_fold as string).split(/[^\p{L}\p{N}]+/u)) if (w.length >= 3) words.add(w);
  return new Vocabulary(seq, [...words]);
}

const vocabularies = new WeakMap<Pool, { current: Promise<Vocabulary>; refreshing: boolean }>();

/**
 * The distinct words of the published catalogue, kept per process. At most every 2 s a search checks the change
 * feed, and after a publication the words are read again in the background (until then the previous ones serve).
 */
export async function catalogueVocabulary(pool: Pool): Promise<Vocabulary> {
  let entry = vocabularies.get(pool);
  if (!entry) {
    const created = { current: loadVocabulary(pool), refreshing: false };
    vocabularies.set(pool, created);
    created.current.catch(() => vocabularies.delete(pool));
    entry = created;
  }
  const vocabulary = await entry.current;
  if (!entry.refreshing && Date.now() - vocabulary.checkedAt > VOCABULARY_CHECK_MS) {
    const refreshing = entry;
    refreshing.refreshing = true;
    vocabulary.checkedAt = Date.now();
    void (async () => {
      const { rows } = await pool.query('SELECT coalesce(max(seq), 0) AS seq FROM catalog_changes');
      if (Number(rows[0].seq) !== vocabulary.seq) refreshing.current = Promise.resolve(await loadVocabulary(pool));
    })().catch(() => undefined).finally(() => { refreshing.refreshing = false; });
  }
  return vocabulary;
}

export interface PublishedValidator { etag: string; publishedAt: Date }
export interface PublishedService extends PublishedValidator { serviceId: string; version: number; agencyId: string; document: ServiceDescription }

/** Just what a conditional request needs (a primary-key lookup, prepared once per connection); null when not public. */
export async function publishedValidator(pool: Pool, serviceId: string): Promise<PublishedValidator | null> {
  const { rows } = await pool.query({
    name: 'catalog-published-validator', text: 'SELECT etag, published_at FROM catalog_published WHERE service_id = $1', values: [serviceId],
  });
  return rows[0] ? { etag: rows[0].etag, publishedAt: rows[0].published_at } : null;
}

export async function publishedService(pool: Pool, serviceId: string): Promise<PublishedService | null> {
  const { rows } = await pool.query({
    name: 'catalog-published-service',
    text: 'SELECT service_id, version, agency_id, document, etag, published_at FROM catalog_published WHERE service_id = $1', values: [serviceId],
  });
  const r = rows[0];
  return r ? { serviceId: r.service_id, version: r.version, agencyId: r.agency_id, document: r.document, etag: r.etag, publishedAt: r.published_at } : null;
}

export interface ChangeRow { seq: number; serviceId: string; version: number; kind: 'published' | 'withdrawn'; at: Date }

export async function catalogChanges(pool: Pool, since: number, limit: number): Promise<ChangeRow[]> {
  const { rows } = await pool.query(
    'SELECT seq, service_id, version, kind, at FROM catalog_changes WHERE seq > $1 ORDER BY seq LIMIT $2', [since, limit]);
  return rows.map((r) => ({ seq: Number(r.seq), serviceId: r.service_id, version: r.version, kind: r.kind, at: r.at }));
}

// ---- reference data ----

export type Scheme = 'thematic-area' | 'life-event' | 'business-event' | 'channel';
export const SCHEMES: readonly Scheme[] = ['thematic-area', 'life-event', 'business-event', 'channel'];

export interface OfficeInfo {
  id: string; name: Text; address: string; latitude: number | null; longitude: number | null;
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
    offices: new Map(offices.rows.map((r) => [r.id, {
      id: r.id, name: text(r), address: r.address, latitude: r.latitude, longitude: r.longitude, openingHours: r.opening_hours,
    }])),
  };
}
