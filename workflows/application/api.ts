// The application workflow as the API, activities and scripts see it: its id, its input, and the messages it takes.
// Only `define*` calls and types, so Node code imports it without workflow code. The workflow type and message
// names are recorded in running workflows' histories: they never change; payloads are versioned with the workflow
// (a breaking change is a new name).
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { TaskOutcome } from '../../forms/eservice-definition/dsl';

/** The business id of an application's workflow: one workflow per case. */
export function applicationWorkflowId(caseId: string): string {
  return `application:${caseId}`;
}

/** The workflow type the worker registers (workflows/index.ts exports a function of this name). */
export const APPLICATION_WORKFLOW = 'applicationWorkflow';

export interface Actor {
  type: 'citizen' | 'staff' | 'system';
  id: string;
  name?: string;
  agency?: string;
  office?: string;
}

export interface ApplicationInput {
  caseId: string;
  definitionId: string;
  version: number;
  agencyId: string;
  recipient: { type: string; id: string; name?: string };
  createdBy: Actor;
}

export interface SubmitRequest {
  data: Record<string, unknown>;
  actor: Actor;
}
export interface WithdrawRequest {
  reason?: string;
  actor: Actor;
}
export interface ProvideInfoRequest {
  data: Record<string, unknown>;
  fileIds: string[];
  actor: Actor;
}
export interface ClaimTaskRequest {
  taskId: string;
  officer: Actor;
}
export interface CompleteTaskRequest {
  taskId: string;
  outcome: TaskOutcome;
  message?: string;
  officer: Actor;
}
export interface PaymentReceived {
  stepId: string;
  amountEur: number;
  reference: string;
}

export interface UpdateResult {
  status: string;
  label: string | null;
}
export interface ClaimResult {
  taskId: string;
  claimedBy: string;
}

export interface ApplicationView {
  phase: 'draft' | 'running' | 'ended';
  status: string;
  label: string | null;
  openTask: { id: string; stepId: string; claimedBy: string | null; outcomes: TaskOutcome[] } | null;
  waitingFor: string | null;
}

export const submitUpdate = defineUpdate<UpdateResult, [SubmitRequest]>('submit');
export const withdrawUpdate = defineUpdate<UpdateResult, [WithdrawRequest]>('withdraw');
export const provideInfoUpdate = defineUpdate<UpdateResult, [ProvideInfoRequest]>('provideInfo');
export const claimTaskUpdate = defineUpdate<ClaimResult, [ClaimTaskRequest]>('claimTask');
export const completeTaskUpdate = defineUpdate<UpdateResult, [CompleteTaskRequest]>('completeTask');
/** Sent by the invoice workflow when the invoice of a payment step is paid. */
export const paymentReceivedSignal = defineSignal<[PaymentReceived]>('paymentReceived');
export const viewQuery = defineQuery<ApplicationView>('view');

/** Error types a validator or handler may reject with; the API maps them to HTTP codes. */
export const REJECTIONS = {
  notDraft: 'not_draft',
  notInfoRequested: 'info_not_requested',
  alreadyEnded: 'application_ended',
  noSuchTask: 'task_not_open',
  otherAgency: 'task_of_other_agency',
  notClaimed: 'task_not_claimed',
  claimedByOther: 'task_claimed_by_other',
  outcomeNotAllowed: 'outcome_not_allowed',
  messageRequired: 'message_required',
} as const;
