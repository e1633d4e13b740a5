// A business refusal raised by domain code (db/ modules, api/ commands and activities alike): a stable code, a
// message for people and field-level details. It knows nothing of HTTP: the API answers it in the error shape with
// the status its code maps to (api/platform/errors.ts, one table); an activity turns it into a non-retryable
// ApplicationFailure (activities/refusals.ts).
import type { ErrorDetail } from '../../forms/types/api';

/** A field-level detail: the error shape's errorDetail (forms/api/common.schema.json). */
export type DomainErrorDetail = ErrorDetail;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: DomainErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** The thing does not exist, or the caller may not know that it does. */
export const notFoundError = (what = 'resource') => new DomainError('not_found', `No such ${what}.`);
