// The case register's quarters (migration 0031): `cases_YYYYqN` and `case_status_events_YYYYqN`, by registration
// time in UTC. Quarters are made ahead by the daily schedule (workflows/partitions) and on demand when a case of an
// uncovered quarter is registered (an agency loading its history from 2012); old ones are detached for archiving.
import type { Pool } from 'pg';

export const PARTITIONED_TABLES = ['case_status_events', 'cases'] as const; // detach order: events first

/** A quarter as its partitions name it: '2026q4'. */
export type QuarterName = string;

export interface Quarter {
  name: QuarterName;
  /** Inclusive start, UTC midnight of the quarter's first day. */
  from: Date;
  /** Exclusive end: the next quarter's start. */
  to: Date;
}

export function quarterOf(at: Date): Quarter {
  const year = at.getUTCFullYear();
  const q = Math.floor(at.getUTCMonth() / 3);
  return quarterAt(year, q);
}

function quarterAt(year: number, index: number): Quarter {
  const from = new Date(Date.UTC(year, index * 3, 1));
  const to = new Date(Date.UTC(year, index * 3 + 3, 1));
  return { name: `${from.getUTCFullYear()}q${Math.floor(from.getUTCMonth() / 3) + 1}`, from, to };
}

/** The quarter `n` quarters after (or before, when negative) the given one. */
export function shiftQuarter(quarter: Quarter, n: number): Quarter {
  return quarterAt(quarter.from.getUTCFullYear(), Math.floor(quarter.from.getUTCMonth() / 3) + n);
}

export function parseQuarter(name: string): Quarter {
  const m = /^(\d{4})q([1-4])$/.exec(name);
  if (!m) throw new Error(`Not a quarter: "${name}" (expected YYYYqN, e.g. 2016q1).`);
  return quarterAt(Number(m[1]), Number(m[2]) - 1);
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

// Quarters known to exist, per pool (per database): the normal registration path asks PostgreSQL nothing. A detach is
// rare and made by an operator; a process that still believes a detached quarter exists gets the insert's 23514, a 503.
const knownByPool = new WeakMap<Pool, Set<QuarterName>>();
function knownOf(pool: Pool): Set<QuarterName> {
  let known = knownByPool.get(pool);
  if (!known) knownByPool.set(pool, (known = new Set()));
  return known;
}

/** Creates the quarter's partitions of both tables if missing (race-safe); true when this call created them. */
async function ensureQuarter(pool: Pool, quarter: Quarter): Promise<boolean> {
  const { rows } = await pool.query<{ created: boolean }>('SELECT ensure_case_register_quarter($1::date) AS created', [
    isoDay(quarter.from),
  ]);
  knownOf(pool).add(quarter.name);
  return rows[0].created;
}

/** Makes sure every date's quarter has its partitions; on the POOL, never in a caller's transaction (DDL locks). */
export async function ensurePartitionsFor(pool: Pool, dates: Iterable<Date>): Promise<QuarterName[]> {
  const known = knownOf(pool);
  const missing = new Map<QuarterName, Quarter>();
  for (const d of dates) {
    const q = quarterOf(d);
    if (!known.has(q.name)) missing.set(q.name, q);
  }
  const created: QuarterName[] = [];
  for (const q of missing.values()) if (await ensureQuarter(pool, q)) created.push(q.name);
  return created;
}

export interface PartitionsAhead {
  created: QuarterName[];
  existing: QuarterName[];
}

/** The current quarter and `ahead` quarters after it, created where missing; what was made and what exists now. */
export async function ensurePartitionsAhead(pool: Pool, opts: { ahead: number; now?: Date }): Promise<PartitionsAhead> {
  const current = quarterOf(opts.now ?? new Date());
  const created: QuarterName[] = [];
  for (let i = 0; i <= opts.ahead; i += 1) {
    const q = shiftQuarter(current, i);
    if (await ensureQuarter(pool, q)) created.push(q.name);
  }
  return { created, existing: (await listPartitions(pool)).map((p) => p.quarter) };
}

export interface PartitionInfo {
  quarter: QuarterName;
  from: Date;
  to: Date;
  cases: string;
  events: string | null;
}

/** The attached quarters, oldest first (a quarter is its cases partition and its events partition). */
export async function listPartitions(pool: Pool): Promise<PartitionInfo[]> {
  const { rows } = await pool.query<{ parent: string; name: string }>(
    `SELECT p.relname AS parent, c.relname AS name FROM pg_inherits i
       JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
      WHERE i.inhparent IN ('cases'::regclass, 'case_status_events'::regclass)`,
  );
  const events = new Set(rows.filter((r) => r.parent === 'case_status_events').map((r) => r.name));
  return rows
    .filter((r) => r.parent === 'cases' && /^cases_\d{4}q[1-4]$/.test(r.name))
    .map((r) => {
      const q = parseQuarter(r.name.slice('cases_'.length));
      const ev = `case_status_events_${q.name}`;
      return { quarter: q.name, from: q.from, to: q.to, cases: r.name, events: events.has(ev) ? ev : null };
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/**
 * Detaches an old quarter for archiving: its events partition, then its cases partition, each DETACH … CONCURRENTLY
 * (no transaction; readers and writers of the other quarters are not blocked). The tables stay as standalone tables
 * to dump (docs/operations.md); case_keys keeps their ids, so an id or external id is never used again. Needs the
 * tables' owner (the migrating role), not the application role.
 */
export async function detachPartition(pool: Pool, name: QuarterName, opts: { now?: Date } = {}): Promise<string[]> {
  const quarter = parseQuarter(name);
  const current = quarterOf(opts.now ?? new Date());
  if (quarter.from >= current.from) {
    throw new Error(`Quarter ${name} is current or in the future: only a past quarter can be detached.`);
  }
  const attached = new Set((await listPartitions(pool)).filter((p) => p.quarter === name).flatMap((p) => [p.cases, p.events ?? '']));
  const detached: string[] = [];
  for (const parent of PARTITIONED_TABLES) {
    const part = `${parent}_${name}`;
    if (!attached.has(part)) continue;
    await pool.query(`ALTER TABLE ${parent} DETACH PARTITION ${part} CONCURRENTLY`);
    // The detached events keep their foreign key to the (partitioned) cases, which would forbid detaching their
    // cases: it is dropped; the archive holds both tables of the quarter together.
    if (parent === 'case_status_events') await dropForeignKeysToCases(pool, part);
    detached.push(part);
  }
  knownOf(pool).delete(name);
  return detached;
}

async function dropForeignKeysToCases(pool: Pool, table: string): Promise<void> {
  const { rows } = await pool.query<{ name: string }>(
    "SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND conrelid = $1::regclass AND confrelid = 'cases'::regclass",
    [table],
  );
  for (const fk of rows) await pool.query(`ALTER TABLE ${table} DROP CONSTRAINT ${JSON.stringify(fk.name)}`);
}

/** PostgreSQL's answer when a row's registration time has no partition (SQLSTATE 23514, "no partition of relation"). */
export function isMissingPartition(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return e?.code === '23514' && /no partition of relation/.test(e.message ?? '');
}

/**
 * SQL for the registration time of the case whose id is `idParam`, read from case_keys: compared with
 * `registered_at` it is an InitPlan, so the scan of cases (or of status events) prunes to one partition at run time.
 */
export const registeredAtOf = (idParam: string) => `(SELECT k.registered_at FROM case_keys k WHERE k.id = ${idParam})`;
