// Reading applications: the row with its case's status and who acts for the recipient (what the policy module and
// the screens need), its history and issued documents, a person's list, and the few columns a command needs.
// Callers decide who may see them.
import type { Pool } from 'pg';
import type { CaseStatus } from '../domain/case-status';
import type { LevelOfAssurance } from '../domain/level-of-assurance';
import type { Localized, PersonType } from '../../forms/types/api';
import { applicationModels } from './models';
import { registeredAtOf } from '../cases/partitions';

/** An application joined with its case (status, recipient's name, acting staff and representative). */
export interface ApplicationRow {
  case_id: string;
  definition_id: string;
  definition_version: number;
  agency_id: string;
  recipient_type: PersonType;
  recipient_id: string;
  draft_data: Record<string, unknown>;
  draft_version: number;
  draft_saved_at: Date | null;
  draft_step: string | null;
  submitted_data: Record<string, unknown> | null;
  submitted_at: Date | null;
  submitted_level_of_assurance: LevelOfAssurance | null;
  /** The case's: the level with which the application was opened. */
  level_of_assurance: LevelOfAssurance | null;
  waiting_reason: string | null;
  created_at: Date;
  expires_at: Date;
  status: CaseStatus;
  status_label: string | null;
  status_label_en: string | null;
  status_at: Date;
  recipient_name: string | null;
  acting_staff_id?: string | null;
  acting_basis?: string | null;
  acting_basis_ref?: string | null;
  representative_type?: string | null;
  representative_id?: string | null;
  representative_basis?: string | null;
  representative_basis_ref?: string | null;
}

export async function findApplication(pool: Pool, caseId: string): Promise<ApplicationRow | null> {
  const { rows } = await pool.query<ApplicationRow>(
    `SELECT a.*, c.level_of_assurance, c.status, c.status_label, c.status_label_en, c.status_at, c.recipient_name, c.acting_staff_id, c.acting_basis, c.acting_basis_ref,
            c.representative_type, c.representative_id, c.representative_basis, c.representative_basis_ref
       FROM applications a JOIN cases c ON c.id = a.case_id WHERE a.case_id = $1 AND c.registered_at = ${registeredAtOf('$1')}`,
    [caseId],
  );
  return rows[0] ?? null;
}

/** A status event of the application's case, as its history shows it. */
export interface ApplicationEventRow {
  case_id: string;
  status: CaseStatus;
  label: string | null;
  label_en: string | null;
  at: Date;
  reason: string | null;
}

/** A document the e-service issued, as the application lists it. */
export interface IssuedDocumentRow {
  id: string;
  document_type: string;
  title_lv: string;
  title_en: string;
  created_at: Date;
}

/** The citizen's answer to a request for information: the fields they sent (and `fileIds`), when it was recorded. */
export interface InfoAnswerRow {
  answer: Record<string, unknown>;
  recorded_at: Date;
}

/** An officer's task of the application, as the citizen's expected decision date needs it (no officer's name). */
export interface DecisionTaskRow {
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  outcome: string | null;
  due_at: Date;
}

export interface ApplicationHistory {
  events: ApplicationEventRow[];
  documents: IssuedDocumentRow[];
  infoAnswers: InfoAnswerRow[];
  tasks: DecisionTaskRow[];
}

/** The status history, the issued documents, the answers to requests for information and the tasks, oldest first. */
export async function applicationHistory(pool: Pool, caseId: string): Promise<ApplicationHistory> {
  const [events, documents, infoAnswers, tasks] = await Promise.all([
    pool.query<ApplicationEventRow>(
      `SELECT case_id, status, label, label_en, at, reason FROM case_status_events
        WHERE case_id = $1 AND case_registered_at = ${registeredAtOf('$1')} ORDER BY id`,
      [caseId],
    ),
    pool.query<IssuedDocumentRow>(
      'SELECT id, document_type, title_lv, title_en, created_at FROM documents WHERE case_id = $1 ORDER BY created_at',
      [caseId],
    ),
    pool.query<InfoAnswerRow>('SELECT answer, recorded_at FROM application_info_answers WHERE case_id = $1 ORDER BY recorded_at', [caseId]),
    pool.query<DecisionTaskRow>('SELECT status, outcome, due_at FROM tasks WHERE case_id = $1 ORDER BY created_at, id', [caseId]),
  ]);
  return { events: events.rows, documents: documents.rows, infoAnswers: infoAnswers.rows, tasks: tasks.rows };
}

