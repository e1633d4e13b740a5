// The one HTTP client of the UI: JSON in and out, the session cookie (sent by the browser) with the CSRF token on
// unsafe requests, and the platform's error shape ({ error: { code, message, details } }) turned into an ApiError.
import { clearSession, getSession, noteActivity } from '../auth/session';

import type { ErrorDetail } from '../../../../forms/types/api';

// The schema's errorDetail (forms/api/common.schema.json): most details have a path, some (a refused method's) none.
export type { ErrorDetail };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  raw?: Blob | ArrayBuffer;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const session = getSession();
  if (session) headers['x-csrf-token'] = session.csrfToken;
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(path, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body, credentials: 'same-origin' });
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : null;
  if (res.status === 401 && session) {
    // The session ended (idle, signed out in another tab, or at its absolute end): sign in again, then come back.
    sessionEnded();
  } else if (session && res.ok) noteActivity();
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? res.statusText, err?.details ?? []);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Leaves for the sign-in page, which says the session ended and brings the citizen back here afterwards. */
export function sessionEnded(): void {
  clearSession();
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?error=session_ended&returnTo=${encodeURIComponent(here)}`);
}

/** Downloads a protected file and saves it (fetched, so that a failure shows as an error on the page). */
export async function downloadFile(href: string, fallbackName: string): Promise<void> {
  const res = await fetch(href, { credentials: 'same-origin' });
  if (!res.ok) throw new ApiError(res.status, 'download_failed', res.statusText);
  const disposition = res.headers.get('content-disposition') ?? '';
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Fetches a protected file (an image, say); the caller makes an object URL of it. */
export async function fetchBlob(href: string): Promise<Blob> {
  const res = await fetch(href, { credentials: 'same-origin' });
  if (!res.ok) {
    const err = (safeJson(await res.text()) as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'download_failed', err?.message ?? res.statusText);
  }
  return res.blob();
}

/**
 * An Idempotency-Key for one attempt ("Pay online", opening an e-service): a UUID; crypto.randomUUID needs a secure
 * context, so the random bytes are formatted by hand when it is missing.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
