// The interpreter in virtual time with fake activities: each test gives a definition and the registers' answers;
// the fakes record every call (name and request) so a test asserts what the workflow asked the platform to do, in
// order. The invoice activities are faked too, so a payment step runs the real invoice workflow as its child.
import crypto from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { withWorker } from '../../helpers/time-skipping';
import { waitFor } from '../../helpers/wait';
import { applicationWorkflow } from '../../../workflows/application/workflow';
import {
  applicationWorkflowId,
  claimTaskUpdate,
  completeTaskUpdate,
  provideInfoUpdate,
  submitUpdate,
  viewQuery,
  type Actor,
  type ApplicationInput,
  type ApplicationView,
  type UpdateResult,
} from '../../../workflows/application/api';
import type { EServiceDefinition, Step, TaskOutcome } from '../../../forms/eservice-definition/dsl';

export const AGENCY = 'pmlp';
export const CITIZEN: Actor = { type: 'citizen', id: 'citizen:010190-10003', name: 'Anna Bērziņa' };
export const OFFICER: Actor = { type: 'staff', id: 'officer-ilze', name: 'Ilze Ozola', agency: AGENCY };
export const OTHER_OFFICER: Actor = { type: 'staff', id: 'officer-peteris', name: 'Pēteris Liepa', agency: AGENCY };
export const RECIPIENT = { type: 'natural', id: '010190-10003', name: 'Anna Bērziņa' };

/** A register call as the workflow makes it. */
export interface RegisterRequest {
  register: string;
  operation: string;
  args: Record<string, unknown>;
  idempotencyKey: string;
}
export interface RecordedCall {
  activity: string;
  request: any;
}

/** A register's refusal as the real callRegister activity reports it (final: never retried). */
export function registerRefuses(message = 'the register refused the request'): never {
  throw ApplicationFailure.create({ type: 'SystemRejectedError', message, nonRetryable: true });
}

/** The type of the refusal an update was rejected with; throws if the update was accepted. */
export async function refusal(update: Promise<unknown>): Promise<string> {
  try {
    await update;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure) return e.cause.type ?? 'untyped';
    throw e;
  }
  throw new Error('the update was accepted');
}

/** The id the fake billing gives the invoice of a payment request. */
export const fakeInvoiceId = (requestId: string) => `inv-${requestId.replace(/[^A-Za-z0-9-]/g, '-')}`;

export function definitionWith(steps: Step[], more: Partial<EServiceDefinition> = {}): EServiceDefinition {
  return {
    dslVersion: 1,
    id: 'test-service',
    serviceId: 'test-service',
    title: { lv: 'Tests', en: 'Test' },
    form: { schema: { type: 'object' } },
    steps,
    ...more,
  };
}

export class FakePlatform {
  readonly calls: RecordedCall[] = [];
  /** The invoice's booked status, as the fake invoice activities report it. */
  invoiceStatus = 'issued';

  constructor(
    readonly definition: EServiceDefinition,
    readonly register: (request: RegisterRequest) => unknown = () => ({}),
  ) {}

  private record(activity: string, request: unknown) {
    this.calls.push({ activity, request });
  }

  callsOf(activity: string): any[] {
    return this.calls.filter((c) => c.activity === activity).map((c) => c.request);
  }

  /** The statuses the workflow recorded on the case, in order. */
  statuses(): string[] {
    return this.callsOf('recordStatus').map((r) => r.status);
  }

  readonly activities = {
    loadDefinition: async (definitionId: string, version: number) => {
      this.record('loadDefinition', { definitionId, version });
      return this.definition;
    },
    callRegister: async (req: RegisterRequest) => {
      this.record('callRegister', req);
      return this.register(req);
    },
    setWaiting: async (req: unknown) => {
      this.record('setWaiting', req);
    },
    recordStatus: async (req: unknown) => {
      this.record('recordStatus', req);
    },
    deliverStatusToEAddress: async (req: unknown) => {
      this.record('deliverStatusToEAddress', req);
      return 'msg';
    },
    notifyRecipient: async (req: unknown) => {
      this.record('notifyRecipient', req);
    },
    applyPrefill: async (req: unknown) => {
      this.record('applyPrefill', req);
    },
    markSubmitted: async (req: unknown) => {
      this.record('markSubmitted', req);
    },
    recordInfoAnswer: async (req: unknown) => {
      this.record('recordInfoAnswer', req);
    },
    recordRegisterCheck: async (req: unknown) => {
      this.record('recordRegisterCheck', req);
    },
    openTask: async (req: unknown) => {
      this.record('openTask', req);
    },
    claimTask: async (req: unknown) => {
      this.record('claimTask', req);
    },
    closeTask: async (req: unknown) => {
      this.record('closeTask', req);
    },
    cancelOpenTasks: async (req: unknown) => {
      this.record('cancelOpenTasks', req);
    },
    requestPayment: async (req: { caseId: string; stepId: string }) => {
      this.record('requestPayment', req);
      return `${req.caseId}:${req.stepId}`;
    },
    invoiceForPayment: async (req: { requestId: string }) => {
      this.record('invoiceForPayment', req);
      return fakeInvoiceId(req.requestId);
    },
    expirePayment: async (req: unknown) => {
      this.record('expirePayment', req);
    },
    issueDocument: async (req: { caseId: string; stepId: string }) => {
      this.record('issueDocument', req);
      return `${req.caseId}:${req.stepId}`;
    },
    // The invoice workflow's activities (a payment step starts it as a child).
    invoiceState: async (invoiceId: string) => ({ status: this.invoiceStatus, dueDate: '2099-12-31', invoiceId }),
    markOverdue: async () => {
      this.invoiceStatus = 'overdue';
      return this.invoiceStatus;
    },
    remindPayer: async (invoiceId: string, key: string) => {
      this.record('remindPayer', { invoiceId, key });
    },
    cancelInvoice: async (invoiceId: string, reason: string) => {
      this.record('cancelInvoice', { invoiceId, reason });
      this.invoiceStatus = 'cancelled';
      return this.invoiceStatus;
    },
    invoicePaid: async (invoiceId: string) => ({
      caseId: this.caseId,
      stepId: this.paidStepId,
      amountEur: this.callsOf('invoiceForPayment')[0]?.amountEur,
      reference: `RF-${invoiceId}`,
    }),
  };

