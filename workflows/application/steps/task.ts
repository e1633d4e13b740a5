// An officer task: into the agency's inbox, then approve, reject, or ask the citizen for more information (after
// the answer a fresh task goes to the inbox, claimed already by the officer who asked).
import { condition, patched } from '@temporalio/workflow';
import type { TaskStep } from '../../../forms/eservice-definition/dsl';
import type { Actor, CompleteTaskRequest } from '../api';
import { acts } from '../activities-proxy';
import type { OpenTask, RunContext } from '../run-context';

export async function runTask(ctx: RunContext, step: TaskStep, path: string): Promise<void> {
  const { input, state } = ctx;
  let askedBy: Actor | null = null;
  for (let attempt = 1; ; attempt += 1) {
    if (state.status !== 'in_progress') await ctx.setStatus('in_progress');
    const taskId = `${input.caseId}:${step.id}:${attempt}`;
    // The answer goes back to the officer who asked for it (applications started before this go to the inbox).
    const asker = askedBy && patched('reopened-task-to-asker') ? askedBy : null;
    // Known to the workflow before the inbox row exists, so an officer who sees the row can always claim at once.
    const task: OpenTask = { id: taskId, step, claimedBy: asker?.id ?? null, outcome: null, processed: false, inInbox: false };
    state.openTask = task;
    await acts.openTask({
      taskId,
      caseId: input.caseId,
      agencyId: input.agencyId,
      stepId: step.id,
      title: step.title,
      instructions: step.instructions ?? null,
      outcomes: step.outcomes,
      dueIn: step.dueIn,
    });
    task.inInbox = true;
    if (asker) await acts.claimTask({ taskId, officer: asker });
    state.progress += 1;
    await condition(() => task.outcome !== null);
    const decision = task.outcome as CompleteTaskRequest | null;
    if (!decision) return;
    await acts.closeTask({ taskId, outcome: decision.outcome, message: decision.message ?? null, officer: decision.officer });
    state.steps[step.id] = { outcome: decision.outcome, message: decision.message ?? null, officer: decision.officer.id, attempt };
    if (decision.outcome === 'approve') {
      task.processed = true;
      state.openTask = null;
      return;
    }
    if (decision.outcome === 'reject') {
      if (step.rejectEnds !== false) {
        await ctx.setStatus('rejected', decision.message ? { lv: decision.message, en: decision.message } : null, decision.officer);
      }
      task.processed = true;
      state.openTask = null;
      return;
    }
    // requestInfo: the officer's update returns once the citizen has been asked; then, after the answer,
    // a fresh task goes to the inbox.
    const message = { lv: decision.message ?? '', en: decision.message ?? '' };
    askedBy = decision.officer;
    await ctx.waitForInfo(message, `${path}:${attempt}`, decision.officer, () => {
      task.processed = true;
      state.openTask = null;
    });
  }
}
