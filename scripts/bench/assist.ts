// Benchmark of co-browsing (issue 5): P citizen–staff pairs on loopback, each pair typing at human speed (a
// keystroke every 150–250 ms, the citizen and the staff member by turns, each into their own field), measuring the
// latency from a keystroke (the `cobrowse:edit` emit) to the other screen (the broadcast arriving on the other
// socket): citizen → staff and staff → citizen. In the same run, a bare Socket.IO echo server (a room per pair, the
// edit broadcast to it with an acknowledgement, nothing else) gets the same number of clients at the same rate.
// Goal: p99 under 30 ms and within 2x of the bare echo.
//   npm run bench:assist -- [--pairs 200] [--seconds 40] [--rounds 4] [--warmup 3] [--min-gap 150] [--max-gap 250]
//     [--cobrowse-first] [--profile DIR] [--timeline]
// The measured seconds of each side are split into rounds that alternate the two (echo first in odd rounds unless
// --cobrowse-first), so a machine that is busier at one moment than another does not favour either side; 40 s in
// 4 rounds by default, because on a shared 2-core machine one busy 10 s round moved a 20 s run's p99 ratio by 0.5.
// Each phase connects and joins all its sockets, then the server thread's heap is collected in full, then typing
// starts: a phase is measured on its own, not on garbage left by the one before or by its 400 connections.
// --profile writes a CPU profile of the server thread for each phase (DIR/<mode>-<round>.cpuprofile); --timeline
// prints each measured second's p99.
// Self-contained: a fresh database on the local PostgreSQL (migrated, seeded, dropped at the end, also on error),
// the API in this process through startApi (Temporal is never called: the applications are written straight into
// the register), the clients in a worker thread with their own event loop, as browsers would be (cobrowse-clients.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Session } from 'node:inspector';
import { Server } from 'socket.io';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../seed/seed';
import { seedEServices } from '../seed/eservices';
import { loadConfig } from '../../forms/config';
import { startApi, type RunningApi } from '../../api/platform/server';
import { issueToken } from '../../api/platform/auth/tokens';
import { makePersonalCode } from '../../db/domain/person-id';
import { registerCases } from '../../db/cases/register-cases';
import { publishedVersion } from '../../db/eservice-definitions/definitions';
import type { Principal } from '../../api/platform/auth/principal';
import { clientsPhase, type ClientJob, type ClientResult, type PairSetup } from './cobrowse-clients';
import type { PostAssistCodesResponse, PostAssistSessionsResponse } from '../../forms/types/api';

const ESERVICE = 'residence-declaration';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

// ---------------------------------------------------------------------------------------------------------------
// The stack and the baseline (main thread).
// ---------------------------------------------------------------------------------------------------------------

const log = (msg: string) => console.error(`[bench] ${msg}`);

/** A full garbage collection of the server thread (the clients' thread is not touched). */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** The bare baseline: Socket.IO with a room per pair, each edit broadcast to the pair's room and acknowledged. */
async function startEcho(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer();
  const echo = new Server(server, { serveClient: false });
  let version = 0;
  echo.on('connection', (socket) => {
    socket.on('join', (m: { pair: number }, ack: (a: unknown) => void) => {
      void socket.join(`pair:${m.pair}`);
      ack({ ok: true });
    });
    socket.on('edit', (m: { pair: number; pointer: string; value: unknown; by: unknown }, ack: (a: unknown) => void) => {
      version += 1;
      echo.to(`pair:${m.pair}`).emit('edit', { pointer: m.pointer, value: m.value, version, by: m.by });
      ack({ ok: true, version });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        void echo.close(() => resolve());
      }),
  };
}

/** POSTs and reads the reply as the route's response schema says (its type generated from it). */
async function post<Answer>(url: string, token: string, body: unknown): Promise<{ status: number; body: Answer }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Answer };
}