/** One line of a person's applications, with the title of the e-service version it is pinned to. */
export interface PersonApplicationRow {
  case_id: string;
  definition_id: string;
  definition_version: number;
  draft_version: number;
  draft_saved_at: Date | null;
  expires_at: Date;
  created_at: Date;
  status: CaseStatus;
  status_at: Date;
  title: Localized;
}

/** The applications whose recipient is the person (optionally in one status), latest status change first, at most 200. */
export async function applicationsOfPerson(
  pool: Pool,
  person: { type: string; id: string },
  status?: string,
): Promise<PersonApplicationRow[]> {
  const { rows } = await pool.query<PersonApplicationRow>(
    `SELECT a.case_id, a.definition_id, a.definition_version, a.draft_version, a.draft_saved_at, a.expires_at, a.created_at,
            c.status, c.status_at, v.content->'title' AS title
       FROM applications a JOIN cases c ON c.id = a.case_id
       JOIN eservice_definition_versions v ON v.definition_id = a.definition_id AND v.version = a.definition_version
      WHERE a.recipient_type = $1 AND a.recipient_id = $2 AND ($3::text IS NULL OR c.status = $3)
      ORDER BY c.status_at DESC LIMIT 200`,
    [person.type, person.id, status ?? null],
  );
  return rows;
}

/** What the application's workflow is started with: its pinned definition, agency, recipient and author. */
export interface ApplicationStart {
  definitionId: string;
  definitionVersion: number;
  agencyId: string;
  recipient: { type: string; id: string; name: string | null };
  createdBy: string;
}

export async function applicationStart(pool: Pool, caseId: string): Promise<ApplicationStart | null> {
  const { rows } = await pool.query<{
    definition_id: string;
    definition_version: number;
    agency_id: string;
    recipient_type: string;
    recipient_id: string;
    recipient_name: string | null;
    created_by: string;
  }>(
    `SELECT a.definition_id, a.definition_version, a.agency_id, c.recipient_type, c.recipient_id, c.recipient_name, a.created_by
       FROM applications a JOIN cases c ON c.id = a.case_id WHERE a.case_id = $1 AND c.registered_at = ${registeredAtOf('$1')}`,
    [caseId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    definitionId: r.definition_id,
    definitionVersion: r.definition_version,
    agencyId: r.agency_id,
    recipient: { type: r.recipient_type, id: r.recipient_id, name: r.recipient_name },
    createdBy: r.created_by,
  };
}

/** The definition version the application is pinned to, or null when there is no application. */
export async function pinnedDefinition(pool: Pool, caseId: string): Promise<{ definitionId: string; version: number } | null> {
  const row = await applicationModels(pool).application.findByPk(caseId, { attributes: ['definitionId', 'definitionVersion'] });
  return row ? { definitionId: row.definitionId, version: row.definitionVersion } : null;
}

/** The saved draft and its version, or null when there is no application. */
export async function savedDraft(pool: Pool, caseId: string): Promise<{ data: Record<string, unknown>; version: number } | null> {
  const row = await applicationModels(pool).application.findByPk(caseId, { attributes: ['draftData', 'draftVersion'] });
  return row ? { data: row.draftData, version: row.draftVersion } : null;
}

/** The data as submitted (null before submission or when there is no application). */
export async function submittedData(pool: Pool, caseId: string): Promise<Record<string, unknown> | null> {
  const row = await applicationModels(pool).application.findByPk(caseId, { attributes: ['submittedData'] });
  return row?.submittedData ?? null;
}

/** The field versions of the saved draft (co-browsing); null when the application is no longer a draft. */
export async function savedFieldVersions(pool: Pool, caseId: string): Promise<Record<string, number> | null> {
  const { rows } = await pool.query<{ draft_field_versions: Record<string, number>; status: string }>(
    `SELECT a.draft_field_versions, c.status FROM applications a JOIN cases c ON c.id = a.case_id
      WHERE a.case_id = $1 AND c.registered_at = ${registeredAtOf('$1')}`,
    [caseId],
  );
  if (rows[0] && rows[0].status !== 'draft') return null;
  return rows[0]?.draft_field_versions ?? {};
}

/** The citizen's answers to requests for information (corrected fields and file ids), oldest first. */
export async function infoAnswersOf(pool: Pool, caseId: string): Promise<Array<{ answer: Record<string, unknown>; recordedAt: Date }>> {
  const { rows } = await pool.query<{ answer: Record<string, unknown>; recorded_at: Date }>(
    'SELECT answer, recorded_at FROM application_info_answers WHERE case_id = $1 ORDER BY recorded_at, idempotency_key',
    [caseId],
  );
  return rows.map((r) => ({ answer: r.answer, recordedAt: r.recorded_at }));
}
