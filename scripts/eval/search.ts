// npm run eval:search: the public search measured on the judged query set (test/api/catalog/search-judgements.json),
// the search before the one search (legacy-search.ts) as the baseline against the current one. Loads the seeded
// catalogue into a fresh database (dropped at the end), reads it as the API's index does, runs every query through
// both and prints recall@5 and MRR overall and per group, and the queries the current search fails.
//   npx tsx scripts/eval/search.ts [--keep (the database)]
// BENCH_DATABASE_URL (else DATABASE_URL) names the server, as for the benchmarks; a database sdp_eval_search_<random> is made on it.
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../seed/seed';
import { seedCatalog } from '../seed/catalog';
import { readServices, SearchSnapshot, type IndexedService } from '../../api/catalog/search-index';
import { LegacySearch } from './legacy-search';
import { evaluate, K, measure, type Measures, type Outcome } from './search-quality';

const PAGE = { lang: 'lv' as const, page: 1, pageSize: 20 };

async function seededCatalogue(keep: boolean): Promise<IndexedService[]> {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/sdp_eval_search_${crypto.randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  let db: Database | null = null;
  try {
    await ensureDatabaseExists(databaseUrl);
    db = connectDatabase(databaseUrl, { poolSize: 2 });
    await migrate(db);
    await seedReferenceData(db);
    await seedCatalog(db);
    return await readServices(db.pool);
  } finally {
    await db?.close().catch(() => undefined);
    if (keep) console.error(`kept ${databaseUrl}`);
    else await dropDatabase(databaseUrl).catch((e: unknown) => console.error('could not drop', databaseUrl, e));
  }
}

const pct = (x: number) => (Number.isNaN(x) ? '   —' : x.toFixed(3));

function row(label: string, before: Measures, after: Measures): string {
  return [
    label.padEnd(14),
    String(after.queries).padStart(3),
    pct(before.recallAt5).padStart(9),
    pct(after.recallAt5).padStart(9),
    pct(before.mrr).padStart(9),
    pct(after.mrr).padStart(9),
    pct(before.emptyWhenNothing).padStart(9),
    pct(after.emptyWhenNothing).padStart(9),
    String(before.falseFriends).padStart(6),
    String(after.falseFriends).padStart(6),
  ].join(' ');
}

function table(before: Outcome[], after: Outcome[]): void {
  console.log(`\nrecall@${K} and MRR on ${after.length} judged queries: baseline (the search before) → now`);
  console.log(
    `${'group'.padEnd(14)}   n ${'R@5 base'.padStart(9)} ${'R@5 now'.padStart(9)} ${'MRR base'.padStart(9)} ${'MRR now'.padStart(9)} ${'empty b'.padStart(9)} ${'empty n'.padStart(9)} ${'FF b'.padStart(6)} ${'FF n'.padStart(6)}`,
  );
  const groups = [...new Set(after.map((o) => o.judgement.group))];
  for (const g of groups) {
    const pick = (xs: Outcome[]) => xs.filter((o) => o.judgement.group === g);
    console.log(row(g, measure(pick(before)), measure(pick(after))));
  }
  console.log(row('all', measure(before), measure(after)));
  console.log('(empty: share of the "nothing" queries that found nothing matching every word; FF: false friends in the first five)');
}

function failures(label: string, outcomes: Outcome[]): void {
  const failed = outcomes.filter((o) => !o.passed);
  console.log(`\n${label}: ${failed.length} of ${outcomes.length} queries fail`);
  for (const o of failed) {
    const why =
      o.falseFriends.length > 0 ? `false friends ${o.falseFriends.join(', ')}` : `wanted ${o.judgement.relevant.join(', ') || 'nothing'}`;
    const found = `${o.partial ? 'partly matching ' : ''}${o.found.slice(0, K).join(', ') || 'nothing'}`;
    console.log(`  [${o.judgement.group}] "${o.judgement.q}": ${why}; found ${found}`);
  }
}

function rankedLow(outcomes: Outcome[]): void {
  const low = outcomes.filter((o) => o.passed && o.judgement.relevant.length > 0 && o.reciprocalRank < 1);
  if (low.length === 0) return;
  console.log(`now: ${low.length} passing queries whose first answer is not a relevant one`);
  for (const o of low) console.log(`  [${o.judgement.group}] "${o.judgement.q}": found ${o.found.slice(0, K).join(', ')}`);
}

async function main(): Promise<void> {
  const { values: args } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
  const catalogue = await seededCatalogue(args.keep);
  console.log(`the seeded catalogue: ${catalogue.length} published services`);
  const legacy = new LegacySearch(catalogue);
  const current = new SearchSnapshot(catalogue);
  const before = evaluate((q) => ({ ids: legacy.search(q), partial: false }));
  const after = evaluate((q) => {
    const { rows, partial } = current.search({ ...PAGE, q });
    return { ids: rows.map((r) => r.serviceId), partial };
  });
  table(before, after);
  failures('baseline', before);
  failures('now', after);
  rankedLow(after);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
