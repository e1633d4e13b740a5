// The public search as it was before the one search (commit f7a62fd, api/catalog/search-index.ts), kept so that
// `npm run eval:search` can measure the new search against it: every query word must match, by its crude stem as a
// substring of a word of the catalogue (LIKE '%stem%') or by a word at least 0.6 similar to it (pg_trgm's
// word_similarity); title matches first, then the shorter title, then title order. Filters and paging are left
// out: the evaluation sends none.
import type { IndexedService } from '../../api/catalog/search-index';
import { fold } from '../../api/catalog/search-text';
import { searchTokens, stemOf, Vocabulary } from './legacy-text';

interface TokenMatch {
  literal: string;
  similar: string[];
  matches: Set<number>;
}

export class LegacySearch {
  private readonly services: IndexedService[];
  private readonly postings = new Map<string, number[]>();
  private readonly vocabulary: Vocabulary;

  constructor(services: IndexedService[]) {
    this.services = [...services].sort((a, b) => (a.titleFold < b.titleFold ? -1 : a.titleFold > b.titleFold ? 1 : 0));
    this.services.forEach((s, position) => {
      for (const word of s.words) this.postings.set(word, [...(this.postings.get(word) ?? []), position]);
    });
    this.vocabulary = new Vocabulary([...this.postings.keys()].filter((w) => w.length >= 3));
  }

  private matching(pattern: string): Set<number> {
    const found = new Set<number>();
    for (const [word, positions] of this.postings) if (word.includes(pattern)) positions.forEach((p) => found.add(p));
    return found;
  }

  private tokenMatch(token: string): TokenMatch {
    const literal = fold(stemOf(token));
    const similar = this.vocabulary.similarWords(fold(token)).filter((w) => !w.includes(literal));
    const matches = new Set<number>();
    for (const pattern of [literal, ...similar]) this.matching(pattern).forEach((p) => matches.add(p));
    return { literal, similar, matches };
  }

  /** The ids found for q, best first (Latvian titles). */
  search(q: string): string[] {
    const tokens = searchTokens(q).map((t) => this.tokenMatch(t));
    const hits: Array<{ id: string; key: number[] }> = [];
    this.services.forEach((service, position) => {
      if (!tokens.every((t) => t.matches.has(position))) return;
      let halfPoints = 0;
      for (const t of tokens) {
        halfPoints += service.titleFold.includes(t.literal) ? 4 : t.similar.some((w) => service.titleFold.includes(w)) ? 3 : 2;
      }
      hits.push({ id: service.serviceId, key: [-halfPoints, Math.min(1000, service.title.lv.length), position] });
    });
    hits.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2]);
    return hits.map((h) => h.id);
  }
}
