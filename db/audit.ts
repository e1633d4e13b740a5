// The one audit function: every read or change of personal data goes through here (DESIGN.md rule 9):
// who (actor), on whose behalf, whose data (subject), what (action on a resource), why (purpose), when.
import type { Pool, PoolClient } from 'pg';

export interface AuditEntry {
  actor: { type: string; id: string; agency?: string | undefined; office?: string | undefined };
  onBehalfOf?: string | undefined;
  subject?: { type: string; id: string } | undefined;
  action: 'read' | 'create' | 'update' | 'delete' | 'login' | 'export';
  resource: string;
  purpose: string;
  requestId?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

export async function audit(db: Pool | PoolClient, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db.query(
    `INSERT INTO audit_log (actor_type, actor_id, actor_agency, actor_office, on_behalf_of, subject_type, subject_id,
       action, resource, purpose, request_id, details)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::text[], $11::text[], $12::jsonb[])`,
    [
      list.map((e) => e.actor.type), list.map((e) => e.actor.id), list.map((e) => e.actor.agency ?? null),
      list.map((e) => e.actor.office ?? null), list.map((e) => e.onBehalfOf ?? null),
      list.map((e) => e.subject?.type ?? null), list.map((e) => e.subject?.id ?? null),
      list.map((e) => e.action), list.map((e) => e.resource), list.map((e) => e.purpose),
      list.map((e) => e.requestId ?? null), list.map((e) => (e.details ? JSON.stringify(e.details) : null)),
    ],
  );
}
