// Benchmark of the history (issue 18 §3): one person with 5,000 events across the source tables (cases and their
// status events, consultations, invoices and payments, notifications, e-address deliveries, delegations, co-browsing
// grants), among other people's rows, inserted set-based into a fresh database (the triggers of migration 0028 write
// the read model as they go). Measured in the same run, alternately: the first page (20, newest first) from the read
// model through db/timeline/events.ts `timelinePage` (what GET /api/v1/me/timeline runs), and the naive query over
// the source tables (the UNION of the same joins per source, the same filter, order and limit). Prints p50/p95 of
// both and the ratio; also with a kind filter. Goal: read model p95 under 50 ms. Self-contained: the database is
// dropped at the end (also on error).
//   npm run bench:timeline -- [--events 5000] [--others 50000] [--rounds 300] [--keep]
import crypto from 'node:crypto';
import { parseArgs } from 'node:util';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../seed/seed';
import { timelinePage } from '../../db/timeline/events';
import { TIMELINE_SOURCES } from '../../db/timeline/sources';
import type { PersonRef } from '../../db/domain/person-id';
import { ensurePartitionsFor } from '../../db/cases/partitions';

const { values: args } = parseArgs({
  options: { events: { type: 'string' }, others: { type: 'string' }, rounds: { type: 'string' }, keep: { type: 'boolean' } },
});
const EVENTS = Number(args.events ?? 5000);
const OTHERS = Number(args.others ?? 50_000);
const ROUNDS = Number(args.rounds ?? 300);
const PERSON: PersonRef = { type: 'natural', id: '22045712114' };
const PAGE = 20;

/** The person's share of each source (of EVENTS); each case also makes two status events. */
function plan(total: number) {
  const unit = total / 5000;
  const n = (x: number) => Math.max(1, Math.round(x * unit));
  return {
    cases: n(800),
    consultations: n(600),
    invoices: n(500),
    notifications: n(400),
    deliveries: n(200),
    delegations: n(200),
    grants: n(200),
  };
}

