// Small HTTP helpers for tests: sign in as a persona and call the API with fetch.
import { stack } from '../setup';

const tokens = new Map<string, string>();

export async function tokenFor(persona: string): Promise<string> {
  const cached = tokens.get(persona);
  if (cached) return cached;
  const res = await fetch(`${stack.api.url}/api/v1/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona }),
  });
  if (res.status !== 200) throw new Error(`dev-login ${persona}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  tokens.set(persona, token);
  return token;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export async function call<T = any>(
  method: string,
  path: string,
  opts: { as?: string; json?: unknown; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.as) headers.authorization = `Bearer ${await tokenFor(opts.as)}`;
  let body: string | Buffer | undefined = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${stack.api.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

/** Asserts the one error shape and returns the error. */
export function errorOf(res: ApiResponse): {
  code: string;
  message: string;
  details: Array<{ path?: string; code: string; message: string }>;
} {
  const e = (res.body as { error?: unknown })?.error as { code: string; message: string; details: [] } | undefined;
  if (!e || typeof e.code !== 'string' || typeof e.message !== 'string' || !Array.isArray(e.details)) {
    throw new Error(`not the error shape: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return e;
}
