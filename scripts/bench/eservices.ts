// Benchmark of the e-service runtime (issue 3, section 6): N residence declarations through the generic interpreter
// (prefill, address check, officer task approved by the bench, decision document, notification), then, in the same
// run, a bare workflow with as many no-op activities split at the same human steps. Prints both throughputs, the
// latency from submit to the first status pushed on the citizen's socket, and the ratio. Goal: ratio ≥ 0.7.
//   npm run bench:eservices -- [--n 200] [--concurrency 40] [--poll-ms 20] [--rounds 1] [--detail] [--bare-first]
// --concurrency bounds applications in flight (submitted, not yet completed); the officer polls the tasks table
// (the bare workflow's "task open" is polled from memory at the same interval) and decides with the same bound.
// With --rounds R the two alternate R times and the figures are over all rounds. --detail reads every history.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { openApplication, saveDraft, loadDraftForSubmit } from '../../api/applications/commands';
import { ANNA_CODE, JANIS_CODE } from '../../simulators/population-register/data';
import {
  applicationWorkflowId,
  claimTaskUpdate,
  completeTaskUpdate,
  submitUpdate,
  type Actor,
  type SubmitRequest,
} from '../../workflows/application/api';
import { startBenchStack, type BenchStack } from './eservices-stack';
import {
  addToBreakdown,
  countActivities,
  formatBreakdown,
  newBreakdown,
  percentile,
  shapeFromHistory,
  shapeTotal,
} from './eservices-history';
import type { BareShape } from './bare-workflow';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string' },
    concurrency: { type: 'string' },
    'poll-ms': { type: 'string' },
    rounds: { type: 'string' },
    detail: { type: 'boolean' },
    'bare-first': { type: 'boolean' },
  },
});
const N = Number(args.n ?? 200);
const CONCURRENCY = Number(args.concurrency ?? 40);
const POLL_MS = Number(args['poll-ms'] ?? 20);
const ROUNDS = Number(args.rounds ?? 1);
const ESERVICE = 'residence-declaration';
const OFFICER: Actor = { type: 'staff', id: 'officer-pmlp', name: 'Ilze Ozola', agency: 'pmlp' };
// The two citizens with dev-login personas (both in the population register simulator) and a new dwelling each.
const CITIZENS = [
  {
    persona: 'citizen-anna',
    code: ANNA_CODE,
    givenName: 'Anna',
    familyName: 'Bērziņa',
    newAddress: { text: 'Elizabetes iela 21 - 7, Rīga, LV-1010', code: '105124308' },
  },
  {
    persona: 'citizen-janis',
    code: JANIS_CODE,
    givenName: 'Jānis',
    familyName: 'Kalniņš',
    newAddress: { text: 'Katoļu iela 2 - 8, Jelgava, LV-3001', code: '103211480' },
  },
];

/** What the citizen fills in on top of the prefilled fields. */
const formOf = (c: (typeof CITIZENS)[number]) => ({
  applicant: { givenName: c.givenName, familyName: c.familyName, personalCode: c.code },
  newAddress: c.newAddress,
  residenceBasis: 'tenant',
  residenceDocument: { kind: 'lease-agreement', number: 'D-2026/7', date: '2026-11-02' },
  declarationDate: new Date().toISOString().slice(0, 10),
  confirm: true,
});

