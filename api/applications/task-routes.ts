// The agency's inbox of officer tasks. Claiming and completing go through Temporal Updates: the workflow's
// validator refuses an officer of another agency or an unclaimed task, and the update answers with the new status.
import type { UpdateDefinition } from '@temporalio/common';
import { route, type RouteContext } from '../platform/routing';
import { actorOf } from '../platform/auth/principal';
import { forbidden, notFound } from '../platform/errors';
import { WAITS_ON_WORKFLOW, updateWorkflow } from '../platform/temporal';
import { audit } from '../../db/audit';
import { accessTo } from '../platform/auth/policy';
import { applicationWorkflowId, claimTaskUpdate, completeTaskUpdate } from '../../workflows/application/api';
import type { Validated } from '../../forms/types/validated';

const SORTS: Record<string, string> = {
  due_at: 't.due_at ASC',
  '-due_at': 't.due_at DESC',
  created_at: 't.created_at ASC',
  '-created_at': 't.created_at DESC',
};
const STAFF = ['agency-officer', 'agency-admin'] as const;

// Rows of the inbox query (tasks joined with their case and e-service).
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row, read field by field below
function presentTask(r: Record<string, any>) {
  return {
    id: r.id,
    caseId: r.case_id,
    stepId: r.step_id,
    title: { lv: r.title_lv, en: r.title_en },
    instructions: r.instructions,
    outcomes: r.outcomes,
    status: r.status,
    dueAt: r.due_at.toISOString(),
    overdue: r.status !== 'completed' && r.due_at < new Date(),
    claimedBy: r.claimed_by,
    claimedByName: r.claimed_by_name,
    outcome: r.outcome,
    message: r.message,
    createdAt: r.created_at.toISOString(),
    completedAt: r.completed_at?.toISOString() ?? null,
    case: { serviceId: r.service_id, status: r.case_status, recipientName: r.recipient_name, eserviceTitle: r.eservice_title },
  };
}

async function taskRow(ctx: RouteContext) {
  if (!ctx.principal.agency) throw forbidden('Your account is not linked to an agency.');
  const { rows } = await ctx.deps.db.pool.query(
    `SELECT t.*, c.service_id, c.status AS case_status, c.recipient_name, c.recipient_type, c.recipient_id, a.definition_id, v.content->'title' AS eservice_title
       FROM tasks t JOIN cases c ON c.id = t.case_id JOIN applications a ON a.case_id = t.case_id
       JOIN eservice_definition_versions v ON v.definition_id = a.definition_id AND v.version = a.definition_version
      WHERE t.id = $1`,
    [ctx.params.id],
  );
  if (!rows[0]) throw notFound('task');
  return rows[0];
}

/** An officer's decision on a task is a write of the applicant's personal data (claim, outcome, message). */
async function auditTaskWrite(ctx: RouteContext, row: Record<string, string>, details: Record<string, unknown>) {
  await audit(ctx.deps.db.pool, {
    actor: { type: 'staff', id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office },
    subject: { type: row.recipient_type, id: row.recipient_id },
    action: 'update',
    resource: `task:${row.id}`,
    purpose: 'case-handling',
    requestId: ctx.requestId,
    details: { caseId: row.case_id, ...details },
  });
}

async function sendUpdate<R, A>(ctx: RouteContext, caseId: string, definition: UpdateDefinition<R, [A]>, arg: A): Promise<R> {
  return updateWorkflow<R>(ctx.deps, applicationWorkflowId(caseId), definition, arg, { href: `/api/v1/tasks/${ctx.params.id}` });
}

