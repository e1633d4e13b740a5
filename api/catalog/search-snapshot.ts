// One state of the published catalogue as the public search reads it, never changed (a publication brings a new
// snapshot: search-index.ts). A query is read into concepts (search-words.ts: its words and the dictionary's
// alternatives); a service is found when it matches every required concept, anywhere in its folded text (title,
// description, keywords, outputs, agency name and abbreviation). When nothing matches every concept of a query of
// two or more, the services matching at least half of them are shown, marked `partial` (the page says that nothing
// matched every word, and offers its help).
//
// Ranking: each concept scores the best of its alternatives, the person's own words above the dictionary's (×0.9), a
// word by how it matched (search-words.ts QUALITY) times where (title 3, keywords and the agency's abbreviation 2,
// other text 1); a title equal to the query first, then the score, then the shorter title (the more general
// service), then title order.
import type { PublishedForSearch } from '../../db/catalog/published';
import type { Validated } from '../../forms/types/validated';
import { fold, wordsOf } from './search-text';
import { allowedEdits, editDistance, matchQuality, parseQuery, queryWords, stem, type Concept, type QueryWord } from './search-words';

/** A search as the route receives it: the query schema's fields, its defaults filled in. */
export type CatalogSearch = Validated<'catalog-search-query'>;

/** A published service as a search result shows it (db/catalog/published.ts reads it with the texts it indexes). */
export type SearchRow = Pick<
  PublishedForSearch,
  | 'serviceId'
  | 'version'
  | 'title'
  | 'description'
  | 'agencyId'
  | 'channels'
  | 'lifeEvents'
  | 'businessEvents'
  | 'thematicAreas'
  | 'municipalities'
  | 'publishedAt'
  | 'eserviceUrl'
>;

export interface IndexedService extends SearchRow {
  /** Both titles, folded (catalog_fold in SQL): the Latvian order. */
  titleFold: string;
  /** English order: the English title in lower case. */
  titleEnLower: string;
  /** The distinct words of the service's folded search text. */
  words: string[];
  keywords: { lv: string[]; en: string[] };
}

export interface SearchResult {
  rows: SearchRow[];
  total: number;
  /** No service matched every word: these match most of them. */
  partial: boolean;
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const FIELD = { title: 3, keyword: 2, text: 1 } as const;
const SYNONYM = 0.9;
/** Each query word's scores worked out once per snapshot, up to this many words (odd queries do not pile up). */
const MAX_CACHED_WORDS = 2000;

/** A service that matches some of the query, and what sorts it. */
interface Hit {
  p: number;
  matched: number;
  score: number;
  exactTitle: number;
  titleLength: number;
}

/** A word's postings: the positions of the services that have it, and where in them (FIELD). */
interface Postings {
  positions: number[];
  fields: number[];
}

export class SearchSnapshot {
  /** The services in Latvian title order (folded title, then id): a position is the Latvian rank. */
  private readonly services: IndexedService[];
  private readonly englishRank: Int32Array;
  private readonly englishOrder: number[];
  private readonly postings = new Map<string, Postings>();
  /** Each word of the catalogue with its stem. */
  private readonly stems = new Map<string, string>();
  /** A folded word → how the catalogue writes it (for "did you mean"). */
  private readonly surface = new Map<string, string>();
  /** Each service's titles' folded words, joined: a query equal to a title ranks first. */
  private readonly titleKeys: Array<[string, string]>;
  private readonly scores = new Map<string, Float32Array>();

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
    this.titleKeys = this.services.map((s) => [titleKey(s.title.lv), titleKey(s.title.en)]);
    this.services.forEach((s, position) => this.index(s, position));
  }

  private index(s: IndexedService, position: number): void {
    const fields = new Map<string, number>(s.words.map((w) => [w, FIELD.text]));
    const raise = (text: string, field: number) => {
      for (const raw of wordsOf(text.toLowerCase())) {
        const w = fold(raw);
        fields.set(w, Math.max(fields.get(w) ?? 0, field));
        if (!this.surface.has(w)) this.surface.set(w, raw);
      }
    };
    [...s.keywords.lv, ...s.keywords.en].forEach((k) => raise(k, FIELD.keyword));
    raise(s.agencyId, FIELD.keyword); // the agency's abbreviation (its id in the reference data: pmlp, csdd, vid)
    raise(`${s.title.lv} ${s.title.en}`, FIELD.title);
    for (const [word, field] of fields) {
      let list = this.postings.get(word);
      if (!list) {
        list = { positions: [], fields: [] };
        this.postings.set(word, list);
        this.stems.set(word, stem(word));
      }
      list.positions.push(position);
      list.fields.push(field);
    }
  }

  get size(): number {
    return this.services.length;
  }

  /** A new snapshot with these services replaced (or, absent from `fresh`, removed). */
  with(changedIds: ReadonlySet<string>, fresh: IndexedService[]): SearchSnapshot {
    return new SearchSnapshot([...this.services.filter((s) => !changedIds.has(s.serviceId)), ...fresh]);
  }

