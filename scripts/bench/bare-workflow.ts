// The baseline of the e-service benchmark: a workflow with no logic that runs as many no-op activities as one
// interpreter application, split at the same points (submit, officer claim, officer decision) and answering the
// same updates after the same number of activities. Only the no-op's `mark` reaches the bench (ready, task open).
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { claimTaskUpdate, completeTaskUpdate, submitUpdate } from '../../workflows/application/api';

/** Activity counts per phase, taken from the history of one interpreter application. */
export interface BareShape {
  /** Before the submit update (draft phase: definition, prefill). */
  pre: number;
  /** Submit update accepted → its answer. */
  submitAck: number;
  /** The rest until the officer task is open (the last one marks it open). */
  toTask: number;
  /** Inside the claim update. */
  claim: number;
  /** Decision update accepted → its answer. */
  completeAck: number;
  /** After the answer to the decision until the end. */
  tail: number;
}

export type BareMark = 'ready' | 'task-open';
export interface BareActivities {
  noop(req: { workflowId: string; seq: number; mark?: BareMark }): Promise<void>;
}

// The same retry budget as the interpreter's database activities (about three hours).
const { noop } = proxyActivities<BareActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 200 },
});

// The interpreter's update names, so the bench drives both workflows alike.
export const bareSubmit = defineUpdate<{ status: string }, [unknown]>(submitUpdate.name);
export const bareClaim = defineUpdate<{ taskId: string }, [{ taskId: string }]>(claimTaskUpdate.name);
export const bareComplete = defineUpdate<{ status: string }, [{ taskId: string; outcome: string }]>(completeTaskUpdate.name);

export async function bareWorkflow(shape: BareShape): Promise<{ status: string }> {
  const { workflowId } = workflowInfo();
  let seq = 0;
  let submitted = false;
  let submitAcked = false;
  let claimed = false;
  let decided = false;
  let decisionAcked = false;
  const run = async (count: number, mark?: BareMark) => {
    for (let i = 1; i <= count; i += 1) {
      seq += 1;
      await noop({ workflowId, seq, ...(mark && i === count ? { mark } : {}) });
    }
  };

  setHandler(
    bareSubmit,
    async () => {
      submitted = true;
      await condition(() => submitAcked);
      return { status: 'submitted' };
    },
    {
      validator: (_req: unknown) => {
        if (submitted) throw new Error('submitted already');
      },
    },
  );

  setHandler(
    bareClaim,
    async (req) => {
      claimed = true;
      await run(shape.claim);
      return { taskId: req.taskId };
    },
    {
      validator: (_req: { taskId: string }) => {
        if (claimed) throw new Error('claimed already');
      },
    },
  );

  setHandler(
    bareComplete,
    async () => {
      decided = true;
      await condition(() => decisionAcked);
      return { status: 'completed' };
    },
    {
      validator: (_req: { taskId: string; outcome: string }) => {
        if (!claimed || decided) throw new Error('claim first, decide once');
      },
    },
  );

  await run(shape.pre, 'ready');
  await condition(() => submitted);
  await run(shape.submitAck);
  submitAcked = true;
  await run(shape.toTask, 'task-open');
  await condition(() => decided);
  await run(shape.completeAck);
  decisionAcked = true;
  await run(shape.tail);
  await condition(allHandlersFinished);
  return { status: 'completed' };
}
