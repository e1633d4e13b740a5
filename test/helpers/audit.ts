// Reading what a request left in the audit log: each request carries its own X-Request-Id, and the rows written
// under it are that request's (the API copies the id into every row it writes).
import crypto from 'node:crypto';
import { stack } from '../setup';
import { call, type ApiResponse } from './http';

export type AuditRow = Record<string, any>;

export async function auditOf(requestId: string): Promise<AuditRow[]> {
  return (await stack.db.pool.query('SELECT * FROM audit_log WHERE request_id = $1 ORDER BY chain_seq', [requestId])).rows;
}

/** A request with its own X-Request-Id, and the audit rows it left. */
export async function traced(
  method: string,
  path: string,
  opts: { as: string; json?: unknown; headers?: Record<string, string> },
): Promise<{ res: ApiResponse; audit: AuditRow[] }> {
  const requestId = `audit-${crypto.randomUUID()}`;
  const res = await call(method, path, { ...opts, headers: { ...(opts.headers ?? {}), 'x-request-id': requestId } });
  return { res, audit: await auditOf(requestId) };
}

/** Who read or wrote whose data, for whom, what, and why: the columns every assertion compares. */
export const who = (r: AuditRow) => ({
  actor_type: r.actor_type,
  actor_id: r.actor_id,
  actor_agency: r.actor_agency,
  on_behalf_of: r.on_behalf_of,
  subject_type: r.subject_type,
  subject_id: r.subject_id,
  action: r.action,
  resource: r.resource,
  purpose: r.purpose,
});
