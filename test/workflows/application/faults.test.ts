// Faults lose nothing (issue 3, section 5): a worker killed with SIGKILL while 50 residence declarations are in
// flight, registers failing 30% of calls, and a Temporal dev server restarted on its database file. Every
// application completes, with one document, one notification, one e-address message per status and no
// duplicated status.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { Client, Connection } from '@temporalio/client';
import { stack } from '../../setup';
import { waitFor } from '../../helpers/wait';
import { uniqueSuffix } from '../../helpers/cases';
import {
  caseStatuses,
  driveResidenceDeclaration,
  openResidenceDeclaration,
  registerPersons,
  waitForPrefill,
  OFFICER_PMLP,
  type OpenedApplication,
} from '../../helpers/applications';
import { ensureTemporalCli } from '../../../scripts/lib/temporal-cli';
import { waitForTemporal } from '../../../scripts/lib/temporal-server';
import { applicationWorkflowId, claimTaskUpdate, viewQuery } from '../../../workflows/application/api';

const ROOT = path.resolve(__dirname, '../../..');
const STATUSES = ['draft', 'submitted', 'in_progress', 'completed'];

interface Child {
  process: ChildProcess;
  stderr: string[];
}
const children: Child[] = [];

/** A worker process (`node --import tsx activities/worker.ts`); its stderr is kept and shown if a test fails. */
function startWorker(taskQueue: string, env: NodeJS.ProcessEnv = {}): Child {
  const child: Child = {
    process: spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'activities/worker.ts')], {
      cwd: ROOT,
      env: { ...stack.childEnv, TEMPORAL_TASK_QUEUE: taskQueue, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    }),
    stderr: [],
  };
  child.process.stderr?.on('data', (chunk: Buffer) => {
    child.stderr.push(chunk.toString());
    if (child.stderr.length > 200) child.stderr.shift();
  });
  children.push(child);
  return child;
}

async function kill(proc: ChildProcess, signal: NodeJS.Signals = 'SIGKILL', graceMs = 15_000): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill(signal);
  const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Opens n residence declarations, a few at a time (the pool is shared with the rest of the stack). */
async function openMany(n: number, temporal: () => Promise<Client>, taskQueue: string): Promise<OpenedApplication[]> {
  const apps: OpenedApplication[] = [];
  for (let i = 0; i < n; i += 10) {
    apps.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, n - i) }, (_, k) => openResidenceDeclaration(stack.db.pool, temporal, taskQueue, i + k)),
      )),
    );
  }
  return apps;
}

const expectedSubjects = (caseId: string) => [
  'Dzīvesvieta deklarēta / Your residence is declared',
  `Pieteikums ${caseId}: Apstrādē / Application ${caseId}: In progress`,
  `Pieteikums ${caseId}: Iesniegts / Application ${caseId}: Submitted`,
  `Pieteikums ${caseId}: Pabeigts / Application ${caseId}: Completed`,
];