/** P citizens with an application each (written straight into the register) and a staff member joined to each. */
async function preparePairs(db: Database, api: RunningApi, pairs: number): Promise<PairSetup[]> {
  const def = await publishedVersion(db.pool, ESERVICE);
  if (!def) throw new Error(`${ESERVICE} is not published`);
  const citizens: Principal[] = Array.from({ length: pairs }, (_, i) => ({
    sub: `bench-citizen-${i}`,
    name: `Pilsonis ${i}`,
    roles: ['citizen'],
    person: { type: 'natural', id: makePersonalCode(1 + (i % 28), 1 + (Math.floor(i / 28) % 12), 1950 + (i % 50), i % 1000) },
  }));
  const staff: Principal[] = Array.from({ length: pairs }, (_, i) => ({
    sub: `bench-staff-${i}`,
    name: `Konsultants ${i}`,
    roles: ['kac-staff'],
    office: 'vpvkac-riga',
  }));
  const results = await registerCases(
    db.pool,
    { agencyId: def.agencyId, actorType: 'citizen', actorId: 'bench' },
    citizens.map((c, i) => ({
      externalId: `bench-cobrowse:${i}:${crypto.randomUUID()}`,
      serviceId: def.content.serviceId,
      channel: 'eservice',
      recipient: { ...c.person, name: c.name },
      status: 'draft',
    })),
  );
  const ids = results.map((r, i) => {
    if (r.outcome === 'failed') throw new Error(`case ${i}: ${JSON.stringify(r.error)}`);
    return r.id;
  });
  for (const [i, caseId] of ids.entries()) {
    const person = citizens[i].person as { type: string; id: string };
    const draft = {
      applicant: { givenName: 'Pilsonis', familyName: String(i), personalCode: person.id },
      currentAddress: 'Elizabetes iela 21 - 7, Rīga, LV-1010',
    };
    await db.pool.query(
      `INSERT INTO applications (case_id, definition_id, definition_version, agency_id, recipient_type, recipient_id, created_by, expires_at, draft_data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now() + interval '30 days', $8)`,
      [caseId, ESERVICE, def.version, def.agencyId, person.type, person.id, citizens[i].sub, JSON.stringify(draft)],
    );
  }
  const setups: PairSetup[] = [];
  for (let i = 0; i < pairs; i += 1) {
    const citizenToken = await issueToken(api.deps.keys, citizens[i]);
    const staffToken = await issueToken(api.deps.keys, staff[i]);
    const code = await post<PostAssistCodesResponse>(`${api.url}/api/v1/assist-codes`, citizenToken, {
      scope: 'application',
      applicationId: ids[i],
      mode: 'assist',
    });
    const redeemed = await post<PostAssistSessionsResponse>(`${api.url}/api/v1/assist-sessions`, staffToken, { code: code.body.code });
    if (code.status !== 201 || redeemed.status !== 201) throw new Error(`consent ${i}: ${JSON.stringify({ code, redeemed })}`);
    setups.push({ citizenToken, staffToken, applicationId: ids[i], grantId: redeemed.body.grant.id });
  }
  return setups;
}

interface Phase {
  result: ClientResult;
  loopDelayP99: number;
  loopDelayMax: number;
  utilisation: number;
  gcMs: number;
  gcMaxMs: number;
}

function inspect(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
}

/**
 * Runs one phase; the server thread's event-loop delay (from typing on) and utilisation show how busy the server
 * side was, its GC time leaves out the collection made before typing.
 */
async function phase(job: ClientJob, profileFile?: string): Promise<Phase> {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const elu0 = performance.eventLoopUtilization();
  const gc: number[] = [];
  let forced = { from: 0, to: 0 }; // the collection before typing starts is not the phase's
  const gcObserver = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.startTime < forced.from || e.startTime > forced.to) gc.push(e.duration);
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const inspector = profileFile ? new Session() : null;
  if (inspector) {
    inspector.connect();
    await inspect(inspector, 'Profiler.enable');
    await inspect(inspector, 'Profiler.start');
  }
  loop.enable();
  const result = await clientsPhase(job, () => {
    const from = performance.now();
    collectGarbage();
    forced = { from, to: performance.now() };
    loop.reset();
  });
  loop.disable();
  if (inspector && profileFile) {
    const { profile } = (await inspect(inspector, 'Profiler.stop')) as { profile: unknown };
    fs.mkdirSync(path.dirname(profileFile), { recursive: true });
    fs.writeFileSync(`${profileFile}.cpuprofile`, JSON.stringify(profile));
    inspector.disconnect();
  }
  gcObserver.disconnect();
  return {
    result,
    loopDelayP99: loop.percentile(99) / 1e6,
    loopDelayMax: loop.max / 1e6,
    utilisation: performance.eventLoopUtilization(elu0).utilization,
    gcMs: gc.reduce((a, b) => a + b, 0),
    gcMaxMs: Math.max(0, ...gc),
  };
}

