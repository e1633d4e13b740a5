// Benchmark of case ingestion (issue 2, section 4): N generated cases through POST /api/v1/cases/batch against
// an API in its own process, then the same rows COPYed into scratch tables of the same database. Goal: the API
// reaches at least half of raw COPY. Self-contained: a fresh database, dropped at the end (also on error).
//   npm run bench:cases -- [--cases 1000000] [--batch 10000] [--concurrency 3] [--baseline-fks] [--functions]
// --functions: track_functions=all on the scratch database, and the API phase's time per trigger function on stderr.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { from as copyFrom } from 'pg-copy-streams';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../seed/seed';
import { offices, services } from '../seed/demo-data';
import { makePersonalCode } from '../../db/domain/person-id';
import { caseIdFromNumber } from '../../db/domain/case-id';
import { ensurePartitionsFor } from '../../db/cases/partitions';

const ROOT = path.resolve(__dirname, '../..');
const { values: args } = parseArgs({
  options: {
    cases: { type: 'string' },
    batch: { type: 'string' },
    concurrency: { type: 'string' },
    'baseline-fks': { type: 'boolean' },
    functions: { type: 'boolean' },
  },
});
const N = Number(args.cases ?? process.env.BENCH_CASES ?? 1_000_000);
const BATCH = Number(args.batch ?? 10_000);
const CONCURRENCY = Number(args.concurrency ?? 3);
const AGENCY = 'pmlp';
const ACTOR = 'system-pmlp'; // the persona we sign in as: created_by and the events' actor_id
const OFFICE = offices.find((o) => o.id === 'pmlp-riga-1') ?? offices[0];
const SERVICES = services.filter((s) => s.agencyId === AGENCY);
const HISTORIES = [
  ['submitted'],
  ['in_progress'],
  ['submitted', 'in_progress'],
  ['submitted', 'in_progress', 'completed'],
  ['submitted', 'answered'],
  ['submitted', 'rejected'],
];
const NAMES = ['Anna Bērziņa', 'Jānis Kalniņš', 'Līga Ozola', 'Andris Liepiņš', 'Ieva Krūmiņa', 'Mārtiņš Zariņš'];

// Deterministic pseudo-random numbers (mulberry32): every run generates the same cases.
let seed = 20240521;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

function personalCodes(count: number): string[] {
  const codes = new Set<string>();
  for (let k = 0; codes.size < count; k += 1) {
    codes.add(makePersonalCode(1 + (k % 28), 1 + (Math.floor(k / 28) % 12), 1930 + (k % 79), Math.floor(k / 336) % 1000));
  }
  return [...codes];
}

type Row = (string | number | boolean | null)[];
const copyLine = (row: Row) => row.map((v) => (v === null ? '\\N' : String(v))).join('\t') + '\n';

