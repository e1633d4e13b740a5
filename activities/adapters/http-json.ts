// The HTTP part every adapter shares: JSON over fetch with a timeout, and one mapping of failures to the contract's
// errors (no answer, 5xx, 408, 429 → SystemUnavailableError, retryable; other 4xx → SystemRejectedError), so no
// adapter decides on its own what a workflow may retry.
import { SystemRejectedError, SystemUnavailableError, type CallContext } from './contracts/common';

/** The options every HTTP adapter accepts (see each adapter's options.schema.json). */
export interface HttpAdapterOptions {
  baseUrl: string;
  /** Default DEFAULT_TIMEOUT_MS. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 5000;

/** Header values must be printable ASCII; percent-encoding keeps other keys usable and still deterministic. */
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, (ch) => encodeURIComponent(ch));

function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

function errorMessageOf(payload: unknown): string | undefined {
  const message = (payload as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : undefined;
}

export class HttpJsonClient {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(
    readonly system: string,
    private readonly options: HttpAdapterOptions,
  ) {
    this.base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** GET; 404 (the system has no such thing) answers null. */
  async getOrNull<T>(path: string, ctx: CallContext): Promise<T | null> {
    const { status, payload } = await this.send('GET', path, ctx);
    if (status === 404) return null;
    this.raiseUnlessOk('GET', path, status, payload);
    return payload as T;
  }

  async get<T>(path: string, ctx: CallContext): Promise<T> {
    const { status, payload } = await this.send('GET', path, ctx);
    this.raiseUnlessOk('GET', path, status, payload);
    return payload as T;
  }

  async post<T>(path: string, body: unknown, ctx: CallContext): Promise<T> {
    const { status, payload } = await this.send('POST', path, ctx, body);
    this.raiseUnlessOk('POST', path, status, payload);
    return payload as T;
  }

  /** The configuration check: /healthz answers, and (when it says so) is the system this adapter expects. */
  async checkHealth(expectedSystem: string): Promise<{ ok: boolean; message: string }> {
    try {
      const health = await this.get<{ system?: unknown }>('healthz', { idempotencyKey: `config-check:${this.system}` });
      if (typeof health?.system === 'string' && health.system !== expectedSystem) {
        return { ok: false, message: `${this.system}: ${this.options.baseUrl} answers as "${health.system}", not "${expectedSystem}"` };
      }
      return { ok: true, message: `${this.system}: ${this.options.baseUrl} answers` };
    } catch (err) {
      return { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
  }

  private async send(method: 'GET' | 'POST', path: string, ctx: CallContext, body?: unknown) {
    const url = new URL(path.replace(/^\//, ''), this.base);
    const headers: Record<string, string> = { accept: 'application/json', 'idempotency-key': headerSafe(ctx.idempotencyKey) };
    if (ctx.requestId) headers['x-request-id'] = headerSafe(ctx.requestId);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    // The timer also covers reading the body: a system that stalls mid-answer is as unavailable as a silent one.
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
      const text = await res.text();
      let payload: unknown = undefined;
      try {
        payload = text ? JSON.parse(text) : undefined;
      } catch {
        // A gateway's HTML error page on a 5xx is still a 5xx; a 2xx that is not JSON is caught below.
        if (res.ok) throw new SystemUnavailableError(this.system, `${method} ${path} answered ${res.status} with a body that is not JSON`);
      }
      return { status: res.status, payload };
    } catch (err) {
      if (err instanceof SystemUnavailableError) throw err;
      if (controller.signal.aborted) {
        throw new SystemUnavailableError(this.system, `${method} ${path}: no answer within ${this.timeoutMs} ms`);
      }
      throw new SystemUnavailableError(
        this.system,
        `${method} ${path}: cannot reach ${this.options.baseUrl} (${describeNetworkError(err)})`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  private raiseUnlessOk(method: string, path: string, status: number, payload: unknown): void {
    if (status >= 200 && status < 300) return;
    const detail = `${method} ${path} answered ${status}: ${errorMessageOf(payload) ?? 'no explanation'}`;
    if (status >= 500 || status === 408 || status === 429) throw new SystemUnavailableError(this.system, detail);
    throw new SystemRejectedError(this.system, status, detail);
  }
}
