// The register benchmark's data: N cases over ten years for 20 agencies and their 2–4 status events each, generated
// set-based inside PostgreSQL (INSERT … SELECT over generate_series, in chunks), with the tables' secondary indexes
// and foreign keys dropped around the load and recreated after (one sort per index, one join per key, instead of
// N probes), and the timeline triggers of migration 0028 disabled for the load (the history read model is not what
// this benchmark measures). Also the baseline: an unindexed copy of the cases (primary key only).
import type { PoolClient } from 'pg';
import type { Database } from '../../../db/connection';

export const AGENCIES = 20;
/** The citizen with 5,000 cases among everyone else's. */
export const CITIZEN = { type: 'natural' as const, id: '22045712114' };
export const CITIZEN_CASES = 5000;
const CHUNK = 500_000;

/** Agency weights fall with rank (a few agencies hold most of the cases, as VID and PMLP do); services likewise. */
function slots(agencyServices: Array<{ agencyId: string; services: string[] }>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  agencyServices.forEach(({ agencyId, services }, rank) => {
    const agencyWeight = Math.max(1, Math.round(60 / (rank + 1)));
    services.forEach((serviceId, k) => {
      const weight = agencyWeight * 2 ** (services.length - 1 - k);
      for (let i = 0; i < weight; i += 1) out.push([agencyId, serviceId]);
    });
  });
  return out;
}

/** 20 agencies (the seeded ones first, then bench agencies) with 4 services each at least. */
async function prepareAgencies(c: PoolClient): Promise<Array<{ agencyId: string; services: string[] }>> {
  const existing = (await c.query<{ id: string }>('SELECT id FROM agencies ORDER BY id LIMIT $1', [AGENCIES])).rows.map((r) => r.id);
  for (let i = existing.length; i < AGENCIES; i += 1) {
    const id = `bench-agency-${i + 1}`;
    await c.query(
      `INSERT INTO agencies (id, registration_number, kind, sector_id, name_lv, name_en)
       SELECT $1, $2, 'state', (SELECT id FROM sectors ORDER BY id LIMIT 1), $3, $4`,
      [id, `9000${String(i).padStart(7, '0')}`, `Iestāde ${i + 1}`, `Agency ${i + 1}`],
    );
    existing.push(id);
  }
  const result: Array<{ agencyId: string; services: string[] }> = [];
  for (const agencyId of existing) {
    const services = (
      await c.query<{ id: string }>('SELECT id FROM services WHERE agency_id = $1 ORDER BY id LIMIT 5', [agencyId])
    ).rows.map((r) => r.id);
    for (let k = services.length; k < 4; k += 1) {
      const id = `${agencyId}-bench-service-${k + 1}`;
      await c.query(
        `INSERT INTO services (id, agency_id, title_lv, title_en, channels) VALUES ($1, $2, $3, $4, ARRAY['eservice','in_person','phone','email','post'])`,
        [id, agencyId, `Pakalpojums ${k + 1}`, `Service ${k + 1}`],
      );
      services.push(id);
    }
    result.push({ agencyId, services });
  }
  return result;
}

/** What was dropped for the load, to recreate after it. */
interface Dropped {
  indexes: string[];
  foreignKeys: Array<{ table: string; name: string; definition: string }>;
}

async function dropForLoad(c: PoolClient): Promise<Dropped> {
  const tables = ['cases', 'case_status_events'];
  // Secondary indexes only: the primary keys and unique constraints stay (they are what the load must respect).
  const indexes = await c.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i LEFT JOIN pg_constraint k ON k.conindid = i.indexrelid AND k.conrelid = i.indrelid
      WHERE i.indrelid = ANY($1::regclass[]) AND k.oid IS NULL`,
    [tables],
  );
  const keys = await c.query<{ table: string; name: string; definition: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) AND conparentid = 0`,
    [tables],
  );
  for (const k of keys.rows) await c.query(`ALTER TABLE ${k.table} DROP CONSTRAINT ${k.name}`);
  for (const i of indexes.rows) await c.query(`DROP INDEX ${i.name}`);
  for (const t of tables) await c.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`);
  // A partitioned table's index reads "ON ONLY parent": recreated on the parent, it cascades to the partitions.
  return { indexes: indexes.rows.map((i) => i.definition.replace(' ON ONLY ', ' ON ')), foreignKeys: keys.rows };
}

async function restoreAfterLoad(c: PoolClient, d: Dropped): Promise<void> {
  for (const definition of d.indexes) await c.query(definition);
  for (const k of d.foreignKeys) await c.query(`ALTER TABLE ${k.table} ADD CONSTRAINT ${k.name} ${k.definition}`);
  for (const t of ['cases', 'case_status_events']) await c.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`);
}

