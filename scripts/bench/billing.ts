// Benchmark of bank reconciliation (issue 6, Benchmark): a generated camt.053 statement of N credit entries against
// N open invoices. (a) the platform's import, the very function POST /api/v1/bank-statements calls (hashing,
// streaming XML parse, chunked COPY and set-based booking, one transaction); (b) in the same run, on a copy of the
// same database made before (a), the set-based baseline: COPY of the entries (reference, amount — already
// extracted, no XML) into a table and ONE UPDATE invoices … FROM join. Prints entries/s of both and, last, the
// ratio. Goal: at least 0.5. Self-contained: fresh databases, dropped at the end (also on error).
//   npm run bench:billing -- [--entries 100000] [--rounds 5] [--keep (the databases, for inspection)]
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../seed/seed';
import { agencies } from '../seed/demo-data';
import { makeRfReference } from '../../db/domain/rf-reference';
import { importBankStatement } from '../../api/billing/statements/import';
import { CamtReader } from '../../api/billing/statements/camt';
import { statementEntry, statementHead, statementTail } from './camt-statement';

const { values: args } = parseArgs({ options: { entries: { type: 'string' }, rounds: { type: 'string' }, keep: { type: 'boolean' } } });
const N = Number(args.entries ?? process.env.BENCH_ENTRIES ?? 100_000);
const ROUNDS = Number(args.rounds ?? 5);
const AGENCY = agencies.find((a) => a.id === 'pmlp') as (typeof agencies)[number];
const IBAN = AGENCY.creditorIban as string;

// Deterministic pseudo-random numbers (mulberry32): every run generates the same data.
let seed = 20240607;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const eur = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9;

interface Generated {
  file: string;
  bytes: number;
  baselineTsv: Buffer;
  mix: Record<string, number>;
}

async function createInvoices(db: Database): Promise<number[]> {
  const totals: number[] = [];
  const today = new Date().toISOString().slice(0, 10);
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  let tsv = '';
  for (let i = 0; i < N; i += 1) {
    const cents = 500 + Math.floor(rnd() * 20_000);
    totals.push(cents);
    const ref = makeRfReference(String(20_000_000 + i));
    tsv += `${crypto.randomUUID()}\tPMLP-BENCH-${i}\tpmlp\tbench-${i}\t${ref}\tnatural\t15038511239\tAnna Bērziņa\tEUR\t${IBAN}\tTRELLV22\t${AGENCY.nameLv}\t${today}\t${due}\t${eur(cents)}\t0.00\t${eur(cents)}\tissued\tbench\n`;
  }
  const client = await db.pool.connect();
  try {
    await pipeline(
      Readable.from([Buffer.from(tsv)]),
      client.query(
        copyFrom(
          `COPY invoices (id, number, agency_id, idempotency_key, payment_reference, payer_type, payer_id, payer_name, currency, creditor_iban,
         creditor_bic, creditor_name, issue_date, due_date, total_net, total_vat, total, status, created_by) FROM STDIN`,
        ),
      ),
    );
  } finally {
    client.release();
  }
  await db.pool.query('VACUUM ANALYZE invoices');
  return totals;
}

/** A camt.053.001.08 statement: one Ntry with one TxDtls per payment, as a bank's end-of-day file has them. */
function generateStatement(totals: number[], dir: string): Generated {
  const file = path.join(dir, 'statement.xml');
  const out = fs.openSync(file, 'w');
  const mix = { exact: 0, partial: 0, over: 0, unknown: 0 };
  const base: string[] = [];
  let buf = statementHead(IBAN, `BENCH-${Date.now()}`);
  let written = 0;
  for (let i = 0; i < N; i += 1) {
    const r = rnd();
    let cents = totals[i];
    let ref = makeRfReference(String(20_000_000 + i));
    if (r < 0.06) {
      cents = Math.max(1, Math.floor(cents / 2));
      mix.partial += 1;
    } else if (r < 0.11) {
      cents += 1000;
      mix.over += 1;
    } else if (r < 0.15) {
      ref = makeRfReference(String(90_000_000 + i));
      mix.unknown += 1;
    } else mix.exact += 1;
    const amount = eur(cents);
    base.push(`${ref}\t${amount}\n`);
    buf += statementEntry(i, amount, ref);
    if (buf.length > 1 << 20) {
      written += fs.writeSync(out, buf);
      buf = '';
    }
  }
  buf += statementTail();
  written += fs.writeSync(out, buf);
  fs.closeSync(out);
  return { file, bytes: written, baselineTsv: Buffer.from(base.join('')), mix };
}

