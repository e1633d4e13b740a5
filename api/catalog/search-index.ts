// The public search (integration API 3), answered from an index of the published catalogue kept in each API
// process. The catalogue is small (thousands of services, a few MB) and read far more often than it changes, so the
// index is built from the read model (catalog_published) and kept coherent through the change feed's announcements
// (change-listener.ts): a search after an announcement waits until the changed services are read again. Without
// announcements (the listening connection down) a search reads the catalogue again when the index is over 1 s old.
//
// Why not SQL: trigram LIKEs over each service's 500 folded characters cost 5-15 ms of database time a search, so
// 16 concurrent searches queued to a p95 of 55-70 ms on two cores; here a search costs well under a millisecond.
//
// What matches is what the SQL did: every token must match, by its stem or by a word of the catalogue similar to it
// (a typo corrected), anywhere in the service's folded text (title, description, keywords, outputs, agency). A
// token is letters and digits only, so it can only match inside one word of that text: the index maps each word
// to its services, and a pattern to the words that contain it.
import type { Pool } from 'pg';
import type { ChannelType, Text } from '../../db/catalog/description';
import { publishedForSearch } from '../../db/catalog/published';
import type { Validated } from '../../forms/types/validated';
import { catalogChangeListener, type CatalogChangeListener } from './change-listener';
import { fold, searchTokens, stemOf, Vocabulary, wordsOf } from './search-text';

/** A search as the route receives it: the query schema's fields, its defaults filled in. */
export type CatalogSearch = Validated<'catalog-search-query'>;

export interface SearchRow {
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
}

export interface IndexedService extends SearchRow {
  /** Both titles, folded (catalog_fold in SQL): the Latvian order, and title matches rank first. */
  titleFold: string;
  /** English order: the English title in lower case. */
  titleEnLower: string;
  /** The distinct words of the service's folded search text. */
  words: string[];
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
/** What the per-snapshot caches of matching services may hold: a byte per service each, 16 MB in all (twice that with the tokens'). */
const CACHE_BYTES = 16 * 1024 * 1024;

/** One state of the published catalogue, never changed: a change brings a new snapshot. */
export class SearchSnapshot {
  /** The services in Latvian title order (folded title, then id): a position is the Latvian rank. */
  private readonly services: IndexedService[];
  /** Each position's rank in English title order. */
  private readonly englishRank: Int32Array;
  /** Positions in English title order. */
  private readonly englishOrder: number[];
  /** Each word of the catalogue and the positions of the services whose text has it. */
  private readonly postings = new Map<string, number[]>();
  readonly vocabulary: Vocabulary;
  /** Matching positions of a pattern or a filter, worked out once per snapshot. */
  private readonly sets = new Map<string, Uint8Array>();
  private readonly tokens = new Map<string, TokenMatch>();
  /** How many matching sets fit in CACHE_BYTES (at least 100): odd queries do not pile up. */
  private readonly maxCached: number;

  constructor(services: IndexedService[]) {
    this.services = [...services].sort((a, b) => byCodeUnits(a.titleFold, b.titleFold) || byCodeUnits(a.serviceId, b.serviceId));
    this.englishOrder = this.services
      .map((_, i) => i)
      .sort(
        (a, b) =>
          byCodeUnits(this.services[a].titleEnLower, this.services[b].titleEnLower) ||
          byCodeUnits(this.services[a].serviceId, this.services[b].serviceId),
      );
    this.englishRank = new Int32Array(this.services.length);
    this.englishOrder.forEach((position, rank) => {
      this.englishRank[position] = rank;
    });
    this.services.forEach((s, position) => {
      for (const word of s.words) {
        const list = this.postings.get(word);
        if (list) list.push(position);
        else this.postings.set(word, [position]);
      }
    });
    this.vocabulary = new Vocabulary([...this.postings.keys()].filter((w) => w.length >= 3));
    this.maxCached = Math.max(100, Math.floor(CACHE_BYTES / Math.max(1, this.services.length)));
  }

  get size(): number {
    return this.services.length;
  }

  /** A new snapshot with these services replaced (or, absent from `fresh`, removed). */
  with(changedIds: ReadonlySet<string>, fresh: IndexedService[]): SearchSnapshot {
    return new SearchSnapshot([...this.services.filter((s) => !changedIds.has(s.serviceId)), ...fresh]);
  }

