// The one audit function: every read or change of personal data goes through here (DESIGN.md rule 9):
// who (actor), on whose behalf, whose data (subject), what (action on a resource), why (purpose), when.
// audit_log is append-only and hash-chained by PostgreSQL itself (migration 0013; `npm run audit:verify`): the time
// and chain fields are set by its trigger. The trigger holds the chain's lock until the transaction ends, so inside
// a transaction write the audit rows last; many rows go in one call (one statement), never one call per row.
import type { Pool, PoolClient } from 'pg';

export interface AuditEntry {
  actor: { type: string; id: string; agency?: string | undefined; office?: string | undefined };
  onBehalfOf?: string | undefined;
  subject?: { type: string; id: string } | undefined;
  action: 'read' | 'create' | 'update' | 'delete' | 'login' | 'logout' | 'export';
  resource: string;
  purpose: string;
  requestId?: string | undefined;
  details?: Record<string, unknown> | undefined;
}

export async function audit(db: Pool | PoolClient, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  // One JSON parameter for any number of rows: serialising it is one native call, where an array parameter per
  // column costs the driver an escape per value (the co-browse autosave writes hundreds of rows a second).
  await db.query(
    `INSERT INTO audit_log (actor_type, actor_id, actor_agency, actor_office, on_behalf_of, subject_type, subject_id,
       action, resource, purpose, request_id, details)
     SELECT r.actor_type, r.actor_id, r.actor_agency, r.actor_office, r.on_behalf_of, r.subject_type, r.subject_id,
            r.action, r.resource, r.purpose, r.request_id, r.details
       FROM jsonb_to_recordset($1::jsonb) AS r(actor_type text, actor_id text, actor_agency text, actor_office text,
            on_behalf_of text, subject_type text, subject_id text, action text, resource text, purpose text, request_id text, details jsonb)`,
    [
      JSON.stringify(
        list.map((e) => ({
          actor_type: e.actor.type,
          actor_id: e.actor.id,
          actor_agency: e.actor.agency ?? null,
          actor_office: e.actor.office ?? null,
          on_behalf_of: e.onBehalfOf ?? null,
          subject_type: e.subject?.type ?? null,
          subject_id: e.subject?.id ?? null,
          action: e.action,
          resource: e.resource,
          purpose: e.purpose,
          request_id: e.requestId ?? null,
          details: e.details ?? null,
        })),
      ),
    ],
  );
}
