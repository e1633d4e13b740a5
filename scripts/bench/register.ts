// Benchmark of the case register at national scale (issue 19): N cases (default 10 M) over ten years for 20 agencies,
// 2–4 status events each, one citizen with 5,000 cases, generated set-based in a scratch database
// (scripts/bench/register/generate.ts; the timeline triggers are disabled for the load). Measured in the same run
// through the platform's own read functions, at 1 and 16 concurrent clients, next to the naive SQL on an unindexed
// copy (scripts/bench/register/measure.ts). Prints the table, the goal check, table and index sizes and bytes per
// case; writes the figures to .data/bench/register-<N>.json and compares list p95 with another size's file there
// (goal: within 20 % from 1 M to 10 M). Self-contained: the database is dropped at the end (also on error).
//   npm run bench:register -- [--cases 10000000] [--rounds 200] [--baseline-rounds 20] [--cell-seconds 20] [--keep]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../seed/seed';
import { generate, AGENCIES } from './register/generate';
import { latency, pickSubjects, queries, type Latency } from './register/measure';
import { relationSizes, sizeReport } from './register/sizes';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string' },
    rounds: { type: 'string' },
    'baseline-rounds': { type: 'string' },
    'cell-seconds': { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const CASES = Number(args.cases ?? 10_000_000);
const ROUNDS = Number(args.rounds ?? 200);
const BASELINE_ROUNDS = Number(args['baseline-rounds'] ?? 20);
const CELL_MS = Number(args['cell-seconds'] ?? 20) * 1000;
const CLIENTS = 16;
const GOAL_MS = 50;
const RESULTS_DIR = path.resolve('.data/bench');

interface Row {
  name: string;
  list: boolean;
  platform1: Latency;
  platform16: Latency;
  baseline1: Latency;
  baseline16: Latency;
}

const f = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`).padStart(9);

function printTable(rows: Row[]): void {
  const head = `${'query'.padEnd(40)} | ${'platform 1 client'.padEnd(21)} | ${'platform 16 clients'.padEnd(21)} | ${'baseline 1 client'.padEnd(21)} | ${'baseline 16 clients'.padEnd(21)} | p95 ratio (16)`;
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const r of rows) {
    const pair = (l: Latency) => `${f(l.p50)} ${f(l.p95)}  `;
    console.log(
      `${r.name.padEnd(40)} | ${pair(r.platform1)} | ${pair(r.platform16)} | ${pair(r.baseline1)} | ${pair(r.baseline16)} | ${(r.baseline16.p95 / r.platform16.p95).toFixed(1)}x`,
    );
  }
  console.log('(each cell: p50 p95; ratio: baseline p95 / platform p95 at 16 clients)');
}

/** The goal: every list page p95 under 50 ms at 16 clients; and, against another size's run, within 20 %. */
function goalCheck(rows: Row[]): boolean {
  let ok = true;
  for (const r of rows.filter((x) => x.list)) {
    const met = r.platform16.p95 < GOAL_MS;
    ok &&= met;
    console.log(
      `  ${met ? 'met   ' : 'MISSED'} ${r.name}: p95 ${r.platform16.p95.toFixed(1)} ms at ${CLIENTS} clients (goal < ${GOAL_MS} ms)`,
    );
  }
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  fs.writeFileSync(
    path.join(RESULTS_DIR, `register-${CASES}.json`),
    JSON.stringify({ cases: CASES, at: new Date().toISOString(), rows }, null, 2),
  );
  const others = fs.readdirSync(RESULTS_DIR).filter((n) => /^register-\d+\.json$/.test(n) && n !== `register-${CASES}.json`);
  for (const other of others) {
    const o = JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, other), 'utf8')) as { cases: number; at: string; rows: Row[] };
    const [small, large] = o.cases < CASES ? [o.rows, rows] : [rows, o.rows];
    console.log(`  against the run at ${o.cases.toLocaleString('en')} cases (${o.at}), list p95 at ${CLIENTS} clients, larger / smaller:`);
    for (const r of large.filter((x) => x.list)) {
      const s = small.find((x) => x.name === r.name);
      if (!s) continue;
      const ratio = r.platform16.p95 / s.platform16.p95;
      ok &&= ratio <= 1.2;
      console.log(`    ${ratio <= 1.2 ? 'met   ' : 'MISSED'} ${r.name}: ${ratio.toFixed(2)} (goal ≤ 1.20)`);
    }
  }
  if (others.length === 0) console.log('  (no run of another size in .data/bench to compare the growth with)');
  return ok;
}

async function main(): Promise<void> {
  const run = crypto.randomBytes(4).toString('hex');
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/sdp_bench_register_${run}`;
  const databaseUrl = url.toString();
  let db: Database | null = null;
  // Interrupted (a 10 M run is long), the scratch database is dropped all the same: first (WITH (FORCE) ends the
  // queries still running, which closing the pool would wait for), then the pool.
  const interrupted = () => {
    void (async () => {
      if (!args.keep) await dropDatabase(databaseUrl).catch(() => undefined);
      await db?.close().catch(() => undefined);
      process.exit(130);
    })();
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    await ensureDatabaseExists(databaseUrl);
    db = connectDatabase(databaseUrl, { poolSize: CLIENTS });
    await migrate(db).then(() => seedReferenceData(db as Database));
    console.error(`generating ${CASES.toLocaleString('en')} cases for ${AGENCIES} agencies…`);
    const t0 = process.hrtime.bigint();
    const times = await generate(db, CASES, (line) => console.error(`  ${line}`));
    const totalS = Number(process.hrtime.bigint() - t0) / 1e9;
    console.log(
      `generated ${CASES.toLocaleString('en')} cases in ${totalS.toFixed(0)} s: cases ${(times.casesMs / 1000).toFixed(0)} s, status events ${(times.eventsMs / 1000).toFixed(0)} s, ` +
        `indexes and keys ${(times.indexesMs / 1000).toFixed(0)} s, VACUUM ANALYZE ${(times.analyzeMs / 1000).toFixed(0)} s, baseline copy ${(times.baselineMs / 1000).toFixed(0)} s`,
    );
    console.log('sizes');
    sizeReport(await relationSizes(db.pool), CASES).forEach((line) => console.log(`  ${line}`));
    const subjects = await pickSubjects(db.pool, CASES);
    const agencyCases = (
      await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases WHERE agency_id = $1', [subjects.agencyId])
    ).rows[0].n;
    console.log(
      `agency measured: ${subjects.agencyId} (${agencyCases.toLocaleString('en')} cases); page ${subjects.deepPage} reached by cursor (the baseline by offset)`,
    );
    const rows: Row[] = [];
    for (const q of queries(db.pool, subjects)) {
      console.error(`  measuring ${q.name}…`);
      const row: Row = {
        name: q.name,
        list: q.list,
        platform1: await latency(q.platform, 1, ROUNDS, CELL_MS),
        platform16: await latency(q.platform, CLIENTS, ROUNDS, CELL_MS),
        baseline1: await latency(q.baseline, 1, BASELINE_ROUNDS, CELL_MS),
        baseline16: await latency(q.baseline, CLIENTS, BASELINE_ROUNDS, CELL_MS),
      };
      rows.push(row);
      // As it comes (a 10 M run measures for half an hour): p50/p95 of each cell.
      console.error(
        `    ${[row.platform1, row.platform16, row.baseline1, row.baseline16].map((l) => `${f(l.p50)}/${f(l.p95)}`).join(' |')}`,
      );
    }
    console.log(
      `\n${CASES.toLocaleString('en')} cases; up to ${ROUNDS} calls per platform cell, ${BASELINE_ROUNDS} per baseline cell (at least one per client), ` +
        `each cell cut after ${CELL_MS / 1000} s (calls made: ${rows.map((r) => [r.platform1.n, r.platform16.n, r.baseline1.n, r.baseline16.n].join('/')).join(', ')})`,
    );
    printTable(rows);
    console.log('\ngoal check');
    const ok = goalCheck(rows);
    console.log(ok ? 'goals met' : 'GOALS MISSED');
    if (!ok) process.exitCode = 1;
  } finally {
    await db?.close().catch(() => undefined);
    if (!args.keep) await dropDatabase(databaseUrl).catch((e: unknown) => console.error('could not drop', databaseUrl, e));
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
