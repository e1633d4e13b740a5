// Workflow tests in virtual time: the Java SDK's time-skipping test server (provisioned under .tools by
// scripts/lib/temporal-test-server.ts, never downloaded at run time), the platform's own workflow code bundled once per
// run, and activities the test supplies (plain functions that record calls and answer as the test needs).
import crypto from 'node:crypto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ensureTemporalTestServer } from '../../scripts/lib/temporal-test-server';
import { bundledWorkerCoverageOptions } from './workflow-coverage';
import { workflowBundle } from './workflow-bundle';

let env: Promise<TestWorkflowEnvironment> | undefined;
/** The worker of the current test, while it runs: a test that timed out leaves it polling, and teardown stops it. */
let running: Worker | undefined;

/**
 * The time-skipping server of the current test: started on first use (~150 ms) and torn down after the test, so no
 * test shares a virtual clock with another or inherits a workflow a failed test left running.
 */
export function timeSkippingEnvironment(): Promise<TestWorkflowEnvironment> {
  env ??= TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: ensureTemporalTestServer() } },
  });
  return env;
}

/** A fresh task queue and a worker with the given activities; `run` runs `fn` while the worker polls. */
export async function withWorker<T>(
  activities: object,
  fn: (ctx: { env: TestWorkflowEnvironment; taskQueue: string }) => Promise<T>,
): Promise<T> {
  const testEnv = await timeSkippingEnvironment();
  const taskQueue = `ts-${crypto.randomBytes(4).toString('hex')}`;
  // debugMode runs the workflows in this thread: a worker thread per test costs ~0.35 s to start, most of the fast
  // tier's time. The price is the deadlock detector, which the full tier's worker (test/setup.ts) still runs.
  const worker = await Worker.create({
    connection: testEnv.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
    debugMode: true,
    ...bundledWorkerCoverageOptions(),
  });
  running = worker;
  try {
    return await worker.runUntil(fn({ env: testEnv, taskQueue }));
  } finally {
    running = undefined;
  }
}

afterEach(async function () {
  // A worker still running belongs to a test that timed out: stop it before its server goes, so that its polls do
  // not fail inside the next test.
  if (running?.getState() === 'RUNNING') running.shutdown();
  running = undefined;
  if (!env) return;
  const ending = env;
  env = undefined;
  await (await ending).teardown();
});