/** Set-based inserts of `count` rows per source for `person` (the triggers write the read model). */
async function insertFor(db: Database, person: string, p: ReturnType<typeof plan>, tag: string): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => db.pool.query(sql, params);
  const services = `(SELECT array_agg(id ORDER BY id) AS ids, array_agg(agency_id ORDER BY id) AS agencies FROM services)`;
  // Every quarter the generated registration times fall in (g hours back, and a day), then each case's key and row.
  const oldest = Date.now() - (p.cases + 48) * 3_600_000;
  const days = Math.ceil((Date.now() - oldest) / 86_400_000);
  await ensurePartitionsFor(
    db.pool,
    Array.from({ length: Math.ceil(days / 30) + 1 }, (_, k) => new Date(Math.max(oldest, Date.now() - k * 30 * 86_400_000))),
  );
  await q(
    `WITH src AS MATERIALIZED (
       SELECT 'LV-' || lpad((nextval('case_number_seq'))::text, 10, '0') || '-00' AS id, s.agencies[1 + g % cardinality(s.ids)] AS agency_id,
              s.ids[1 + g % cardinality(s.ids)] AS service_id, $3 || '-' || g AS external_id,
              (ARRAY['in_person','phone','email','post','other'])[1 + g % 5] AS channel,
              now() - (g || ' hours')::interval AS status_at, now() - (g || ' hours')::interval - interval '1 day' AS registered_at
         FROM generate_series(1, $2::int) g, ${services} s
     ), keys AS (
       INSERT INTO case_keys (id, agency_id, external_id, registered_at) SELECT id, agency_id, external_id, registered_at FROM src
     )
     INSERT INTO cases (id, agency_id, service_id, external_id, channel, recipient_type, recipient_id, status, status_at, registered_at, created_by)
     SELECT id, agency_id, service_id, external_id, channel, 'natural', $1, 'completed', status_at, registered_at, 'bench' FROM src`,
    [person, p.cases, `bench-${tag}`],
  );
  await q(
    `INSERT INTO case_status_events (case_id, status, at, actor_type, actor_id, case_registered_at)
     SELECT c.id, st.status, c.registered_at + st.after, 'system', 'bench', c.registered_at FROM cases c
      CROSS JOIN (VALUES ('submitted', interval '0'), ('completed', interval '1 day')) AS st(status, after)
      WHERE c.recipient_id = $1 AND c.external_id LIKE $2`,
    [person, `bench-${tag}-%`],
  );
  await q(
    `INSERT INTO consultations (agency_id, external_id, channel, topic, duration_minutes, person_type, person_id, occurred_at, created_by)
     SELECT (ARRAY['pmlp','vid','riga'])[1 + g % 3], $3 || '-' || g, 'phone', 'Jautājums ' || g, 5, 'natural', $1,
            now() - (g || ' hours')::interval - interval '30 minutes', 'bench'
       FROM generate_series(1, $2::int) g`,
    [person, p.consultations, `bench-${tag}`],
  );
  await q(
    `WITH i AS (
       INSERT INTO invoices (id, number, agency_id, idempotency_key, payment_reference, payer_type, payer_id, payer_name, currency,
         creditor_iban, creditor_name, issue_date, due_date, total_net, total_vat, total, amount_paid, status, created_by, created_at)
       SELECT gen_random_uuid(), $3 || '-' || g, 'pmlp', $3 || '-' || g, 'RF' || $3 || g, 'natural', $1, 'Bench', 'EUR',
              'LV00BENCH0000000000000', 'PMLP', current_date, current_date + 14, 10, 0, 10, 10, 'paid', 'bench', now() - (g || ' hours')::interval
         FROM generate_series(1, $2::int) g RETURNING id, created_at)
     INSERT INTO payments (id, invoice_id, source, source_ref, amount, currency, booked_at, recorded_by)
     SELECT gen_random_uuid(), i.id, 'counter', 'bench-' || i.id, 10, 'EUR', i.created_at + interval '10 minutes', 'bench' FROM i`,
    [person, p.invoices, `${tag.toUpperCase()}`],
  );
  await q(
    `INSERT INTO notifications (id, case_id, recipient_type, recipient_id, subject_lv, subject_en, body_lv, body_en, created_at)
     SELECT $3 || '-' || g, NULL, 'natural', $1, 'Paziņojums ' || g, 'Notification ' || g, '-', '-', now() - (g || ' hours')::interval - interval '5 minutes'
       FROM generate_series(1, $2::int) g`,
    [person, p.notifications, `bench-${tag}`],
  );
  await q(
    `INSERT INTO e_address_deliveries (idempotency_key, case_id, message_id, delivered_at)
     SELECT $3 || '-' || c.id, c.id, 'msg-' || c.id, c.registered_at + interval '2 hours' FROM cases c
      WHERE c.recipient_id = $1 AND c.external_id LIKE $3 || '-%' ORDER BY c.id LIMIT $2`,
    [person, p.deliveries, `bench-${tag}`],
  );
  await q(
    `INSERT INTO delegations (id, principal_type, principal_id, principal_name, representative_type, representative_id, representative_name, valid_from, created_at)
     SELECT gen_random_uuid(), 'natural', $1, 'Bench', 'natural', lpad((g * 7919 % 99999999999)::text, 11, '0'), 'Pārstāvis ' || g,
            current_date, now() - (g || ' hours')::interval - interval '15 minutes'
       FROM generate_series(1, $2::int) g`,
    [person, p.delegations],
  );
  await q(
    `INSERT INTO assist_grants (id, scope, person_type, person_id, mode, code_hash, created_by, created_at, expires_at)
     SELECT gen_random_uuid(), 'portal', 'natural', $1, 'view', $3 || '-' || g, $1, now() - (g || ' hours')::interval - interval '20 minutes', now()
       FROM generate_series(1, $2::int) g`,
    [person, p.grants, `bench-${tag}`],
  );
}

