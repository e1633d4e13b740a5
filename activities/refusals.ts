// One rule for every activity (DESIGN.md rule 7): a business refusal is final. Domain code throws DomainError, the
// one refusal type (db/ knows no HTTP, and activities cannot reach api/, whose errors carry a status). Retrying a
// refusal would only repeat it for hours, so it leaves the activity as a non-retryable ApplicationFailure whose type
// is the refusal's stable code. Anything else (a database or network failure) stays retryable under the workflow's
// retry budget.
import { ApplicationFailure } from '@temporalio/common';
import { DomainError } from '../db/domain/domain-error';

export function asActivityFailure(e: unknown): unknown {
  if (e instanceof ApplicationFailure) return e;
  if (e instanceof DomainError) {
    return ApplicationFailure.create({ type: e.code, message: e.message, details: [e.details], nonRetryable: true, cause: e });
  }
  return e;
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
