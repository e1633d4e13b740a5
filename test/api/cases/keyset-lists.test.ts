// Keyset pages of the lists that can grow without bound (issue 19): following `next` joins the pages into the whole
// list with no gaps or repeats, also when rows share a timestamp; the total only with count=true, exact up to the
// threshold and the planner's estimate (marked) above it; an offset or a foreign cursor is refused.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { personalCode, uniqueSuffix } from '../../helpers/cases';
import type { Pool } from 'pg';
import { casesOfAgency } from '../../../db/cases/read-cases';
import { casesOfPersonPage } from '../../../db/cases/person-cases';
import { agencyInbox } from '../../../db/applications/tasks';
import { listSuspense } from '../../../db/billing/suspense';
import { countUpTo } from '../../../db/paging';
import { caseIdFromNumber } from '../../../db/domain/case-id';
import { makePersonalCode } from '../../../db/domain/person-id';

const run = uniqueSuffix();
let seq = 0;

/** Follows `next` from the first page to the last (at most `max` pages), returning each page's body. */
async function allPages(first: string, as: string, max = 100): Promise<any[]> {
  const pages: any[] = [];
  let url: string | null = first;
  while (url && pages.length < max) {
    const res: { status: number; body: any } = await call('GET', url, { as });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    pages.push(res.body);
    url = res.body.next;
  }
  return pages;
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}
const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

const idsOf = (pages: any[]) => pages.flatMap((p) => p.items.map((i: { id: string }) => i.id));

