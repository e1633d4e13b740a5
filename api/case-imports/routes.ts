// Bulk transfer of cases from agency systems (integration API 1): upload an NDJSON file, follow its progress.
import { startWorkflowOnce } from '../platform/temporal';
import { route, type RouteContext } from '../platform/routing';
import { ApiError, forbidden, notFound } from '../platform/errors';
import { actorType, type Principal } from '../platform/auth/principal';
import { audit } from '../../db/audit';
import { storeCaseImport } from './commands';
import { CASE_IMPORT_WORKFLOW, caseImportWorkflowId } from '../../workflows/case-import/api';
import type { Validated } from '../../forms/types/validated';

const WRITERS = ['agency-system', 'agency-admin'] as const;
const NDJSON_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/jsonlines'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function agencyOf(p: Principal): string {
  if (!p.agency) throw forbidden('Your account is not linked to an agency.');
  return p.agency;
}

/** Starts the import's workflow unless it runs already; safe to call any number of times. */
async function ensureWorkflow(ctx: RouteContext, importId: string): Promise<void> {
  await startWorkflowOnce(await ctx.deps.temporal(), CASE_IMPORT_WORKFLOW, {
    taskQueue: ctx.deps.config.taskQueue,
    workflowId: caseImportWorkflowId(importId),
    args: [{ importId }],
  });
}

function present(row: Record<string, unknown>) {
  const total = Number(row.total_lines);
  const processed = Number(row.processed_lines);
  return {
    id: row.id,
    agencyId: row.agency_id,
    status: row.status,
    fileName: row.file_name,
    byteSize: Number(row.byte_size),
    totalLines: total,
    processedLines: processed,
    progress: total === 0 ? 0 : Math.round((processed / total) * 1000) / 1000,
    chunks: { total: row.chunk_count, done: row.chunks_done },
    created: row.created_count,
    existing: row.existing_count,
    failed: row.error_count,
    createdAt: (row.created_at as Date).toISOString(),
    startedAt: row.started_at ? (row.started_at as Date).toISOString() : null,
    finishedAt: row.finished_at ? (row.finished_at as Date).toISOString() : null,
  };
}

export const caseImportRoutes = [
  route({
    method: 'post',
    path: '/api/v1/case-imports',
    tag: 'Case register',
    summary: 'Upload an NDJSON file of cases (one CaseCreate per line) for bulk import',
    auth: WRITERS,
    rawBody: { contentType: 'application/x-ndjson', description: 'One CaseCreate JSON object per line; any size up to 4 GiB' },
    responses: {
      202: { description: 'Stored; the import runs in the background', schema: 'post-case-imports-response' },
      415: { description: 'Not NDJSON', schema: 'error' },
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      if (!NDJSON_TYPES.some((t) => ctx.req.is(t))) {
        throw new ApiError(415, 'unsupported_media_type', `Send the file as ${NDJSON_TYPES[0]}.`);
      }
      const fileName = typeof ctx.req.headers['x-file-name'] === 'string' ? ctx.req.headers['x-file-name'].slice(0, 255) : null;
      const stored = await storeCaseImport(ctx.deps.db.pool, { agencyId, createdBy: ctx.principal.sub, fileName, body: ctx.req });
      try {
        await ensureWorkflow(ctx, stored.id);
      } catch (e) {
        // The file is stored; reading the import later starts its workflow. Accepted data is never dropped.
        ctx.req.log.warn({ err: e, importId: stored.id }, 'import stored, workflow start deferred');
      }
      return {
        status: 202,
        headers: { Location: `/api/v1/case-imports/${stored.id}` },
        body: { id: stored.id, status: 'stored', totalLines: stored.totalLines, chunks: stored.chunkCount, byteSize: stored.byteSize },
      };
    },
  }),
  route<unknown, Validated<'case-import-query'>>({
    method: 'get',
    path: '/api/v1/case-imports/:id',
    params: { id: 'uuid' },
    tag: 'Case register',
    summary: 'Progress of an import and its per-line errors',
    auth: WRITERS,
    query: 'case-import-query',
    responses: {
      200: { description: 'Progress and errors', schema: 'get-case-imports-id-response' },
      404: { description: 'No such import of your agency', schema: 'error' },
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      if (!UUID.test(ctx.params.id)) throw notFound('import');
      const { rows } = await ctx.deps.db.pool.query('SELECT * FROM case_imports WHERE id = $1 AND agency_id = $2', [
        ctx.params.id,
        agencyId,
      ]);
      if (rows.length === 0) throw notFound('import');
      if (rows[0].status === 'stored') {
        await ensureWorkflow(ctx, ctx.params.id).catch((e: unknown) => ctx.req.log.warn({ err: e }, 'import workflow start deferred'));
      }
      const errors = await ctx.deps.db.pool.query(
        'SELECT line_no, code, message, details FROM case_import_errors WHERE import_id = $1 ORDER BY line_no LIMIT $2 OFFSET $3',
        [ctx.params.id, ctx.query.errorsLimit, ctx.query.errorsOffset],
      );
      if (errors.rows.length > 0) {
        // Error lines quote what the agency sent about people (identifiers, names): their read is audited.
        const p = ctx.principal;
        await audit(ctx.deps.db.pool, {
          actor: { type: actorType(p), id: p.sub, agency: p.agency, office: p.office },
          action: 'read',
          resource: `case-import:${ctx.params.id}/errors`,
          purpose: 'case-registration',
          requestId: ctx.requestId,
          details: { lines: errors.rows.map((e) => e.line_no) },
        });
      }
      return {
        body: {
          ...present(rows[0]),
          errors: errors.rows.map((e) => ({ line: e.line_no, code: e.code, message: e.message, details: e.details ?? [] })),
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/case-imports',
    tag: 'Case register',
    summary: "Your agency's imports, newest first",
    auth: WRITERS,
    responses: { 200: { description: 'Imports', schema: 'get-case-imports-response' } },
    async handler(ctx) {
      const { rows } = await ctx.deps.db.pool.query('SELECT * FROM case_imports WHERE agency_id = $1 ORDER BY created_at DESC LIMIT 100', [
        agencyOf(ctx.principal),
      ]);
      return { body: { items: rows.map(present) } };
    },
  }),
];
