// What the interpreter's step kinds share: the run's state (also read by the message handlers in workflow.ts) and
// the helpers every step kind uses. Deterministic code only: it runs inside the workflow.
import { CancellationScope, condition, isCancellation, patched } from '@temporalio/workflow';
import type { Step, TaskStep, Text } from '../../forms/eservice-definition/dsl';
import { evaluateArgs, renderText } from '../../forms/eservice-definition/expressions';
import {
  applicationWorkflowId,
  type Actor,
  type ApplicationInput,
  type CompleteTaskRequest,
  type PaymentReceived,
  type ProvideInfoRequest,
} from './api';
import { acts, quickRegisterActs, patientRegisterActs, legacyPatientRegisterActs, deliveryActs } from './activities-proxy';

export const TERMINAL = new Set(['rejected', 'completed', 'withdrawn']);

export interface OpenTask {
  id: string;
  step: TaskStep;
  claimedBy: string | null;
  outcome: CompleteTaskRequest | null;
  processed: boolean;
  inInbox: boolean;
}

/** The state the steps and the message handlers share; only the run changes it, handlers record requests. */
export interface RunState {
  status: string;
  label: string | null;
  waitingFor: string | null;
  statusSeq: number;
  progress: number; // bumped at every status change and every new task: what an officer's update waits for
  form: Record<string, unknown>;
  readonly steps: Record<string, unknown>;
  openTask: OpenTask | null;
  infoAnswer: ProvideInfoRequest | null;
  readonly payments: Map<string, PaymentReceived>;
  /** Background deliveries (e-address copies, notifications), awaited before the workflow ends. */
  readonly deliveries: Array<Promise<unknown>>;
}

export function initialRunState(): RunState {
  return {
    status: 'draft',
    label: null,
    waitingFor: null,
    statusSeq: 0,
    progress: 0,
    form: {},
    steps: {},
    openTask: null,
    infoAnswer: null,
    payments: new Map(),
    deliveries: [],
  };
}

export interface RegisterCallSpec {
  register: string;
  operation: string;
  input?: Record<string, unknown>;
}

/** What a step kind receives besides its step and its path (the step's key in idempotency keys). */
export interface RunContext {
  readonly input: ApplicationInput;
  readonly state: RunState;
  /** `application:<caseId>`: the prefix of every idempotency key the run derives. */
  readonly workflowId: string;
  /** What expressions and templates see: recipient, form, step results, case. */
  expressionData(): Record<string, unknown>;
  setStatus(next: string, nextLabel?: Text | null, actor?: Actor): Promise<void>;
  notify(stepKey: string, subject: Text, body: Text): Promise<void>;
  callRegister(stepKey: string, call: RegisterCallSpec): Promise<unknown>;
  waitForInfo(message: Text, stepKey: string, requestedBy?: Actor, onRequested?: () => void): Promise<void>;
  /** Runs nested steps (a branch's) in order until the application reaches a terminal status. */
  runSteps(list: Step[], prefix: string): Promise<void>;
}

export function createRunContext(input: ApplicationInput, state: RunState, runSteps: RunContext['runSteps']): RunContext {
  const workflowId = applicationWorkflowId(input.caseId);
  const expressionData = () => ({
    recipient: input.recipient,
    form: state.form,
    steps: state.steps,
    case: { id: input.caseId, status: state.status },
  });

  async function setStatus(next: string, nextLabel?: Text | null, actor: Actor = { type: 'system', id: 'eservice-runtime' }) {
    const key = `${workflowId}/status:${(state.statusSeq += 1)}`;
    await acts.recordStatus({ caseId: input.caseId, status: next, label: nextLabel ?? null, idempotencyKey: key, actor });
    state.status = next;
    state.label = nextLabel?.lv ?? null;
    state.progress += 1;
    // The e-address copy must not hold up the case: delivered in the background, awaited before the end.
    // Non-cancellable: a withdrawal must not stop the delivery of statuses already set.
    state.deliveries.push(
      CancellationScope.nonCancellable(() =>
        deliveryActs.deliverStatusToEAddress({ caseId: input.caseId, status: next, label: nextLabel ?? null, idempotencyKey: key }),
      ),
    );
  }

  async function notify(stepKey: string, subject: Text, body: Text) {
    const request = {
      caseId: input.caseId,
      idempotencyKey: `${workflowId}/notify:${stepKey}`,
      subject: renderText(subject, expressionData()),
      body: renderText(body, expressionData()),
    };
    state.deliveries.push(CancellationScope.nonCancellable(() => deliveryActs.notifyRecipient(request)));
  }

  /** A register call: a few quick attempts; if the register stays down, the citizen sees why we wait. */
  async function callRegister(stepKey: string, call: RegisterCallSpec): Promise<unknown> {
    const request = {
      register: call.register,
      operation: call.operation,
      args: evaluateArgs(call.input, expressionData()),
      idempotencyKey: `${workflowId}/${stepKey}`,
    };
    try {
      return await quickRegisterActs.callRegister(request);
    } catch (e) {
      if (isCancellation(e)) throw e;
      state.waitingFor = call.register;
      if (state.status !== 'draft') await acts.setWaiting({ caseId: input.caseId, waitingFor: call.register });
      // The retry options are part of the command: running applications keep theirs, new ones wait at most 15 s.
      const patient = patched('register-retry-capped') ? patientRegisterActs : legacyPatientRegisterActs;
      const result = await patient.callRegister(request);
      state.waitingFor = null;
      if (state.status !== 'draft') await acts.setWaiting({ caseId: input.caseId, waitingFor: null });
      return result;
    }
  }

  /** Asks the citizen for more information and waits for the answer (data and files). */
  async function waitForInfo(message: Text, stepKey: string, requestedBy?: Actor, onRequested?: () => void) {
    state.infoAnswer = null;
    await setStatus('info_requested', message, requestedBy);
    onRequested?.();
    await notify(`${stepKey}:info`, { lv: 'Nepieciešama papildu informācija', en: 'More information needed' }, message);
    await condition(() => state.infoAnswer !== null);
    const answer = state.infoAnswer as ProvideInfoRequest | null;
    if (answer) {
      // The answer may correct fields (e.g. an address that failed a check) and is kept as a log as well.
      state.form = {
        ...state.form,
        ...answer.data,
        additionalInformation: [...((state.form.additionalInformation as unknown[]) ?? []), { ...answer.data, fileIds: answer.fileIds }],
      };
      // Keyed by the request (its status number): a retry after the commit records nothing twice.
      await acts.recordInfoAnswer({
        caseId: input.caseId,
        data: answer.data,
        fileIds: answer.fileIds,
        idempotencyKey: `${workflowId}/info-answer:${state.statusSeq}`,
      });
      await setStatus('in_progress', null, answer.actor);
    }
  }

  return { input, state, workflowId, expressionData, setStatus, notify, callRegister, waitForInfo, runSteps };
}