  /** Which services have `pattern` (folded letters and digits) inside a word of their text: LIKE '%pattern%'. */
  private matching(pattern: string): Uint8Array {
    return this.cached(`p\0${pattern}`, () => {
      const found = new Uint8Array(this.services.length);
      for (const [word, positions] of this.postings) {
        if (word.includes(pattern)) for (const p of positions) found[p] = 1;
      }
      return found;
    });
  }

  /** Which services a filter lets through. */
  private filtered(field: FilterField, code: string): Uint8Array {
    return this.cached(`${field}\0${code}`, () => {
      const found = new Uint8Array(this.services.length);
      this.services.forEach((service, position) => {
        if (passes(service, field, code)) found[position] = 1;
      });
      return found;
    });
  }

  /** What a query token matches: its stem, or the words of the catalogue similar to it (a typo corrected). */
  private tokenMatch(token: string): TokenMatch {
    let found = this.tokens.get(token);
    if (!found) {
      const literal = fold(stemOf(token));
      // A similar word that has the stem in it finds nothing the stem does not.
      const similar = this.vocabulary.similarWords(fold(token)).filter((w) => !w.includes(literal));
      const matches = new Uint8Array(this.services.length);
      for (const pattern of [literal, ...similar]) {
        const m = this.matching(pattern);
        for (let i = 0; i < m.length; i += 1) matches[i] |= m[i];
      }
      found = { literal, similar, matches };
      if (this.tokens.size >= this.maxCached) this.tokens.clear();
      this.tokens.set(token, found);
    }
    return found;
  }

  private cached(key: string, compute: () => Uint8Array): Uint8Array {
    let found = this.sets.get(key);
    if (!found) {
      found = compute();
      if (this.sets.size >= this.maxCached) this.sets.clear();
      this.sets.set(key, found);
    }
    return found;
  }

  search(s: CatalogSearch): { rows: SearchRow[]; total: number } {
    const n = this.services.length;
    const tokens = searchTokens(s.q).map((token) => this.tokenMatch(token));
    const sets = [
      ...FILTER_FIELDS.flatMap((field) => (s[field] ? [this.filtered(field, s[field] as string)] : [])),
      ...tokens.map((t) => t.matches),
    ];
    const english = s.lang === 'en';
    // Each hit as one number that sorts it: best matches first (per token 2 when the title has the stem, 1.5 when
    // it has a similar word, 1 when only the text has), then the shorter title (the more general service), then
    // title order. Without a query, title order alone.
    const keys: number[] = [];
    for (let position = 0; position < n; position += 1) {
      let hit = true;
      for (const set of sets)
        if (set[position] === 0) {
          hit = false;
          break;
        }
      if (!hit) continue;
      const rank = english ? this.englishRank[position] : position;
      if (tokens.length === 0) {
        keys.push(rank);
        continue;
      }
      const service = this.services[position];
      let halfPoints = 0;
      for (const t of tokens) {
        halfPoints += service.titleFold.includes(t.literal) ? 4 : t.similar.some((w) => service.titleFold.includes(w)) ? 3 : 2;
      }
      const titleLength = Math.min(MAX_TITLE_LENGTH, (english ? service.title.en : service.title.lv).length);
      keys.push(((MAX_HALF_POINTS - halfPoints) * (MAX_TITLE_LENGTH + 1) + titleLength) * RANK_SPAN + rank);
    }
    const sorted = Float64Array.from(keys).sort();
    const offset = (s.page - 1) * s.pageSize;
    const page = Array.from(sorted.subarray(offset, offset + s.pageSize), (key) => {
      const rank = key % RANK_SPAN;
      return searchRow(this.services[english ? this.englishOrder[rank] : rank]);
    });
    return { total: keys.length, rows: page };
  }
}

const FILTER_FIELDS = ['agency', 'lifeEvent', 'businessEvent', 'thematicArea', 'channel', 'municipality'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];
interface TokenMatch {
  literal: string;
  similar: string[];
  matches: Uint8Array;
}

// The sort key's parts: ranks below 2^21 (two million services), titles counted up to 1,000 characters, up to 8
// tokens of at most 4 half points: (33 × 1001 × 2^21) stays below 2^53, exact in a double.
const RANK_SPAN = 2 ** 21;
const MAX_TITLE_LENGTH = 1000;
const MAX_HALF_POINTS = 32;

function passes(service: IndexedService, field: FilterField, code: string): boolean {
  switch (field) {
    case 'agency':
      return service.agencyId === code;
    case 'lifeEvent':
      return service.lifeEvents.includes(code);
    case 'businessEvent':
      return service.businessEvents.includes(code);
    case 'thematicArea':
      return service.thematicAreas.includes(code);
    case 'channel':
      return service.channels.some((channel) => channel === code);
    // No municipalities means the whole country: such services are offered in every municipality too.
    case 'municipality':
      return service.municipalities.length === 0 || service.municipalities.includes(code);
  }
}

function searchRow(s: IndexedService): SearchRow {
  return {
    serviceId: s.serviceId,
    version: s.version,
    title: s.title,
    description: s.description,
    agencyId: s.agencyId,
    channels: s.channels,
    lifeEvents: s.lifeEvents,
    businessEvents: s.businessEvents,
    thematicAreas: s.thematicAreas,
    municipalities: s.municipalities,
    publishedAt: s.publishedAt,
  };
}

/** The published services (or those of `ids`) as the index holds them. */
async function readServices(pool: Pool, ids?: string[]): Promise<IndexedService[]> {
  return (await publishedForSearch(pool, ids)).map(({ searchFold, ...s }) => ({
    ...s,
    titleEnLower: s.title.en.toLowerCase(),
    words: [...new Set(wordsOf(searchFold))],
  }));
}

/** Without announcements, how old the index may be before a search reads the catalogue again. */
const UNANNOUNCED_MAX_AGE_MS = 1000;
/** More changed services than this at once are read with the whole catalogue. */
const MAX_CHANGED_READ = 500;

/** The index of one pool's catalogue, brought up to date before a search when the catalogue has changed. */
export class CatalogSearchIndex {
  private snapshot: SearchSnapshot | null = null;
  private readAt = 0;
  private readAll = true;
  private readonly changed = new Set<string>();
  private refreshing: Promise<void> | null = null;