/** The naive history: every source's SELECT over its table (the same joins as the triggers), filtered, ordered, cut. */
function naiveQuery(kind?: string): string {
  const union = TIMELINE_SOURCES.map((s) => s.select(s.table)).join('\nUNION ALL\n');
  return `SELECT t.*, a.name_lv AS agency_name_lv, a.name_en AS agency_name_en
    FROM (${union}) AS t(person_type, person_id, occurred_at, kind, role, agency_id, title_lv, title_en, case_id, reference, source, source_id)
    LEFT JOIN agencies a ON a.id = t.agency_id
   WHERE t.person_type = $1 AND t.person_id = $2 ${kind ? `AND t.kind = '${kind}'` : ''}
   ORDER BY t.occurred_at DESC, t.source_id DESC LIMIT ${PAGE}`;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function measure(db: Database, kind?: string) {
  const readModel: number[] = [];
  const naive: number[] = [];
  const sql = naiveQuery(kind);
  for (let i = 0; i < ROUNDS + 20; i += 1) {
    let t0 = process.hrtime.bigint();
    const page = await timelinePage(db.pool, PERSON, { limit: PAGE, ...(kind ? { kind: kind as 'consultation' } : {}) });
    const a = ms(t0);
    t0 = process.hrtime.bigint();
    const rows = (await db.pool.query(sql, [PERSON.type, PERSON.id])).rows;
    const b = ms(t0);
    if (page.rows.length !== PAGE || rows.length !== PAGE) throw new Error(`a page of ${page.rows.length} / ${rows.length}, not ${PAGE}`);
    // Both give the same page (the same times; events at the same instant may come in another order).
    const times = (list: Array<{ occurred_at: Date }>) => list.map((r) => r.occurred_at.getTime()).join();
    if (times(page.rows) !== times(rows)) throw new Error('the read model and the naive query disagree on the first page');
    if (i >= 20) {
      readModel.push(a);
      naive.push(b);
    }
  }
  readModel.sort((x, y) => x - y);
  naive.sort((x, y) => x - y);
  return { readModel, naive };
}

async function main(): Promise<void> {
  const run = crypto.randomBytes(4).toString('hex');
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/sdp_bench_timeline_${run}`;
  const databaseUrl = url.toString();
  let db: Database | null = null;
  try {
    await ensureDatabaseExists(databaseUrl);
    db = connectDatabase(databaseUrl, { poolSize: 2 });
    await migrate(db).then(() => seedReferenceData(db as Database));
    const p = plan(EVENTS);
    console.error(`inserting the person's rows (${JSON.stringify(p)}) and ${OTHERS} other people's cases…`);
    let t0 = process.hrtime.bigint();
    await insertFor(db, PERSON.id, p, 'p');
    const personMs = ms(t0);
    t0 = process.hrtime.bigint();
    // Two other people with OTHERS cases between them (and their share of every other source), so the source tables
    // and the read model are not the person's alone.
    const others = plan(OTHERS * 2.5);
    await insertFor(db, '01014811002', { ...others, cases: Math.round(OTHERS / 2) }, 'o1');
    await insertFor(db, '02117814569', { ...others, cases: Math.round(OTHERS / 2) }, 'o2');
    const othersMs = ms(t0);
    await db.pool.query('ANALYZE');
    const count = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM timeline_events WHERE person_id = $1', [PERSON.id]))
      .rows[0].n;
    const all = (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM timeline_events')).rows[0].n;
    console.log(
      `events of the person: ${count} (of ${all} in the read model); inserted in ${personMs.toFixed(0)} ms (others ${othersMs.toFixed(0)} ms)`,
    );
    const f = (x: number) => x.toFixed(2).padStart(7);
    let ok = true;
    for (const kind of [undefined, 'consultation']) {
      const r = await measure(db, kind);
      const [a50, a95, b50, b95] = [
        percentile(r.readModel, 50),
        percentile(r.readModel, 95),
        percentile(r.naive, 50),
        percentile(r.naive, 95),
      ];
      console.log(`first page of ${PAGE}${kind ? `, kind=${kind}` : ''} (${ROUNDS} rounds)`);
      console.log(`  read model   p50 ${f(a50)} ms  p95 ${f(a95)} ms`);
      console.log(`  naive union  p50 ${f(b50)} ms  p95 ${f(b95)} ms`);
      console.log(`  ratio naive/read model: p50 ${(b50 / a50).toFixed(1)}x  p95 ${(b95 / a95).toFixed(1)}x`);
      ok &&= a95 < 50;
    }
    console.log(ok ? 'goal met: read model p95 under 50 ms' : 'GOAL MISSED: read model p95 not under 50 ms');
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
