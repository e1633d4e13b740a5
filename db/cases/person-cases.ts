// A person's own cases ("My cases"): as the recipient, or as the representative of someone, from every channel,
// newest status first (then the newest id), filtered (open / closed / draft, service, year) and paged by keyset: a
// page ends at a (status_at, id) position and the next starts after it. The indexes of migration 0023 serve the order
// on both sides, the position included (a row comparison is a condition of the index scan). The total only when a client
// asks (count=true, on its first page): db/paging.ts `countUpTo`, exact up to 10,000 cases, else the estimate.
import type { Pool } from 'pg';
import type { PersonRef } from '../domain/person-id';
import { countUpTo, type ListTotal } from '../paging';
import { CLOSED_FOR_CITIZEN, OPEN_FOR_CITIZEN } from '../domain/case-status';
import { SELECT_CASE, type CaseRow } from './read-cases';
import { queryPrepared } from '../prepared';

export interface PersonCaseFilter {
  state?: 'open' | 'closed' | 'draft';
  serviceId?: string;
  year?: number;
  limit: number;
  /** Where the previous page ended: the exact status time (as PostgreSQL wrote it) and the case id. */
  after?: { statusAt: string; id: string };
  /** Count the matching cases (db/paging.ts `countUpTo`): only when the client asks, on its first page. */
  count?: boolean;
  /** Exact counts stop here (db/paging.ts EXACT_COUNT_LIMIT); a test lowers it to cross it with a few rows. */
  countThreshold?: number;
}

export type PersonCaseRow = CaseRow & { relation: 'recipient' | 'representative'; status_at_exact: string };

export interface PersonCasesPage {
  rows: PersonCaseRow[];
  /** The page is not the last: there are cases after its last row. */
  more: boolean;
  /** How many cases match the filters, on all pages: only when asked (`count`), exact up to the threshold. */
  total?: ListTotal;
}

/**
 * A draft withdrawn before it was ever sent (discarded, or expired) is not a case the person has: it stays out of the
 * list. Every other status they have had shows.
 */
const NOT_DISCARDED_DRAFT = `NOT (c.status = 'withdrawn' AND NOT EXISTS (
  SELECT 1 FROM case_status_events e WHERE e.case_id = c.id AND e.case_registered_at = c.registered_at AND e.status NOT IN ('draft', 'withdrawn')))`;

function filterSql(f: PersonCaseFilter, params: unknown[]): string[] {
  const where = [NOT_DISCARDED_DRAFT];
  const add = (sql: string, ...values: unknown[]) => {
    let out = sql;
    for (const v of values) {
      params.push(v);
      out = out.replace('?', `$${params.length}`);
    }
    where.push(out);
  };
  if (f.state === 'open') add('c.status = ANY(?::text[])', OPEN_FOR_CITIZEN);
  if (f.state === 'closed') add('c.status = ANY(?::text[])', CLOSED_FOR_CITIZEN);
  if (f.state === 'draft') where.push("c.status = 'draft'");
  if (f.serviceId) add('c.service_id = ?', f.serviceId);
  if (f.year !== undefined) {
    add(
      "c.registered_at >= make_timestamptz(?::int, 1, 1, 0, 0, 0, 'Europe/Riga') AND " +
        "c.registered_at < make_timestamptz(?::int + 1, 1, 1, 0, 0, 0, 'Europe/Riga')",
      f.year,
      f.year,
    );
  }
  return where;
}

export async function casesOfPersonPage(pool: Pool, person: PersonRef, f: PersonCaseFilter): Promise<PersonCasesPage> {
  const params: unknown[] = [person.type, person.id];
  const where = filterSql(f, params);
  const filtered = where.join(' AND ');
  let keyset = 'true';
  if (f.after) {
    params.push(f.after.statusAt, f.after.id);
    const [t, id] = [`$${params.length - 1}::timestamptz`, `$${params.length}`];
    keyset = `(c.status_at, c.id) < (${t}, ${id})`; // a row comparison: a condition of the index scan
  }
  params.push(f.limit + 1);
  const limit = `$${params.length}`;
  // Each side reads its index in the list's order up to one page (and one more, to know whether there is more);
  // the two are merged and cut to the page. Each side reads the whole row: no second probe of the partitions.
  const side = (relation: string, who: string) => `(
    SELECT c.*, '${relation}' AS relation FROM cases c
     WHERE ${who} AND ${filtered} AND ${keyset}
     ORDER BY c.status_at DESC, c.id DESC LIMIT ${limit})`;
  const recipient = 'c.recipient_type = $1 AND c.recipient_id = $2';
  const representative = `c.representative_type = $1 AND c.representative_id = $2 AND NOT (${recipient})`;
  const { rows } = await queryPrepared<PersonCaseRow>(
    pool,
    `WITH mine AS (${side('recipient', recipient)} UNION ALL ${side('representative', representative)})
     ${SELECT_CASE.replace('SELECT c.*', "SELECT c.*, to_json(c.status_at) #>> '{}' AS status_at_exact").replace('FROM cases c', 'FROM mine c')}
     ORDER BY c.status_at DESC, c.id DESC LIMIT ${limit}`,
    params,
  );
  const more = rows.length > f.limit;
  // The total is counted only when asked (never on every page): up to the threshold exactly, above it estimated.
  const countParams = params.slice(0, params.length - (f.after ? 3 : 1));
  const total = f.count
    ? await countUpTo(
        pool,
        `FROM cases c WHERE ((${recipient}) OR (c.representative_type = $1 AND c.representative_id = $2)) AND ${filtered}`,
        countParams,
        f.countThreshold,
      )
    : undefined;
  return { rows: rows.slice(0, f.limit), more, ...(total ? { total } : {}) };
}
