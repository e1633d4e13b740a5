// The `applications` table: one e-service application per case. Every write of the row is here, whoever makes it:
// the API (open, draft saves) and the e-service workflow's activities (prefill, waiting reason, submission, answers).
// The co-browsing autosave batches its edits (api/assist/autosave.ts) and merges them here in one statement.
import type { Pool, PoolClient } from 'pg';
import { DomainError, notFoundError } from '../domain/domain-error';
import { inTransaction } from '../transaction';
import type { DraftSave, PutApplicationsIdDraftResponse } from '../../forms/types/api';
import { registeredAtOf } from '../cases/partitions';

type Db = Pool | PoolClient;

export interface NewApplication {
  caseId: string;
  definitionId: string;
  definitionVersion: number;
  agencyId: string;
  recipient: { type: string; id: string };
  createdBy: string;
  ttlMs: number;
  /** The form data to start from (the signed-in citizen's identity attributes); register prefill does not overwrite it. */
  initialDraft?: Record<string, unknown>;
}

/** The row of a newly opened application; opening the same case again changes nothing. */
export async function insertApplication(db: Db, a: NewApplication): Promise<void> {
  await db.query(
    `INSERT INTO applications (case_id, definition_id, definition_version, agency_id, recipient_type, recipient_id, created_by, expires_at, draft_data)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now() + $8 * interval '1 millisecond', $9::jsonb) ON CONFLICT (case_id) DO NOTHING`,
    [
      a.caseId,
      a.definitionId,
      a.definitionVersion,
      a.agencyId,
      a.recipient.type,
      a.recipient.id,
      a.createdBy,
      a.ttlMs,
      JSON.stringify(a.initialDraft ?? {}),
    ],
  );
}

const MAX_DRAFT_BYTES = 256 * 1024;

/** A draft save (PUT /draft, `draft:save`) and its answer: the schemas draft-save and its response describe them. */
export type DraftChange = DraftSave;
export type SavedDraft = PutApplicationsIdDraftResponse;

/** Replaces the draft if it is still a draft at the expected version (optimistic concurrency). */
export async function writeDraft(db: Db, caseId: string, change: DraftChange, savedBy: string): Promise<SavedDraft> {
  const json = JSON.stringify(change.data);
  if (Buffer.byteLength(json) > MAX_DRAFT_BYTES)
    throw new DomainError('payload_too_large', 'A draft may hold at most 256 KB of form data.');
  const { rows } = await db.query<{ draft_version: number; draft_saved_at: Date }>(
    `UPDATE applications a SET draft_data = $3, draft_version = a.draft_version + 1, draft_saved_at = now(), draft_saved_by = $4,
       draft_step = COALESCE($5, a.draft_step)
      FROM cases c WHERE a.case_id = $1 AND c.id = a.case_id AND c.registered_at = ${registeredAtOf('$1')} AND c.status = 'draft' AND a.draft_version = $2
      RETURNING a.draft_version, a.draft_saved_at`,
    [caseId, change.version, json, savedBy, change.step ?? null],
  );
  if (rows[0]) return { version: rows[0].draft_version, savedAt: rows[0].draft_saved_at.toISOString() };
  const current = await db.query(
    `SELECT a.draft_version, c.status FROM applications a JOIN cases c ON c.id = a.case_id
      WHERE a.case_id = $1 AND c.registered_at = ${registeredAtOf('$1')}`,
    [caseId],
  );
  if (!current.rows[0]) throw notFoundError('application');
  if (current.rows[0].status !== 'draft')
    throw new DomainError('not_draft', 'The application has been submitted; the draft can no longer change.');
  throw new DomainError('stale_version', 'The draft was changed elsewhere (another tab or device). Reload it to continue.', [
    {
      path: '/version',
      code: 'stale_version',
      message: `current version is ${current.rows[0].draft_version}`,
      currentVersion: current.rows[0].draft_version,
    },
  ]);
}

/**
 * Merges register data into the draft: prefilled values never overwrite what the citizen typed meanwhile (the draft
 * wins, key by key). Returns the recipient whose draft it is, or null when there is no application.
 */
