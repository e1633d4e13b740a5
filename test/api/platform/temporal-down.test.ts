// When Temporal is down or no worker runs (issue 13, section 7): requests that need it answer 503
// temporarily_unavailable with Retry-After in the error shape, in seconds, and "open application" repeated with the
// same Idempotency-Key after the outage answers the one case it created, never a second one.
import crypto from 'node:crypto';
import { expect } from 'chai';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { stack } from '../../setup';
import { waitFor } from '../../helpers/wait';
import type { ApiResponse } from '../../helpers/http';
import { apiFor, callAt } from '../../helpers/api-instance';
import type { RunningApi } from '../../../api/platform/server';
import { ensureTemporalCli } from '../../../scripts/lib/temporal-cli';
import { RESIDENCE_DECLARATION } from '../../helpers/applications';
import { createWorker } from '../../../activities/worker';
import { createActivities } from '../../../activities';

function expectUnavailable(res: ApiResponse): void {
  expect(res.status, JSON.stringify(res.body)).to.equal(503);
  expect(res.body.error).to.include({ code: 'temporarily_unavailable' });
  expect(res.body.error.details).to.be.an('array');
  expect(Number(res.headers.get('retry-after'))).to.be.greaterThan(0);
}

const fakeTasks: string[] = [];

/**
 * A task row for the application, as the workflow would have written it (the claim then needs Temporal). Removed
 * after each test: the agency's inbox is shared with the other tests of the run.
 */
async function taskFor(caseId: string): Promise<string> {
  const id = `${caseId}:decision:1`;
  await stack.db.pool.query(
    `INSERT INTO tasks (id, case_id, agency_id, step_id, title_lv, title_en, outcomes, status, due_at)
     VALUES ($1, $2, 'pmlp', 'decision', 'Lēmums', 'Decision', ARRAY['approve','reject'], 'open', now() + interval '1 day')`,
    [id, caseId],
  );
  fakeTasks.push(id);
  return id;
}

const open = (api: RunningApi, key: string, eserviceId = RESIDENCE_DECLARATION) =>
  callAt(api, 'POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId }, headers: { 'idempotency-key': key } });

describe('api: Temporal down or no worker', function () {
  this.timeout(120_000);
  afterEach(async () => {
    await stack.db.pool.query('DELETE FROM tasks WHERE id = ANY($1)', [fakeTasks.splice(0)]);
  });

  it('Temporal stopped mid-test: open application and a claim answer 503 with Retry-After; the retry opens the same case', async () => {
    const temporal = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: ensureTemporalCli() },
        ip: '127.0.0.1',
        log: { format: 'pretty', level: 'error' },
      },
    });
    const api = await apiFor(temporal.address, `down-${crypto.randomBytes(4).toString('hex')}`);
    let stopped = false;
    try {
      const first = await open(api, `open-${crypto.randomUUID()}`);
      expect(first.status, JSON.stringify(first.body)).to.equal(201); // connected while Temporal is up
      const task = await taskFor(first.body.id);

      await temporal.teardown(); // Temporal goes away under a connected API
      stopped = true;
      const key = `open-${crypto.randomUUID()}`;
      const refused = await open(api, key);
      expectUnavailable(refused);
      expectUnavailable(await callAt(api, 'POST', `/api/v1/tasks/${encodeURIComponent(task)}/claim`, { as: 'officer-pmlp' }));
      expectUnavailable(await callAt(api, 'POST', `/api/v1/applications/${first.body.id}/withdraw`, { as: 'citizen-anna', json: {} }));

      // The second click, with the same key, once Temporal answers again (the stack's API): the same case, once.
      const again = await callAt(stack.api, 'POST', '/api/v1/applications', {
        as: 'citizen-anna',
        json: { eserviceId: RESIDENCE_DECLARATION },
        headers: { 'idempotency-key': key },
      });
      expect(again.status, JSON.stringify(again.body)).to.be.oneOf([200, 201]);
      const { rows } = await stack.db.pool.query('SELECT id FROM cases WHERE external_id LIKE $1', [`%:${key}`]);
      expect(rows.map((r) => r.id)).to.deep.equal([again.body.id]);
    } finally {
      await api.close();
      if (!stopped) await temporal.teardown();
    }
  });

  it('Temporal unreachable from the start (closed port): 503 temporarily_unavailable, not a 500', async () => {
    const api = await apiFor('127.0.0.1:1', `closed-${crypto.randomBytes(4).toString('hex')}`);
    try {
      expectUnavailable(await open(api, `open-${crypto.randomUUID()}`));
    } finally {
      await api.close();
    }
  });

  it('no worker on the task queue: submit, claim and withdraw answer 503 within the deadline instead of hanging', async () => {
    const api = await apiFor(stack.temporal.address, `no-worker-${crypto.randomBytes(4).toString('hex')}`);
    try {
      const opened = await open(api, `open-${crypto.randomUUID()}`, 'declared-address-statement');
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201); // starting a workflow needs no worker
      const caseId = opened.body.id as string;
      await stack.db.pool.query(`UPDATE applications SET draft_data = '{"purpose":"personal"}' WHERE case_id = $1`, [caseId]);
      expectUnavailable(await callAt(api, 'POST', `/api/v1/applications/${caseId}/submit`, { as: 'citizen-anna', json: {} }));
      const task = await taskFor(caseId);
      expectUnavailable(await callAt(api, 'POST', `/api/v1/tasks/${encodeURIComponent(task)}/claim`, { as: 'officer-pmlp' }));
      expectUnavailable(await callAt(api, 'POST', `/api/v1/applications/${caseId}/withdraw`, { as: 'citizen-anna', json: {} }));
    } finally {
      await api.close();
    }
  });

  it('a worker that takes the submit but does not finish in time: 202 with the application as Location', async () => {
    const taskQueue = `slow-${crypto.randomBytes(4).toString('hex')}`;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const real = createActivities({ pool: stack.db.pool, adapters: stack.adapters, seals: stack.seals });
    // Recording the new status waits (a slow database, say): the workflow has the submit, the answer is not ready.
    const worker = await createWorker(
      stack.temporal.nativeConnection,
      { namespace: 'default', taskQueue, pool: stack.db.pool, adapters: stack.adapters, seals: stack.seals },
      {
        activities: {
          ...real,
          recordStatus: async (req: Parameters<typeof real.recordStatus>[0]) => {
            await released;
            return real.recordStatus(req);
          },
        },
      },
    );
    const running = worker.run();
    const api = await apiFor(stack.temporal.address, taskQueue);
    try {
      const opened = await open(api, `open-${crypto.randomUUID()}`, 'declared-address-statement');
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      const caseId = opened.body.id as string;
      await stack.db.pool.query(`UPDATE applications SET draft_data = '{"purpose":"personal"}' WHERE case_id = $1`, [caseId]);
      const submitted = await callAt(api, 'POST', `/api/v1/applications/${caseId}/submit`, { as: 'citizen-anna', json: {} });
      expect(submitted.status, JSON.stringify(submitted.body)).to.equal(202);
      expect(submitted.headers.get('location')).to.equal(`/api/v1/applications/${caseId}`);
      expect(submitted.body).to.include({ accepted: true, href: `/api/v1/applications/${caseId}` });
      // Accepted means taken: once the work goes on, the application is submitted without a second request.
      release();
      await waitFor(
        'the submitted status',
        async () => (await stack.db.pool.query('SELECT status FROM cases WHERE id = $1', [caseId])).rows[0].status !== 'draft',
      );
    } finally {
      release();
      await api.close();
      worker.shutdown();
      await running;
    }
  });
});