/** One case as the agency system sends it, plus the rows the register stores for it (same values). */
function makeCase(i: number, run: string, codes: string[], now: number) {
  const service = pick(SERVICES);
  const atOffice = service.channels.includes('in_person') && rnd() < 0.4;
  const channel = atOffice ? 'in_person' : pick(service.channels);
  const code = pick(codes);
  const name = rnd() < 0.5 ? pick(NAMES) : null;
  const registered = now - 400 * 86_400_000 + Math.floor(rnd() * 360 * 86_400_000);
  const item: Record<string, unknown> = {
    externalId: `BENCH-${run}-${i}`,
    serviceId: service.id,
    channel,
    recipient: { type: 'natural', id: rnd() < 0.5 ? `${code.slice(0, 6)}-${code.slice(6)}` : code, ...(name ? { name } : {}) },
    registeredAt: new Date(registered).toISOString(),
  };
  if (atOffice) item.officeId = OFFICE.id;
  if (service.priceEur !== null) item.priceEur = service.priceEur;
  if (rnd() < 0.6) {
    item.resources =
      channel === 'phone'
        ? { callMinutes: 1 + Math.floor(rnd() * 30) }
        : { staffMinutes: 1 + Math.floor(rnd() * 40), waitingMinutes: Math.floor(rnd() * 60) };
  }
  if (rnd() < 0.2) item.satisfaction = 1 + Math.floor(rnd() * 5);
  if (rnd() < 0.01) item.complaint = true;
  // A history is stored as given; without one (and without a status) the register stores "submitted" at registeredAt.
  const steps = rnd() < 0.5 ? pick(HISTORIES) : null;
  let at = registered;
  const history = (steps ?? ['submitted']).map((status, k) => {
    at += k === 0 ? 0 : Math.floor(rnd() * 48 * 3_600_000);
    return { status, at: new Date(at).toISOString(), label: status === 'completed' ? 'Izpildīts' : null };
  });
  if (steps) item.statusHistory = history.map((h) => (h.label ? h : { status: h.status, at: h.at }));
  const id = caseIdFromNumber(1_000_001 + i); // the ids a fresh case_number_seq hands out
  const last = history[history.length - 1];
  const res = item.resources as { staffMinutes?: number; waitingMinutes?: number; callMinutes?: number } | undefined;
  const caseRow: Row = [
    id,
    AGENCY,
    service.id,
    item.externalId as string,
    channel,
    atOffice ? OFFICE.id : null,
    atOffice ? OFFICE.municipalityCode : null,
    'natural',
    code,
    name,
    null,
    null,
    null,
    null,
    last.status,
    last.label,
    last.at,
    item.registeredAt as string,
    service.priceEur,
    res?.staffMinutes ?? null,
    res?.waitingMinutes ?? null,
    res?.callMinutes ?? null,
    (item.satisfaction as number | undefined) ?? null,
    item.complaint === true,
    ACTOR,
  ];
  const eventRows = history.map((h): Row => [id, h.status, h.label, h.at, 'system', ACTOR, item.registeredAt as string]);
  return { item, caseRow, eventRows };
}

async function freePort(): Promise<number> {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function request(base: string, method: string, urlPath: string, body?: Buffer, token?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = body ? { 'content-type': 'application/json', 'content-length': body.length } : {};
    if (token) headers.authorization = `Bearer ${token}`;
    const req = http.request(`${base}${urlPath}`, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject).end(body);
  });
}

async function startApiProcess(databaseUrl: string, dataDir: string): Promise<{ child: ChildProcess; base: string }> {
  const port = await freePort();
  // A separate process, so the API does not share the client's thread (generation, sending, result parsing).
  // BENCH_API_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof", profiles the API process.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, 'api/platform/server.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
    }, // the batch path never uses Temporal
    stdio: ['ignore', 2, 2], // API logs go to our stderr: stdout ends with the ratio line
  });
  const base = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    if (child.exitCode !== null) throw new Error(`the API process exited with code ${child.exitCode}`);
    if (
      await request(base, 'GET', '/healthz').then(
        (r) => r.status === 200,
        () => false,
      )
    )
      return { child, base };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API process did not answer /healthz within 60 s');
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  child.kill('SIGTERM');
  await once(child, 'exit');
  clearTimeout(timer);
}

/** Time spent in each PL/pgSQL function (the triggers) during the API phase; the stats reach the view within ~1 s. */
async function printFunctionTimes(db: Database): Promise<void> {
  await new Promise((r) => setTimeout(r, 1500));
  const { rows } = await db.pool.query<{ funcname: string; calls: string; total_time: number; self_time: number }>(
    `SELECT funcname, calls, total_time, self_time FROM pg_stat_user_functions WHERE calls > 0 ORDER BY total_time DESC LIMIT 12`,
  );
  for (const r of rows)
    console.error(
      `  ${r.funcname}: ${r.calls} calls, ${(r.total_time / 1000).toFixed(2)} s total, ${(r.self_time / 1000).toFixed(2)} s self`,
    );
}

