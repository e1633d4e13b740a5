// E-service applications: open, autosave the draft, submit, withdraw, answer a request for information, upload
// files, download issued documents. A citizen sees only their own applications (others are 404).
import crypto from 'node:crypto';
import type { UpdateDefinition } from '@temporalio/common';
import { openingKeyOf } from '../platform/idempotency';
import { route, type RouteContext } from '../platform/routing';
import { readUploadedFile } from '../platform/uploads';
import { ApiError, forbidden, notFound, unprocessable } from '../platform/errors';
import { actorOf } from '../platform/auth/principal';
import { accessTo, applicationSubject, auditEntry, type Access } from '../platform/auth/policy';
import { addressCheck } from '../platform/address-register';
import { openApplication, ensureApplicationWorkflow, saveDraft, loadDraftForSubmit, checkDraftVersion } from './commands';
import { publishedVersion } from '../../db/eservice-definitions/definitions';
import { findApplication, applicationHistory, applicationsOfPerson, type ApplicationRow } from '../../db/applications/reads';
import { countFilesOfApplication, insertApplicationFile } from '../../db/applications/files';
import { documentOfApplication } from '../../db/applications/documents';
import { presentApplication, presentMyApplication } from './presenter';
import { checkIdentityRequirements } from './identity-requirements';
import { recordSubmissionLevel } from '../../db/applications/applications';
import { levelOfAcr } from '../../db/domain/level-of-assurance';
import { parseCaseId } from '../platform/params';
import { audit } from '../../db/audit';
import { NEEDS_TEMPORAL, WAITS_ON_WORKFLOW, updateWorkflow } from '../platform/temporal';
import { applicationWorkflowId, provideInfoUpdate, submitUpdate, withdrawUpdate, type UpdateResult } from '../../workflows/application/api';
import type { Validated } from '../../forms/types/validated';

/**
 * The application if the caller may read (or write) it now, on a basis the policy module checks at this moment: its
 * recipient, their representative, staff acting for them, or (reading a submitted one) its agency. Else 404.
 */
export async function visibleApplication(
  ctx: RouteContext,
  /** forRecipient: only the recipient or a representative acting for them (a company's board member, a delegate with
   * `act` rights) — never staff or the agency, who have routes of their own. */
  opts: { write?: boolean; forRecipient?: boolean } = {},
): Promise<ApplicationRow & { access: Access }> {
  const id = parseCaseId(ctx.params.id);
  const row = await findApplication(ctx.deps.db.pool, id);
  const access = row ? await accessTo(ctx.deps.db.pool, ctx.principal, applicationSubject(row), opts.write ? 'write' : 'read') : null;
  if (!row || !access || (opts.forRecipient && access.as !== 'recipient' && access.as !== 'representative')) throw notFound('application');
  return { ...row, access };
}

async function present(ctx: RouteContext, row: ApplicationRow) {
  const def = await publishedVersion(ctx.deps.db.pool, row.definition_id, row.definition_version);
  if (!def) throw notFound('e-service');
  return presentApplication(row, def.content, await applicationHistory(ctx.deps.db.pool, row.case_id));
}

async function auditAccess(ctx: RouteContext, row: ApplicationRow & { access: Access }, action: 'read', resource: string) {
  await audit(ctx.deps.db.pool, auditEntry(ctx.principal, row.access, applicationSubject(row), action, resource, ctx.requestId));
}

/** A write of the application's personal data, on the basis the policy module found (purpose, on_behalf_of). */
export async function auditWrite(
  ctx: RouteContext,
  row: ApplicationRow & { access: Access },
  action: 'create' | 'update',
  resource: string,
  details?: Record<string, unknown>,
) {
  await audit(ctx.deps.db.pool, auditEntry(ctx.principal, row.access, applicationSubject(row), action, resource, ctx.requestId, details));
}

async function update<A>(
  ctx: RouteContext,
  caseId: string,
  definition: UpdateDefinition<UpdateResult, [A]>,
  arg: A,
): Promise<UpdateResult> {
  return updateWorkflow<UpdateResult>(ctx.deps, applicationWorkflowId(caseId), definition, arg, { href: `/api/v1/applications/${caseId}` });
}

