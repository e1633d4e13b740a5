// The one HTTP client of the UI: JSON in and out, the bearer token from the session, and the platform's error shape
// ({ error: { code, message, details } }) turned into an ApiError.
import { clearSession, getToken } from '../auth/session';

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
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(path, { method: opts.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : null;
  if (res.status === 401 && token) {
    // The session expired (tokens last 8 hours): sign in again.
    clearSession();
    window.location.assign('/sign-in');
  }
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

/** Downloads a protected file (the bearer token is needed, so a plain link would not do) and saves it. */
export async function downloadFile(href: string, fallbackName: string): Promise<void> {
  const token = getToken();
  const res = await fetch(href, { headers: token ? { authorization: `Bearer ${token}` } : {} });
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

/** Fetches a protected file (an image, say) with the bearer token; the caller makes an object URL of it. */
export async function fetchBlob(href: string): Promise<Blob> {
  const token = getToken();
  const res = await fetch(href, { headers: token ? { authorization: `Bearer ${token}` } : {} });
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
