// Temporal's answers to updates, mapped to the API's error shape. The workflow rejects with ApplicationFailure
// types from workflows/application/messages.ts (REJECTIONS); each gets an HTTP status here.
import { WorkflowNotFoundError, WorkflowUpdateFailedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError } from './errors';
import { REJECTIONS } from '../workflows/application/messages';
import { REVIEW_REFUSALS } from '../workflows/catalog';

const STATUS_OF: Record<string, number> = {
  [REJECTIONS.notDraft]: 409,
  [REJECTIONS.notInfoRequested]: 409,
  [REJECTIONS.alreadyEnded]: 409,
  [REJECTIONS.noSuchTask]: 409,
  [REJECTIONS.otherAgency]: 403,
  [REJECTIONS.notClaimed]: 409,
  [REJECTIONS.claimedByOther]: 409,
  [REJECTIONS.outcomeNotAllowed]: 422,
  [REJECTIONS.messageRequired]: 422,
  [REVIEW_REFUSALS.notYourStep]: 403,
  [REVIEW_REFUSALS.ownVersion]: 403,
  [REVIEW_REFUSALS.commentRequired]: 422,
  [REVIEW_REFUSALS.notInReview]: 409,
};

/** The workflow does not exist or has ended: an update or signal has no one to go to. */
export function isWorkflowGone(e: unknown): boolean {
  return e instanceof WorkflowNotFoundError || (e as { code?: number } | null)?.code === 5 /* NOT_FOUND */
    || /already completed/i.test(String((e as Error | null)?.message));
}

export function toApiError(e: unknown): unknown {
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure && e.cause.type && STATUS_OF[e.cause.type]) {
    return new ApiError(STATUS_OF[e.cause.type], e.cause.type, e.cause.message);
  }
  if (e instanceof WorkflowUpdateFailedError) {
    // Not a business rejection (e.g. the workflow is still starting): the request may simply be repeated.
    return new ApiError(503, 'temporarily_unavailable', 'The application is not ready for this yet; try again in a moment.', [], { 'Retry-After': '1' });
  }
  if (isWorkflowGone(e)) return new ApiError(409, REJECTIONS.alreadyEnded, 'The application is no longer running.');
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return new ApiError(503, 'temporarily_unavailable', 'The e-service runtime did not answer in time; try again.');
  return e;
}

export async function mapTemporal<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    throw toApiError(e);
  }
}
