// Temporal's answers, mapped to the API's error shape in one place. Workflows reject updates with ApplicationFailure
// types (REJECTIONS of each workflow); each gets a stable code and HTTP status here. Temporal unreachable, or a
// workflow that no worker runs, is 503 temporarily_unavailable with Retry-After: never a 500, never a hang.
import {
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { ErrorRequestHandler } from 'express';
import { ApiError } from './errors';
import { REJECTIONS } from '../../workflows/application/api';
import { REVIEW_REFUSALS } from '../../workflows/catalog/api';
import { INVOICE_REJECTIONS } from '../../workflows/invoice/api';

/** Every workflow rejection type and its HTTP status: a rejection missing here would reach clients as a 503. */
export const STATUS_OF: Readonly<Record<string, number>> = {
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
  [INVOICE_REJECTIONS.closed]: 409,
};

const RETRY_AFTER_SECONDS = '5';
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

export function temporarilyUnavailable(message: string, cause?: unknown): ApiError {
  const error = new ApiError(503, 'temporarily_unavailable', message, [], { 'Retry-After': RETRY_AFTER_SECONDS });
  if (cause !== undefined) (error as Error & { cause?: unknown }).cause = cause;
  return error;
}

/** Temporal could not be reached or did not answer before the deadline (connection refused, server down, no worker). */
export function isTemporalUnavailable(e: unknown): boolean {
  for (let err = e, depth = 0; err && depth < 5; err = (err as { cause?: unknown }).cause, depth += 1) {
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) return true;
    if (isGrpcServiceError(err) && (err.code === GRPC_UNAVAILABLE || err.code === GRPC_DEADLINE_EXCEEDED)) return true;
    if (err instanceof ServiceError && /failed to connect/i.test(err.message)) return true;
    if (err instanceof Error && /Failed to connect before the deadline|ECONNREFUSED/.test(err.message)) return true;
  }
  return false;
}

/** The workflow does not exist or has ended: an update or signal has no one to go to. */
export function isWorkflowGone(e: unknown): boolean {
  return (
    e instanceof WorkflowNotFoundError ||
    (e as { code?: number } | null)?.code === 5 /* NOT_FOUND */ ||
    /already completed/i.test(String((e as Error | null)?.message))
  );
}

/** `whenGone`: what an ended workflow means for this resource (an ended application, a closed invoice). */
export function toApiError(e: unknown, opts: { whenGone?: () => ApiError } = {}): unknown {
  if (e instanceof ApiError) return e;
  if (e instanceof WorkflowUpdateFailedError && e.cause instanceof ApplicationFailure && e.cause.type && STATUS_OF[e.cause.type]) {
    return new ApiError(STATUS_OF[e.cause.type], e.cause.type, e.cause.message);
  }
  if (e instanceof WorkflowUpdateFailedError) {
    // Not a business rejection (e.g. the workflow is still starting): the request may simply be repeated.
    return new ApiError(503, 'temporarily_unavailable', 'The application is not ready for this yet; try again in a moment.', [], {
      'Retry-After': '1',
    });
  }
  if (isWorkflowGone(e)) return opts.whenGone?.() ?? new ApiError(409, REJECTIONS.alreadyEnded, 'The application is no longer running.');
  if (isTemporalUnavailable(e))
    return temporarilyUnavailable('The e-service runtime did not answer in time; nothing was changed. Try again in a moment.', e);
  return e;
}

export async function mapTemporal<T>(work: Promise<T>, opts: { whenGone?: () => ApiError } = {}): Promise<T> {
  try {
    return await work;
  } catch (e) {
    throw toApiError(e, opts);
  }
}

/** Before the error handler: a Temporal failure that a route did not map itself (e.g. starting a workflow). */
export const temporalErrorMapper: ErrorRequestHandler = (err: unknown, _req, _res, next) => {
  next(isTemporalUnavailable(err) ? temporarilyUnavailable('The e-service runtime cannot be reached; try again in a moment.', err) : err);
};