/** The citizen's own application: the basis of its audit rows. */
const OWN = { as: 'recipient', basis: 'own', reference: null, purpose: 'own-application', onBehalfOf: null } as const;

export const applicationRoutes = [
  route<Validated<'application-open'>>({
    method: 'post',
    path: '/api/v1/applications',
    tag: 'E-services',
    summary: 'Open an e-service: creates a case in status draft and starts its workflow',
    auth: ['citizen'],
    body: 'application-open',
    responses: {
      ...NEEDS_TEMPORAL,
      201: { description: 'The new application', schema: 'application' },
      200: {
        description: 'The same Idempotency-Key was used before, or ifDraftExists is continue and you have a saved draft: that application',
        schema: 'application',
      },
      403: {
        description:
          'The e-service needs a higher level of assurance (level_of_assurance_too_low) or a Latvian personal code (latvian_personal_code_required); the message says which sign-in or channel serves',
        schema: 'error',
      },
      404: { description: 'No such published e-service', schema: 'error' },
    },
    async handler(ctx) {
      const person = ctx.principal.person;
      if (!person) throw forbidden('Your account has no person identity.');
      const key = openingKeyOf(ctx.req);
      if (ctx.body.ifDraftExists === 'continue') {
        const saved = (await applicationsOfPerson(ctx.deps.db.pool, person, 'draft')).find((a) => a.definition_id === ctx.body.eserviceId);
        const draft = saved ? await findApplication(ctx.deps.db.pool, saved.case_id) : null;
        if (draft) {
          await auditAccess(ctx, { ...draft, access: OWN }, 'read', `application:${draft.case_id}`);
          await ensureApplicationWorkflow(ctx.deps.db.pool, ctx.deps.temporal, ctx.deps.config.taskQueue, draft.case_id);
          return { status: 200, headers: { Location: `/api/v1/applications/${draft.case_id}` }, body: await present(ctx, draft) };
        }
      }
      const { caseId, created } = await openApplication(
        ctx.deps.db.pool,
        ctx.deps.temporal,
        ctx.deps.config.taskQueue,
        ctx.body.eserviceId,
        {
          recipient: { ...person, name: ctx.principal.name },
          actor: actorOf(ctx.principal),
          signedIn: { principal: ctx.principal, env: ctx.deps.config.env },
          ...(key ? { idempotencyKey: key } : {}),
        },
      );
      const row = await findApplication(ctx.deps.db.pool, caseId);
      if (!row) throw notFound('application');
      if (created) await auditWrite(ctx, { ...row, access: OWN }, 'create', `application:${caseId}`, { eserviceId: ctx.body.eserviceId });
      return { status: created ? 201 : 200, headers: { Location: `/api/v1/applications/${caseId}` }, body: await present(ctx, row) };
    },
  }),
  route<unknown, Validated<'me-applications-query'>>({
    method: 'get',
    path: '/api/v1/me/applications',
    tag: 'Citizen',
    summary: 'My applications (e.g. ?status=draft: drafts to resume)',
    auth: ['citizen'],
    query: 'me-applications-query',
    responses: { 200: { description: 'My applications', schema: 'get-me-applications-response' } },
    async handler(ctx) {
      const person = ctx.principal.person;
      if (!person) throw forbidden('Your account has no person identity.');
      const items = (await applicationsOfPerson(ctx.deps.db.pool, person, ctx.query.status)).map(presentMyApplication);
      await audit(ctx.deps.db.pool, {
        actor: { type: 'citizen', id: ctx.principal.sub },
        subject: person,
        action: 'read',
        resource: 'me/applications',
        purpose: 'own-applications',
        requestId: ctx.requestId,
      });
      return { body: { items } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/applications/:id',
    tag: 'E-services',
    summary: 'An application: pinned form, draft, status history, documents',
    auth: ['citizen', 'agency-officer', 'agency-admin', 'kac-staff'],
    responses: {
      200: { description: 'The application', schema: 'application' },
      404: { description: 'Not yours or no such application', schema: 'error' },
    },
    async handler(ctx) {
      const row = await visibleApplication(ctx);
      await auditAccess(ctx, row, 'read', `application:${row.case_id}`);
      if (row.status === 'draft') {
        // A workflow that could not be started earlier (Temporal was down) is started now.
        await ensureApplicationWorkflow(ctx.deps.db.pool, ctx.deps.temporal, ctx.deps.config.taskQueue, row.case_id).catch((e: unknown) =>
          ctx.req.log.warn({ err: e }, 'workflow start deferred'),
        );
      }
      return { body: await present(ctx, row) };
    },
  }),
  route<Validated<'draft-save'>>({
    method: 'put',
    path: '/api/v1/applications/:id/draft',
    tag: 'E-services',
    summary: 'Autosave the draft (optimistic: 409 when the version is stale)',
    auth: ['citizen', 'kac-staff', 'agency-officer'],
    body: 'draft-save',
    bodyLimit: '512kb',
    responses: {
      200: { description: 'Saved: the new version', schema: 'put-applications-id-draft-response' },
      409: { description: 'Stale version or no longer a draft', schema: 'error' },
    },
    async handler(ctx) {
      const row = await visibleApplication(ctx, { write: true });
      // Someone else's write is audited in the same transaction: a write that cannot be put on record does not happen.
      const saved = await saveDraft(
        ctx.deps.db.pool,
        row.case_id,
        ctx.body,
        ctx.principal.sub,
        row.access.as === 'recipient'
          ? undefined
          : (version) =>
              auditEntry(ctx.principal, row.access, applicationSubject(row), 'update', `application:${row.case_id}/draft`, ctx.requestId, {
                version,
              }),
      );
      return { body: saved };
    },
  }),
  route<Validated<'application-submit'>>({
    method: 'post',
    path: '/api/v1/applications/:id/submit',
    tag: 'E-services',
    summary: 'Submit: validated against the pinned form schema (422 with field errors)',
    auth: ['citizen'],
    body: 'application-submit',
    responses: {
      ...WAITS_ON_WORKFLOW,
      200: { description: 'Submitted: the new status', schema: 'application-status' },
      403: { description: "The sign-in is below the e-service's minimum level of assurance (level_of_assurance_too_low)", schema: 'error' },
      422: { description: 'Field-level errors (an address the address register does not confirm among them)', schema: 'error' },
      503: { description: 'Temporal or the address register unreachable: nothing changed; repeat after Retry-After', schema: 'error' },
    },
    async handler(ctx) {
      const row = await visibleApplication(ctx, { write: true, forRecipient: true });
      if (row.status !== 'draft') throw new ApiError(409, 'not_draft', 'The application has been submitted already.');
      const pinned = await publishedVersion(ctx.deps.db.pool, row.definition_id, row.definition_version);
      if (pinned) checkIdentityRequirements(pinned.content, ctx.principal, ctx.deps.config.env);
      await checkDraftVersion(ctx.deps.db.pool, row.case_id, ctx.body.version); // the draft the citizen reviewed
      await ctx.deps.assist.flush(row.case_id); // co-browse edits of the last moments belong to what is submitted
      const data = await loadDraftForSubmit(ctx.deps.db.pool, row.case_id, addressCheck(ctx.deps, ctx.requestId));
      const result = await update(ctx, row.case_id, submitUpdate, { data, actor: actorOf(ctx.principal) });
      await recordSubmissionLevel(ctx.deps.db.pool, row.case_id, levelOfAcr(ctx.principal.acr));
      await ctx.deps.assist.leftDraft(row.case_id, result.status); // co-browse edits are refused from now on
      await auditWrite(ctx, row, 'update', `application:${row.case_id}`, { step: 'submit', status: result.status });
      return { body: result };
    },
  }),
  route<Validated<'application-withdraw'>>({
    method: 'post',
    path: '/api/v1/applications/:id/withdraw',
    tag: 'E-services',
    summary: 'Withdraw the application',
    auth: ['citizen'],
    body: 'application-withdraw',
    responses: {
      ...WAITS_ON_WORKFLOW,
      200: { description: 'Withdrawn', schema: 'application-status' },
      409: { description: 'Already ended or decided', schema: 'error' },
    },
    async handler(ctx) {
      const row = await visibleApplication(ctx, { write: true, forRecipient: true });
      const result = await update(ctx, row.case_id, withdrawUpdate, {
        ...(ctx.body.reason ? { reason: ctx.body.reason } : {}),
        actor: actorOf(ctx.principal),
      });
      if (row.status === 'draft') await ctx.deps.assist.leftDraft(row.case_id, result.status);
      await auditWrite(ctx, row, 'update', `application:${row.case_id}`, { step: 'withdraw', status: result.status });
      return { body: result };
    },
  }),
  route<Validated<'application-info'>>({
    method: 'post',
    path: '/api/v1/applications/:id/info',
    tag: 'E-services',
    summary: 'Answer a request for more information (data and uploaded files)',
    auth: ['citizen'],
    body: 'application-info',
    responses: {
      ...WAITS_ON_WORKFLOW,
      200: { description: 'Answered: the new status', schema: 'application-status' },
      409: { description: 'No information was requested', schema: 'error' },
    },
    async handler(ctx) {
      const row = await visibleApplication(ctx, { write: true, forRecipient: true });
      if (ctx.body.fileIds.length) {
        const known = await countFilesOfApplication(ctx.deps.db.pool, row.case_id, ctx.body.fileIds);
        if (known !== new Set(ctx.body.fileIds).size)
          throw unprocessable('unknown_file', 'A file id is not a file of this application.', [
            { path: '/fileIds', code: 'unknown_file', message: 'upload files with POST /api/v1/applications/{id}/files' },
          ]);
      }
      const result = await update(ctx, row.case_id, provideInfoUpdate, {
        data: ctx.body.data,
        fileIds: ctx.body.fileIds,
        actor: actorOf(ctx.principal),
      });
      await auditWrite(ctx, row, 'update', `application:${row.case_id}`, {
        step: 'info',
        status: result.status,
        fileIds: ctx.body.fileIds,
      });
      return { body: result };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/applications/:id/files',
    tag: 'E-services',
    summary: 'Upload a file for the application (PDF, PNG, JPEG, DOCX, text; up to 10 MB); X-File-Name percent-encoded',
    auth: ['citizen'],
    rawBody: { contentType: 'application/pdf', description: 'The file as the body; its name in the X-File-Name header' },
    responses: {
      201: { description: 'Stored', schema: 'post-applications-id-files-response' },
      413: { description: 'Too large', schema: 'error' },
      415: { description: 'Type not accepted', schema: 'error' },
    },
    async handler(ctx) {
      const row = await visibleApplication(ctx, { write: true, forRecipient: true });
      const file = await readUploadedFile(ctx);
      const id = crypto.randomUUID();
      await insertApplicationFile(ctx.deps.db.pool, {
        id,
        caseId: row.case_id,
        uploadedBy: ctx.principal.sub,
        fileName: file.name,
        contentType: file.type,
        content: file.content,
        sha256: file.sha256,
      });
      await auditWrite(ctx, row, 'create', `application-file:${id}`, { caseId: row.case_id, byteSize: file.content.length });
      return { status: 201, body: { id, fileName: file.name, contentType: file.type, byteSize: file.content.length } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/applications/:id/documents/:documentId',
    tag: 'E-services',
    summary: 'Download an issued document (PDF)',
    auth: ['citizen', 'agency-officer', 'agency-admin'],
    responses: {
      200: { description: 'The PDF', contentType: 'application/pdf' },
      404: { description: 'No such document', schema: 'error' },
    },
    async handler(ctx) {
      const row = await visibleApplication(ctx);
      const document = await documentOfApplication(ctx.deps.db.pool, ctx.params.documentId, row.case_id);
      if (!document) throw notFound('document');
      await auditAccess(ctx, row, 'read', `document:${ctx.params.documentId}`);
      ctx.res
        .set({
          'Content-Type': document.contentType,
          'Content-Disposition': `attachment; filename="${document.fileName}"`,
          ETag: `"${document.sha256}"`,
        })
        .send(document.content);
    },
  }),
];
