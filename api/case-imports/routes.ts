// Bulk transfer of cases from agency systems (integration API 1): upload an NDJSON file, follow its progress.
import { startWorkflowOnce } from '../platform/temporal';
import { route, type RouteContext } from '../platform/routing';
import { ApiError, forbidden, notFound } from '../platform/errors';
import { actorType, type Principal } from '../platform/auth/principal';
import { audit } from '../../db/audit';
import { storeCaseImport } from './commands';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import { caseImportErrors, findCaseImport, recentCaseImports, type CaseImportRow } from '../../db/case-imports/imports';
import { CASE_IMPORT_WORKFLOW, caseImportWorkflowId } from '../../workflows/case-import/api';
import type { Validated } from '../../forms/types/validated';
import type { GetCaseImportsIdResponse, GetCaseImportsResponse } from '../../forms/types/api';

type CaseImportProgress = GetCaseImportsResponse['items'][number];

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

/** An import's progress, as both GET routes send it (the one import's adds its error lines). */
function present(row: CaseImportRow): CaseImportProgress {
  const total = Number(row.totalLines);
  const processed = Number(row.processedLines);
  return {
    id: row.id,
    agencyId: row.agencyId,
    status: row.status,
    fileName: row.fileName,
    byteSize: Number(row.byteSize),
    totalLines: total,
    processedLines: processed,
    progress: total === 0 ? 0 : Math.round((processed / total) * 1000) / 1000,
    chunks: { total: row.chunkCount, done: row.chunksDone },
    created: row.createdCount,
    existing: row.existingCount,
    failed: row.errorCount,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt ? row.startedAt.toISOString() : null,
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
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
      const found = await findCaseImport(ctx.deps.db.pool, ctx.params.id, agencyId);
      if (!found) throw notFound('import');
      if (found.status === 'stored') {
        await ensureWorkflow(ctx, ctx.params.id).catch((e: unknown) => ctx.req.log.warn({ err: e }, 'import workflow start deferred'));
      }
      const { errorsLimit, errorsCursor } = ctx.query;
      const afterLine = errorsCursor ? Number(decodeCursor(errorsCursor, [(v) => /^[0-9]{1,10}$/.test(v)])[0]) : 0;
      // One line more than the page tells whether there is a next one.
      const page = await caseImportErrors(ctx.deps.db.pool, ctx.params.id, errorsLimit + 1, afterLine);
      const errors = page.slice(0, errorsLimit);
      const lastLine = errors.at(-1)?.lineNo;
      const nextCursor = page.length > errorsLimit && lastLine !== undefined ? encodeCursor([String(lastLine)]) : null;
      if (errors.length > 0) {
        // Error lines quote what the agency sent about people (identifiers, names): their read is audited.
        const p = ctx.principal;
        await audit(ctx.deps.db.pool, {
          actor: { type: actorType(p), id: p.sub, agency: p.agency, office: p.office },
          action: 'read',
          resource: `case-import:${ctx.params.id}/errors`,
          purpose: 'case-registration',
          requestId: ctx.requestId,
          details: { lines: errors.map((e) => e.lineNo) },
        });
      }
      const body: GetCaseImportsIdResponse = {
        ...present(found),
        errors: errors.map((e) => ({ line: e.lineNo, code: e.code, message: e.message, details: e.details ?? [] })),
        errorsNext: nextCursor ? `/api/v1/case-imports/${ctx.params.id}?errorsLimit=${errorsLimit}&errorsCursor=${nextCursor}` : null,
      };
      return { body };
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
      const rows = await recentCaseImports(ctx.deps.db.pool, agencyOf(ctx.principal));
      return { body: { items: rows.map(present) } };
    },
  }),
];
