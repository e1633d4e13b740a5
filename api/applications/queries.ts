// Reading applications with everything a screen needs; callers decide who may see them.
import type { Pool } from 'pg';
import type { ApplicationRow } from './presenter';
import type { EventRow } from '../cases/presenter';

export async function findApplication(pool: Pool, caseId: string): Promise<ApplicationRow | null> {
  const { rows } = await pool.query<ApplicationRow>(
    `SELECT a.*, c.status, c.status_label, c.status_label_en, c.status_at, c.recipient_name, c.acting_staff_id, c.acting_basis, c.acting_basis_ref,
            c.representative_type, c.representative_id, c.representative_basis, c.representative_basis_ref
       FROM applications a JOIN cases c ON c.id = a.case_id WHERE a.case_id = $1`,
    [caseId],
  );
  return rows[0] ?? null;
}

export async function applicationDetails(pool: Pool, caseId: string) {
  const [events, documents] = await Promise.all([
    pool.query<EventRow & { label_en: string | null }>(
      'SELECT case_id, status, label, label_en, at, reason FROM case_status_events WHERE case_id = $1 ORDER BY id',
      [caseId],
    ),
    pool.query('SELECT id, document_type, title_lv, title_en, created_at FROM documents WHERE case_id = $1 ORDER BY created_at', [caseId]),
  ]);
  return { events: events.rows, documents: documents.rows };
}

export async function applicationsOfPerson(pool: Pool, person: { type: string; id: string }, status?: string) {
  const { rows } = await pool.query(
    `SELECT a.case_id, a.definition_id, a.definition_version, a.draft_version, a.draft_saved_at, a.expires_at, a.created_at,
            c.status, c.status_at, v.content->'title' AS title
       FROM applications a JOIN cases c ON c.id = a.case_id
       JOIN eservice_definition_versions v ON v.definition_id = a.definition_id AND v.version = a.definition_version
      WHERE a.recipient_type = $1 AND a.recipient_id = $2 AND ($3::text IS NULL OR c.status = $3)
      ORDER BY c.status_at DESC LIMIT 200`,
    [person.type, person.id, status ?? null],
  );
  return rows.map((r) => ({
    id: r.case_id,
    eserviceId: r.definition_id,
    version: r.definition_version,
    title: r.title,
    status: r.status,
    statusAt: r.status_at.toISOString(),
    draftVersion: r.draft_version,
    draftSavedAt: r.draft_saved_at?.toISOString() ?? null,
    expiresAt: r.expires_at.toISOString(),
    createdAt: r.created_at.toISOString(),
  }));
}
