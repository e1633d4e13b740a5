// The case register partitioned by quarter (migration 0031, db/cases/partitions.ts): case ids and agencies' external
// ids stay unique over every quarter (case_keys), a lookup by id reads one partition, lists page across quarters,
// quarters are made on demand, ahead (race-safe) and by the daily schedule, and an old quarter detaches for archiving.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { personalCode, uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { withWorker } from '../../helpers/time-skipping';
import { registerCases, type Registrar } from '../../../db/cases/register-cases';
import { reserveCaseIds } from '../../../db/cases/reserve-case-ids';
import { casesOfAgency, findCase } from '../../../db/cases/read-cases';
import {
  detachPartition,
  ensurePartitionsAhead,
  listPartitions,
  quarterOf,
  registeredAtOf,
  shiftQuarter,
} from '../../../db/cases/partitions';
import { createCasePartitionActivities } from '../../../activities/case-partitions';
import { CASE_PARTITIONS_SCHEDULE_ID, type CasePartitionsResult } from '../../../workflows/case-partitions/api';

const run = uniqueSuffix();
let seq = 0;
const registrar: Registrar = { agencyId: 'pmlp', actorType: 'system', actorId: 'partition-test' };
const item = (registeredAt: string, extra: Record<string, unknown> = {}) => ({
  externalId: `P-${run}-${(seq += 1)}`,
  serviceId: 'declared-address-statement',
  channel: 'post',
  recipient: { type: 'natural', id: personalCode(5151) },
  registeredAt,
  ...extra,
});
const partitionOf = async (table: 'cases' | 'case_status_events', column: string, id: string) =>
  (await stack.db.pool.query<{ t: string }>(`SELECT tableoid::regclass::text AS t FROM ${table} WHERE ${column} = $1`, [id])).rows.map(
    (r) => r.t,
  );

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Loops'?: number;
  'Subplans Removed'?: number;
  Plans?: PlanNode[];
}
/** Every scan of a partition of `parent` the plan ran (at least once). */
function partitionsScanned(node: PlanNode, parent: string): string[] {
  const own = node['Relation Name']?.startsWith(`${parent}_`) && (node['Actual Loops'] ?? 0) > 0 ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap((p) => partitionsScanned(p, parent))];
}
async function explain(sql: string, params: unknown[]): Promise<PlanNode> {
  const { rows } = await stack.db.pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params);
  return rows[0]['QUERY PLAN'][0].Plan;
}