  /** Each service's score for one query word: its best matching word's quality times the word's field; 0 without. */
  private wordScores(q: QueryWord): Float32Array {
    let found = this.scores.get(q.word);
    if (!found) {
      found = new Float32Array(this.services.length);
      for (const [word, list] of this.postings) {
        const quality = matchQuality(q, word, this.stems.get(word) as string);
        if (quality === 0) continue;
        list.positions.forEach((p, i) => {
          (found as Float32Array)[p] = Math.max((found as Float32Array)[p], quality * list.fields[i]);
        });
      }
      if (this.scores.size >= MAX_CACHED_WORDS) this.scores.clear();
      this.scores.set(q.word, found);
    }
    return found;
  }

  /** A concept's score per service: the best alternative, all of whose words match (their mean), synonyms a little lower. */
  private conceptScores(concept: Concept): Float32Array {
    const out = new Float32Array(this.services.length);
    concept.alternatives.forEach((words, i) => {
      const perWord = words.map((w) => this.wordScores(w));
      const weight = i === 0 ? 1 : SYNONYM;
      for (let p = 0; p < out.length; p += 1) {
        let sum = 0;
        let all = true;
        for (const s of perWord) {
          if (s[p] === 0) {
            all = false;
            break;
          }
          sum += s[p];
        }
        if (all) out[p] = Math.max(out[p], (weight * sum) / perWord.length);
      }
    });
    return out;
  }

  search(s: CatalogSearch): SearchResult {
    const concepts = parseQuery(s.q);
    const english = s.lang === 'en';
    const candidates = this.services
      .map((_, p) => p)
      .filter((p) => FILTER_FIELDS.every((f) => !s[f] || passes(this.services[p], f, s[f] as string)));
    if (concepts.length === 0) {
      const ordered = english ? candidates.sort((a, b) => this.englishRank[a] - this.englishRank[b]) : candidates;
      return this.page(ordered, s, false);
    }
    const scored = concepts.map((c) => ({ required: c.required, scores: this.conceptScores(c) }));
    const required = scored.filter((c) => c.required).length;
    const key = titleKey(s.q ?? '');
    const hits: Hit[] = [];
    for (const p of candidates) {
      let matched = 0;
      let score = 0;
      for (const c of scored) {
        if (c.scores[p] > 0 && c.required) matched += 1;
        score += c.scores[p];
      }
      if (matched === 0) continue; // at least one required concept (there is one) for a full or a partial match
      const exactTitle = this.titleKeys[p].includes(key) ? 1 : 0;
      const service = this.services[p];
      hits.push({ p, matched, score, exactTitle, titleLength: (english ? service.title.en : service.title.lv).length });
    }
    let found = hits.filter((h) => h.matched === required);
    let partial = false;
    if (found.length === 0 && required >= 2) {
      found = hits.filter((h) => h.matched >= required / 2);
      partial = found.length > 0;
    }
    found.sort(
      (a, b) =>
        b.exactTitle - a.exactTitle ||
        b.matched - a.matched ||
        b.score - a.score ||
        a.titleLength - b.titleLength ||
        (english ? this.englishRank[a.p] - this.englishRank[b.p] : a.p - b.p),
    );
    return this.page(
      found.map((h) => h.p),
      s,
      partial,
    );
  }

  /** These services as the search shows them, in the order given; ids not in the catalogue (any more) left out. */
  rowsOf(ids: string[]): SearchRow[] {
    return ids.flatMap((id) => {
      const service = this.services.find((s) => s.serviceId === id);
      return service ? [searchRow(service)] : [];
    });
  }

  private page(positions: number[], s: CatalogSearch, partial: boolean): SearchResult {
    const offset = (s.page - 1) * s.pageSize;
    const rows = positions.slice(offset, offset + s.pageSize).map((p) => searchRow(this.services[p]));
    return { rows, total: positions.length, partial };
  }

  /**
   * "Did you mean": the query with each word the catalogue has nowhere replaced by the catalogue's closest word (up to
   * two letters off, three in long words), when that query finds something; null otherwise.
   */
  suggest(s: CatalogSearch): string | null {
    const words = queryWords(s.q);
    // The words as typed (in lower case), so that a suggestion keeps the person's diacritics.
    const typed = wordsOf((s.q ?? '').toLowerCase()).filter((w) => fold(w).length >= 2);
    let changed = false;
    const suggested = words.map((q, i) => {
      if (this.wordScores(q).some((x) => x > 0)) return typed.length === words.length ? typed[i] : q.word;
      const max = allowedEdits(q.word.length) + 1;
      let best: { word: string; distance: number; count: number } | null = null;
      for (const [word, list] of this.postings) {
        const distance = editDistance(q.word, word, max);
        if (distance > max) continue;
        if (!best || distance < best.distance || (distance === best.distance && list.positions.length > best.count))
          best = { word, distance, count: list.positions.length };
      }
      if (!best) return q.word;
      changed = true;
      return this.surface.get(best.word) ?? best.word;
    });
    if (!changed) return null;
    const q = suggested.join(' ');
    return this.search({ ...s, q, page: 1, pageSize: 1 }).total > 0 ? q : null;
  }
}

/** A title or a query as a comparable key: its folded words, one space between. */
const titleKey = (text: string): string => wordsOf(fold(text)).join(' ');

const FILTER_FIELDS = ['agency', 'lifeEvent', 'businessEvent', 'thematicArea', 'channel', 'municipality'] as const;
type FilterField = (typeof FILTER_FIELDS)[number];

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

export function searchRow(s: IndexedService): SearchRow {
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
    eserviceUrl: s.eserviceUrl,
  };
}