export const taskRoutes = [
  route<unknown, Validated<'task-list-query'>>({
    method: 'get',
    path: '/api/v1/tasks',
    tag: 'Officer work',
    summary: 'The agency inbox: filter by status, service, mine; sort by due date',
    auth: STAFF,
    query: 'task-list-query',
    responses: { 200: { description: 'Tasks', schema: 'get-tasks-response' } },
    async handler(ctx) {
      if (!ctx.principal.agency) throw forbidden('Your account is not linked to an agency.');
      const q = ctx.query;
      const statuses = q.status === 'active' ? ['open', 'claimed'] : [q.status];
      const { rows } = await ctx.deps.db.pool.query(
        `SELECT t.*, c.service_id, c.status AS case_status, c.recipient_name, c.recipient_type, c.recipient_id,
                v.content->'title' AS eservice_title, count(*) OVER () AS total
           FROM tasks t JOIN cases c ON c.id = t.case_id JOIN applications a ON a.case_id = t.case_id
           JOIN eservice_definition_versions v ON v.definition_id = a.definition_id AND v.version = a.definition_version
          WHERE t.agency_id = $1 AND t.status = ANY($2::text[]) AND ($3::text IS NULL OR c.service_id = $3) AND (NOT $4 OR t.claimed_by = $5)
          ORDER BY ${SORTS[q.sort]}, t.id LIMIT $6 OFFSET $7`,
        [ctx.principal.agency, statuses, q.serviceId ?? null, q.mine, ctx.principal.sub, q.limit, q.offset],
      );
      // The inbox shows each applicant's name: one audit row per task listed, one insert for the page.
      await audit(
        ctx.deps.db.pool,
        rows.map((r) => ({
          actor: { type: 'staff', id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office },
          subject: { type: r.recipient_type, id: r.recipient_id },
          action: 'read' as const,
          resource: `task:${r.id}`,
          purpose: 'case-handling',
          requestId: ctx.requestId,
          details: { list: 'tasks' },
        })),
      );
      return { body: { items: rows.map(presentTask), total: Number(rows[0]?.total ?? 0) } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/tasks/:id',
    tag: 'Officer work',
    summary: "A task with the application's submitted data and history",
    auth: STAFF,
    responses: {
      200: { description: 'The task', schema: 'get-tasks-id-response' },
      404: { description: 'No such task in your agency', schema: 'error' },
    },
    async handler(ctx) {
      const row = await taskRow(ctx);
      // The task's agency reads the application it is about (a submitted one: tasks start after submission).
      const subject = {
        kind: 'application' as const,
        caseId: row.case_id,
        agencyId: row.agency_id,
        status: row.case_status,
        recipient: { type: row.recipient_type, id: row.recipient_id },
        eserviceId: row.definition_id,
        representative: null,
        acting: null,
      };
      if (!(await accessTo(ctx.deps.db.pool, ctx.principal, subject, 'read'))) throw notFound('task');
      const [app, events, files, documents] = await Promise.all([
        ctx.deps.db.pool.query('SELECT submitted_data FROM applications WHERE case_id = $1', [row.case_id]),
        ctx.deps.db.pool.query('SELECT status, label, at, actor_type, reason FROM case_status_events WHERE case_id = $1 ORDER BY id', [
          row.case_id,
        ]),
        ctx.deps.db.pool.query(
          'SELECT id, file_name, content_type, byte_size, created_at FROM application_files WHERE case_id = $1 ORDER BY created_at',
          [row.case_id],
        ),
        ctx.deps.db.pool.query('SELECT id, title_lv, title_en FROM documents WHERE case_id = $1', [row.case_id]),
      ]);
      await audit(ctx.deps.db.pool, {
        actor: { type: 'staff', id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office },
        subject: { type: row.recipient_type, id: row.recipient_id },
        action: 'read',
        resource: `task:${row.id}`,
        purpose: 'case-handling',
        requestId: ctx.requestId,
      });
      return {
        body: {
          ...presentTask(row),
          recipient: { type: row.recipient_type, id: row.recipient_id, name: row.recipient_name },
          submittedData: app.rows[0]?.submitted_data ?? null,
          history: events.rows.map((e) => ({
            status: e.status,
            label: e.label,
            at: e.at.toISOString(),
            actorType: e.actor_type,
            reason: e.reason,
          })),
          files: files.rows.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, byteSize: f.byte_size })),
          documents: documents.rows.map((d) => ({
            id: d.id,
            title: { lv: d.title_lv, en: d.title_en },
            href: `/api/v1/applications/${row.case_id}/documents/${encodeURIComponent(d.id)}`,
          })),
        },
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/tasks/:id/claim',
    tag: 'Officer work',
    summary: 'Claim a task (Temporal Update)',
    auth: ['agency-officer'],
    responses: {
      ...WAITS_ON_WORKFLOW,
      200: { description: 'Claimed', schema: 'post-tasks-id-claim-response' },
      403: { description: "Another agency's task", schema: 'error' },
      409: { description: 'Not open or claimed by another officer', schema: 'error' },
    },
    async handler(ctx) {
      const row = await taskRow(ctx);
      const result = await sendUpdate(ctx, row.case_id, claimTaskUpdate, { taskId: row.id, officer: actorOf(ctx.principal) });
      await auditTaskWrite(ctx, row, { step: 'claim' });
      return { body: result };
    },
  }),
  route<Validated<'task-complete'>>({
    method: 'post',
    path: '/api/v1/tasks/:id/complete',
    tag: 'Officer work',
    summary: 'Complete a claimed task with an outcome; answers with the new status',
    auth: ['agency-officer'],
    body: 'task-complete',
    responses: {
      ...WAITS_ON_WORKFLOW,
      200: { description: "The application's new status", schema: 'post-tasks-id-complete-response' },
      403: { description: "Another agency's task", schema: 'error' },
      409: { description: 'Not claimed by you', schema: 'error' },
    },
    async handler(ctx) {
      const row = await taskRow(ctx);
      const result = await sendUpdate(ctx, row.case_id, completeTaskUpdate, {
        taskId: row.id,
        outcome: ctx.body.outcome,
        ...(ctx.body.message ? { message: ctx.body.message } : {}),
        officer: actorOf(ctx.principal),
      });
      await auditTaskWrite(ctx, row, { step: 'complete', outcome: ctx.body.outcome, status: result.status });
      return { body: result };
    },
  }),
];