async function main() {
  const { values: args } = parseArgs({
    options: {
      pairs: { type: 'string' },
      seconds: { type: 'string' },
      warmup: { type: 'string' },
      'min-gap': { type: 'string' },
      'max-gap': { type: 'string' },
      'cobrowse-first': { type: 'boolean' },
      profile: { type: 'string' },
      rounds: { type: 'string' },
      timeline: { type: 'boolean' },
    },
  });
  const PAIRS = Number(args.pairs ?? 200);
  const ROUNDS = Math.max(1, Number(args.rounds ?? 4));
  const job = {
    warmupMs: Number(args.warmup ?? 3) * 1000,
    durationMs: (Number(args.seconds ?? 40) * 1000) / ROUNDS,
    minGapMs: Number(args['min-gap'] ?? 150),
    maxGapMs: Number(args['max-gap'] ?? 250),
    timeline: !!args.timeline,
  };
  if (job.timeline) log(`process started at ${performance.timeOrigin.toFixed(0)} (epoch ms; node --trace-gc counts from here)`);

  const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/sdp_bench_cobrowse_${Date.now().toString(36)}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-bench-cobrowse-'));
  let db: Database | undefined;
  let api: RunningApi | undefined;
  let echo: Awaited<ReturnType<typeof startEcho>> | undefined;
  try {
    log(`database ${url.pathname.slice(1)}`);
    await ensureDatabaseExists(databaseUrl);
    db = connectDatabase(databaseUrl, { poolSize: 4 });
    await migrate(db);
    await seedReferenceData(db);
    await seedEServices(db);
    api = await startApi(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        // Never called: the applications are written straight into the register.
        TEMPORAL_ADDRESS: '127.0.0.1:1',
        TEMPORAL_TASK_QUEUE: 'bench-cobrowse',
        RATE_LIMIT_ASSIST_JOIN: '0',
        RATE_LIMIT_SIGN_IN: '0', // one staff member redeems every pair's code
      }),
    );
    echo = await startEcho();
    log(`preparing ${PAIRS} pairs (applications, consents redeemed over HTTP)`);
    const pairs = await preparePairs(db, api, PAIRS);

    const run = async (mode: ClientJob['mode'], round: number) => {
      log(
        `round ${round}/${ROUNDS}, ${mode === 'echo' ? 'bare echo' : 'co-browse'}: ${PAIRS} pairs, ${job.warmupMs / 1000} s warm-up + ${job.durationMs / 1000} s`,
      );
      const url = mode === 'echo' ? (echo as { url: string }).url : (api as RunningApi).url;
      return phase({ ...job, mode, url, pairs }, args.profile ? path.join(args.profile, `${mode}-${round}`) : undefined);
    };
    const phases: Record<ClientJob['mode'], Phase[]> = { cobrowse: [], echo: [] };
    for (let round = 1; round <= ROUNDS; round += 1) {
      const order: Array<ClientJob['mode']> = (round % 2 === 1) !== !!args['cobrowse-first'] ? ['echo', 'cobrowse'] : ['cobrowse', 'echo'];
      for (const mode of order) phases[mode].push(await run(mode, round));
    }
    const merge = (list: Phase[]): Phase => ({
      result: {
        mode: list[0].result.mode,
        sent: list.reduce((n, p) => n + p.result.sent, 0),
        missing: list.reduce((n, p) => n + p.result.missing, 0),
        refused: list.reduce((n, p) => n + p.result.refused, 0),
        last: list[list.length - 1].result.last,
        toStaff: list.flatMap((p) => p.result.toStaff),
        toCitizen: list.flatMap((p) => p.result.toCitizen),
      },
      loopDelayP99: Math.max(...list.map((p) => p.loopDelayP99)),
      loopDelayMax: Math.max(...list.map((p) => p.loopDelayMax)),
      utilisation: list.reduce((n, p) => n + p.utilisation, 0) / list.length,
      gcMs: list.reduce((n, p) => n + p.gcMs, 0),
      gcMaxMs: Math.max(...list.map((p) => p.gcMaxMs)),
    });
    const co = merge(phases.cobrowse);
    const bare = merge(phases.echo);
    for (const r of [co.result, bare.result]) {
      r.toStaff.sort((a, b) => a - b);
      r.toCitizen.sort((a, b) => a - b);
    }

    // Every keystroke was autosaved: each draft ends with the last values typed on both sides.
    await sleep(500);
    const { rows } = await db.pool.query<{ case_id: string; draft_data: { newAddress?: { text?: string }; phone?: string } }>(
      'SELECT case_id, draft_data FROM applications WHERE case_id = ANY($1)',
      [pairs.map((p) => p.applicationId)],
    );
    const byId = new Map(rows.map((r) => [r.case_id, r.draft_data]));
    const saved = pairs.filter((p, i) => {
      const d = byId.get(p.applicationId);
      const want = co.result.last[i];
      return d && d.newAddress?.text === want.citizen && d.phone === want.staff;
    }).length;
    const audits = await db.pool.query(
      "SELECT count(*)::int AS n, coalesce(sum((details->>'edits')::int), 0)::int AS edits FROM audit_log WHERE purpose = 'edit'",
    );

    const f = (x: number) => x.toFixed(1);
    const all = (r: ClientResult) => [...r.toStaff, ...r.toCitizen].sort((a, b) => a - b);
    const line = (name: string, p: Phase) => {
      const r = p.result;
      const both = all(r);
      return (
        `${name.padEnd(10)} p50 ${f(percentile(both, 50)).padStart(5)} ms  p99 ${f(percentile(both, 99)).padStart(5)} ms  max ${f(both[both.length - 1] ?? NaN).padStart(6)} ms | ` +
        `citizen→staff p50 ${f(percentile(r.toStaff, 50))} / p99 ${f(percentile(r.toStaff, 99))} ms, staff→citizen p50 ${f(percentile(r.toCitizen, 50))} / p99 ${f(percentile(r.toCitizen, 99))} ms | ` +
        `${both.length} measured of ${r.sent} sent (${(r.sent / (((job.warmupMs + job.durationMs) * ROUNDS) / 1000)).toFixed(0)}/s), ${r.missing} missing, ${r.refused} refused | server thread: loop delay p99 ${f(p.loopDelayP99)} / max ${f(p.loopDelayMax)} ms, busy ${(p.utilisation * 100).toFixed(0)}%, GC ${f(p.gcMs)} ms (longest ${f(p.gcMaxMs)} ms)`
      );
    };
    const coAll = all(co.result);
    const bareAll = all(bare.result);
    const ratio50 = percentile(coAll, 50) / percentile(bareAll, 50);
    const ratio99 = percentile(coAll, 99) / percentile(bareAll, 99);
    console.log(
      `co-browse benchmark: ${PAIRS} citizen–staff pairs, a keystroke every ${job.minGapMs}–${job.maxGapMs} ms per pair (sides by turns), ${(job.durationMs * ROUNDS) / 1000} s measured per side in ${ROUNDS} alternating round(s) after ${job.warmupMs / 1000} s warm-up each; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`,
    );
    console.log(line('co-browse', co));
    console.log(line('bare echo', bare));
    console.log(`ratio co-browse/bare: p50 ${ratio50.toFixed(2)}x, p99 ${ratio99.toFixed(2)}x`);
    const p99s = (list: Phase[]) =>
      list
        .map((p) =>
          f(
            percentile(
              [...p.result.toStaff, ...p.result.toCitizen].sort((a, b) => a - b),
              99,
            ),
          ),
        )
        .join(', ');
    console.log(
      `p99 per round (ms; a busy moment of the machine shows in both): co-browse ${p99s(phases.cobrowse)}; bare echo ${p99s(phases.echo)}`,
    );
    console.log(
      `autosaved: ${saved}/${PAIRS} drafts hold the last keystroke of both sides; staff edits audited: ${audits.rows[0].edits} in ${audits.rows[0].n} rows (one per field per autosave)`,
    );
    const ok = percentile(coAll, 99) < 30 && ratio99 <= 2 && co.result.missing === 0 && co.result.refused === 0 && saved === PAIRS;
    console.log(`goal (p99 < 30 ms, within 2x of bare, nothing lost): ${ok ? 'met' : 'NOT met'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    await echo?.close().catch(() => undefined);
    await api?.close().catch((e: unknown) => log(`closing the API: ${String(e)}`));
    await db?.close().catch(() => undefined);
    await dropDatabase(databaseUrl).catch((e: unknown) => log(`dropping the database: ${String(e)}`));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
