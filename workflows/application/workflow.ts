// The generic interpreter: one workflow type runs every agency-defined e-service (workflow id
// `application:<caseId>`, see api.ts). It keeps the draft alive (with a reminder and an expiry), waits for submission, then
// walks the definition's steps. Every status it sets is a status of the case in the register.
import {
  allHandlersFinished, ApplicationFailure, CancellationScope, condition, getExternalWorkflowHandle, isCancellation,
  ParentClosePolicy, patched, setHandler, sleep, startChild,
} from '@temporalio/workflow';
import type { Duration } from '@temporalio/common';
import type { EServiceDefinition, Step, TaskStep, Text } from './dsl';
import { durationMs, evaluate, evaluateArgs, getPath, renderText, setPointer } from './expressions';
import {
  applicationWorkflowId, claimTaskUpdate, completeTaskUpdate, paymentReceivedSignal, provideInfoUpdate, REJECTIONS,
  submitUpdate, viewQuery, withdrawUpdate, type Actor, type ApplicationInput, type ApplicationView,
  type CompleteTaskRequest, type PaymentReceived, type ProvideInfoRequest, type SubmitRequest, type WithdrawRequest,
} from './api';
import { cancelRequestedSignal, invoiceWorkflowId } from '../invoice/api';
import { acts, quickRegisterActs, patientRegisterActs, legacyPatientRegisterActs, deliveryActs } from './activities-proxy';

const TERMINAL = new Set(['rejected', 'completed', 'withdrawn']);

