// Officers' tasks (the `tasks` table): opened, claimed and closed by the e-service workflow's activities (each
// idempotent by the task id the workflow derives), read by the agency's inbox joined with the case and e-service.
import type { Pool } from 'pg';
import type { Localized } from '../../forms/types/api';
import type { CaseStatus } from '../domain/case-status';
import { afterPosition, countUpTo, exactTime, type KeysetPosition, type ListTotal, type Paging } from '../paging';
import { registeredAtOf } from '../cases/partitions';

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
       FROM tasks t JOIN case_keys k ON k.id = t.case_id JOIN cases c ON c.id = k.id AND c.registered_at = k.registered_at
       JOIN applications a ON a.case_id = t.case_id
       JOIN eservice_definition_versions v ON v.definition_id = a.definition_id AND v.version = a.definition_version
      WHERE t.id = $1`,
    [taskId],
  );
  return rows[0] ?? null;
}

/** The inbox's orders: a time column and its direction; the task id follows in the same direction (keyset). */
const INBOX_ORDER = {
  due_at: { column: 't.due_at', descending: false },
  '-due_at': { column: 't.due_at', descending: true },
  created_at: { column: 't.created_at', descending: false },
  '-created_at': { column: 't.created_at', descending: true },
} as const;

const TASK_STATUSES = ['open', 'claimed', 'completed', 'cancelled'] as const;

export interface InboxFilter {
  agencyId: string;
  statuses: Array<(typeof TASK_STATUSES)[number]>;
  serviceId?: string;
  /** Only the tasks this officer claimed. */
  claimedBy?: string;
  sort: keyof typeof INBOX_ORDER;
}

/** A page of the inbox: `more` when tasks follow, `last` where it ended, the total when asked. */
export interface InboxPage {
  rows: Array<TaskRow & { sort_at_exact: string }>;
  more: boolean;
  last?: KeysetPosition;
  total?: ListTotal;
}

/**
 * A page of an agency's inbox, in the order asked for, after the previous page's last task. The statuses are written
 * into the SQL (checked against the four there are), so the planner picks migration 0029's index of that status set
 * (the active inbox has its own partial indexes) and reads it in the list's order.
 */
export async function agencyInbox(pool: Pool, f: InboxFilter, paging: Paging): Promise<InboxPage> {
  const statuses = f.statuses.filter((x) => (TASK_STATUSES as readonly string[]).includes(x));
  const where = ['t.agency_id = $1', `t.status IN (${statuses.map((x) => `'${x}'`).join(',') || 'NULL'})`];
  const params: unknown[] = [f.agencyId];
  if (f.serviceId !== undefined) {
    params.push(f.serviceId);
    where.push(`c.service_id = $${params.length}`);
  }
  if (f.claimedBy !== undefined) {
    params.push(f.claimedBy);
    where.push(`t.claimed_by = $${params.length}`);
  }
  // Each task's case through case_keys: one partition probed per task, not one per quarter.
  const from = 'FROM tasks t JOIN case_keys k ON k.id = t.case_id JOIN cases c ON c.id = k.id AND c.registered_at = k.registered_at';
  const total = paging.count ? await countUpTo(pool, `${from} WHERE ${where.join(' AND ')}`, params, paging.countThreshold) : undefined;
  const order = INBOX_ORDER[f.sort];
  if (paging.after) where.push(afterPosition([order.column, 't.id'], paging.after, params, order.descending));
  params.push(paging.limit + 1);
  const direction = order.descending ? 'DESC' : 'ASC';
  const { rows } = await pool.query<TaskRow & { sort_at_exact: string }>(
    `SELECT t.*, c.service_id, c.status AS case_status, c.recipient_name, c.recipient_type, c.recipient_id,
            v.content->'title' AS eservice_title, ${exactTime(order.column)} AS sort_at_exact
       ${from} JOIN applications a ON a.case_id = t.case_id
       JOIN eservice_definition_versions v ON v.definition_id = a.definition_id AND v.version = a.definition_version
      WHERE ${where.join(' AND ')}
      ORDER BY ${order.column} ${direction}, t.id ${direction} LIMIT $${params.length}`,
    params,
  );
  const page = rows.slice(0, paging.limit);
  const last = page.at(-1);
  return {
    rows: page,
    more: rows.length > paging.limit,
    ...(last ? { last: { at: last.sort_at_exact, id: last.id } } : {}),
    ...(total ? { total } : {}),
  };
}

/** The status events of a case as an officer's task shows them, oldest first. */
export async function caseHistoryForTask(
  pool: Pool,
  caseId: string,
): Promise<Array<{ status: string; label: string | null; at: Date; actor_type: string; reason: string | null }>> {
  const { rows } = await pool.query<{ status: string; label: string | null; at: Date; actor_type: string; reason: string | null }>(
    `SELECT status, label, at, actor_type, reason FROM case_status_events
      WHERE case_id = $1 AND case_registered_at = ${registeredAtOf('$1')} ORDER BY id`,
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