/** Cases lo..hi: registered evenly over ten years up to now (ids rise with time, as the case number sequence does). */
const INSERT_CASES = `
  INSERT INTO cases (id, agency_id, service_id, external_id, channel, recipient_type, recipient_id, status, status_at,
                     registered_at, created_by, created_at, updated_at)
  SELECT 'LV-' || lpad(x.g::text, 10, '0') || '-00', s.agency_id, s.service_id, 'EXT-' || x.g, x.channel,
         x.recipient_type, x.recipient_id, x.status, x.status_at, x.registered_at, 'bench', x.registered_at, x.status_at
    FROM (
      SELECT g, slot, registered_at, recipient_type, recipient_id, status, channel,
             CASE WHEN status IN ('completed','rejected','withdrawn','answered','licence_issued')
                  THEN registered_at + r4 * least(interval '30 days', now() - registered_at)
                  ELSE registered_at + r4 * (now() - registered_at) END AS status_at
        FROM (
          SELECT g, floor(random() * $4)::int AS slot, r4, registered_at,
                 CASE WHEN g % $5 = 0 AND g / $5 <= ${CITIZEN_CASES} THEN 'natural' WHEN r5 < 0.1 THEN 'legal' ELSE 'natural' END AS recipient_type,
                 CASE WHEN g % $5 = 0 AND g / $5 <= ${CITIZEN_CASES} THEN '${CITIZEN.id}'
                      WHEN r5 < 0.1 THEN (40000000000 + floor(random() * 200000))::bigint::text
                      ELSE (10000000000 + floor(random() * 2000000))::bigint::text END AS recipient_id,
                 CASE WHEN now() - registered_at > interval '90 days' THEN
                        CASE WHEN r3 < 0.85 THEN 'completed' WHEN r3 < 0.93 THEN 'rejected' ELSE 'withdrawn' END
                      WHEN r3 < 0.20 THEN 'submitted' WHEN r3 < 0.55 THEN 'in_progress' WHEN r3 < 0.63 THEN 'info_requested'
                      WHEN r3 < 0.68 THEN 'awaiting_payment' WHEN r3 < 0.73 THEN 'answered' WHEN r3 < 0.75 THEN 'licence_issued'
                      WHEN r3 < 0.95 THEN 'completed' WHEN r3 < 0.98 THEN 'rejected' ELSE 'withdrawn' END AS status,
                 CASE WHEN r6 < 0.55 THEN 'eservice' WHEN r6 < 0.75 THEN 'in_person' WHEN r6 < 0.85 THEN 'phone'
                      WHEN r6 < 0.93 THEN 'email' WHEN r6 < 0.98 THEN 'post' ELSE 'other' END AS channel
            FROM (
              SELECT g, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
                     now() - interval '3650 days' * (1 - (g - 0.5) / $3::float8) - random() * interval '1 day' AS registered_at
                FROM generate_series($1::bigint, $2::bigint) g) r) y) x
    JOIN bench_slots s ON s.slot = x.slot`;

/** 2–4 status events per case (2 for a case still submitted or in progress): the first, the middle steps, the last. */
const INSERT_EVENTS = `
  INSERT INTO case_status_events (case_id, status, at, actor_type, actor_id, case_registered_at)
  SELECT c.id,
         CASE WHEN k = n THEN c.status WHEN k = 1 THEN (CASE WHEN c.status = 'submitted' THEN 'draft' ELSE 'submitted' END)
              WHEN k = 2 THEN 'in_progress' ELSE 'info_requested' END,
         c.registered_at + (c.status_at - c.registered_at) * ((k - 1)::float8 / (n - 1)), 'system', 'bench', c.registered_at
    FROM cases c
   CROSS JOIN LATERAL (SELECT CASE WHEN c.status IN ('submitted','in_progress') THEN 2 ELSE 2 + abs(hashtext(c.id)) % 3 END AS n) m
   CROSS JOIN LATERAL generate_series(1, m.n) k
   WHERE c.id BETWEEN 'LV-' || lpad($1::text, 10, '0') || '-00' AND 'LV-' || lpad($2::text, 10, '0') || '-00'`;