/** Everything an application leaves behind, checked for exactly-once: statuses, task, document, notification, e-address. */
async function expectEachOnce(caseIds: string[]): Promise<void> {
  const pool = stack.db.pool;
  const statuses = await caseStatuses(pool, caseIds);
  expect([...statuses.values()].filter((s) => s === 'completed')).to.have.length(caseIds.length);

  const events = await pool.query<{ case_id: string; statuses: string[]; keys: number }>(
    `SELECT case_id, array_agg(status ORDER BY id) AS statuses, count(DISTINCT idempotency_key)::int AS keys
       FROM case_status_events WHERE case_id = ANY($1) GROUP BY case_id`,
    [caseIds],
  );
  expect(events.rows).to.have.length(caseIds.length);
  for (const row of events.rows) {
    expect(row.statuses, `status history of ${row.case_id}`).to.deep.equal(STATUSES);
    expect(row.keys, `idempotency keys of ${row.case_id}`).to.equal(3); // submitted, in_progress, completed
  }

  const documents = await pool.query<{ case_id: string; id: string }>('SELECT case_id, id FROM documents WHERE case_id = ANY($1)', [
    caseIds,
  ]);
  expect(documents.rows.map((d) => d.case_id).sort(), 'one document per case').to.deep.equal([...caseIds].sort());
  for (const d of documents.rows) expect(d.id).to.equal(`${d.case_id}:decision-document`);

  const tasks = await pool.query<{ case_id: string; id: string; status: string; outcome: string }>(
    'SELECT case_id, id, status, outcome FROM tasks WHERE case_id = ANY($1)',
    [caseIds],
  );
  expect(tasks.rows.map((t) => t.case_id).sort(), 'one officer task per case').to.deep.equal([...caseIds].sort());
  for (const t of tasks.rows) expect(t).to.deep.include({ id: `${t.case_id}:decision:1`, status: 'completed', outcome: 'approve' });

  const notifications = await pool.query<{ case_id: string; id: string; e_address_message_id: string | null }>(
    'SELECT case_id, id, e_address_message_id FROM notifications WHERE case_id = ANY($1)',
    [caseIds],
  );
  expect(notifications.rows.map((n) => n.case_id).sort(), 'one notification per case').to.deep.equal([...caseIds].sort());
  for (const n of notifications.rows) {
    expect(n.id).to.equal(`application:${n.case_id}/notify:declared`);
    expect(n.e_address_message_id, `e-address copy of the notification of ${n.case_id}`).to.be.a('string');
  }

  const deliveries = await pool.query<{ case_id: string; idempotency_key: string; message_id: string | null }>(
    'SELECT case_id, idempotency_key, message_id FROM e_address_deliveries WHERE case_id = ANY($1)',
    [caseIds],
  );
  expect(deliveries.rows).to.have.length(caseIds.length * 4);
  const byCase = new Map<string, string[]>();
  for (const d of deliveries.rows) {
    expect(d.message_id, `e-address delivery ${d.idempotency_key}`).to.be.a('string');
    byCase.set(d.case_id, [...(byCase.get(d.case_id) ?? []), d.idempotency_key]);
  }
  for (const caseId of caseIds) {
    expect((byCase.get(caseId) ?? []).sort(), `e-address deliveries of ${caseId}`).to.deep.equal([
      `application:${caseId}/notify:declared/e-address`,
      `application:${caseId}/status:1/e-address`,
      `application:${caseId}/status:2/e-address`,
      `application:${caseId}/status:3/e-address`,
    ]);
  }
  expect(new Set(deliveries.rows.map((d) => d.message_id)).size, 'distinct e-address messages').to.equal(deliveries.rows.length);

  // The mailbox itself: one message per status and one notification per case, the ones the deliveries recorded.
  const { rows: recipients } = await pool.query<{ recipient_id: string }>('SELECT DISTINCT recipient_id FROM cases WHERE id = ANY($1)', [
    caseIds,
  ]);
  const mine = new Set(caseIds);
  const messages: Array<{ caseId: string; subject: string; messageId: string }> = [];
  for (const { recipient_id } of recipients) {
    const res = await fetch(`${stack.simulators.urls.eAddress}/messages?recipientType=natural&recipientId=${recipient_id}`);
    const { items } = (await res.json()) as { items: Array<{ caseId: string; subject: string; messageId: string }> };
    messages.push(...items.filter((m) => mine.has(m.caseId)));
  }
  for (const caseId of caseIds) {
    const subjects = messages
      .filter((m) => m.caseId === caseId)
      .map((m) => m.subject)
      .sort();
    expect(subjects, `e-address messages of ${caseId}`).to.deep.equal(expectedSubjects(caseId));
  }
  expect(messages.map((m) => m.messageId).sort()).to.deep.equal(deliveries.rows.map((d) => d.message_id).sort());
}

