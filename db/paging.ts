// Keyset paging's two helpers for the lists that can grow without bound: the position after which a page starts, and
// the total, counted only when a client asks for it. A page never counts (no `count(*) OVER ()`): its cost is the
// page's rows, whatever the size of the register.
import type { Pool } from 'pg';

/** Where the previous page ended: the exact time of its last row (as PostgreSQL wrote it) and that row's id. */
export interface KeysetPosition {
  at: string;
  id: string;
}

/** How a list is paged: its size, where the previous page ended, and whether to count (up to a threshold). */
export interface Paging {
  limit: number;
  after?: KeysetPosition;
  count?: boolean;
  /** Exact counts stop here (EXACT_COUNT_LIMIT); a test lowers it to cross it with a few rows. */
  countThreshold?: number;
}

/**
 * The condition "after the position" in a list ordered by (time, id), both descending (or both ascending): a row
 * comparison, which the index of that order serves as a condition of its scan (no filter, no sort).
 */
export function afterPosition(columns: [string, string], after: KeysetPosition, params: unknown[], descending = true): string {
  params.push(after.at, after.id);
  const op = descending ? '<' : '>';
  return `(${columns[0]}, ${columns[1]}) ${op} ($${params.length - 1}::timestamptz, $${params.length})`;
}

/** The SQL of a timestamptz column as exact text (microseconds kept), the cursor's time. */
export const exactTime = (column: string) => `to_json(${column}) #>> '{}'`;

/** How many rows a list's filter matches: exact up to the threshold, the planner's estimate above it. */
export interface ListTotal {
  value: number;
  exact: boolean;
}

/** Up to this many matching rows, the total is counted; above it, estimated. */
export const EXACT_COUNT_LIMIT = 10_000;

/**
 * The total of a list: `fromWhere` is its `FROM … WHERE …` (no order, no keyset position). Counting stops at the
 * threshold (a LIMIT'ed subquery reads at most threshold + 1 index entries); above it the planner's row estimate of
 * the same query is the answer, marked as not exact (never below the threshold it is known to pass).
 */
export async function countUpTo(pool: Pool, fromWhere: string, params: unknown[], threshold = EXACT_COUNT_LIMIT): Promise<ListTotal> {
  const cap = Math.max(0, Math.floor(threshold));
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 ${fromWhere} LIMIT ${cap + 1}) capped`,
    params,
  );
  if (rows[0].n <= cap) return { value: rows[0].n, exact: true };
  const plan = await pool.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 ${fromWhere}`,
    params,
  );
  const estimate = Math.round(plan.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']);
  return { value: Math.max(estimate, cap + 1), exact: false };
}
