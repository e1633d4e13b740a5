// The messages the API sends to a running application workflow. Names are plain strings so the API can use them
// without loading workflow code; payloads are versioned with the workflow (a breaking change is a new name).
import type { TaskOutcome } from './dsl';

export interface Actor {
  type: 'citizen' | 'staff' | 'system';
  id: string;
  name?: string;
  agency?: string;
  office?: string;
}

export interface SubmitRequest { data: Record<string, unknown>; actor: Actor }
export interface WithdrawRequest { reason?: string; actor: Actor }
export interface ProvideInfoRequest { data: Record<string, unknown>; fileIds: string[]; actor: Actor }
export interface ClaimTaskRequest { taskId: string; officer: Actor }
export interface CompleteTaskRequest { taskId: string; outcome: TaskOutcome; message?: string; officer: Actor }
export interface PaymentReceived { stepId: string; amountEur: number; reference: string }

export interface UpdateResult { status: string; label: string | null }

export interface ApplicationView {
  phase: 'draft' | 'running' | 'ended';
  status: string;
  label: string | null;
  openTask: { id: string; stepId: string; claimedBy: string | null; outcomes: TaskOutcome[] } | null;
  waitingFor: string | null;
}

export const MESSAGES = {
  submit: 'submit',
  withdraw: 'withdraw',
  provideInfo: 'provideInfo',
  claimTask: 'claimTask',
  completeTask: 'completeTask',
  paymentReceived: 'paymentReceived',
  view: 'view',
} as const;

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
