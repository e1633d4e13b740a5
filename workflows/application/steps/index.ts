// Every step kind of the DSL and the function that runs it. A new kind: its branch of the `step` oneOf in
// forms/eservice-definition/v1.schema.json (then npm run generate:types), a file here, a line in STEP_KINDS;
// TypeScript refuses a kind without a runner.
import type { Step, StepKind } from '../../../forms/eservice-definition/dsl';
import { TERMINAL, type RunContext } from '../run-context';
import { runBranch } from './branch';
import { runCallSystem } from './call-system';
import { runIssueDocument } from './document';
import { runNotify } from './notify';
import { runPayment } from './payment';
import { runPrefill } from './prefill';
import { runRegistryCheck } from './registry-check';
import { runSetStatus } from './set-status';
import { runTask } from './task';
import { runWait } from './wait';

type StepRunners = { [K in StepKind]: (ctx: RunContext, step: Extract<Step, { kind: K }>, path: string) => Promise<void> };

const STEP_KINDS: StepRunners = {
  prefill: runPrefill,
  registryCheck: runRegistryCheck,
  branch: runBranch,
  task: runTask,
  callSystem: runCallSystem,
  payment: runPayment,
  issueDocument: runIssueDocument,
  notify: runNotify,
  setStatus: runSetStatus,
  wait: runWait,
};

/** Runs one step; `path` is its key in idempotency keys and step results (`prefill:<id>`, `<id>`, `<branch>/<id>`). */
export async function runStep(ctx: RunContext, step: Step, path: string): Promise<void> {
  const run = STEP_KINDS[step.kind] as (ctx: RunContext, step: Step, path: string) => Promise<void>;
  await run(ctx, step, path);
}

/** Runs steps in order until the application reaches a terminal status. */
export async function runSteps(ctx: RunContext, list: Step[], prefix: string): Promise<void> {
  for (const step of list) {
    if (TERMINAL.has(ctx.state.status)) return;
    await runStep(ctx, step, `${prefix}${step.id}`);
  }
}
