// The e-service assistant over HTTP: the citizen's consents (join codes, revoke, mode), staff redeeming a code,
// opening an application at the counter on a mandate or delegation, and submitting on the citizen's behalf.
import { route, type RouteContext } from '../platform/routing';
import { ApiError, forbidden, notFound, unprocessable } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import { createGrant, redeemCode, grantsOfPerson, changeGrant, findGrant } from './grants';
import { accessTo, actorKind, applicationSubject, personKey } from '../platform/auth/policy';
import { findMandate } from '../delegations/mandates';
import { findApplication } from '../../db/applications/reads';
import { grantForViewer } from './socket';
import { addressCheck } from '../platform/address-register';
import { openApplication, loadDraftForSubmit } from '../applications/commands';
import { parseCaseId } from '../platform/params';
import { audit } from '../../db/audit';
import { WAITS_ON_WORKFLOW, updateWorkflow } from '../platform/temporal';
import { applicationWorkflowId, submitUpdate, type UpdateResult } from '../../workflows/application/api';
import { normalisePersonId, type PersonRef } from '../../db/domain/person-id';
import { referenceData } from '../../db/reference';
import { recordCounterRepresentation, recordSubmissionOnBehalf } from '../../db/cases/acting';
import { counterDelegation } from '../delegations/commands';
import type { Validated } from '../../forms/types/validated';
import type { AssistedApplicationOpen } from '../../forms/types/api';

const STAFF = ['kac-staff', 'agency-officer'] as const;

function personOf(p: Principal): PersonRef {
  if (!p.person) throw forbidden('Your account has no person identity.');
  return p.person;
}

/** The basis on which this staff member may act for the citizen on this application now (policy module), else 403. */
async function staffBasisFor(
  ctx: RouteContext,
  caseId: string,
): Promise<{ basis: 'consent' | 'mandate' | 'delegation'; reference: string | null }> {
  const row = await findApplication(ctx.deps.db.pool, caseId);
  const access = row ? await accessTo(ctx.deps.db.pool, ctx.principal, applicationSubject(row), 'write') : null;
  if (access?.as === 'acting-staff' && (access.basis === 'consent' || access.basis === 'mandate' || access.basis === 'delegation')) {
    return { basis: access.basis, reference: access.reference };
  }
  await audit(ctx.deps.db.pool, {
    actor: { type: actorKind(ctx.principal), id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office },
    subject: row ? { type: row.recipient_type, id: row.recipient_id } : undefined,
    action: 'update',
    resource: `application:${caseId}`,
    purpose: 'submit-refused:no_basis',
    requestId: ctx.requestId,
  });
  throw new ApiError(
    403,
    'no_basis',
    'Submitting for a citizen needs their consent in assist mode, a recorded written mandate or a registered delegation, valid now.',
  );
}

/** The recorded basis staff open an application on: valid now, given by this recipient, covering the e-service; else 422. */
async function counterBasis(ctx: RouteContext, recipient: PersonRef, eserviceId: string, basis: AssistedApplicationOpen['basis']) {
  if (basis.type === 'delegation') {
    const d = await counterDelegation(ctx.deps.db.pool, basis.delegationId, recipient, eserviceId);
    return {
      reference: d.id,
      principalName: d.principal_name,
      representative: { type: d.representative_type, id: d.representative_id, name: d.representative_name },
    };
  }
  const m = await findMandate(ctx.deps.db.pool, basis.mandateId);
  if (!m || m.principal.type !== recipient.type || m.principal.id !== recipient.id || m.status !== 'active') {
    throw unprocessable('no_mandate', 'No valid recorded mandate from this person.', [
      { path: '/basis/mandateId', code: 'no_mandate', message: 'not recorded for this person, expired, not yet valid or revoked' },
    ]);
  }
  if (m.scope !== 'all' && !m.scope.includes(eserviceId)) {
    throw unprocessable('mandate_scope', 'The mandate does not cover this e-service.', [
      { path: '/eserviceId', code: 'mandate_scope', message: 'not among the e-services of the mandate' },
    ]);
  }
  return { reference: m.id, principalName: null, representative: { ...m.representative, name: m.representative.name ?? null } };
}