  constructor(
    private readonly pool: Pool,
    private readonly listener: CatalogChangeListener,
  ) {
    listener.subscribe({
      changed: (serviceId) => {
        this.changed.add(serviceId);
      },
      reset: () => {
        this.readAll = true;
      },
    });
  }

  async search(s: CatalogSearch): Promise<{ rows: SearchRow[]; total: number }> {
    return (await this.current()).search(s);
  }

  /** The snapshot that has every announced change. */
  async current(): Promise<SearchSnapshot> {
    if (!this.listener.listening && Date.now() - this.readAt > UNANNOUNCED_MAX_AGE_MS) this.readAll = true;
    // A round that was under way when this search came may have started before the latest announcement: up to three
    // rounds, so that a stream of publications does not hold a search back for long.
    for (let round = 0; round < 3 && (this.readAll || this.changed.size > 0 || !this.snapshot); round += 1) {
      this.refreshing ??= this.refresh().finally(() => {
        this.refreshing = null;
      });
      await this.refreshing;
    }
    if (!this.snapshot) throw new Error('the catalogue could not be read for search');
    return this.snapshot;
  }

  /** One round of reading: what was announced before it starts is in the snapshot it leaves. */
  private async refresh(): Promise<void> {
    const readAll = this.readAll || !this.snapshot || this.changed.size > MAX_CHANGED_READ;
    const ids = new Set(this.changed);
    this.readAll = false;
    this.changed.clear();
    try {
      const startedAt = Date.now();
      if (readAll) {
        this.snapshot = new SearchSnapshot(await readServices(this.pool));
      } else {
        this.snapshot = (this.snapshot as SearchSnapshot).with(ids, await readServices(this.pool, [...ids]));
      }
      if (readAll) this.readAt = startedAt;
    } catch (e) {
      // Not read: the next search tries again.
      if (readAll) this.readAll = true;
      for (const id of ids) this.changed.add(id);
      throw e;
    }
  }
}

const indexes = new WeakMap<Pool, CatalogSearchIndex>();

export function catalogSearchIndex(pool: Pool, databaseUrl: string): CatalogSearchIndex {
  let index = indexes.get(pool);
  if (!index) {
    index = new CatalogSearchIndex(pool, catalogChangeListener(pool, databaseUrl));
    indexes.set(pool, index);
  }
  return index;
}