describe('case register partitions', () => {
  it('keeps an external id unique over quarters: sent again with another quarter it is "existing", never a second case', async () => {
    const first = item('2019-05-01T10:00:00Z');
    const [created] = await registerCases(stack.appDb.pool, registrar, [first]);
    expect(created.outcome).to.equal('created');
    const [again] = await registerCases(stack.appDb.pool, registrar, [{ ...first, registeredAt: new Date().toISOString() }]);
    expect(again).to.include({ outcome: 'existing', id: created.outcome === 'created' ? created.id : '' });
    const n = await stack.db.pool.query('SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND external_id = $2', [
      'pmlp',
      first.externalId,
    ]);
    expect(n.rows[0].n).to.equal(1);
  });

  it('refuses a reserved case id used again in another quarter', async () => {
    const [id] = await reserveCaseIds(stack.appDb.pool, 'pmlp', 1, 'partition-test');
    const [used] = await registerCases(stack.appDb.pool, registrar, [item('2018-02-01T10:00:00Z', { caseId: id })]);
    expect(used).to.include({ outcome: 'created', id });
    const [reused] = await registerCases(stack.appDb.pool, registrar, [item(new Date().toISOString(), { caseId: id })]);
    expect(reused.outcome).to.equal('failed');
    expect(reused.outcome === 'failed' && reused.error.code).to.equal('case_id_already_used');
    expect(await partitionOf('cases', 'id', id)).to.deep.equal(['cases_2018q1']);
  });

  it('reads a case by id from exactly one partition of cases and of its status events', async () => {
    const [r] = await registerCases(stack.appDb.pool, registrar, [item('2020-08-15T10:00:00Z')]);
    const id = r.outcome === 'created' ? r.id : '';
    const partitions = await listPartitions(stack.db.pool);
    expect(partitions.length).to.be.greaterThan(3);
    const byId = await explain(`SELECT c.* FROM cases c WHERE c.id = $1 AND c.registered_at = ${registeredAtOf('$1')}`, [id]);
    expect(partitionsScanned(byId, 'cases')).to.deep.equal(['cases_2020q3']);
    const events = await explain(
      `SELECT e.* FROM case_status_events e WHERE e.case_id = $1 AND e.case_registered_at = ${registeredAtOf('$1')}`,
      [id],
    );
    expect(partitionsScanned(events, 'case_status_events')).to.deep.equal(['case_status_events_2020q3']);
    expect((await findCase(stack.appDb.pool, id))?.id).to.equal(id);
  });

  it('pages the agency list across quarters with no gap and no repeat', async () => {
    const quarters = ['2017-03-03', '2019-11-11', '2021-06-06', '2023-01-01', '2024-09-09', '2025-12-12', '2026-01-02'];
    const results = await registerCases(
      stack.appDb.pool,
      registrar,
      quarters.map((d) => item(`${d}T08:00:00Z`)),
    );
    const ids = results.map((r) => (r.outcome === 'created' ? r.id : ''));
    // Newest of the agency's list (a status time no other test uses), two of them tied to the microsecond.
    await stack.db.pool.query(
      `UPDATE cases SET status_at = '2170-01-01T00:00:00Z'::timestamptz - (CASE WHEN id = ANY($2::text[]) THEN 0 ELSE array_position($1::text[], id) END) * interval '1 minute'
        WHERE id = ANY($1::text[])`,
      [ids, ids.slice(0, 2)],
    );
    const expected = (
      await stack.db.pool.query<{ id: string }>('SELECT id FROM cases WHERE id = ANY($1::text[]) ORDER BY status_at DESC, id DESC', [ids])
    ).rows.map((r) => r.id);
    const seen: string[] = [];
    let after: { at: string; id: string } | undefined;
    while (seen.length < ids.length) {
      const page = await casesOfAgency(stack.appDb.pool, 'pmlp', {}, { limit: 2, after, count: false, countThreshold: 0 });
      seen.push(...page.rows.map((c) => c.id));
      after = page.last;
      if (!page.more) break;
    }
    expect(new Set(seen).size, 'no case twice').to.equal(seen.length);
    expect(seen.slice(0, ids.length)).to.deep.equal(expected);
  });

  it('makes an old quarter on demand when a case of it is registered (as the application role)', async () => {
    const [r] = await registerCases(stack.appDb.pool, registrar, [item('2012-02-10T09:00:00Z')]);
    expect(r.outcome).to.equal('created');
    const id = r.outcome === 'created' ? r.id : '';
    expect(await partitionOf('cases', 'id', id)).to.deep.equal(['cases_2012q1']);
    expect(await partitionOf('case_status_events', 'case_id', id)).to.deep.equal(['case_status_events_2012q1']);
  });

  it('makes quarters ahead idempotently, and two nodes racing both succeed with each quarter made once', async () => {
    // Three quarters from now: the migration made the current one and two ahead, no other test makes these.
    const now = shiftQuarter(quarterOf(new Date()), 3).from;
    const wanted = [3, 4, 5].map((n) => shiftQuarter(quarterOf(new Date()), n).name);
    const [a, b] = await Promise.all([
      ensurePartitionsAhead(stack.db.pool, { ahead: 2, now }),
      ensurePartitionsAhead(stack.appDb.pool, { ahead: 2, now }),
    ]);
    expect([...a.created, ...b.created].sort()).to.deep.equal(wanted);
    const again = await ensurePartitionsAhead(stack.appDb.pool, { ahead: 2, now });
    expect(again.created).to.deep.equal([]);
    expect(again.existing).to.include.members(wanted);
  });

  it('detaches an old quarter for archiving: standalone tables keep its cases and events, the lists forget them, the id stays taken', async () => {
    const [r] = await registerCases(stack.appDb.pool, registrar, [item('2013-05-05T09:00:00Z', { status: 'completed' })]);
    const id = r.outcome === 'created' ? r.id : '';
    expect(await detachPartition(stack.db.pool, '2013q2')).to.deep.equal(['case_status_events_2013q2', 'cases_2013q2']);
    const archived = await stack.db.pool.query('SELECT id FROM cases_2013q2 WHERE id = $1', [id]);
    expect(archived.rowCount).to.equal(1);
    const events = await stack.db.pool.query('SELECT status FROM case_status_events_2013q2 WHERE case_id = $1 ORDER BY id', [id]);
    expect(events.rows.map((e) => e.status)).to.deep.equal(['submitted', 'completed']);
    expect((await listPartitions(stack.db.pool)).map((p) => p.quarter)).not.to.include('2013q2');
    expect(await findCase(stack.appDb.pool, id)).to.equal(null);
    const list = await casesOfAgency(
      stack.appDb.pool,
      'pmlp',
      { externalId: `P-${run}-${seq}` },
      { limit: 5, count: false, countThreshold: 0 },
    );
    expect(list.rows).to.deep.equal([]);
    // The id and the external id stay in case_keys: a reserved id is never reused, a resent case is not registered again.
    const keys = await stack.db.pool.query('SELECT registered_at FROM case_keys WHERE id = $1', [id]);
    expect(keys.rowCount).to.equal(1);
  });

  it('refuses to make a quarter more than five years ahead (the application role may call the function)', async () => {
    let refused: { code?: string } | undefined;
    await ensurePartitionsAhead(stack.appDb.pool, { ahead: 0, now: new Date('2091-05-05T00:00:00Z') }).catch(
      (e: { code?: string }) => (refused = e),
    );
    expect(refused?.code).to.equal('22023');
  });

  it('refuses to detach the current quarter', async () => {
    const current = quarterOf(new Date()).name;
    let refused: Error | undefined;
    await detachPartition(stack.db.pool, current).catch((e: Error) => (refused = e));
    expect(refused?.message).to.match(/current or in the future/);
    expect((await listPartitions(stack.db.pool)).map((p) => p.quarter)).to.include(current);
  });

  it('answers 503 temporarily_unavailable, not 500, when a registration time has no partition', async () => {
    // The API's node learns 2014q3 exists; the quarter is then detached behind its back (another node's operator).
    const registered = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: item('2014-08-08T09:00:00Z') });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    await detachPartition(stack.db.pool, '2014q3');
    const res = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: item('2014-08-09T09:00:00Z') });
    expect(res.status, JSON.stringify(res.body)).to.equal(503);
    expect(res.body.error.code).to.equal('temporarily_unavailable');
  });

  it('still enforces the foreign key from applications to a case (now to case_keys)', async () => {
    let err: { code?: string } | undefined;
    await stack.db.pool
      .query(
        `INSERT INTO applications (case_id, definition_id, definition_version, agency_id, recipient_type, recipient_id, created_by, expires_at)
         SELECT 'NO-SUCH-CASE', v.definition_id, v.version, 'pmlp', 'natural', '01018012345', 'test', now() + interval '1 day'
           FROM eservice_definition_versions v LIMIT 1`,
      )
      .catch((e: { code?: string }) => (err = e));
    expect(err?.code).to.equal('23503');
  });

  it('runs maintainCasePartitions with the real activity: the current quarter and two ahead exist', async () => {
    const result = await withWorker(createCasePartitionActivities({ pool: stack.appDb.pool }), async ({ env, taskQueue }) =>
      env.client.workflow.execute('maintainCasePartitions', { taskQueue, workflowId: `partitions-${run}`, args: [{ ahead: 2 }] }),
    );
    const current = quarterOf(new Date());
    const wanted = [0, 1, 2].map((n) => shiftQuarter(current, n).name);
    expect((result as CasePartitionsResult).existing).to.include.members(wanted);
  });

  it('is scheduled daily at API boot (case-register-partitions, 03:00 Riga time)', async () => {
    const client = await stack.api.deps.temporal();
    const described = await waitFor('the partitions schedule', async () =>
      client.schedule.getHandle(CASE_PARTITIONS_SCHEDULE_ID).describe(),
    );
    expect(described.action).to.deep.include({ type: 'startWorkflow', workflowType: 'maintainCasePartitions', taskQueue: stack.taskQueue });
    const riga = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Riga', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    expect(described.info.nextActionTimes.map((d) => riga.format(d))).to.satisfy((times: string[]) => times.every((t) => t === '03:00'));
  });
});
