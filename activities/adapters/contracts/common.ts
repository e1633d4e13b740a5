// What every adapter call carries and how every adapter reports failure, whatever system it talks to.

export interface CallContext {
  /** Derived from the workflow and step (e.g. "application:LV-0001000001-67/step:check-address"): a retried call
   * with the same key must not have a second effect in the external system. */
  idempotencyKey: string;
  /** For the external system's logs. */
  requestId?: string;
}

/** The system did not answer or answered 5xx/429: the call may be retried later. */
export class SystemUnavailableError extends Error {
  readonly retryable = true;
  constructor(
    readonly system: string,
    message: string,
  ) {
    super(`${system}: ${message}`);
    this.name = 'SystemUnavailableError';
  }
}

/** The system refused the request itself (4xx other than 404/429): retrying the same request will not help. */
export class SystemRejectedError extends Error {
  readonly retryable = false;
  constructor(
    readonly system: string,
    readonly status: number,
    message: string,
  ) {
    super(`${system}: ${message}`);
    this.name = 'SystemRejectedError';
  }
}

/** Each adapter also answers a configuration check (reachable, credentials accepted). */
export interface ConfigCheck {
  checkConfig(): Promise<{ ok: boolean; message: string }>;
}