async function main(): Promise<void> {
  if (!(Number.isInteger(N) && N > 0 && Number.isInteger(BATCH) && BATCH > 0 && BATCH <= 10_000 && CONCURRENCY >= 1)) {
    throw new Error('usage: --cases N (> 0) --batch B (1..10000) --concurrency C (>= 1)');
  }
  const run = crypto.randomBytes(4).toString('hex');
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/sdp_bench_cases_${run}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-bench-'));
  let db: Database | null = null;
  let api: ChildProcess | null = null;
  const cleanup = async () => {
    agent.destroy();
    if (api) await stopProcess(api);
    await db?.close().catch(() => undefined);
    await dropDatabase(databaseUrl).catch((e: unknown) => console.error('could not drop', databaseUrl, e));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));
  try {
    await ensureDatabaseExists(databaseUrl);
    db = connectDatabase(databaseUrl, { poolSize: 2 });
    await migrate(db).then(() => seedReferenceData(db as Database));
    if (args.functions) await db.pool.query(`ALTER DATABASE ${url.pathname.slice(1)} SET track_functions = 'all'`);
    // The same partitioned tables: partitioned by the same key, with the register's quarters (ensured ahead of the
    // generated registration times, as the API's own ensure does), indexes and unique keys.
    await ensurePartitionsFor(
      db.pool,
      Array.from({ length: 16 }, (_, k) => new Date(Date.now() - k * 30 * 86_400_000)),
    );
    await db.pool.query(`CREATE TABLE cases_copy_baseline (LIKE cases INCLUDING ALL) PARTITION BY RANGE (registered_at);
      CREATE TABLE case_status_events_copy_baseline (LIKE case_status_events INCLUDING ALL) PARTITION BY RANGE (case_registered_at)`);
    const parts = await db.pool.query<{ parent: string; name: string; bound: string }>(
      `SELECT p.relname AS parent, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE i.inhparent IN ('cases'::regclass, 'case_status_events'::regclass)`,
    );
    for (const part of parts.rows) {
      const copy = part.name.replace(part.parent, `${part.parent}_copy_baseline`);
      await db.pool.query(`CREATE TABLE ${copy} PARTITION OF ${part.parent}_copy_baseline ${part.bound}`);
    }
    // LIKE copies no foreign keys; --baseline-fks gives the baseline the register's own, for a like-for-like view.
    if (args['baseline-fks']) {
      const fks = await db.pool.query<{ t: string; def: string }>(`SELECT conrelid::regclass::text AS t, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('cases'::regclass, 'case_status_events'::regclass)`);
      for (const fk of fks.rows) {
        await db.pool.query(
          `ALTER TABLE ${fk.t}_copy_baseline ADD ${fk.def.replace(/REFERENCES cases\(/, 'REFERENCES cases_copy_baseline(')}`,
        );
      }
    }

    // Everything is generated and serialised before any timing: only the API's and PostgreSQL's work is measured.
    console.error(`generating ${N} cases…`);
    const codes = personalCodes(50_000);
    const now = Date.now();
    const bodies: Buffer[] = [];
    const caseCopy: Buffer[] = [];
    const eventCopy: Buffer[] = [];
    let events = 0;
    for (let start = 0; start < N; start += BATCH) {
      const items: unknown[] = [];
      let cases = '';
      let evs = '';
      for (let i = start; i < Math.min(N, start + BATCH); i += 1) {
        const c = makeCase(i, run, codes, now);
        items.push(c.item);
        cases += copyLine(c.caseRow);
        for (const e of c.eventRows) evs += copyLine(e);
        events += c.eventRows.length;
      }
      bodies.push(Buffer.from(JSON.stringify({ cases: items })));
      caseCopy.push(Buffer.from(cases));
      eventCopy.push(Buffer.from(evs));
    }

    const started = await startApiProcess(databaseUrl, dataDir);
    api = started.child;
    const login = await request(started.base, 'POST', '/api/v1/auth/dev-login', Buffer.from(JSON.stringify({ persona: ACTOR })));
    if (login.status !== 200) throw new Error(`dev-login failed: ${login.status} ${login.text}`);
    const token = (JSON.parse(login.text) as { token: string }).token;

    // API first, COPY after (not alternated: that would split the one streamed COPY): the API process is then idle
    // during the baseline. A CHECKPOINT before each phase starts both without the step before's dirty buffers.
    await db.pool.query('CHECKPOINT');
    let next = 0;
    const send = async () => {
      for (let k = next++; k < bodies.length; k = next++) {
        const r = await request(started.base, 'POST', '/api/v1/cases/batch', bodies[k], token);
        if (r.status !== 200) throw new Error(`batch ${k}: HTTP ${r.status} ${r.text.slice(0, 500)}`);
        const out = JSON.parse(r.text) as { created: number; results: Array<{ outcome: string }> };
        const expected = Math.min(BATCH, N - k * BATCH);
        if (out.created !== expected) {
          const bad = out.results.find((x) => x.outcome !== 'created');
          throw new Error(`batch ${k}: ${out.created} of ${expected} created; first other result: ${JSON.stringify(bad)}`);
        }
      }
    };
    const apiStart = process.hrtime.bigint();
    await Promise.all(Array.from({ length: CONCURRENCY }, send));
    const apiSeconds = Number(process.hrtime.bigint() - apiStart) / 1e9;
    // The baseline must write what the API wrote: a change in how the register stores histories shows up here.
    const {
      rows: [got],
    } = await db.pool.query<{ c: number; e: number }>(`SELECT count(DISTINCT c.id)::int AS c, count(*)::int AS e
      FROM cases c JOIN case_status_events e ON e.case_id = c.id WHERE c.external_id LIKE 'BENCH-%'`);
    if (got.c !== N || got.e !== events)
      throw new Error(`the API stored ${got.c} cases, ${got.e} events; the baseline has ${N}, ${events}`);
    await stopProcess(api);
    if (args.functions) await printFunctionTimes(db);

    await db.pool.query('CHECKPOINT');
    const client = await db.pool.connect();
    const copyStart = process.hrtime.bigint();
    // Both tables, as the API writes both: cases first, then their status events (each one streamed COPY).
    await pipeline(
      Readable.from(caseCopy),
      client.query(
        copyFrom(`COPY cases_copy_baseline (id, agency_id, service_id,
      external_id, channel, office_id, municipality_code, recipient_type, recipient_id, recipient_name, representative_type,
      representative_id, representative_name, representative_basis, status, status_label, status_at, registered_at, price_eur,
      staff_minutes, waiting_minutes, call_minutes, satisfaction, complaint, created_by) FROM STDIN`),
      ),
    )
      .then(() =>
        pipeline(
          Readable.from(eventCopy),
          client.query(
            copyFrom(
              'COPY case_status_events_copy_baseline (case_id, status, label, at, actor_type, actor_id, case_registered_at) FROM STDIN',
            ),
          ),
        ),
      )
      .finally(() => client.release());
    const copySeconds = Number(process.hrtime.bigint() - copyStart) / 1e9;

    const apiRate = N / apiSeconds;
    const copyRate = N / copySeconds;
    console.log(
      `API:  ${N} cases in ${bodies.length} batches of ≤${BATCH} (${CONCURRENCY} in flight), ${apiSeconds.toFixed(1)} s, ${Math.round(apiRate)} cases/s`,
    );
    console.log(
      `COPY: ${N} case rows + ${events} status event rows${args['baseline-fks'] ? ' (with foreign keys)' : ''}, ${copySeconds.toFixed(1)} s, ${Math.round(copyRate)} cases/s`,
    );
    console.log(`ratio api/copy = ${(apiRate / copyRate).toFixed(2)}`);
  } finally {
    await cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
