// The e-service assistant over HTTP: the citizen's consents (join codes, revoke, mode), staff redeeming a code,
// opening an application at the counter on a mandate or delegation, and submitting on the citizen's behalf.
import { route, type RouteContext } from '../routing';
import { ApiError, forbidden, notFound, unprocessable } from '../errors';
import type { Principal } from '../auth/principal';
import { createGrant, redeemCode, grantsOfPerson, changeGrant, activeGrantOf, findGrant, type AssistMode } from '../cobrowse/grants';
import { findApplication } from '../queries/applications';
import { grantForViewer } from '../cobrowse/socket';
import { openApplication, loadDraftForSubmit, applicationWorkflowId } from '../commands/applications';
import { parseCaseId } from './cases';
import { audit } from '../../db/audit';
import { WAITS_ON_WORKFLOW, updateWorkflow } from '../temporal';
import { MESSAGES, type UpdateResult } from '../../workflows/application/messages';
import { normalisePersonId, type PersonRef } from '../domain/person-id';
import { referenceData } from '../../db/reference';
import { counterDelegation } from '../commands/delegations';
import type { DelegationRow } from '../presenters/delegation';

const STAFF = ['kac-staff', 'agency-officer'] as const;

function personOf(p: Principal): PersonRef {
  if (!p.person) throw forbidden('Your account has no person identity.');
  return p.person;
}

async function stillDelegated(ctx: RouteContext, caseId: string, delegationId: string): Promise<boolean> {
  const row = await findApplication(ctx.deps.db.pool, caseId);
  if (!row) return false;
  return counterDelegation(ctx.deps.db.pool, delegationId, { type: row.recipient_type as PersonRef['type'], id: row.recipient_id }, row.definition_id)
    .then(() => true, (e: unknown) => { if (e instanceof ApiError && e.status === 422) return false; throw e; });
}

async function staffBasisFor(ctx: RouteContext, caseId: string, grantId?: string): Promise<{ basis: 'consent' | 'mandate' | 'delegation'; reference: string | null }> {
  if (grantId) {
    const grant = await activeGrantOf(ctx.deps.db.pool, grantId, ctx.principal.sub);
    if (grant && grant.caseId === caseId && grant.mode === 'assist') return { basis: 'consent', reference: grant.id };
  } else {
    const { rows } = await ctx.deps.db.pool.query('SELECT acting_staff_id, acting_basis, acting_basis_ref FROM cases WHERE id = $1', [caseId]);
    const acting = rows[0]?.acting_staff_id === ctx.principal.sub ? rows[0] : null;
    if (acting?.acting_basis === 'mandate') return { basis: 'mandate', reference: acting.acting_basis_ref };
    // A delegation is checked again: revoked (or expired) since the application was opened, it is no basis any more.
    if (acting?.acting_basis === 'delegation' && await stillDelegated(ctx, caseId, acting.acting_basis_ref)) return { basis: 'delegation', reference: acting.acting_basis_ref };
  }
  const row = await findApplication(ctx.deps.db.pool, caseId);
  await audit(ctx.deps.db.pool, {
    actor: { type: 'staff', id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office },
    subject: row ? { type: row.recipient_type, id: row.recipient_id } : undefined, action: 'update', resource: `application:${caseId}`,
    purpose: 'submit-refused:no_basis', requestId: ctx.requestId,
  });
  throw new ApiError(403, 'no_basis', 'Submitting for a citizen needs their consent in assist mode, a written mandate or a registered delegation.');
}