export async function mergePrefill(
  db: Db,
  caseId: string,
  values: Record<string, unknown>,
): Promise<{ recipient_type: string; recipient_id: string } | null> {
  const { rows } = await db.query<{ recipient_type: string; recipient_id: string }>(
    `UPDATE applications a SET draft_data = $2::jsonb || a.draft_data, draft_version = a.draft_version + 1, draft_saved_at = now(),
       draft_saved_by = 'prefill' FROM cases c
      WHERE a.case_id = $1 AND c.id = a.case_id AND c.registered_at = ${registeredAtOf('$1')} RETURNING c.recipient_type, c.recipient_id`,
    [caseId, JSON.stringify(values)],
  );
  return rows[0] ?? null;
}

/** The level of assurance of the sign-in with which the application was submitted (null: no identity provider). */
export async function recordSubmissionLevel(db: Db, caseId: string, level: string | null): Promise<void> {
  await db.query('UPDATE applications SET submitted_level_of_assurance = $2 WHERE case_id = $1', [caseId, level]);
}

/** Why the application waits (shown to the citizen), or null when it does not. */
export async function setWaitingReason(db: Db, caseId: string, waitingFor: string | null): Promise<void> {
  await db.query('UPDATE applications SET waiting_reason = $2 WHERE case_id = $1', [caseId, waitingFor]);
}

/** The data as submitted; the first submission time stays. */
export async function markSubmitted(db: Db, caseId: string, data: Record<string, unknown>): Promise<void> {
  await db.query('UPDATE applications SET submitted_data = $2, submitted_at = COALESCE(submitted_at, now()) WHERE case_id = $1', [
    caseId,
    JSON.stringify(data),
  ]);
}

/** Appends an answer to a request for information to the submitted data, once per idempotency key. */
export async function appendInfoAnswer(pool: Pool, caseId: string, idempotencyKey: string, answer: Record<string, unknown>): Promise<void> {
  const json = JSON.stringify(answer);
  await inTransaction(pool, async (client) => {
    const first = await client.query(
      'INSERT INTO application_info_answers (idempotency_key, case_id, answer) VALUES ($1, $2, $3) ON CONFLICT (idempotency_key) DO NOTHING',
      [idempotencyKey, caseId, json],
    );
    if (first.rowCount === 0) return; // recorded by an earlier attempt
    await client.query(
      `UPDATE applications SET submitted_data = jsonb_set(COALESCE(submitted_data, '{}'), '{additionalInformation}',
         COALESCE(submitted_data->'additionalInformation', '[]') || jsonb_build_array($2::jsonb)) WHERE case_id = $1`,
      [caseId, json],
    );
  });
}

/** Edits of several drafts, one JSON parameter: [{ c: case, s: saved by, e: [[pointer, value, version], ...] }, ...]. */
export type DraftEditsParam = Array<{ c: string; s: string; e: unknown[][] }>;

/**
 * Merges field edits into many drafts in one statement (draft_merge, migration 0010), each under its own row lock,
 * so an edit saved meanwhile is merged into, never overwritten. The draft's version moves on only when its data
 * changed: the citizen's own keystrokes reach the draft twice (autosave and co-browsing), and the second, changing
 * nothing, must not make the version the citizen's screen holds stale (it made every submit a 409 before). Per
 * case: whether it is (still) a draft.
 */
export async function mergeDraftEdits(db: Db, apps: DraftEditsParam): Promise<Array<{ case_id: string; draft: boolean | null }>> {
  const { rows } = await db.query<{ case_id: string; draft: boolean | null }>(
    `WITH apps AS (
       SELECT app ->> 'c' AS case_id, app ->> 's' AS saved_by, app -> 'e' AS edits FROM jsonb_array_elements($1::jsonb) AS app
     ), saved AS (
       UPDATE applications a
          SET (draft_data, draft_field_versions, draft_version) = (
                SELECT m.data, m.versions, a.draft_version + CASE WHEN jsonb_strip_nulls(m.data) = jsonb_strip_nulls(a.draft_data) THEN 0 ELSE 1 END
                  FROM draft_merge(a.draft_data, a.draft_field_versions, apps.edits) m),
              draft_saved_at = now(), draft_saved_by = apps.saved_by
         FROM apps, cases c
        WHERE a.case_id = apps.case_id AND c.id = a.case_id AND c.status = 'draft' AND draft_edits_newer(a.draft_field_versions, apps.edits)
       RETURNING a.case_id
     )
     SELECT apps.case_id, saved.case_id IS NOT NULL OR c.status = 'draft' AS draft
       FROM apps LEFT JOIN saved ON saved.case_id = apps.case_id LEFT JOIN cases c ON c.id = apps.case_id`,
    [JSON.stringify(apps)],
  );
  return rows;
}
