// The judged query set (test/api/catalog/search-judgements.json) and its measures, shared by `npm run eval:search` and
// the quality floor test: recall@5 (the share of a query's relevant services in the first five) and the reciprocal
// rank of the first relevant one, averaged over the queries that have relevant services; for the queries nothing
// answers, whether the search found nothing that matches every word; and false friends (a service judged not relevant in the first five).
import judgementsFile from '../../test/api/catalog/search-judgements.json';
import type { IndexedService } from '../../api/catalog/search-index';
import { fold } from '../../api/catalog/search-text';
import { demoDescription } from '../seed/catalog';
import { agencies, services } from '../seed/demo-data';
import { searchText } from '../../db/catalog/read-model';
import { wordsOf } from '../../api/catalog/search-text';

export interface Judgement {
  q: string;
  group: string;
  relevant: string[];
  notRelevant?: string[];
}

export const judgements: Judgement[] = judgementsFile.queries;

/** One query's outcome. */
export interface Outcome {
  judgement: Judgement;
  found: string[];
  /** Nothing matched every word: `found` matches some (the page says so and shows the empty result's help). */
  partial: boolean;
  recall: number;
  reciprocalRank: number;
  falseFriends: string[];
  /** Relevant in the first five, or (group nothing) an empty result, with no false friend. */
  passed: boolean;
}

export interface Measures {
  queries: number;
  recallAt5: number;
  mrr: number;
  /** Of the queries nothing answers, the share that found nothing (nothing that matches every word). */
  emptyWhenNothing: number;
  falseFriends: number;
}

export const K = 5;

/** What a search found for a query, best first. */
export interface Found {
  ids: string[];
  partial: boolean;
}

export function judge(judgement: Judgement, { ids: found, partial }: Found): Outcome {
  const top = found.slice(0, K);
  const relevant = new Set(judgement.relevant);
  const recall = relevant.size === 0 ? 0 : top.filter((id) => relevant.has(id)).length / Math.min(relevant.size, K);
  const first = found.findIndex((id) => relevant.has(id));
  const reciprocalRank = first < 0 ? 0 : 1 / (first + 1);
  const falseFriends = top.filter((id) => judgement.notRelevant?.includes(id));
  const passed = falseFriends.length === 0 && (relevant.size === 0 ? found.length === 0 || partial : recall === 1);
  return { judgement, found, partial, recall, reciprocalRank, falseFriends, passed };
}

export function measure(outcomes: Outcome[]): Measures {
  const answered = outcomes.filter((o) => o.judgement.relevant.length > 0);
  const nothing = outcomes.filter((o) => o.judgement.relevant.length === 0);
  const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    queries: outcomes.length,
    recallAt5: mean(answered.map((o) => o.recall)),
    mrr: mean(answered.map((o) => o.reciprocalRank)),
    emptyWhenNothing: mean(nothing.map((o) => (o.found.length === 0 || o.partial ? 1 : 0))),
    falseFriends: outcomes.reduce((n, o) => n + o.falseFriends.length, 0),
  };
}

/** Runs every judged query through a search (the ids it finds, best first). */
export function evaluate(search: (q: string) => Found): Outcome[] {
  return judgements.map((j) => judge(j, search(j.q)));
}

/**
 * The seeded catalogue as the index holds it, built without a database: the texts folded in JavaScript as
 * catalog_fold does in SQL (search-text.ts `fold`), the e-service address as the read model gives it.
 */
export function seededServices(): IndexedService[] {
  return services.map((s) => {
    const doc = demoDescription(s);
    const agency = agencies.find((a) => a.id === s.agencyId)!;
    return {
      serviceId: doc.id,
      version: 1,
      title: doc.title,
      description: doc.description,
      agencyId: s.agencyId,
      channels: doc.channels.map((c) => c.type),
      lifeEvents: doc.lifeEvents,
      businessEvents: doc.businessEvents,
      thematicAreas: doc.thematicAreas,
      municipalities: doc.municipalities,
      publishedAt: new Date(0),
      eserviceUrl: doc.channels.find((c) => c.type === 'eservice')?.eserviceUrl ?? null,
      titleFold: fold(`${doc.title.lv} ${doc.title.en}`),
      titleEnLower: doc.title.en.toLowerCase(),
      words: [...new Set(wordsOf(fold(searchText(doc, { name_lv: agency.nameLv, name_en: agency.nameEn }))))],
      keywords: doc.keywords,
    };
  });
}
