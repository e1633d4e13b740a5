// Officers' tasks (the `tasks` table): opened, claimed and closed by the e-service workflow's activities (each
// idempotent by the task id the workflow derives), read by the agency's inbox joined with the case and e-service.
import type { Pool } from 'pg';
import type { Localized } from '../../forms/types/api';
import type { CaseStatus } from '../domain/case-status';

/** A task joined with its case and the title of the e-service version its application is pinned to. */
export interface TaskRow {
  id: string;
  case_id: string;
  agency_id: string;
  step_id: string;
  title_lv: string;
  title_en: string;
  instructions: Localized | null;
  outcomes: string[];
  status: 'open' | 'claimed' | 'completed' | 'cancelled';
  claimed_by: string | null;
  claimed_by_name: string | null;
  claimed_at: Date | null;
  due_at: Date;
  outcome: string | null;
  message: string | null;
  completed_by: string | null;
  completed_at: Date | null;
  created_at: Date;
  service_id: string;
  case_status: CaseStatus;
  recipient_name: string | null;
  recipient_type: string;
  recipient_id: string;
  eservice_title: Localized;
}

/** One task of any agency, with the application's definition (callers check the agency). */
export async function findTask(pool: Pool, taskId: string): Promise<(TaskRow & { definition_id: string }) | null> {
  const { rows } = await pool.query<TaskRow & { definition_id: string }>(
    `SELECT t.*, c.service_id, c.status AS case_status, c.recipient_name, c.recipient_type, c.recipient_id, a.definition_id, v.content->'title' AS eservice_title
       FROM tasks t JOIN cases c ON c.id = t.case_id JOIN applications a ON a.case_id = t.case_id
       JOIN eservice_definition_versions v ON v.definition_id = a.definition_id AND v.version = a.definition_version
      WHERE t.id = $1`,
    [taskId],
  );
  return rows[0] ?? null;
}

const INBOX_ORDER = {
  due_at: 't.due_at ASC',
  '-due_at': 't.due_at DESC',
  created_at: 't.created_at ASC',
  '-created_at': 't.created_at DESC',
} as const;

export interface InboxFilter {
  agencyId: string;
  statuses: string[];
  serviceId?: string;
  /** Only the tasks this officer claimed. */
  claimedBy?: string;
  sort: keyof typeof INBOX_ORDER;
  limit: number;
  offset: number;
}

/** A page of an agency's inbox and the number of tasks the filter matches. */
export async function agencyInbox(pool: Pool, f: InboxFilter): Promise<{ rows: TaskRow[]; total: number }> {
  const { rows } = await pool.query<TaskRow & { total: number }>(
    `SELECT t.*, c.service_id, c.status AS case_status, c.recipient_name, c.recipient_type, c.recipient_id,
            v.content->'title' AS eservice_title, count(*) OVER () AS total
       FROM tasks t JOIN cases c ON c.id = t.case_id JOIN applications a ON a.case_id = t.case_id
       JOIN eservice_definition_versions v ON v.definition_id = a.definition_id AND v.version = a.definition_version
      WHERE t.agency_id = $1 AND t.status = ANY($2::text[]) AND ($3::text IS NULL OR c.service_id = $3) AND (NOT $4 OR t.claimed_by = $5)
      ORDER BY ${INBOX_ORDER[f.sort]}, t.id LIMIT $6 OFFSET $7`,
    [f.agencyId, f.statuses, f.serviceId ?? null, f.claimedBy !== undefined, f.claimedBy ?? null, f.limit, f.offset],
  );
  return { rows, total: Number(rows[0]?.total ?? 0) };
}

/** The status events of a case as an officer's task shows them, oldest first. */
export async function caseHistoryForTask(
  pool: Pool,
  caseId: string,
): Promise<Array<{ status: string; label: string | null; at: Date; actor_type: string; reason: string | null }>> {
  const { rows } = await pool.query<{ status: string; label: string | null; at: Date; actor_type: string; reason: string | null }>(
    'SELECT status, label, at, actor_type, reason FROM case_status_events WHERE case_id = $1 ORDER BY id',
    [caseId],
  );
  return rows;
}

export interface NewTask {
  taskId: string;
  caseId: string;
  agencyId: string;
  stepId: string;
  title: { lv: string; en: string };
  instructions: { lv: string; en: string } | null;
  outcomes: string[];
  dueInMs: number;
}

/** Opens a task; a task with this id stays as it is (a retried activity). */
export async function openTask(pool: Pool, t: NewTask): Promise<void> {
  await pool.query(
    `INSERT INTO tasks (id, case_id, agency_id, step_id, title_lv, title_en, instructions, outcomes, status, due_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', now() + $9 * interval '1 millisecond') ON CONFLICT (id) DO NOTHING`,
    [
      t.taskId,
      t.caseId,
      t.agencyId,
      t.stepId,
      t.title.lv,
      t.title.en,
      t.instructions ? JSON.stringify(t.instructions) : null,
      t.outcomes,
      t.dueInMs,
    ],
  );
}

/** An officer claims an open (or claimed) task. */
export async function claimTask(pool: Pool, taskId: string, officer: { id: string; name: string | null }): Promise<void> {
  await pool.query(
    `UPDATE tasks SET status = 'claimed', claimed_by = $2, claimed_by_name = $3, claimed_at = now() WHERE id = $1 AND status IN ('open','claimed')`,
    [taskId, officer.id, officer.name],
  );
}

/** Completes a task with the officer's outcome; the first completion time stays. */
export async function completeTask(
  pool: Pool,
  taskId: string,
  c: { outcome: string; message: string | null; completedBy: string },
): Promise<void> {
  await pool.query(
    `UPDATE tasks SET status = 'completed', outcome = $2, message = $3, completed_by = $4, completed_at = COALESCE(completed_at, now()) WHERE id = $1`,
    [taskId, c.outcome, c.message, c.completedBy],
  );
}

/** Cancels the tasks of a case still open or claimed (the application ended otherwise). */
export async function cancelOpenTasks(pool: Pool, caseId: string): Promise<void> {
  await pool.query(`UPDATE tasks SET status = 'cancelled' WHERE case_id = $1 AND status IN ('open','claimed')`, [caseId]);
}