function reject(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

interface OpenTask { id: string; step: TaskStep; claimedBy: string | null; outcome: CompleteTaskRequest | null; processed: boolean; inInbox: boolean }

export async function applicationWorkflow(input: ApplicationInput): Promise<{ status: string }> {
  // Handlers are registered before the first await: an update that arrives at once must find them.
  let definition: EServiceDefinition | null = null;
  let phase: ApplicationView['phase'] = 'draft';
  let status = 'draft';
  let label: string | null = null;
  let waitingFor: string | null = null;
  let statusSeq = 0;
  let progress = 0; // bumped at every status change and every new task: what an officer's update waits for
  let form: Record<string, unknown> = {};
  const steps: Record<string, unknown> = {};
  let submitted: SubmitRequest | null = null;
  let withdrawal: WithdrawRequest | null = null;
  let openTask: OpenTask | null = null;
  let infoAnswer: ProvideInfoRequest | null = null;
  const payments = new Map<string, PaymentReceived>();
  const deliveries: Array<Promise<unknown>> = [];
  const main = new CancellationScope();

  const workflowId = applicationWorkflowId(input.caseId);
  const context = () => ({ recipient: input.recipient, form, steps, case: { id: input.caseId, status } });

  async function setStatus(next: string, nextLabel?: Text | null, actor: Actor = { type: 'system', id: 'eservice-runtime' }) {
    const key = `${workflowId}/status:${statusSeq += 1}`;
    await acts.recordStatus({ caseId: input.caseId, status: next, label: nextLabel ?? null, idempotencyKey: key, actor });
    status = next;
    label = nextLabel?.lv ?? null;
    progress += 1;
    // The e-address copy must not hold up the case: delivered in the background, awaited before the end.
    // Non-cancellable: a withdrawal must not stop the delivery of statuses already set.
    deliveries.push(CancellationScope.nonCancellable(() =>
      deliveryActs.deliverStatusToEAddress({ caseId: input.caseId, status: next, label: nextLabel ?? null, idempotencyKey: key })));
  }

  async function notify(stepKey: string, subject: Text, body: Text) {
    const request = {
      caseId: input.caseId, idempotencyKey: `${workflowId}/notify:${stepKey}`,
      subject: renderText(subject, context()), body: renderText(body, context()),
    };
    deliveries.push(CancellationScope.nonCancellable(() => deliveryActs.notifyRecipient(request)));
  }

  /** A register call: a few quick attempts; if the register stays down, the citizen sees why we wait. */
  async function callRegister(stepKey: string, call: { register: string; operation: string; input?: Record<string, unknown> }): Promise<unknown> {
    const request = { register: call.register, operation: call.operation, args: evaluateArgs(call.input, context()), idempotencyKey: `${workflowId}/${stepKey}` };
    try {
      return await quickRegisterActs.callRegister(request);
    } catch (e) {
      if (isCancellation(e)) throw e;
      waitingFor = call.register;
      if (status !== 'draft') await acts.setWaiting({ caseId: input.caseId, waitingFor: call.register });
      // The retry options are part of the command: running applications keep theirs, new ones wait at most 15 s.
      const patient = patched('register-retry-capped') ? patientRegisterActs : legacyPatientRegisterActs;
      const result = await patient.callRegister(request);
      waitingFor = null;
      if (status !== 'draft') await acts.setWaiting({ caseId: input.caseId, waitingFor: null });
      return result;
    }
  }

  /** Asks the citizen for more information and waits for the answer (data and files). */
  async function waitForInfo(message: Text, stepKey: string, requestedBy?: Actor, onRequested?: () => void) {
    infoAnswer = null;
    await setStatus('info_requested', message, requestedBy);
    onRequested?.();
    await notify(`${stepKey}:info`, { lv: 'Nepieciešama papildu informācija', en: 'More information needed' }, message);
    await condition(() => infoAnswer !== null);
    const answer = infoAnswer as ProvideInfoRequest | null;
    if (answer) {
      // The answer may correct fields (e.g. an address that failed a check) and is kept as a log as well.
      form = { ...form, ...answer.data, additionalInformation: [...((form.additionalInformation as unknown[]) ?? []), { ...answer.data, fileIds: answer.fileIds }] };
      // Keyed by the request (its status number): a retry after the commit records nothing twice.
      await acts.recordInfoAnswer({ caseId: input.caseId, data: answer.data, fileIds: answer.fileIds, idempotencyKey: `${workflowId}/info-answer:${statusSeq}` });
      await setStatus('in_progress', null, answer.actor);
    }
  }

  async function runTask(step: TaskStep, path: string) {
    for (let attempt = 1; ; attempt += 1) {
      if (status !== 'in_progress') await setStatus('in_progress');
      const taskId = `${input.caseId}:${step.id}:${attempt}`;
      // Known to the workflow before the inbox row exists, so an officer who sees the row can always claim at once.
      const task: OpenTask = { id: taskId, step, claimedBy: null, outcome: null, processed: false, inInbox: false };
      openTask = task;
      await acts.openTask({ taskId, caseId: input.caseId, agencyId: input.agencyId, stepId: step.id, title: step.title, instructions: step.instructions ?? null, outcomes: step.outcomes, dueIn: step.dueIn });
      task.inInbox = true;
      progress += 1;
      await condition(() => task.outcome !== null);
      const decision = task.outcome as CompleteTaskRequest | null;
      if (!decision) return;
      await acts.closeTask({ taskId, outcome: decision.outcome, message: decision.message ?? null, officer: decision.officer });
      steps[step.id] = { outcome: decision.outcome, message: decision.message ?? null, officer: decision.officer.id, attempt };
      if (decision.outcome === 'approve') {
        task.processed = true;
        openTask = null;
        return;
      }
      if (decision.outcome === 'reject') {
        if (step.rejectEnds !== false) {
          await setStatus('rejected', decision.message ? { lv: decision.message, en: decision.message } : null, decision.officer);
        }
        task.processed = true;
        openTask = null;
        return;
      }
      // requestInfo: the officer's update returns once the citizen has been asked; then, after the answer,
      // a fresh task goes to the inbox.
      const message = { lv: decision.message ?? '', en: decision.message ?? '' };
      await waitForInfo(message, `${path}:${attempt}`, decision.officer, () => {
        task.processed = true;
        openTask = null;
      });
    }
  }

  async function runStep(step: Step, path: string): Promise<void> {
    switch (step.kind) {
      case 'prefill': {
        const result = await callRegister(path, step);
        for (const [pointer, source] of Object.entries(step.set)) {
          const value = getPath(result, source);
          if (value !== undefined && value !== null) form = setPointer(form, pointer, value);
        }
        steps[step.id] = { result };
        return;
      }
      case 'registryCheck': {
        for (let attempt = 1; attempt <= 5; attempt += 1) {
          const result = await callRegister(`${path}:${attempt}`, step);
          const passed = Boolean(evaluate(step.condition, { ...context(), result }));
          steps[step.id] = { result, passed };
          if (passed) return;
          if (step.onFail === 'requestInfo' && attempt < 5) {
            await waitForInfo(step.failMessage, `${path}:${attempt}`);
            continue;
          }
          await setStatus('rejected', step.failMessage);
          return;
        }
        return;
      }
      case 'branch': {
        const chosen = evaluate(step.if, context()) ? step.then : step.else ?? [];
        steps[step.id] = { taken: evaluate(step.if, context()) ? 'then' : 'else' };
        await runSteps(chosen, `${path}/`);
        return;
      }
      case 'task':
        await runTask(step, path);
        return;
      case 'callSystem':
        steps[step.id] = { result: await callRegister(path, step) };
        return;
      case 'payment': {
        const amountEur = Number(evaluate(step.amountEur, context()));
        const requestId = await acts.requestPayment({ caseId: input.caseId, stepId: step.id, amountEur, description: step.description, expiresIn: step.expiresIn });
        let invoiceId: string | null = null;
        if (patched('payment-step-invoice')) {
          // The billing issue: a real invoice with an RF reference, run by its own workflow, which signals back.
          invoiceId = await acts.invoiceForPayment({ caseId: input.caseId, requestId, amountEur, description: step.description, expiresIn: step.expiresIn });
          await startChild('invoiceWorkflow', { workflowId: invoiceWorkflowId(invoiceId), args: [{ invoiceId }], parentClosePolicy: ParentClosePolicy.ABANDON });
        }
        await setStatus('awaiting_payment', step.description);
        const paid = await condition(() => payments.has(step.id), step.expiresIn as Duration);
        steps[step.id] = { requestId, invoiceId, paid, payment: payments.get(step.id) ?? null };
        if (!paid) {
          if (invoiceId) await getExternalWorkflowHandle(invoiceWorkflowId(invoiceId)).signal(cancelRequestedSignal, { reason: 'The e-service payment step expired', by: 'eservice-runtime' });
          await acts.expirePayment({ requestId });
          await setStatus('rejected', { lv: 'Maksājums netika saņemts laikā', en: 'The payment was not received in time' });
          return;
        }
        await setStatus('in_progress');
        return;
      }
      case 'issueDocument': {
        const documentId = await acts.issueDocument({
          caseId: input.caseId, stepId: step.id, documentType: step.documentType,
          title: step.documentTitle, body: renderText(step.body, context()),
        });
        steps[step.id] = { documentId };
        return;
      }
      case 'notify':
        await notify(path, step.subject, step.body);
        return;
      case 'setStatus':
        await setStatus(step.status, step.label ? renderText(step.label, context()) : null);
        return;
      case 'wait':
        await sleep(step.duration as Duration);
        return;
    }
  }

  async function runSteps(list: Step[], prefix: string) {
    for (const step of list) {
      if (TERMINAL.has(status)) return;
      await runStep(step, `${prefix}${step.id}`);
    }
  }

  // --- messages from the API ---------------------------------------------------------------------------------
  setHandler(viewQuery, () => ({
    phase, status, label, waitingFor,
    openTask: openTask ? { id: openTask.id, stepId: openTask.step.id, claimedBy: openTask.claimedBy, outcomes: openTask.step.outcomes } : null,
  }));

  setHandler(submitUpdate, async (request) => {
    submitted = request;
    await condition(() => status !== 'draft' || phase === 'ended');
    return { status, label };
  }, {
    validator: (_request: SubmitRequest) => { if (phase !== 'draft' || submitted || withdrawal) reject(REJECTIONS.notDraft, 'The application has been submitted already.'); },
  });

  setHandler(withdrawUpdate, async (request) => {
    withdrawal = request;
    main.cancel();
    await condition(() => phase === 'ended');
    return { status, label };
  }, {
    validator: (_request: WithdrawRequest) => {
      if (phase === 'ended' || TERMINAL.has(status) || withdrawal) reject(REJECTIONS.alreadyEnded, 'The application has ended.');
      if (status === 'answered' || status === 'licence_issued') reject(REJECTIONS.alreadyEnded, 'The application has been decided.');
    },
  });

  setHandler(provideInfoUpdate, async (request) => {
    infoAnswer = request;
    await condition(() => status !== 'info_requested' || phase === 'ended');
    return { status, label };
  }, {
    validator: (_request: ProvideInfoRequest) => { if (status !== 'info_requested' || infoAnswer) reject(REJECTIONS.notInfoRequested, 'No information has been requested.'); },
  });

  setHandler(claimTaskUpdate, async (request) => {
    const task = openTask as OpenTask;
    task.claimedBy = request.officer.id;
    await condition(() => task.inInbox); // the claim is written over the inbox row, never before it
    await acts.claimTask({ taskId: task.id, officer: request.officer });
    return { taskId: task.id, claimedBy: request.officer.id };
  }, {
    validator: (request) => {
      if (!openTask || openTask.id !== request.taskId || openTask.outcome) reject(REJECTIONS.noSuchTask, 'The task is not open.');
      if (request.officer.agency !== input.agencyId) reject(REJECTIONS.otherAgency, 'The task belongs to another agency.');
      if (openTask.claimedBy && openTask.claimedBy !== request.officer.id) reject(REJECTIONS.claimedByOther, 'Another officer has claimed the task.');
    },
  });

  setHandler(completeTaskUpdate, async (request) => {
    const task = openTask as OpenTask;
    const before = progress;
    task.outcome = request;
    // Answer with the status the decision leads to: wait for the next status change, next task or the end.
    await condition(() => (task.processed && progress > before) || phase === 'ended');
    return { status, label };
  }, {
    validator: (request) => {
      if (!openTask || openTask.id !== request.taskId || openTask.outcome) reject(REJECTIONS.noSuchTask, 'The task is not open.');
      if (request.officer.agency !== input.agencyId) reject(REJECTIONS.otherAgency, 'The task belongs to another agency.');
      if (openTask.claimedBy !== request.officer.id) reject(REJECTIONS.notClaimed, 'Claim the task before completing it.');
      if (!openTask.step.outcomes.includes(request.outcome)) reject(REJECTIONS.outcomeNotAllowed, `Allowed outcomes: ${openTask.step.outcomes.join(', ')}.`);
      if (request.outcome !== 'approve' && !request.message?.trim()) reject(REJECTIONS.messageRequired, 'Explain the decision to the citizen.');
    },
  });

  setHandler(paymentReceivedSignal, (payment) => { payments.set(payment.stepId, payment); });

  // --- the run ---------------------------------------------------------------------------------------------------
  try {
    await main.run(async () => {
      definition = await acts.loadDefinition(input.definitionId, input.version);
      for (const step of definition.prefill ?? []) {
        try {
          await runStep(step, `prefill:${step.id}`);
        } catch (e) {
          if (isCancellation(e)) throw e;
          steps[step.id] = { failed: true }; // the citizen fills the fields in by hand
        }
      }
      if (Object.keys(form).length > 0) await acts.applyPrefill({ caseId: input.caseId, values: form });

      const draftRules = (definition as EServiceDefinition).draft;
      const ttl = durationMs(draftRules?.ttl ?? '30 days');
      const remindBefore = Math.min(durationMs(draftRules?.reminderBefore ?? '3 days'), ttl);
      if (!(await condition(() => submitted !== null, ttl - remindBefore))) {
        await notify('draft-reminder', { lv: 'Jūsu pieteikuma melnraksts drīz tiks dzēsts', en: 'Your draft application will expire soon' },
          { lv: 'Pabeidziet un iesniedziet pieteikumu, lai nezaudētu ievadītos datus.', en: 'Finish and submit the application so that you do not lose what you entered.' });
        if (!(await condition(() => submitted !== null, remindBefore))) {
          await setStatus('withdrawn', { lv: 'Melnraksta derīguma termiņš beidzies', en: 'The draft expired' });
          return;
        }
      }
      const submission = submitted as SubmitRequest | null;
      if (!submission) return;
      form = { ...submission.data };
      await acts.markSubmitted({ caseId: input.caseId, data: submission.data, actor: submission.actor });
      await setStatus('submitted', null, submission.actor);
      phase = 'running';
      await runSteps((definition as EServiceDefinition).steps, '');
      if (!TERMINAL.has(status) && status !== 'answered' && status !== 'licence_issued') await setStatus('completed');
    });
  } catch (e) {
    if (!isCancellation(e) || !withdrawal) throw e;
    const request = withdrawal as WithdrawRequest;
    await CancellationScope.nonCancellable(async () => {
      await acts.cancelOpenTasks({ caseId: input.caseId });
      await setStatus('withdrawn', request.reason ? { lv: request.reason, en: request.reason } : null, request.actor);
    });
  }
  await Promise.allSettled(deliveries);
  phase = 'ended';
  // Let update handlers that wait for the end return their answer before the workflow completes.
  await condition(allHandlersFinished);
  return { status };
}