describe('workflows/application faults', () => {
  // Each test's workers end with it; a failed test shows what its workers wrote to stderr.
  afterEach(async function () {
    this.timeout(60_000);
    if (this.currentTest?.state === 'failed') {
      for (const [i, child] of children.entries()) {
        const log = child.stderr.join('').trim();
        if (log) console.error(`--- worker ${i} (pid ${child.process.pid}) stderr, last lines ---\n${log.slice(-6000)}`);
      }
    }
    await Promise.all(children.splice(0).map((c) => kill(c.process)));
  });

  after(async function () {
    this.timeout(60_000);
    await Promise.all(children.splice(0).map((c) => kill(c.process)));
  });

  it('completes 50 applications in flight after the worker is killed, each document, notification and status once', async function () {
    this.timeout(300_000);
    const queue = `faults-kill-${uniqueSuffix()}`;
    const client = stack.temporal.client;
    const temporal = async () => client;
    const pool = stack.db.pool;

    const first = startWorker(queue);
    const apps = await openMany(50, temporal, queue);
    const caseIds = apps.map((a) => a.caseId);
    await Promise.all(caseIds.map((id) => waitForPrefill(pool, id, 120_000)));

    // 30 go straight through to the officer's approval; 20 stay at the officer task until after the kill.
    let releaseHeld!: () => void;
    const held = new Promise<void>((r) => {
      releaseHeld = r;
    });
    const drivers = apps.map((app, i) =>
      driveResidenceDeclaration(client, pool, app, { timeoutMs: 240_000, ...(i % 5 < 2 ? { approveWhen: held } : {}) }),
    );
    drivers.forEach((d) => d.catch(() => undefined)); // awaited below; no unhandled rejection meanwhile

    const snapshot = async () =>
      (
        await pool.query<{ documents: number; open_tasks: number; completed: number; submitted: number }>(
          `SELECT (SELECT count(*)::int FROM documents WHERE case_id = ANY($1)) AS documents,
              (SELECT count(*)::int FROM tasks WHERE case_id = ANY($1) AND status IN ('open','claimed')) AS open_tasks,
              (SELECT count(*)::int FROM cases WHERE id = ANY($1) AND status = 'completed') AS completed,
              (SELECT count(*)::int FROM cases WHERE id = ANY($1) AND status <> 'draft') AS submitted`,
          [caseIds],
        )
      ).rows[0];
    await waitFor(
      'some decisions issued while others wait for the officer',
      async () => {
        const s = await snapshot();
        return s.documents >= 3 && s.open_tasks >= 5;
      },
      120_000,
      50,
    );
    await kill(first.process, 'SIGKILL');
    const atKill = await snapshot();
    expect(atKill.completed, `the applications were still in flight when the worker was killed: ${JSON.stringify(atKill)}`).to.be.lessThan(
      50,
    );
    expect(atKill.open_tasks).to.be.greaterThan(0);

    startWorker(queue);
    releaseHeld();
    const ends = await Promise.all(drivers);
    expect(ends.map((v) => v.status)).to.deep.equal(caseIds.map(() => 'completed'));
    // The workflows end once the e-address copies are delivered; then nothing more is written.
    const results = await Promise.all(caseIds.map((id) => client.workflow.getHandle(applicationWorkflowId(id)).result()));
    expect(results.map((r: { status: string }) => r.status)).to.deep.equal(caseIds.map(() => 'completed'));
    await expectEachOnce(caseIds);

    // The kill hit work in flight: some workflow or activity tasks of the killed worker had to time out.
    let timedOut = 0;
    for (const id of caseIds) {
      const { events } = await client.workflow.getHandle(applicationWorkflowId(id)).fetchHistory();
      timedOut += (events ?? []).filter((e) => e.activityTaskTimedOutEventAttributes || e.workflowTaskTimedOutEventAttributes).length;
    }
    expect(timedOut, 'tasks of the killed worker that timed out').to.be.greaterThan(0);
  });

  it('completes every application while the population and address registers fail 30% of calls', async function () {
    this.timeout(240_000);
    const client = stack.temporal.client;
    const pool = stack.db.pool;
    const { populationRegister, addressRegister } = stack.simulators.urls;
    const faulty = [populationRegister, addressRegister];
    try {
      for (const url of faulty) {
        const res = await fetch(`${url}/_faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ errorRate: 0.3 }),
        });
        expect(res.status).to.equal(200);
      }
      // The faults are on: some direct calls to the register fail.
      const probes = await Promise.all(
        Array.from({ length: 40 }, () => fetch(`${populationRegister}/persons/${registerPersons[0].personalCode}`).then((r) => r.status)),
      );
      expect(probes).to.include(503);

      // A worker of its own (its retry warnings stay in its stderr, shown only if the test fails).
      const queue = `faults-registers-${uniqueSuffix()}`;
      startWorker(queue);
      const apps = await openMany(20, async () => client, queue);
      const ends = await Promise.all(apps.map((app) => driveResidenceDeclaration(client, pool, app, { timeoutMs: 200_000 })));
      expect(ends.map((v) => v.status)).to.deep.equal(apps.map(() => 'completed'));
      await Promise.all(apps.map((a) => client.workflow.getHandle(applicationWorkflowId(a.caseId)).result()));

      // The prefill never gave up silently: every applicant's name and code came from the register.
      const { rows } = await pool.query<{ case_id: string; draft_data: any; submitted_data: any; waiting_reason: string | null }>(
        'SELECT case_id, draft_data, submitted_data, waiting_reason FROM applications WHERE case_id = ANY($1)',
        [apps.map((a) => a.caseId)],
      );
      expect(rows).to.have.length(20);
      for (const app of apps) {
        const row = rows.find((r) => r.case_id === app.caseId);
        const applicant = { givenName: app.person.givenName, familyName: app.person.familyName, personalCode: app.person.personalCode };
        expect(row?.draft_data.applicant, `prefill of ${app.caseId}`).to.deep.equal(applicant);
        expect(row?.submitted_data.applicant).to.deep.equal(applicant);
        expect(row?.waiting_reason).to.equal(null);
      }
      await expectEachOnce(apps.map((a) => a.caseId));
    } finally {
      await Promise.all(faulty.map((url) => fetch(`${url}/_faults`, { method: 'DELETE' })));
    }
  });

  describe('when the Temporal dev server restarts', () => {
    let dir = '';
    let server: ChildProcess | null = null;
    let connection: Connection | null = null;
    const serverLog: string[] = [];

    async function startServer(port: number): Promise<ChildProcess> {
      const child = spawn(
        ensureTemporalCli(),
        [
          'server',
          'start-dev',
          '--db-filename',
          path.join(dir, 't.db'),
          '--ip',
          '127.0.0.1',
          '--port',
          String(port),
          '--headless',
          '--log-level',
          'error',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      child.stderr?.on('data', (chunk: Buffer) => {
        serverLog.push(chunk.toString());
      });
      const exited = new Promise<never>((_, reject) =>
        child.once('exit', (code) => reject(new Error(`the Temporal dev server exited with ${code}: ${serverLog.join('').slice(-2000)}`))),
      );
      exited.catch(() => undefined);
      await Promise.race([waitForTemporal(`127.0.0.1:${port}`, 60_000), exited]);
      return child;
    }

    afterEach(function () {
      if (this.currentTest?.state === 'failed' && serverLog.length)
        console.error(`--- Temporal dev server stderr ---\n${serverLog.join('').slice(-4000)}`);
    });

    after(async function () {
      this.timeout(60_000);
      await Promise.all(children.splice(0).map((c) => kill(c.process)));
      if (server) await kill(server, 'SIGTERM');
      await connection?.close().catch(() => undefined);
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('keeps every running application and completes them afterwards', async function () {
      this.timeout(240_000);
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-temporal-restart-'));
      const port = await freePort();
      const address = `127.0.0.1:${port}`;
      server = await startServer(port);
      connection = await Connection.connect({ address });
      const client = new Client({ connection, namespace: 'default' });
      const queue = `faults-restart-${uniqueSuffix()}`;
      startWorker(queue, { TEMPORAL_ADDRESS: address });
      const pool = stack.db.pool;

      const apps = await openMany(5, async () => client, queue);
      const atTask = await Promise.all(
        apps.map((app) => driveResidenceDeclaration(client, pool, app, { stopAtTask: true, timeoutMs: 120_000 })),
      );
      expect(atTask.map((v) => v.status)).to.deep.equal(apps.map(() => 'in_progress'));
      // Two tasks are claimed before the restart: the claim must survive it too.
      for (const [i, app] of apps.slice(0, 2).entries()) {
        await client.workflow
          .getHandle(applicationWorkflowId(app.caseId))
          .executeUpdate(claimTaskUpdate, { args: [{ taskId: atTask[i].openTask?.id, officer: OFFICER_PMLP }] });
      }

      await kill(server, 'SIGTERM', 30_000);
      expect(server.exitCode ?? server.signalCode, 'the server has stopped').to.not.equal(null);
      server = await startServer(port);

      for (const [i, app] of apps.entries()) {
        const description = await waitFor(
          'the workflow after the restart',
          () => client.workflow.getHandle(applicationWorkflowId(app.caseId)).describe(),
          60_000,
          500,
        );
        expect(description.status.name, `workflow of ${app.caseId} after the restart`).to.equal('RUNNING');
        const view = await waitFor(
          'the worker to answer again',
          () =>
            client.connection.withDeadline(Date.now() + 10_000, () =>
              client.workflow.getHandle(applicationWorkflowId(app.caseId)).query(viewQuery),
            ),
          90_000,
          500,
        );
        expect(view.openTask?.id).to.equal(atTask[i].openTask?.id);
        expect(view.openTask?.claimedBy ?? null).to.equal(i < 2 ? OFFICER_PMLP.id : null);
      }

      const ends = await Promise.all(apps.map((app) => driveResidenceDeclaration(client, pool, app, { timeoutMs: 120_000 })));
      expect(ends.map((v) => v.status)).to.deep.equal(apps.map(() => 'completed'));
      await Promise.all(apps.map((a) => client.workflow.getHandle(applicationWorkflowId(a.caseId)).result()));
      await expectEachOnce(apps.map((a) => a.caseId));
    });
  });
});
