// A second API process-in-process on the stack's database and keys, pointed at another Temporal or task queue
// (Temporal down, no worker, a private worker); tokens of the stack's personas are valid on it.
import { stack } from '../setup';
import { tokenFor, type ApiResponse } from './http';
import { loadConfig } from '../../forms/config';
import { startApi, type RunningApi } from '../../api/platform/server';

export function apiFor(temporalAddress: string, taskQueue: string, rpcTimeoutMs = 2000): Promise<RunningApi> {
  return startApi(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATA_DIR: stack.dataDir,
      LOG_LEVEL: 'silent',
      TEMPORAL_RPC_TIMEOUT_MS: String(rpcTimeoutMs),
    }),
    { db: stack.db, adapters: stack.adapters },
  );
}

export async function callAt(
  api: RunningApi,
  method: string,
  path: string,
  opts: { as: string; json?: unknown; headers?: Record<string, string> },
): Promise<ApiResponse> {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(opts.as)}`, ...(opts.headers ?? {}) };
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${api.url}${path}`, { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, headers: res.headers };
}
