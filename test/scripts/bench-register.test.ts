// bench:register's generator and report on a tiny register (10,000 cases) in a scratch database: the generated mix
// is what the benchmark says it is, what the load dropped is back (indexes, foreign keys, the timeline triggers), and
// every question the benchmark asks gets the same answer from the platform's functions as from the baseline's naive
// SQL (so the table compares like with like). No timing is asserted.
import { expect } from 'chai';
import { stack } from '../setup';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../../scripts/seed/seed';
import { AGENCIES, CITIZEN, CITIZEN_CASES, generate } from '../../scripts/bench/register/generate';
import { pickSubjects, queries } from '../../scripts/bench/register/measure';
import { relationSizes, sizeReport } from '../../scripts/bench/register/sizes';

const N = 10_000;

/** The case ids of an answer: a page ({ rows }), a query result ({ rows }) or one case. */
function ids(answer: unknown): string[] {
  const rows = (answer as { rows?: Array<{ id: string }> }).rows ?? (answer ? [answer as { id: string }] : []);
  return rows.map((r) => r.id);
}

describe('bench:register generator and report (tiny register)', function () {
  this.timeout(120_000);
  let db: Database;
  let url: string;
  let original: { indexes: string[]; keys: string[] };

  const names = async (sql: string) => (await db.pool.query<{ n: string }>(sql)).rows.map((r) => r.n).sort();
  const structure = async () => ({
    indexes: await names("SELECT indexname AS n FROM pg_indexes WHERE tablename IN ('cases','case_status_events')"),
    keys: await names(
      // The tables' own keys (conparentid = 0): a key to a partitioned table also has one row per referenced partition.
      "SELECT conname AS n FROM pg_constraint WHERE contype = 'f' AND conparentid = 0 AND conrelid IN ('cases'::regclass, 'case_status_events'::regclass)",
    ),
  });

  before(async () => {
    const u = new URL(stack.databaseUrl);
    u.pathname = `${u.pathname}_bench_register`;
    url = u.toString();
    await dropDatabase(url);
    await ensureDatabaseExists(url);
    db = connectDatabase(url, { poolSize: 16 });
    await migrate(db);
    await seedReferenceData(db);
    original = await structure();
    await generate(db, N, () => undefined);
  });

  after(async () => {
    await db?.close();
    if (url) await dropDatabase(url);
  });

  it('generates N cases for 20 agencies, 2–4 status events each, and the citizen with 5,000 cases', async () => {
    const { rows } = await db.pool.query<{ cases: number; agencies: number; citizen: number; channels: number; statuses: number }>(
      `SELECT count(*)::int AS cases, count(DISTINCT agency_id)::int AS agencies, count(DISTINCT channel)::int AS channels,
              count(DISTINCT status)::int AS statuses, count(*) FILTER (WHERE recipient_id = $1)::int AS citizen FROM cases`,
      [CITIZEN.id],
    );
    expect(rows[0]).to.include({ cases: N, agencies: AGENCIES, citizen: CITIZEN_CASES, channels: 6 });
    expect(rows[0].statuses).to.be.greaterThan(5);
    const events = await db.pool.query<{ min: number; max: number; last_is_status: boolean }>(
      `SELECT min(n)::int AS min, max(n)::int AS max, bool_and(last = status) AS last_is_status FROM (
         SELECT c.id, c.status, count(e.id) AS n, (array_agg(e.status ORDER BY e.at DESC, e.id DESC))[1] AS last
           FROM cases c JOIN case_status_events e ON e.case_id = c.id GROUP BY c.id, c.status) x`,
    );
    expect(events.rows[0]).to.deep.equal({ min: 2, max: 4, last_is_status: true });
    const span = await db.pool.query<{ years: number }>(
      'SELECT extract(epoch FROM max(registered_at) - min(registered_at)) / 31557600 AS years FROM cases',
    );
    expect(Number(span.rows[0].years)).to.be.within(9.9, 10.1);
  });

  it('puts back what the load dropped: the indexes, the foreign keys and the timeline triggers', async () => {
    expect(await structure()).to.deep.equal(original);
    const disabled = await db.pool.query(
      "SELECT tgname FROM pg_trigger WHERE tgrelid IN ('cases'::regclass, 'case_status_events'::regclass) AND NOT tgisinternal AND tgenabled = 'D'",
    );
    expect(disabled.rows).to.deep.equal([]);
    const baseline = await db.pool.query("SELECT indexname FROM pg_indexes WHERE tablename = 'cases_baseline'");
    expect(baseline.rows).to.deep.equal([{ indexname: 'cases_baseline_pkey' }]);
  });

  it('asks the platform and the baseline the same questions and gets the same cases', async () => {
    const subjects = await pickSubjects(db.pool, N);
    for (const q of queries(db.pool, subjects)) {
      const [platform, baseline] = [ids(await q.platform()), ids(await q.baseline())];
      expect(platform, q.name).to.deep.equal(baseline);
      if (!q.name.includes('page 200')) expect(platform.length, q.name).to.be.greaterThan(0);
    }
  });

  it('reports sizes per table and index, and bytes per case', async () => {
    const lines = sizeReport(await relationSizes(db.pool), N);
    expect(lines.join('\n'))
      .to.match(/cases_pkey/)
      .and.to.match(/per case: 2\.\d\d status events; \d+ bytes with indexes/);
  });
});