async function statusCounts(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query('SELECT status, count(*)::int AS n FROM invoices GROUP BY status ORDER BY status');
  return rows.map((r) => `${r.status} ${r.n}`).join(', ');
}

async function prewarm(pool: pg.Pool): Promise<void> {
  await pool.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm').catch(() => undefined);
  await pool
    .query(
      `SELECT pg_prewarm(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relname IN ('invoices', 'invoices_pkey', 'invoices_payment_reference_key', 'payments', 'suspense_entries')`,
    )
    .catch(() => undefined);
  await pool.query('CHECKPOINT').catch(() => undefined);
}

async function copyDatabase(adminUrl: string, from: string, to: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // FILE_COPY checkpoints first: the measurement after it does not pay for the set-up's dirty pages.
    await admin.query(`CREATE DATABASE "${to}" TEMPLATE "${from}" STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
}

async function runImport(url: string, gen: Generated) {
  const db = connectDatabase(url, { poolSize: 4 });
  try {
    await prewarm(db.pool);
    const t = process.hrtime.bigint();
    const result = await importBankStatement(db.pool, {
      agencyId: AGENCY.id,
      importedBy: 'bench',
      open: () => fs.createReadStream(gen.file, { highWaterMark: 1 << 20 }),
    });
    const s = seconds(t);
    return { seconds: s, summary: result.summary, statuses: await statusCounts(db.pool) };
  } finally {
    await db.close();
  }
}

async function runBaseline(url: string, gen: Generated) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await prewarm(pool);
    const client = await pool.connect();
    const t = process.hrtime.bigint();
    try {
      await client.query('BEGIN');
      await client.query('CREATE TEMP TABLE statement_entries (reference text NOT NULL, amount numeric(14,2) NOT NULL) ON COMMIT DROP');
      await pipeline(Readable.from([gen.baselineTsv]), client.query(copyFrom('COPY statement_entries (reference, amount) FROM STDIN')));
      // Capped at the total, as the platform books (a database check has kept amount_paid ≤ total since issue 13).
      await client.query(
        `UPDATE invoices i SET amount_paid = LEAST(i.total, i.amount_paid + e.amount),
          status = CASE WHEN i.amount_paid + e.amount >= i.total THEN 'paid' WHEN i.status = 'overdue' THEN 'overdue' ELSE 'partly_paid' END,
          last_paid_at = now()
        FROM (SELECT reference, SUM(amount) AS amount FROM statement_entries GROUP BY reference) e
        WHERE i.payment_reference = e.reference AND i.agency_id = $1 AND i.status <> 'cancelled'`,
        [AGENCY.id],
      );
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const s = seconds(t);
    return { seconds: s, statuses: await statusCounts(pool) };
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  if (!(Number.isInteger(N) && N > 0 && N < 70_000_000 && Number.isInteger(ROUNDS) && ROUNDS > 0))
    throw new Error('usage: --entries N --rounds R');
  const run = crypto.randomBytes(4).toString('hex');
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const dbUrl = (name: string) => {
    const u = new URL(url);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const adminUrl = dbUrl('postgres');
  const templateName = `sdp_bench_billing_${run}`;
  const created: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-bench-billing-'));
  let db: Database | null = null;
  const cleanup = async () => {
    await db?.close().catch(() => undefined);
    if (args.keep) console.error(`kept ${created.join(', ')}`);
    else
      for (const name of created.reverse()) await dropDatabase(dbUrl(name)).catch((e: unknown) => console.error('could not drop', name, e));
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    console.error(`setting up ${N} open invoices…`);
    created.push(templateName);
    await ensureDatabaseExists(dbUrl(templateName));
    db = connectDatabase(dbUrl(templateName), { poolSize: 4 });
    await migrate(db);
    await seedReferenceData(db);
    const t0 = process.hrtime.bigint();
    const totals = await createInvoices(db);
    console.error(`  ${N} invoices in ${seconds(t0).toFixed(1)} s`);
    await db.close();
    db = null;
    const gen = generateStatement(totals, dir);
    console.error(
      `  camt.053 with ${N} credit entries: ${(gen.bytes / 1e6).toFixed(1)} MB (exact ${gen.mix.exact}, partial ${gen.mix.partial}, over ${gen.mix.over}, unknown reference ${gen.mix.unknown})`,
    );

    // Parsing alone, for the record (not part of the ratio).
    const t = process.hrtime.bigint();
    let parsed = 0;
    const reader = new CamtReader({
      header() {},
      account() {},
      transaction() {
        parsed += 1;
      },
    });
    for await (const piece of fs.createReadStream(gen.file, { highWaterMark: 1 << 20 })) reader.write(piece as Buffer);
    reader.end();
    const parseSeconds = seconds(t);

    // Each round measures both on fresh copies of the same data; the machine may be shared, so the best round of
    // each is compared (every round is printed).
    const rounds: string[] = [];
    const ratios: number[] = [];
    let bestImport: Awaited<ReturnType<typeof runImport>> | null = null;
    let bestBaseline: Awaited<ReturnType<typeof runBaseline>> | null = null;
    for (let r = 1; r <= ROUNDS; r += 1) {
      const a = `${templateName}_import_${r}`;
      await copyDatabase(adminUrl, templateName, a);
      created.push(a);
      const imp = await runImport(dbUrl(a), gen);
      if (!args.keep) {
        await dropDatabase(dbUrl(a));
        created.pop();
      }
      const b = `${templateName}_baseline_${r}`;
      await copyDatabase(adminUrl, templateName, b);
      created.push(b);
      const base = await runBaseline(dbUrl(b), gen);
      if (!args.keep) {
        await dropDatabase(dbUrl(b));
        created.pop();
      }
      rounds.push(
        `  round ${r}: import ${imp.seconds.toFixed(2)} s, baseline ${base.seconds.toFixed(2)} s, ratio ${(base.seconds / imp.seconds).toFixed(2)} (load ${os.loadavg()[0].toFixed(1)})`,
      );
      ratios.push(base.seconds / imp.seconds);
      console.error(rounds[rounds.length - 1]);
      if (!bestImport || imp.seconds < bestImport.seconds) bestImport = imp;
      if (!bestBaseline || base.seconds < bestBaseline.seconds) bestBaseline = base;
    }
    const imp = bestImport as NonNullable<typeof bestImport>;
    const base = bestBaseline as NonNullable<typeof bestBaseline>;
    const s = imp.summary;
    const importRate = N / imp.seconds;
    const baselineRate = N / base.seconds;
    console.log(
      `bench:billing — ${N} credit entries (${(gen.bytes / 1e6).toFixed(1)} MB camt.053) against ${N} open invoices, best of ${ROUNDS} rounds` +
        ` on ${os.cpus().length} CPUs (load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')})`,
    );
    for (const line of rounds) console.log(line);
    const median = [...ratios].sort((x, y) => x - y)[Math.floor(ratios.length / 2)];
    console.log(`parse only (saxes, streaming):            ${parseSeconds.toFixed(2)} s, ${Math.round(parsed / parseSeconds)} entries/s`);
    console.log(
      `import (hash, parse, COPY, book; 1 txn):  ${imp.seconds.toFixed(2)} s, ${Math.round(importRate)} entries/s` +
        ` — matched ${s.matched}, paid ${s.paid}, partly paid ${s.partlyPaid}, suspense ${s.suspense}, duplicates ${s.duplicates}`,
    );
    console.log(`  invoices after import:   ${imp.statuses}`);
    console.log(`baseline (COPY + one UPDATE … FROM):      ${base.seconds.toFixed(2)} s, ${Math.round(baselineRate)} entries/s`);
    console.log(`  invoices after baseline: ${base.statuses}`);
    console.log(`median ratio of the rounds = ${median.toFixed(2)}`);
    console.log(`ratio import/baseline = ${(importRate / baselineRate).toFixed(2)}`);
  } finally {
    await cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
