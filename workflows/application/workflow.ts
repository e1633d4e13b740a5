// The generic interpreter: one workflow type runs every agency-defined e-service (workflow id
// `application:<caseId>`, see api.ts). It keeps the draft alive (with a reminder and an expiry), waits for
// submission, then walks the definition's steps (each kind in steps/). Every status it sets is a status of the case
// in the register.
import { allHandlersFinished, ApplicationFailure, CancellationScope, condition, isCancellation, setHandler } from '@temporalio/workflow';
import type { EServiceDefinition } from '../../forms/eservice-definition/dsl';
import { durationMs } from '../../forms/eservice-definition/expressions';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  paymentReceivedSignal,
  provideInfoUpdate,
  REJECTIONS,
  submitUpdate,
  viewQuery,
  withdrawUpdate,
  type ApplicationInput,
  type ApplicationView,
  type ProvideInfoRequest,
  type SubmitRequest,
  type WithdrawRequest,
} from './api';
import { acts } from './activities-proxy';
import { createRunContext, initialRunState, TERMINAL, type OpenTask } from './run-context';
import { runStep, runSteps } from './steps';

function reject(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

export async function applicationWorkflow(input: ApplicationInput): Promise<{ status: string }> {
  // Handlers are registered before the first await: an update that arrives at once must find them.
  let definition: EServiceDefinition | null = null;
  let phase: ApplicationView['phase'] = 'draft';
  let submitted: SubmitRequest | null = null;
  let withdrawal: WithdrawRequest | null = null;
  const state = initialRunState();
  const ctx = createRunContext(input, state, (list, prefix) => runSteps(ctx, list, prefix));
  const main = new CancellationScope();

  // --- messages from the API ---------------------------------------------------------------------------------
  setHandler(viewQuery, () => {
    const task = state.openTask;
    return {
      phase,
      status: state.status,
      label: state.label,
      waitingFor: state.waitingFor,
      openTask: task ? { id: task.id, stepId: task.step.id, claimedBy: task.claimedBy, outcomes: task.step.outcomes } : null,
    };
  });

  setHandler(
    submitUpdate,
    async (request) => {
      submitted = request;
      await condition(() => state.status !== 'draft' || phase === 'ended');
      return { status: state.status, label: state.label };
    },
    {
      validator: (_request: SubmitRequest) => {
        if (phase !== 'draft' || submitted || withdrawal) reject(REJECTIONS.notDraft, 'The application has been submitted already.');
      },
    },
  );

  setHandler(
    withdrawUpdate,
    async (request) => {
      withdrawal = request;
      main.cancel();
      await condition(() => phase === 'ended');
      return { status: state.status, label: state.label };
    },
    {
      validator: (_request: WithdrawRequest) => {
        if (phase === 'ended' || TERMINAL.has(state.status) || withdrawal) reject(REJECTIONS.alreadyEnded, 'The application has ended.');
        if (state.status === 'answered' || state.status === 'licence_issued')
          reject(REJECTIONS.alreadyEnded, 'The application has been decided.');
      },
    },
  );

  setHandler(
    provideInfoUpdate,
    async (request) => {
      state.infoAnswer = request;
      await condition(() => state.status !== 'info_requested' || phase === 'ended');
      return { status: state.status, label: state.label };
    },
    {
      validator: (_request: ProvideInfoRequest) => {
        if (state.status !== 'info_requested' || state.infoAnswer)
          reject(REJECTIONS.notInfoRequested, 'No information has been requested.');
      },
    },
  );

  setHandler(
    claimTaskUpdate,
    async (request) => {
      const task = state.openTask as OpenTask;
      task.claimedBy = request.officer.id;
      await condition(() => task.inInbox); // the claim is written over the inbox row, never before it
      await acts.claimTask({ taskId: task.id, officer: request.officer });
      return { taskId: task.id, claimedBy: request.officer.id };
    },
    {
      validator: (request) => {
        const openTask = state.openTask;
        if (!openTask || openTask.id !== request.taskId || openTask.outcome) reject(REJECTIONS.noSuchTask, 'The task is not open.');
        if (request.officer.agency !== input.agencyId) reject(REJECTIONS.otherAgency, 'The task belongs to another agency.');
        if (openTask.claimedBy && openTask.claimedBy !== request.officer.id)
          reject(REJECTIONS.claimedByOther, 'Another officer has claimed the task.');
      },
    },
  );

  setHandler(
    completeTaskUpdate,
    async (request) => {
      const task = state.openTask as OpenTask;
      const before = state.progress;
      task.outcome = request;
      // Answer with the status the decision leads to: wait for the next status change, next task or the end.
      await condition(() => (task.processed && state.progress > before) || phase === 'ended');
      return { status: state.status, label: state.label };
    },
    {
      validator: (request) => {
        const openTask = state.openTask;
        if (!openTask || openTask.id !== request.taskId || openTask.outcome) reject(REJECTIONS.noSuchTask, 'The task is not open.');
        if (request.officer.agency !== input.agencyId) reject(REJECTIONS.otherAgency, 'The task belongs to another agency.');
        if (openTask.claimedBy !== request.officer.id) reject(REJECTIONS.notClaimed, 'Claim the task before completing it.');
        if (!openTask.step.outcomes.includes(request.outcome))
          reject(REJECTIONS.outcomeNotAllowed, `Allowed outcomes: ${openTask.step.outcomes.join(', ')}.`);
        if (request.outcome !== 'approve' && !request.message?.trim())
          reject(REJECTIONS.messageRequired, 'Explain the decision to the citizen.');
      },
    },
  );

  setHandler(paymentReceivedSignal, (payment) => {
    state.payments.set(payment.stepId, payment);
  });

  // --- the run ---------------------------------------------------------------------------------------------------
  try {
    await main.run(async () => {
      definition = await acts.loadDefinition(input.definitionId, input.version);
      for (const step of definition.prefill ?? []) {
        try {
          await runStep(ctx, step, `prefill:${step.id}`);
        } catch (e) {
          if (isCancellation(e)) throw e;
          state.steps[step.id] = { failed: true }; // the citizen fills the fields in by hand
        }
      }
      if (Object.keys(state.form).length > 0) await acts.applyPrefill({ caseId: input.caseId, values: state.form });

      const draftRules = (definition as EServiceDefinition).draft;
      const ttl = durationMs(draftRules?.ttl ?? '30 days');
      const remindBefore = Math.min(durationMs(draftRules?.reminderBefore ?? '3 days'), ttl);
      if (!(await condition(() => submitted !== null, ttl - remindBefore))) {
        await ctx.notify(
          'draft-reminder',
          { lv: 'Jūsu pieteikuma melnraksts drīz tiks dzēsts', en: 'Your draft application will expire soon' },
          {
            lv: 'Pabeidziet un iesniedziet pieteikumu, lai nezaudētu ievadītos datus.',
            en: 'Finish and submit the application so that you do not lose what you entered.',
          },
        );
        if (!(await condition(() => submitted !== null, remindBefore))) {
          await ctx.setStatus('withdrawn', { lv: 'Melnraksta derīguma termiņš beidzies', en: 'The draft expired' });
          return;
        }
      }
      const submission = submitted as SubmitRequest | null;
      if (!submission) return;
      state.form = { ...submission.data };
      await acts.markSubmitted({ caseId: input.caseId, data: submission.data, actor: submission.actor });
      await ctx.setStatus('submitted', null, submission.actor);
      phase = 'running';
      await runSteps(ctx, (definition as EServiceDefinition).steps, '');
      if (!TERMINAL.has(state.status) && state.status !== 'answered' && state.status !== 'licence_issued') await ctx.setStatus('completed');
    });
  } catch (e) {
    if (!isCancellation(e) || !withdrawal) throw e;
    const request = withdrawal as WithdrawRequest;
    await CancellationScope.nonCancellable(async () => {
      await acts.cancelOpenTasks({ caseId: input.caseId });
      await ctx.setStatus('withdrawn', request.reason ? { lv: request.reason, en: request.reason } : null, request.actor);
    });
  }
  await Promise.allSettled(state.deliveries);
  phase = 'ended';
  // Let update handlers that wait for the end return their answer before the workflow completes.
  await condition(allHandlersFinished);
  return { status: state.status };
}