  /** Set by runApplication: the case the fake invoice's payment belongs to. */
  caseId = '';
  /** The payment step a paid invoice tells the application about (null: an invoice of no e-service). */
  paidStepId: string | null = null;
}

export interface RunningApplication {
  env: TestWorkflowEnvironment;
  handle: WorkflowHandle<typeof applicationWorkflow>;
  caseId: string;
  view(): Promise<ApplicationView>;
  /** Waits (real time, generous) until the view satisfies `test`; returns it. */
  until(what: string, test: (v: ApplicationView) => boolean): Promise<ApplicationView>;
  /**
   * Waits until no activity of the workflow is in flight. Needed before an update that cancels activities (withdraw):
   * the Java time-skipping test server can hang for good when a cancellation request and an activity's completion
   * reach it together (the workflow task stays started, nothing more is recorded; 3 runs in 75 under load). The real
   * server does not; the test is about the withdrawal, not that race.
   */
  settled(): Promise<void>;
  submit(data?: Record<string, unknown>): Promise<UpdateResult>;
  provideInfo(data: Record<string, unknown>, fileIds?: string[]): Promise<UpdateResult>;
  claim(officer?: Actor): Promise<{ taskId: string; claimedBy: string }>;
  complete(outcome: TaskOutcome, message?: string, officer?: Actor): Promise<UpdateResult>;
  /** Claims and completes the open task: the usual way an officer decides. */
  decide(outcome: TaskOutcome, message?: string): Promise<UpdateResult>;
}

/** Starts the interpreter for `platform`'s definition, runs `fn`, and stops the worker after it. */
export async function runApplication<T>(platform: FakePlatform, fn: (app: RunningApplication) => Promise<T>): Promise<T> {
  const caseId = `LV-TS-${crypto.randomBytes(5).toString('hex')}`;
  platform.caseId = caseId;
  const input: ApplicationInput = {
    caseId,
    definitionId: platform.definition.id,
    version: 1,
    agencyId: AGENCY,
    recipient: RECIPIENT,
    createdBy: CITIZEN,
  };
  return withWorker(platform.activities, async ({ env, taskQueue }) => {
    const handle = await env.client.workflow.start(applicationWorkflow, {
      taskQueue,
      workflowId: applicationWorkflowId(caseId),
      args: [input],
    });
    const view = () => handle.query(viewQuery);
    const until = (what: string, test: (v: ApplicationView) => boolean) =>
      waitFor(
        what,
        async () => {
          const v = await view();
          return test(v) ? v : undefined;
        },
        60_000,
        50,
      );
    const settled = async () => {
      await waitFor('no activity in flight', async () => ((await handle.describe()).raw.pendingActivities ?? []).length === 0, 60_000, 50);
    };
    const openTaskId = async () => (await until('an open task', (v) => v.openTask !== null)).openTask!.id;
    const app: RunningApplication = {
      env,
      handle,
      caseId,
      view,
      until,
      settled,
      submit: (data = {}) => handle.executeUpdate(submitUpdate, { args: [{ data, actor: CITIZEN }] }),
      provideInfo: (data, fileIds = []) => handle.executeUpdate(provideInfoUpdate, { args: [{ data, fileIds, actor: CITIZEN }] }),
      claim: async (officer = OFFICER) => handle.executeUpdate(claimTaskUpdate, { args: [{ taskId: await openTaskId(), officer }] }),
      complete: async (outcome, message, officer = OFFICER) =>
        handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: await openTaskId(), outcome, message, officer }] }),
      decide: async (outcome, message) => {
        await app.claim();
        return app.complete(outcome, message);
      },
    };
    return fn(app);
  });
}