describe('keyset lists', () => {
  describe('GET /api/v1/cases', () => {
    // Seven cases of PMLP newest of all (a status time in the future, unique to this run): four share one timestamp,
    // three another; pages of two cut through both groups.
    let seven: string[] = [];
    before(async () => {
      const res = await call('POST', '/api/v1/cases/batch', {
        as: 'system-pmlp',
        json: {
          cases: Array.from({ length: 7 }, () => ({
            externalId: `K-${run}-${(seq += 1)}`,
            serviceId: 'declared-address-statement',
            channel: 'post',
            recipient: { type: 'natural', id: personalCode(4242) },
          })),
        },
      });
      expect(res.body.created).to.equal(7);
      const ids: string[] = res.body.results.map((r: { id: string }) => r.id);
      // A day after PMLP's newest status (other tests also move statuses ahead), with microseconds unique to this run.
      const micros = String(Date.now() % 1_000_000).padStart(6, '0');
      await stack.db.pool.query(
        `WITH base AS (SELECT date_trunc('second', GREATEST(max(status_at), '2150-01-01') + interval '1 day') + $1::interval AS at
                         FROM cases WHERE agency_id = 'pmlp')
         UPDATE cases SET status_at = CASE WHEN id = ANY($2::text[]) THEN base.at ELSE base.at - interval '1 second' END
           FROM base WHERE id = ANY($3::text[])`,
        [`0.${micros} seconds`, ids.slice(0, 4), ids],
      );
      const { rows } = await stack.db.pool.query<{ id: string }>(
        'SELECT id FROM cases WHERE id = ANY($1::text[]) ORDER BY status_at DESC, id DESC',
        [ids],
      );
      seven = rows.map((r) => r.id);
    });

    it('joins its pages into the list, newest status first, with no gaps or repeats across a shared timestamp', async () => {
      const pages = await allPages('/api/v1/cases?limit=2', 'system-pmlp', 4);
      expect(idsOf(pages).slice(0, 7)).to.deep.equal(seven);
      expect(pages[0].total, 'no total unless asked').to.equal(undefined);
      expect(pages[0].nextCursor).to.be.a('string');
      expect(pages[0].next).to.equal(`/api/v1/cases?limit=2&cursor=${pages[0].nextCursor}`);

      // Filtered (channel and service): the same order, and the list ends with a null `next`.
      const filtered = await allPages('/api/v1/cases?channel=post&serviceId=declared-address-statement&limit=3&count=true', 'system-pmlp');
      const all = idsOf(filtered);
      expect(all.slice(0, 7)).to.deep.equal(seven);
      expect(new Set(all).size).to.equal(all.length);
      expect(filtered.at(-1).next).to.equal(null);
      expect(filtered[0]).to.include({ total: all.length, totalExact: true });
      expect(filtered[1].total, 'the next pages are not counted again').to.equal(undefined);
      const { rows } = await stack.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM cases WHERE agency_id = 'pmlp' AND channel = 'post' AND service_id = 'declared-address-statement'",
      );
      expect(all.length).to.equal(rows[0].n);
    });

    it('counts exactly up to the threshold and estimates above it, marked as an estimate', async () => {
      const pool = stack.db.pool;
      const filter = { channel: 'post' as const, serviceId: 'declared-address-statement' };
      const exact = await casesOfAgency(pool, 'pmlp', filter, { limit: 1, count: true, countThreshold: 100_000 });
      expect(exact.total?.exact).to.equal(true);
      expect(exact.total?.value).to.be.at.least(7);
      const estimated = await casesOfAgency(pool, 'pmlp', filter, { limit: 1, count: true, countThreshold: 3 });
      expect(estimated.total?.exact).to.equal(false);
      expect(estimated.total?.value, 'never below the threshold it passed').to.be.at.least(4);
      const notAsked = await casesOfAgency(pool, 'pmlp', filter, { limit: 1 });
      expect(notAsked.total).to.equal(undefined);
      // At the threshold itself the count is still exact.
      const atIt = await countUpTo(pool, 'FROM cases c WHERE c.id = ANY($1::text[])', [seven], 7);
      expect(atIt).to.deep.equal({ value: 7, exact: true });
      const above = await countUpTo(pool, 'FROM cases c WHERE c.id = ANY($1::text[])', [seven], 6);
      expect(above.exact).to.equal(false);
      expect(above.value).to.be.at.least(7);
    });

    it('refuses an offset and a cursor it did not give', async () => {
      const offset = await call('GET', '/api/v1/cases?offset=50', { as: 'system-pmlp' });
      expect(offset.status).to.equal(400);
      expect(errorOf(offset).code).to.equal('validation_failed');
      const foreign = Buffer.from(JSON.stringify(['yesterday', 'LV-1'])).toString('base64url');
      for (const cursor of [foreign, 'bm90LWpzb24', Buffer.from('["2026-01-01T00:00:00Z"]').toString('base64url')]) {
        const res = await call('GET', `/api/v1/cases?cursor=${cursor}`, { as: 'system-pmlp' });
        expect(res.status, cursor).to.equal(400);
        expect(errorOf(res).code).to.equal('invalid_cursor');
      }
    });
  });

  describe("a person's own cases (GET /api/v1/me/cases)", () => {
    // 120 cases of one person: pages of 50, the second starting after the first's last row.
    // Born in 1925: no other test's person (test/helpers/cases.ts personalCode is born 1950–1999) has their cases.
    const r = Number.parseInt(run, 16);
    const person = { type: 'natural' as const, id: makePersonalCode(1 + (r % 28), 1 + (r % 12), 1925, r % 1000) };
    before(async function () {
      this.timeout(60_000);
      const res = await call('POST', '/api/v1/cases/batch', {
        as: 'system-pmlp',
        json: {
          cases: Array.from({ length: 120 }, () => ({
            externalId: `P-${run}-${(seq += 1)}`,
            serviceId: 'declared-address-statement',
            channel: 'post',
            recipient: person,
          })),
        },
      });
      expect(res.body.created).to.equal(120);
      await stack.db.pool.query('ANALYZE cases');
    });

    /** The real pool, recording each statement it is given (to see what a page runs, and to EXPLAIN it). */
    function recording(pool: Pool): { pool: Pool; statements: Array<{ sql: string; params: unknown[] }> } {
      const statements: Array<{ sql: string; params: unknown[] }> = [];
      // A named statement (db/prepared.ts) arrives as a query config; it is recorded by its text and values.
      const query = (sql: string | { text: string; values: unknown[] }, params?: unknown[]) => {
        if (typeof sql === 'string') statements.push({ sql, params: params ?? [] });
        else statements.push({ sql: sql.text, params: sql.values });
        return typeof sql === 'string' ? pool.query(sql, params) : pool.query(sql);
      };
      return { pool: { query } as unknown as Pool, statements };
    }

    it('counts only when asked, exactly up to the threshold and estimated above it', async () => {
      const pool = stack.db.pool;
      const notAsked = await casesOfPersonPage(pool, person, { limit: 5 });
      expect(notAsked.total).to.equal(undefined);
      const exact = await casesOfPersonPage(pool, person, { limit: 5, count: true });
      expect(exact.total).to.deep.equal({ value: 120, exact: true });
      const estimated = await casesOfPersonPage(pool, person, { limit: 5, count: true, countThreshold: 30 });
      expect(estimated.total?.exact).to.equal(false);
      expect(estimated.total?.value, 'never below the threshold it passed').to.be.at.least(31);
    });

    it('reads page 2 with no count, one page of index entries per side', async () => {
      const first = await casesOfPersonPage(stack.db.pool, person, { limit: 50, count: true });
      const last = first.rows.at(-1)!;
      const { pool, statements } = recording(stack.db.pool);
      const second = await casesOfPersonPage(pool, person, { limit: 50, after: { statusAt: last.status_at_exact, id: last.id } });
      expect(second.rows).to.have.length(50);
      expect(second.rows.map((r) => r.id)).not.to.include.members(first.rows.map((r) => r.id).slice(-1));
      expect(statements, 'one statement: the page').to.have.length(1);
      expect(statements[0].sql).not.to.match(/count\(/i);
      const { rows } = await stack.db.pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${statements[0].sql}`,
        statements[0].params,
      );
      // The register is partitioned (migration 0031): a scan names its quarter's index, whose parent is the list's index.
      const indexScans = nodesOf(rows[0]['QUERY PLAN'][0].Plan).filter((n) => /Index/.test(n['Node Type']) && n['Index Name']);
      const parents = await stack.db.pool.query<{ child: string; parent: string }>(
        `SELECT c.relname AS child, p.relname AS parent FROM pg_inherits i
           JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE c.relname = ANY($1::text[])`,
        [indexScans.map((n) => n['Index Name'])],
      );
      const parentOf = new Map(parents.rows.map((r) => [r.child, r.parent]));
      const scans = indexScans
        .map((n) => ({ ...n, 'Index Name': parentOf.get(n['Index Name'] as string) ?? n['Index Name'] }))
        .filter((n) => n['Index Name']?.includes('status_at'));
      expect([...new Set(scans.map((n) => n['Index Name']))].sort()).to.deep.equal([
        'cases_recipient_status_at_idx',
        'cases_representative_status_at_idx',
      ]);
      // How many index rows a side reads is the planner's choice on a test database this small (a quarter of 127 rows
      // is read and sorted); at scale each side reads one page from its index: npm run bench:register measures it.
      expect(nodesOf(rows[0]['QUERY PLAN'][0].Plan).some((n) => n['Node Type'] === 'Aggregate')).to.equal(false);
    });
  });

  describe('the inbox, the suspense list and a company’s cases', () => {
    it('page the inbox by cursor in each order, joining to the whole list', async () => {
      for (const status of ['active', 'completed', 'cancelled']) {
        for (const sort of ['due_at', '-due_at', 'created_at', '-created_at']) {
          const whole = await call('GET', `/api/v1/tasks?status=${status}&limit=200&sort=${sort}`, { as: 'officer-pmlp' });
          expect(whole.status).to.equal(200);
          const pages = await allPages(`/api/v1/tasks?status=${status}&limit=2&sort=${sort}&count=true`, 'officer-pmlp');
          expect(idsOf(pages), `${status} ${sort}`).to.deep.equal(whole.body.items.map((t: { id: string }) => t.id));
          expect(pages[0].total).to.equal(whole.body.items.length);
        }
      }
      const offset = await call('GET', '/api/v1/tasks?offset=2', { as: 'officer-pmlp' });
      expect(offset.status).to.equal(400);
    });

    it('keeps tasks that share a due date apart by id (the database function)', async () => {
      const client = await stack.db.pool.connect();
      try {
        // In a transaction rolled back at the end: five tasks of one application, sharing a due date to the microsecond.
        await client.query('BEGIN');
        // An application of PMLP (one of its published e-services) for the tasks to belong to.
        const caseId = caseIdFromNumber(9_000_000_000 + (Date.now() % 900_000_000));
        const version = await client.query<{ definition_id: string; version: number }>(
          `SELECT v.definition_id, v.version FROM eservice_definition_versions v
             JOIN eservice_definitions d ON d.id = v.definition_id WHERE d.agency_id = 'pmlp' LIMIT 1`,
        );
        expect(version.rows, 'a published e-service of PMLP').to.have.length(1);
        await client.query("INSERT INTO case_keys (id, agency_id, external_id, registered_at) VALUES ($1, 'pmlp', $1, now())", [caseId]);
        await client.query(
          `INSERT INTO cases (id, agency_id, service_id, external_id, channel, recipient_type, recipient_id, status, status_at,
                              registered_at, created_by)
           VALUES ($1, 'pmlp', 'residence-declaration', $1, 'eservice', 'natural', $2, 'submitted', now(), now(), 'test')`,
          [caseId, personalCode(4243)],
        );
        await client.query(
          `INSERT INTO applications (case_id, definition_id, definition_version, agency_id, recipient_type, recipient_id, created_by, expires_at)
           VALUES ($1, $2, $3, 'pmlp', 'natural', $4, 'test', now() + interval '1 day')`,
          [caseId, version.rows[0].definition_id, version.rows[0].version, personalCode(4243)],
        );
        await client.query(
          `INSERT INTO tasks (id, case_id, agency_id, step_id, title_lv, title_en, outcomes, status, due_at)
           SELECT $2 || g, $1, 'pmlp', 'review', 'T', 'T', '{ok}', 'open', '2150-01-01T00:00:00.123456Z' FROM generate_series(1, 5) g`,
          [caseId, `K-${run}-`],
        );
        const pool = client as unknown as typeof stack.db.pool;
        for (const sort of ['due_at', '-due_at'] as const) {
          const base = { agencyId: 'pmlp', statuses: ['open', 'claimed'] as Array<'open' | 'claimed'>, sort };
          const whole = await agencyInbox(pool, base, { limit: 1000, count: true });
          const seen: string[] = [];
          let page = await agencyInbox(pool, base, { limit: 2 });
          seen.push(...page.rows.map((r) => r.id));
          while (page.more && page.last) {
            page = await agencyInbox(pool, base, { limit: 2, after: page.last });
            seen.push(...page.rows.map((r) => r.id));
          }
          expect(seen, sort).to.deep.equal(whole.rows.map((r) => r.id));
          expect(seen.filter((id) => id.startsWith(`K-${run}-`))).to.have.length(5);
          expect(whole.total).to.deep.equal({ value: seen.length, exact: true });
        }
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }
    });

    it('page the suspense list and a company’s cases, and refuse an offset', async () => {
      const whole = await call('GET', '/api/v1/suspense?status=all&limit=500', { as: 'system-pmlp' });
      const pages = await allPages('/api/v1/suspense?status=all&limit=3', 'system-pmlp', 200);
      expect(idsOf(pages)).to.deep.equal(whole.body.items.map((s: { id: string }) => s.id));
      const db = await listSuspense(stack.db.pool, 'pmlp', { status: 'all' }, { limit: 1, count: true, countThreshold: 0 });
      if (whole.body.items.length > 0) expect(db.total?.exact).to.equal(false);
      expect((await call('GET', '/api/v1/suspense?offset=3', { as: 'system-pmlp' })).status).to.equal(400);

      const company = '/api/v1/organisations/44103092157/cases';
      const own = await stack.db.pool.query<{ id: string }>(
        "SELECT id FROM cases WHERE recipient_type = 'legal' AND recipient_id = '44103092157' ORDER BY status_at DESC, id DESC",
      );
      const companyPages = await allPages(`${company}?limit=1&count=true`, 'citizen-liga');
      expect(idsOf(companyPages)).to.deep.equal(own.rows.map((r) => r.id));
      expect(companyPages[0]).to.include({ total: own.rows.length, totalExact: true });
      expect((await call('GET', `${company}?offset=1`, { as: 'citizen-liga' })).status).to.equal(400);
    });
  });
});
