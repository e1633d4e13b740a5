// The officers' tasks a definition's `task` step opens (the inbox, db/applications/tasks.ts): opened, claimed and
// closed by the workflow only, once per task id.
import type { Pool } from 'pg';
import type { TaskOutcome, Text } from '../../forms/eservice-definition/dsl';
import type { Actor } from '../../workflows/application/api';
import { durationMs } from '../../forms/eservice-definition/expressions';
import { cancelOpenTasks, claimTask, completeTask, openTask } from '../../db/applications/tasks';

export function createTaskActivities({ pool }: { pool: Pool }) {
  return {
    async openTask(req: {
      taskId: string;
      caseId: string;
      agencyId: string;
      stepId: string;
      title: Text;
      instructions: Text | null;
      outcomes: TaskOutcome[];
      dueIn: string;
    }): Promise<void> {
      await openTask(pool, {
        taskId: req.taskId,
        caseId: req.caseId,
        agencyId: req.agencyId,
        stepId: req.stepId,
        title: req.title,
        instructions: req.instructions,
        outcomes: req.outcomes,
        dueInMs: durationMs(req.dueIn),
      });
    },

    async claimTask(req: { taskId: string; officer: Actor }): Promise<void> {
      await claimTask(pool, req.taskId, { id: req.officer.id, name: req.officer.name ?? null });
    },

    async closeTask(req: { taskId: string; outcome: TaskOutcome; message: string | null; officer: Actor }): Promise<void> {
      await completeTask(pool, req.taskId, { outcome: req.outcome, message: req.message, completedBy: req.officer.id });
    },

    async cancelOpenTasks(req: { caseId: string }): Promise<void> {
      await cancelOpenTasks(pool, req.caseId);
    },
  };
}