export const assistanceRoutes = [
  route<{ scope: 'application' | 'portal'; applicationId?: string; mode: AssistMode }>({
    method: 'post', path: '/api/v1/assist-codes', tag: 'E-service assistant', summary: 'Citizen: create a single-use join code (expires in 10 minutes)',
    auth: ['citizen'], body: 'assist-code-create',
    responses: { 201: { description: 'The code (shown once) and the consent', schema: 'post-assist-codes-response' } },
    async handler(ctx) {
      const person = personOf(ctx.principal);
      if (ctx.body.scope === 'application') {
        if (!ctx.body.applicationId) throw unprocessable('application_required', 'Say which application the code is for.', [{ path: '/applicationId', code: 'required', message: 'is required' }]);
        const row = await findApplication(ctx.deps.db.pool, ctx.body.applicationId);
        if (!row || row.recipient_type !== person.type || row.recipient_id !== person.id) throw notFound('application');
      }
      // A portal code covers the whole session, whatever page the citizen asked from: it names no application.
      const caseId = ctx.body.scope === 'application' ? ctx.body.applicationId : undefined;
      const { code, grant } = await createGrant(ctx.deps.db.pool, ctx.principal, { scope: ctx.body.scope, ...(caseId ? { caseId } : {}), mode: ctx.body.mode }, ctx.requestId);
      return { status: 201, body: { code, grant } };
    },
  }),
  route<unknown, { applicationId?: string }>({
    method: 'get', path: '/api/v1/me/assist-grants', tag: 'E-service assistant', summary: 'Citizen: who may see or help with my sessions (last 24 hours)',
    auth: ['citizen'], query: 'assist-grants-query',
    responses: { 200: { description: 'Consents', schema: 'get-me-assist-grants-response' } },
    async handler(ctx) {
      return { body: { items: await grantsOfPerson(ctx.deps.db.pool, personOf(ctx.principal), ctx.query.applicationId) } };
    },
  }),
  route({
    method: 'post', path: '/api/v1/assist-grants/:id/revoke', params: { id: 'uuid' }, tag: 'E-service assistant', summary: 'Citizen: stop — ends the staff member\'s access at once',
    auth: ['citizen'],
    responses: { 200: { description: 'Revoked', schema: 'post-assist-grants-id-revoke-response' }, 404: { description: 'Not your consent', schema: 'error' } },
    async handler(ctx) {
      const grant = await changeGrant(ctx.deps.db.pool, ctx.principal, ctx.params.id, { revoke: true }, ctx.requestId);
      await ctx.deps.assist.grantChanged(grant);
      return { body: grant };
    },
  }),
  route<{ mode: AssistMode }>({
    method: 'post', path: '/api/v1/assist-grants/:id/mode', params: { id: 'uuid' }, tag: 'E-service assistant', summary: 'Citizen: switch a consent between view and assist',
    auth: ['citizen'], body: 'assist-mode',
    responses: { 200: { description: 'Changed', schema: 'post-assist-grants-id-mode-response' } },
    async handler(ctx) {
      const current = await findGrant(ctx.deps.db.pool, ctx.params.id);
      if (current && !current.active && current.usedAt) throw new ApiError(409, 'grant_ended', 'This consent has ended.');
      const grant = await changeGrant(ctx.deps.db.pool, ctx.principal, ctx.params.id, { mode: ctx.body.mode }, ctx.requestId);
      await ctx.deps.assist.grantChanged(grant);
      return { body: grant };
    },
  }),
  route<{ code?: string }>({
    method: 'post', path: '/api/v1/assist-sessions', tag: 'E-service assistant', summary: 'Staff: redeem a citizen\'s join code',
    auth: [...STAFF, 'support-specialist'], body: 'assist-session-open',
    rateLimit: 'assistJoin',
    responses: { 201: { description: 'The consent, now active for you', schema: 'post-assist-sessions-response' }, 404: { description: 'Unknown code', schema: 'error' }, 409: { description: 'Used', schema: 'error' }, 410: { description: 'Expired or revoked', schema: 'error' } },
    async handler(ctx) {
      const grant = await redeemCode(ctx.deps.db.pool, ctx.principal, ctx.body.code ?? '', ctx.requestId);
      const row = grant.caseId ? await findApplication(ctx.deps.db.pool, grant.caseId) : null;
      return { status: 201, body: { grant: grantForViewer(grant, ctx.principal), application: row ? { id: row.case_id, eserviceId: row.definition_id, status: row.status, recipientName: row.recipient_name } : null } };
    },
  }),
  route({
    method: 'post', path: '/api/v1/assist-grants/:id/end', params: { id: 'uuid' }, tag: 'E-service assistant', summary: 'Staff: leave the session',
    auth: [...STAFF, 'support-specialist'],
    responses: { 200: { description: 'Ended', schema: 'post-assist-grants-id-end-response' } },
    async handler(ctx) {
      const grant = await changeGrant(ctx.deps.db.pool, ctx.principal, ctx.params.id, { end: true }, ctx.requestId);
      await ctx.deps.assist.grantChanged(grant);
      return { body: grant };
    },
  }),
  route<{ eserviceId: string; recipient: PersonRef & { name?: string }; basis: { type: 'mandate'; reference: string } | { type: 'delegation'; delegationId: string } }>({
    method: 'post', path: '/api/v1/assisted-applications', tag: 'E-service assistant', summary: 'Staff at the counter: open an e-service for a citizen on a written mandate or a registered delegation',
    auth: STAFF, body: 'assisted-application-open',
    responses: { 201: { description: 'The application, acting for the citizen', schema: 'post-assisted-applications-response' }, 422: { description: 'No such delegation', schema: 'error' } },
    async handler(ctx) {
      const p = ctx.principal;
      if (!p.office) throw forbidden('Acting at the counter needs an office.');
      const recipientId = normalisePersonId(ctx.body.recipient);
      if (!recipientId) throw unprocessable('invalid_person_id', 'The recipient identifier is not valid.', [{ path: '/recipient/id', code: 'invalid_person_id', message: 'malformed identifier or wrong check digit' }]);
      const recipient = { ...ctx.body.recipient, id: recipientId };
      let reference: string;
      let delegation: DelegationRow | null = null;
      if (ctx.body.basis.type === 'delegation') {
        // Given by this recipient, not revoked, valid today and covering the e-service; else 422 no_delegation.
        delegation = await counterDelegation(ctx.deps.db.pool, ctx.body.basis.delegationId, recipient, ctx.body.eserviceId);
        reference = delegation.id;
        if (!recipient.name && delegation.principal_name) recipient.name = delegation.principal_name;
      } else {
        reference = ctx.body.basis.reference;
      }
      const { caseId } = await openApplication(ctx.deps.db.pool, ctx.deps.temporal, ctx.deps.config.taskQueue, ctx.body.eserviceId, {
        recipient, actor: { type: 'staff', id: p.sub, name: p.name, office: p.office },
      });
      await ctx.deps.db.pool.query(
        'UPDATE cases SET acting_staff_id = $2, acting_staff_name = $3, acting_office_id = $4, acting_basis = $5, acting_basis_ref = $6 WHERE id = $1',
        [caseId, p.sub, p.name, p.office, ctx.body.basis.type, reference]);
      if (delegation) {
        // The representative of a delegation is on the case: it is theirs to follow too (GET /me/cases, live status).
        await ctx.deps.db.pool.query(
          `UPDATE cases SET representative_type = $2, representative_id = $3, representative_name = $4, representative_basis = 'delegation' WHERE id = $1`,
          [caseId, delegation.representative_type, delegation.representative_id, delegation.representative_name]);
      }
      await audit(ctx.deps.db.pool, { actor: { type: 'staff', id: p.sub, office: p.office }, subject: recipient, action: 'create', resource: `application:${caseId}`, purpose: `act-for:${ctx.body.basis.type}`, requestId: ctx.requestId, details: { reference } });
      return { status: 201, body: { id: caseId, href: `/api/v1/applications/${caseId}` } };
    },
  }),
  route<{ grantId?: string }>({
    method: 'post', path: '/api/v1/applications/:id/submit-on-behalf', tag: 'E-service assistant', summary: 'Staff: submit for the citizen (consent in assist mode, mandate or delegation)',
    auth: STAFF, body: 'submit-on-behalf',
    responses: { ...WAITS_ON_WORKFLOW, 200: { description: 'Submitted', schema: 'post-applications-id-submit-on-behalf-response' }, 403: { description: 'No basis to act for the citizen', schema: 'error' }, 422: { description: 'Field errors', schema: 'error' } },
    async handler(ctx) {
      const caseId = parseCaseId(ctx.params.id);
      const { basis, reference } = await staffBasisFor(ctx, caseId, ctx.body.grantId);
      const p = ctx.principal;
      // Refused before the case records anyone as acting for the citizen.
      if ((await findApplication(ctx.deps.db.pool, caseId))?.status !== 'draft') throw new ApiError(409, 'not_draft', 'The application has been submitted already.');
      await ctx.deps.assist.flush(caseId);
      const data = await loadDraftForSubmit(ctx.deps.db.pool, caseId);
      const office = p.office ? (await referenceData(ctx.deps.db.pool)).offices.get(p.office) : undefined;
      // The case records who acted, on which basis, and where: the office's channel replaces the e-service channel.
      await ctx.deps.db.pool.query(
        `UPDATE cases SET acting_staff_id = $2, acting_staff_name = $3, acting_office_id = $4, acting_basis = $5, acting_basis_ref = $6,
           channel = CASE WHEN $4::text IS NULL THEN channel ELSE 'in_person' END, office_id = COALESCE($4, office_id),
           municipality_code = COALESCE($7, municipality_code), updated_at = now() WHERE id = $1`,
        [caseId, p.sub, p.name, p.office ?? null, basis, reference, office?.municipalityCode ?? null]);
      const result = await updateWorkflow<UpdateResult>(ctx.deps, applicationWorkflowId(caseId), MESSAGES.submit,
        { data, actor: { type: 'staff', id: p.sub, name: p.name, ...(p.agency ? { agency: p.agency } : {}), ...(p.office ? { office: p.office } : {}) } },
        { href: `/api/v1/applications/${caseId}` });
      await ctx.deps.assist.leftDraft(caseId, result.status); // co-browse edits are refused from now on, on both sides
      const row = await findApplication(ctx.deps.db.pool, caseId);
      await audit(ctx.deps.db.pool, {
        actor: { type: 'staff', id: p.sub, agency: p.agency, office: p.office }, subject: row ? { type: row.recipient_type, id: row.recipient_id } : undefined,
        action: 'update', resource: `application:${caseId}`, purpose: `submit-on-behalf:${basis}`, requestId: ctx.requestId, details: { reference },
      });
      return { body: { ...result, basis } };
    },
  }),
];
