// One rule for every activity (DESIGN.md rule 7): a business refusal is final. Domain code throws DomainError (db/
// knows no HTTP; an error that carries an HTTP status is still understood, without importing api/). Retrying a
// refusal would only repeat it for hours, so it leaves the activity as a non-retryable ApplicationFailure whose type
// is the refusal's stable code. Anything else (a database or network failure) stays retryable under the workflow's
// retry budget. No HTTP error leaves an activity.
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../db/domain/domain-error';

export function asActivityFailure(e: unknown): unknown {
  if (e instanceof ApplicationFailure) return e;
  if (e instanceof DomainError) {
    return ApplicationFailure.create({ type: e.code, message: e.message, details: [e.details], nonRetryable: true, cause: e });
  }
  if (isHttpError(e)) {
    // A 4xx is a refusal; a 5xx-style error is a failure worth retrying.
    return ApplicationFailure.create({ type: e.code, message: e.message, details: [e.details], nonRetryable: e.status < 500, cause: e });
  }
  return e;
}

function isHttpError(e: unknown): e is Error & { status: number; code: string; details: unknown } {
  return e instanceof Error && typeof (e as { status?: unknown }).status === 'number' && typeof (e as { code?: unknown }).code === 'string';
}

type AnyActivity = (...args: never[]) => Promise<unknown>;

/** Wraps every activity of a set so that refusals leave it as non-retryable failures (see asActivityFailure). */
export function refusalsAreFinal<T extends Record<string, AnyActivity>>(activities: T): T {
  const wrapped: Record<string, AnyActivity> = {};
  for (const [name, activity] of Object.entries(activities)) {
    wrapped[name] = async (...args: never[]) => {
      try {
        return await activity(...args);
      } catch (e) {
        throw asActivityFailure(e);
      }
    };
  }
  return wrapped as T;
}