const log = (msg: string) => console.error(`[bench] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs at most `max` functions at once; a finishing one hands its slot to the next waiting (FIFO). */
function limiter(max: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active < max) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 180_000): Promise<void> {
  for (const start = Date.now(); !(await check());) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

interface Item {
  workflowId: string;
  caseId?: string;
  submit: SubmitRequest;
}
interface Task {
  workflowId: string;
  taskId: string;
}
interface Timing {
  seconds: number;
  ackMs: number[];
  claimTooEarly: number;
  cpu: Record<string, number>;
}
type CpuReader = () => Promise<Record<string, number>>;

/** CPU ms used between two readings, per part (postgres backends summed; a backend gone meanwhile is left out). */
function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(after)) {
    const part = key.startsWith('postgres:') ? 'postgres' : key;
    out[part] = (out[part] ?? 0) + value - (before[key] ?? 0);
  }
  return out;
}

/** Submits every item (≤ concurrency in flight until its workflow ends) while an officer loop decides discovered tasks. */
async function drive(
  client: Client,
  cpu: CpuReader,
  items: Item[],
  discover: () => Promise<Task[]>,
  concurrency: number,
  submitAt = new Map<string, number>(),
): Promise<Timing> {
  const ackMs: number[] = [];
  const seen = new Set<string>();
  const inFlight = limiter(concurrency);
  const officer = limiter(concurrency);
  let first = Infinity;
  let last = 0;
  let finished = false;
  let claimTooEarly = 0;
  let fail: (e: unknown) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  const decide = async (t: Task) => {
    const handle = client.workflow.getHandle(t.workflowId);
    // The inbox row is written by the openTask activity before the workflow knows the task: retry until it does.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: t.taskId, officer: OFFICER }] });
        break;
      } catch (e) {
        const early = e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure && e.cause.type === 'task_not_open';
        if (!early || attempt >= 50) throw e;
        claimTooEarly += 1;
        await sleep(5);
      }
    }
    await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: t.taskId, outcome: 'approve', officer: OFFICER }] });
  };
  const officerLoop = (async () => {
    while (!finished) {
      for (const t of await discover()) {
        if (seen.has(t.taskId)) continue;
        seen.add(t.taskId);
        officer(() => decide(t)).catch(fail);
      }
      await sleep(POLL_MS);
    }
  })();
  const runOne = async (item: Item) => {
    const handle = client.workflow.getHandle(item.workflowId);
    const t0 = performance.now();
    first = Math.min(first, t0);
    submitAt.set(item.caseId ?? item.workflowId, t0);
    await handle.executeUpdate(submitUpdate, { args: [item.submit] });
    ackMs.push(performance.now() - t0);
    const result = (await handle.result()) as { status: string };
    if (result.status !== 'completed') throw new Error(`${item.workflowId} ended ${result.status}`);
    last = Math.max(last, performance.now());
  };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the run timed out')), 120_000 + items.length * 3000);
  });
  const cpuBefore = await cpu();
  try {
    await Promise.race([Promise.all(items.map((item) => inFlight(() => runOne(item)))), failed, timeout, officerLoop.then(() => failed)]);
  } finally {
    clearTimeout(timer);
    finished = true;
    await officerLoop.catch(() => undefined);
  }
  return { seconds: (last - first) / 1000, ackMs, claimTooEarly, cpu: cpuDelta(cpuBefore, await cpu()) };
}

/** Opens n applications (untimed: drafts, prefill) and fills each draft with valid data; returns what to submit. */
async function prepareApplications(stack: BenchStack, n: number): Promise<Item[]> {
  const pool = stack.db.pool;
  const open = limiter(8);
  const opened = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      open(async () => {
        const c = CITIZENS[i % CITIZENS.length];
        const actor: Actor = { type: 'citizen', id: c.persona, name: `${c.givenName} ${c.familyName}` };
        const { caseId } = await openApplication(pool, async () => stack.client, stack.interpreterQueue, ESERVICE, {
          recipient: { type: 'natural', id: c.code, name: actor.name },
          actor,
        });
        return { caseId, c, actor };
      }),
    ),
  );
  const caseIds = opened.map((o) => o.caseId);
  await waitFor('the prefill of every draft', async () => {
    const { rows } = await pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM applications WHERE case_id = ANY($1) AND draft_saved_by = 'prefill'",
      [caseIds],
    );
    return rows[0].n === n;
  });
  return Promise.all(
    opened.map(({ caseId, c, actor }) =>
      open(async () => {
        const { rows } = await pool.query('SELECT draft_data, draft_version FROM applications WHERE case_id = $1', [caseId]);
        const data = { ...rows[0].draft_data, ...formOf(c) };
        await saveDraft(pool, caseId, { version: rows[0].draft_version, data }, c.persona);
        return { workflowId: applicationWorkflowId(caseId), caseId, submit: { data: await loadDraftForSubmit(pool, caseId), actor } };
      }),
    ),
  );
}

interface RunReport extends Timing {
  pushMs: number[];
  firstStatuses: Map<string, number>;
  ids: string[];
}

async function runInterpreter(stack: BenchStack, n: number, concurrency: number, label: string): Promise<RunReport> {
  const items = await prepareApplications(stack, n);
  const caseIds = items.map((i) => i.caseId as string);
  const pushAt = new Map<string, { at: number; status: string }>();
  const submitAt = new Map<string, number>();
  stack.onStatus((e) => {
    const t0 = submitAt.get(e.caseId);
    if (t0 !== undefined && e.status !== 'draft' && !pushAt.has(e.caseId) && e.at >= t0)
      pushAt.set(e.caseId, { at: e.at, status: e.status });
  });
  log(`${label}: ${n} drafts ready, submitting`);
  const discover = async () =>
    (
      await stack.db.pool.query<{ id: string; case_id: string }>(
        "SELECT id, case_id FROM tasks WHERE status = 'open' AND case_id = ANY($1)",
        [caseIds],
      )
    ).rows.map((r) => ({ workflowId: applicationWorkflowId(r.case_id), taskId: r.id }));
  const timing = await drive(stack.client, stack.cpu, items, discover, concurrency, submitAt);
  const { rows } = await stack.db.pool.query<{ completed: number; documents: number }>(
    `SELECT (SELECT count(*)::int FROM cases WHERE id = ANY($1) AND status = 'completed') AS completed,
            (SELECT count(DISTINCT case_id)::int FROM documents WHERE case_id = ANY($1)) AS documents`,
    [caseIds],
  );
  if (rows[0].completed !== n || rows[0].documents !== n)
    throw new Error(`${label}: ${rows[0].completed} of ${n} cases completed, ${rows[0].documents} with a document`);
  await sleep(500); // the last pushes
  const pushMs: number[] = [];
  const firstStatuses = new Map<string, number>();
  for (const [caseId, push] of pushAt) {
    pushMs.push(push.at - (submitAt.get(caseId) ?? push.at));
    firstStatuses.set(push.status, (firstStatuses.get(push.status) ?? 0) + 1);
  }
  return { ...timing, pushMs, firstStatuses, ids: items.map((i) => i.workflowId) };
}

let bareSeq = 0;
async function runBare(stack: BenchStack, shape: BareShape, n: number, concurrency: number, label: string): Promise<RunReport> {
  const ids = Array.from({ length: n }, () => `bare:${(bareSeq += 1)}`);
  const start = limiter(8);
  await Promise.all(
    ids.map((workflowId) =>
      start(() => stack.client.workflow.start('bareWorkflow', { taskQueue: stack.bareQueue, workflowId, args: [shape] })),
    ),
  );
  if (shape.pre > 0) await waitFor('the bare workflows to reach the submit', () => ids.every((id) => stack.bareMarks.ready.has(id)));
  log(`${label}: ${n} workflows waiting for submit`);
  const marks = stack.bareMarks['task-open'];
  const discover = async () => {
    const found = [...marks].map((workflowId) => ({ workflowId, taskId: workflowId }));
    marks.clear();
    return found;
  };
  // The same payload as an application's submit (the form without the prefilled current address).
  const submit: SubmitRequest = { data: formOf(CITIZENS[0]), actor: { type: 'citizen', id: CITIZENS[0].persona } };
  const timing = await drive(
    stack.client,
    stack.cpu,
    ids.map((workflowId) => ({ workflowId, submit })),
    discover,
    concurrency,
  );
  return { ...timing, pushMs: [], firstStatuses: new Map(), ids };
}

async function fetchHistories(client: Client, ids: string[]) {
  const fetchOne = limiter(16);
  return Promise.all(ids.map((id) => fetchOne(() => client.workflow.getHandle(id).fetchHistory())));
}

const f0 = (x: number) => x.toFixed(0);
const p = (xs: number[]) => `p50 ${f0(percentile(xs, 50))} ms, p95 ${f0(percentile(xs, 95))} ms`;

/** All rounds of one kind together: applications, seconds, answers, pushes, CPU. */
function combine(runs: RunReport[]) {
  const cpu: Record<string, number> = {};
  for (const r of runs) for (const [k, v] of Object.entries(r.cpu)) cpu[k] = (cpu[k] ?? 0) + v;
  const firsts = new Map<string, number>();
  for (const r of runs) for (const [s, k] of r.firstStatuses) firsts.set(s, (firsts.get(s) ?? 0) + k);
  const seconds = runs.reduce((a, r) => a + r.seconds, 0);
  return {
    n: runs.reduce((a, r) => a + r.ids.length, 0),
    seconds,
    rate: runs.reduce((a, r) => a + r.ids.length, 0) / seconds,
    rounds: runs.map((r) => (r.ids.length / r.seconds).toFixed(1)).join(', '),
    ackMs: runs.flatMap((r) => r.ackMs),
    pushMs: runs.flatMap((r) => r.pushMs),
    firsts,
    cpu,
    claimTooEarly: runs.reduce((a, r) => a + r.claimTooEarly, 0),
    ids: runs.flatMap((r) => r.ids),
  };
}

async function main(): Promise<void> {
  if (!(
    Number.isInteger(N) &&
    N > 0 &&
    Number.isInteger(CONCURRENCY) &&
    CONCURRENCY > 0 &&
    POLL_MS > 0 &&
    Number.isInteger(ROUNDS) &&
    ROUNDS > 0
  )) {
    throw new Error('usage: --n N (> 0) --concurrency C (> 0) --poll-ms MS (> 0) --rounds R (> 0)');
  }
  const stack = await startBenchStack(CITIZENS.map((c) => c.persona));
  process.once('SIGINT', () => void stack.close().finally(() => process.exit(130)));
  try {
    // Warm-up (bundles loaded, connections open): two applications; the first one's history gives the shape.
    const warm = await runInterpreter(stack, 2, 2, 'warm-up interpreter');
    const shape = shapeFromHistory(await stack.client.workflow.getHandle(warm.ids[0]).fetchHistory());
    const perApp = shapeTotal(shape);
    await runBare(stack, shape, 2, 2, 'warm-up bare');

    const runs: Record<string, RunReport[]> = { interpreter: [], bare: [] };
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const which of args['bare-first'] ? ['bare', 'interpreter'] : ['interpreter', 'bare']) {
        const label = `${which} round ${round}`;
        const report =
          which === 'interpreter' ? await runInterpreter(stack, N, CONCURRENCY, label) : await runBare(stack, shape, N, CONCURRENCY, label);
        runs[which].push(report);
        log(`${label}: ${(N / report.seconds).toFixed(1)} per second`);
      }
    }
    const interp = combine(runs.interpreter);
    const bare = combine(runs.bare);
    const sample = args.detail ? interp.ids : [interp.ids[0], interp.ids[interp.n - 1]];
    const histories = await fetchHistories(stack.client, sample);
    const counts = [...new Set(histories.map(countActivities))];
    const firsts = [...interp.firsts].map(([s, k]) => `${s} ×${k}`).join(', ');
    // CPU ms per application by part of the stack, and the CPUs other processes on the machine kept busy meanwhile.
    const cpuLine = (c: Record<string, number>, n: number, seconds: number) => {
      const { machine, ...ours } = c;
      const total = Object.values(ours).reduce((a, v) => a + v, 0);
      return (
        `${Object.entries(ours)
          .filter(([, v]) => v / n >= 0.5)
          .map(([k, v]) => `${k} ${(v / n).toFixed(1)}`)
          .join(', ')} = ${(total / n).toFixed(1)} ms` +
        `; the stack kept ${(total / 1000 / seconds).toFixed(2)} CPUs busy, other processes ${((machine - total) / 1000 / seconds).toFixed(2)}`
      );
    };

    console.log(
      `e-service benchmark: ${ESERVICE}, N=${N} × ${ROUNDS} round(s), ${CONCURRENCY} applications in flight, officer polls every ${POLL_MS} ms; ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}`,
    );
    console.log(
      `activities per application: ${perApp} (before submit ${shape.pre} | submit answered after ${shape.submitAck} | then to the task ${shape.toTask} | claim ${shape.claim} | decision answered after ${shape.completeAck} | then ${shape.tail}); counted in ${histories.length} measured histories: ${counts.join(', ')}`,
    );
    console.log(
      `interpreter: ${interp.n} applications in ${interp.seconds.toFixed(2)} s = ${interp.rate.toFixed(1)} applications/s (rounds: ${interp.rounds}); submit answered ${p(interp.ackMs)}; claims refused as too early (retried): ${interp.claimTooEarly}`,
    );
    console.log(
      `bare:        ${bare.n} workflows in ${bare.seconds.toFixed(2)} s = ${bare.rate.toFixed(1)} workflows/s (rounds: ${bare.rounds}); submit answered ${p(bare.ackMs)}`,
    );
    console.log(`CPU per application, interpreter: ${cpuLine(interp.cpu, interp.n, interp.seconds)}`);
    console.log(`CPU per application, bare:        ${cpuLine(bare.cpu, bare.n, bare.seconds)}`);
    const cpuPerApp = (c: Record<string, number>, n: number) =>
      Object.entries(c).reduce((a, [k, v]) => (k === 'machine' ? a : a + v), 0) / n;
    console.log(
      `CPU-bound estimate (bare CPU per application / interpreter CPU per application) = ${(cpuPerApp(bare.cpu, bare.n) / cpuPerApp(interp.cpu, interp.n)).toFixed(2)}`,
    );
    console.log(
      `latency submit → first pushed case:status (${interp.pushMs.length} of ${interp.n} pushed; first status: ${firsts}): ${p(interp.pushMs)}`,
    );
    if (args.detail) {
      const ib = newBreakdown();
      for (const h of histories) addToBreakdown(ib, h);
      const bb = newBreakdown();
      for (const h of await fetchHistories(stack.client, bare.ids)) addToBreakdown(bb, h);
      for (const line of [...formatBreakdown('interpreter', ib), ...formatBreakdown('bare', bb)]) console.log(line);
    }
    console.log(`ratio interpreter/bare = ${(interp.rate / bare.rate).toFixed(2)}`);
  } finally {
    await stack.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