export const assistRoutes = [
  route<Validated<'assist-code-create'>>({
    method: 'post',
    path: '/api/v1/assist-codes',
    tag: 'E-service assistant',
    summary: 'Citizen: create a single-use join code (expires in 10 minutes)',
    auth: ['citizen'],
    body: 'assist-code-create',
    responses: { 201: { description: 'The code (shown once) and the consent', schema: 'post-assist-codes-response' } },
    async handler(ctx) {
      personOf(ctx.principal); // a citizen account without a person identity cannot give consent (403)
      if (ctx.body.scope === 'application') {
        if (!ctx.body.applicationId)
          throw unprocessable('application_required', 'Say which application the code is for.', [
            { path: '/applicationId', code: 'required', message: 'is required' },
          ]);
        const row = await findApplication(ctx.deps.db.pool, ctx.body.applicationId);
        // Only the recipient gives consent to see their application (policy module); anyone else: 404.
        const access = row ? await accessTo(ctx.deps.db.pool, ctx.principal, applicationSubject(row), 'read') : null;
        if (!row || access?.as !== 'recipient') throw notFound('application');
      }
      // A portal code covers the whole session, whatever page the citizen asked from: it names no application.
      const caseId = ctx.body.scope === 'application' ? ctx.body.applicationId : undefined;
      const { code, grant } = await createGrant(
        ctx.deps.db.pool,
        ctx.principal,
        { scope: ctx.body.scope, ...(caseId ? { caseId } : {}), mode: ctx.body.mode },
        ctx.requestId,
      );
      return { status: 201, body: { code, grant } };
    },
  }),
  route<unknown, Validated<'assist-grants-query'>>({
    method: 'get',
    path: '/api/v1/me/assist-grants',
    tag: 'E-service assistant',
    summary: 'Citizen: who may see or help with my sessions (last 24 hours)',
    auth: ['citizen'],
    query: 'assist-grants-query',
    responses: { 200: { description: 'Consents', schema: 'get-me-assist-grants-response' } },
    async handler(ctx) {
      return { body: { items: await grantsOfPerson(ctx.deps.db.pool, personOf(ctx.principal), ctx.query.applicationId) } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/assist-grants/:id/revoke',
    params: { id: 'uuid' },
    tag: 'E-service assistant',
    summary: "Citizen: stop — ends the staff member's access at once",
    auth: ['citizen'],
    responses: {
      200: { description: 'Revoked', schema: 'post-assist-grants-id-revoke-response' },
      404: { description: 'Not your consent', schema: 'error' },
    },
    async handler(ctx) {
      const grant = await changeGrant(ctx.deps.db.pool, ctx.principal, ctx.params.id, { revoke: true }, ctx.requestId);
      await ctx.deps.assist.grantChanged(grant);
      return { body: grant };
    },
  }),
  route<Validated<'assist-mode'>>({
    method: 'post',
    path: '/api/v1/assist-grants/:id/mode',
    params: { id: 'uuid' },
    tag: 'E-service assistant',
    summary: 'Citizen: switch a consent between view and assist',
    auth: ['citizen'],
    body: 'assist-mode',
    responses: { 200: { description: 'Changed', schema: 'post-assist-grants-id-mode-response' } },
    async handler(ctx) {
      const current = await findGrant(ctx.deps.db.pool, ctx.params.id);
      if (current && !current.active && current.usedAt) throw new ApiError(409, 'grant_ended', 'This consent has ended.');
      const grant = await changeGrant(ctx.deps.db.pool, ctx.principal, ctx.params.id, { mode: ctx.body.mode }, ctx.requestId);
      await ctx.deps.assist.grantChanged(grant);
      return { body: grant };
    },
  }),
  route<Validated<'assist-session-open'>>({
    method: 'post',
    path: '/api/v1/assist-sessions',
    tag: 'E-service assistant',
    summary: "Staff: redeem a citizen's join code",
    auth: [...STAFF, 'support-specialist'],
    body: 'assist-session-open',
    rateLimit: 'assistJoin',
    responses: {
      201: { description: 'The consent, now active for you', schema: 'post-assist-sessions-response' },
      404: { description: 'Unknown code', schema: 'error' },
      409: { description: 'Used', schema: 'error' },
      410: { description: 'Expired or revoked', schema: 'error' },
    },
    async handler(ctx) {
      const grant = await redeemCode(ctx.deps.db.pool, ctx.principal, ctx.body.code ?? '', ctx.requestId);
      const row = grant.caseId ? await findApplication(ctx.deps.db.pool, grant.caseId) : null;
      return {
        status: 201,
        body: {
          grant: grantForViewer(grant, ctx.principal),
          application: row
            ? { id: row.case_id, eserviceId: row.definition_id, status: row.status, recipientName: row.recipient_name }
            : null,
        },
      };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/assist-grants/:id/end',
    params: { id: 'uuid' },
    tag: 'E-service assistant',
    summary: 'Staff: leave the session',
    auth: [...STAFF, 'support-specialist'],
    responses: { 200: { description: 'Ended', schema: 'post-assist-grants-id-end-response' } },
    async handler(ctx) {
      const grant = await changeGrant(ctx.deps.db.pool, ctx.principal, ctx.params.id, { end: true }, ctx.requestId);
      await ctx.deps.assist.grantChanged(grant);
      return { body: grant };
    },
  }),
  route<Validated<'assisted-application-open'>>({
    method: 'post',
    path: '/api/v1/assisted-applications',
    tag: 'E-service assistant',
    summary: 'Staff at the counter: open an e-service for a citizen on a recorded written mandate or a registered delegation',
    auth: STAFF,
    body: 'assisted-application-open',
    responses: {
      201: { description: 'The application, acting for the citizen', schema: 'post-assisted-applications-response' },
      422: { description: 'No such valid mandate or delegation', schema: 'error' },
    },
    async handler(ctx) {
      const p = ctx.principal;
      if (!p.office) throw forbidden('Acting at the counter needs an office.');
      const recipientId = normalisePersonId(ctx.body.recipient);
      if (!recipientId)
        throw unprocessable('invalid_person_id', 'The recipient identifier is not valid.', [
          { path: '/recipient/id', code: 'invalid_person_id', message: 'malformed identifier or wrong check digit' },
        ]);
      const recipient = { ...ctx.body.recipient, id: recipientId };
      // Nothing is opened (and nothing prefilled from a register) before the basis is on record and valid now.
      const basis = await counterBasis(ctx, recipient, ctx.body.eserviceId, ctx.body.basis);
      if (!recipient.name && basis.principalName) recipient.name = basis.principalName;
      const { caseId } = await openApplication(ctx.deps.db.pool, ctx.deps.temporal, ctx.deps.config.taskQueue, ctx.body.eserviceId, {
        recipient,
        actor: { type: 'staff', id: p.sub, name: p.name, office: p.office },
      });
      // The case names the record both the acting staff member and the representative rely on: checked at every request.
      await recordCounterRepresentation(ctx.deps.db.pool, caseId, {
        staff: { id: p.sub, name: p.name, officeId: p.office },
        basis: ctx.body.basis.type,
        reference: basis.reference,
        representative: basis.representative,
      });
      await audit(ctx.deps.db.pool, {
        actor: { type: actorKind(p), id: p.sub, agency: p.agency, office: p.office },
        onBehalfOf: personKey(recipient),
        subject: recipient,
        action: 'create',
        resource: `application:${caseId}`,
        purpose: `act-for:${ctx.body.basis.type}`,
        requestId: ctx.requestId,
        details: { reference: basis.reference },
      });
      return { status: 201, body: { id: caseId, href: `/api/v1/applications/${caseId}` } };
    },
  }),
  route<Validated<'submit-on-behalf'>>({
    method: 'post',
    path: '/api/v1/applications/:id/submit-on-behalf',
    tag: 'E-service assistant',
    summary: 'Staff: submit for the citizen (consent in assist mode, mandate or delegation)',
    auth: STAFF,
    body: 'submit-on-behalf',
    responses: {
      ...WAITS_ON_WORKFLOW,
      200: { description: 'Submitted', schema: 'post-applications-id-submit-on-behalf-response' },
      403: { description: 'No basis to act for the citizen', schema: 'error' },
      422: { description: 'Field errors', schema: 'error' },
    },
    async handler(ctx) {
      const caseId = parseCaseId(ctx.params.id);
      const { basis, reference } = await staffBasisFor(ctx, caseId);
      const p = ctx.principal;
      // Refused before the case records anyone as acting for the citizen.
      if ((await findApplication(ctx.deps.db.pool, caseId))?.status !== 'draft')
        throw new ApiError(409, 'not_draft', 'The application has been submitted already.');
      await ctx.deps.assist.flush(caseId);
      const data = await loadDraftForSubmit(ctx.deps.db.pool, caseId, addressCheck(ctx.deps, ctx.requestId));
      const office = p.office ? (await referenceData(ctx.deps.db.pool)).offices.get(p.office) : undefined;
      // The case records who acted, on which basis, and where: the office's channel replaces the e-service channel.
      await recordSubmissionOnBehalf(ctx.deps.db.pool, caseId, {
        staff: { id: p.sub, name: p.name, officeId: p.office ?? null },
        basis,
        reference,
        municipalityCode: office?.municipalityCode ?? null,
      });
      const result = await updateWorkflow<UpdateResult>(
        ctx.deps,
        applicationWorkflowId(caseId),
        submitUpdate,
        {
          data,
          actor: {
            type: 'staff',
            id: p.sub,
            name: p.name,
            ...(p.agency ? { agency: p.agency } : {}),
            ...(p.office ? { office: p.office } : {}),
          },
        },
        { href: `/api/v1/applications/${caseId}` },
      );
      await ctx.deps.assist.leftDraft(caseId, result.status); // co-browse edits are refused from now on, on both sides
      const row = await findApplication(ctx.deps.db.pool, caseId);
      await audit(ctx.deps.db.pool, {
        actor: { type: actorKind(p), id: p.sub, agency: p.agency, office: p.office },
        onBehalfOf: row ? personKey({ type: row.recipient_type, id: row.recipient_id }) : undefined,
        subject: row ? { type: row.recipient_type, id: row.recipient_id } : undefined,
        action: 'update',
        resource: `application:${caseId}`,
        purpose: `submit-on-behalf:${basis}`,
        requestId: ctx.requestId,
        details: { reference },
      });
      return { body: { ...result, basis } };
    },
  }),
];