/** The directory of the cases lo..hi (migration 0031): what keeps ids and external ids unique over the quarters. */
const INSERT_KEYS = `
  INSERT INTO case_keys (id, agency_id, external_id, registered_at)
  SELECT id, agency_id, external_id, registered_at FROM cases
   WHERE id BETWEEN 'LV-' || lpad($1::text, 10, '0') || '-00' AND 'LV-' || lpad($2::text, 10, '0') || '-00'`;

/** Every quarter of the ten years (and the ones the platform keeps ahead), made before the load. */
const ENSURE_QUARTERS = `
  SELECT ensure_case_register_quarter(q::date)
    FROM generate_series(date_trunc('quarter', now() - interval '3652 days'), now() + interval '6 months', interval '3 months') q`;

export interface GenerationTimes {
  casesMs: number;
  eventsMs: number;
  indexesMs: number;
  analyzeMs: number;
  baselineMs: number;
}

const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

/** Generates `total` cases and their events, recreates what was dropped, analyses, and copies the baseline. */
export async function generate(db: Database, total: number, log: (line: string) => void): Promise<GenerationTimes> {
  const c = await db.pool.connect();
  try {
    await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '1GB'; SET statement_timeout = 0");
    const agencies = await prepareAgencies(c);
    const all = slots(agencies);
    await c.query('CREATE TABLE bench_slots (slot int PRIMARY KEY, agency_id text NOT NULL, service_id text NOT NULL)');
    await c.query('INSERT INTO bench_slots SELECT i - 1, a, s FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(a, s, i)', [
      all.map((x) => x[0]),
      all.map((x) => x[1]),
    ]);
    await c.query(ENSURE_QUARTERS);
    const dropped = await dropForLoad(c);
    const step = Math.max(1, Math.floor(total / CITIZEN_CASES));
    let t0 = process.hrtime.bigint();
    for (let lo = 1; lo <= total; lo += CHUNK) {
      const hi = Math.min(total, lo + CHUNK - 1);
      await c.query(INSERT_CASES, [lo, hi, total, all.length, step]);
      await c.query(INSERT_KEYS, [lo, hi]);
      log(`cases ${hi.toLocaleString('en')} / ${total.toLocaleString('en')} (${(since(t0) / 1000).toFixed(0)} s)`);
    }
    const casesMs = since(t0);
    t0 = process.hrtime.bigint();
    for (let lo = 1; lo <= total; lo += CHUNK) {
      await c.query(INSERT_EVENTS, [lo, Math.min(total, lo + CHUNK - 1)]);
    }
    const eventsMs = since(t0);
    log(
      `status events (${(eventsMs / 1000).toFixed(0)} s); recreating ${dropped.indexes.length} indexes, ${dropped.foreignKeys.length} foreign keys`,
    );
    t0 = process.hrtime.bigint();
    await restoreAfterLoad(c, dropped);
    const indexesMs = since(t0);
    t0 = process.hrtime.bigint();
    // VACUUM as autovacuum would after a load: the visibility map lets counts and index-only scans skip the heap.
    await c.query('VACUUM (ANALYZE)');
    const analyzeMs = since(t0);
    t0 = process.hrtime.bigint();
    // The baseline: the same rows, unpartitioned, no index but the primary key.
    await c.query('CREATE TABLE cases_baseline AS SELECT * FROM cases');
    await c.query('ALTER TABLE cases_baseline ADD PRIMARY KEY (id)');
    await c.query('ANALYZE cases_baseline');
    const baselineMs = since(t0);
    return { casesMs, eventsMs, indexesMs, analyzeMs, baselineMs };
  } finally {
    c.release();
  }
}
