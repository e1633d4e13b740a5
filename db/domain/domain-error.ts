// A business refusal raised by domain code (api/ commands and activities alike): a stable code, a message for people
// and field-level details. It knows nothing of HTTP: the API answers it in the error shape (api/platform/errors.ts, 422 unless
// `kind` says it is a conflict); an activity turns it into a non-retryable ApplicationFailure (activities/refusals.ts).
export interface DomainErrorDetail {
  path?: string;
  code: string;
  message: string;
  [key: string]: unknown;
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: DomainErrorDetail[] = [],
    readonly kind: 'invalid' | 'conflict' = 'invalid',
  ) {
    super(message);
  }
}
