// The agency's inbox of officer tasks. Claiming and completing go through Temporal Updates: the workflow's
// validator refuses an officer of another agency or an unclaimed task, and the update answers with the new status.
import type { UpdateDefinition } from '@temporalio/common';
import { route, type RouteContext } from '../platform/routing';
import { actorOf } from '../platform/auth/principal';
import { forbidden, notFound } from '../platform/errors';
import { pageFields, timeIdPosition } from '../platform/cursor';
import { WAITS_ON_WORKFLOW, updateWorkflow } from '../platform/temporal';
import { audit } from '../../db/audit';
import { accessTo } from '../platform/auth/policy';
import { applicationWorkflowId, claimTaskUpdate, completeTaskUpdate } from '../../workflows/application/api';
import type { Validated } from '../../forms/types/validated';
import type { GetTasksResponse } from '../../forms/types/api';
import { agencyInbox, caseHistoryForTask, findTask, type TaskRow } from '../../db/applications/tasks';
import { infoAnswersOf, submittedData } from '../../db/applications/reads';
import { filesOfApplication } from '../../db/applications/files';
import { documentTitlesOf } from '../../db/applications/documents';
import { registerChecksOf } from '../../db/applications/register-checks';
import { answerChanges } from './answer-changes';
import { applicationFileHref } from './file-routes';

const STAFF = ['agency-officer', 'agency-admin'] as const;

// A task as the inbox shows it (tasks joined with their case and e-service).
function presentTask(r: TaskRow): GetTasksResponse['items'][number] {
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
  const row = await findTask(ctx.deps.db.pool, ctx.params.id);
  if (!row) throw notFound('task');
  return row;
}

/** An officer's decision on a task is a write of the applicant's personal data (claim, outcome, message). */
async function auditTaskWrite(ctx: RouteContext, row: TaskRow, details: Record<string, unknown>) {
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
    summary: 'The agency inbox: filter by status, service, mine; sort by due date (keyset pages: follow `next`; the total with count=true)',
    auth: STAFF,
    query: 'task-list-query',
    responses: {
      200: { description: 'A page of tasks and the link to the next one', schema: 'get-tasks-response' },
      400: { description: 'A filter out of range, an offset, or a cursor this list did not give (invalid_cursor)', schema: 'error' },
    },
    async handler(ctx) {
      if (!ctx.principal.agency) throw forbidden('Your account is not linked to an agency.');
      const q = ctx.query;
      const statuses = q.status === 'active' ? (['open', 'claimed'] as const) : [q.status];
      const after = timeIdPosition(q.cursor, (id) => id.length > 0);
      const page = await agencyInbox(
        ctx.deps.db.pool,
        {
          agencyId: ctx.principal.agency,
          statuses: [...statuses],
          ...(q.serviceId !== undefined ? { serviceId: q.serviceId } : {}),
          ...(q.mine ? { claimedBy: ctx.principal.sub } : {}),
          sort: q.sort,
        },
        { limit: q.limit, count: q.count, ...(after ? { after } : {}) },
      );
      const rows = page.rows;
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
          details: { list: 'tasks', caseId: r.case_id },
        })),
      );
      return { body: { items: rows.map(presentTask), ...pageFields('/api/v1/tasks', q, page) } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/tasks/:id',
    tag: 'Officer work',
    summary: "A task with the application's data (as submitted and as corrected since), files, register checks and history",
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
      const pool = ctx.deps.db.pool;
      const [submitted, events, files, documents, answers, checks] = await Promise.all([
        submittedData(pool, row.case_id),
        caseHistoryForTask(pool, row.case_id),
        filesOfApplication(pool, row.case_id),
        documentTitlesOf(pool, row.case_id),
        infoAnswersOf(pool, row.case_id),
        registerChecksOf(pool, row.case_id),
      ]);
      const { current, changes } = answerChanges(submitted, answers);
      await audit(ctx.deps.db.pool, {
        actor: { type: 'staff', id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office },
        subject: { type: row.recipient_type, id: row.recipient_id },
        action: 'read',
        resource: `task:${row.id}`,
        purpose: 'case-handling',
        requestId: ctx.requestId,
        details: { caseId: row.case_id },
      });
      return {
        body: {
          ...presentTask(row),
          recipient: { type: row.recipient_type, id: row.recipient_id, name: row.recipient_name },
          submittedData: submitted,
          currentData: current,
          changes: changes.map((c) => ({ answeredAt: c.answeredAt.toISOString(), fields: c.fields, fileIds: c.fileIds })),
          registerChecks: checks.map((c) => ({
            stepId: c.stepId,
            attempt: c.attempt,
            register: c.register,
            operation: c.operation,
            passed: c.passed,
            checkedAt: c.checkedAt.toISOString(),
            result: c.result ?? null,
          })),
          history: events.map((e) => ({
            status: e.status,
            label: e.label,
            at: e.at.toISOString(),
            actorType: e.actor_type,
            reason: e.reason,
          })),
          files: files.map((f) => ({
            id: f.id,
            fileName: f.fileName,
            contentType: f.contentType,
            byteSize: f.byteSize,
            uploadedAt: f.createdAt.toISOString(),
            href: applicationFileHref(row.case_id, f.id),
          })),
          documents: documents.map((d) => ({
            id: d.id,
            title: { lv: d.titleLv, en: d.titleEn },
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
