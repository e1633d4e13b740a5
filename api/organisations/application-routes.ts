// E-services for a company (issue 16 §3): its representative opens, in the company's account, an e-service whose
// definition serves companies (`applicants` includes "legal"). The company is the recipient of the case; the
// representative and their basis (the enterprise register's rights, or a delegation or mandate the company gave) are
// recorded on it, and the policy checks that basis again at every later request (filling in, submitting: the
// /api/v1/applications/{id} routes). A view-only representation cannot open anything (403 outside_representation);
// no representation at all: 404.
import { route } from '../platform/routing';
import { openingKeyOf } from '../platform/idempotency';
import { actorOf } from '../platform/auth/principal';
import { companyFromRegister } from '../platform/auth/company-representation';
import { openApplication } from '../applications/commands';
import { listPublishedDefinitions } from '../../db/eservice-definitions/reads';
import { recordRepresentative } from '../../db/cases/acting';
import { auditCompany, companyAccess, naturalPersonOf } from './queries';
import type { Validated } from '../../forms/types/validated';

const TAG = 'Acting for a company';
const REG_NO = { regNo: 'registrationNumber' } as const;

export const organisationApplicationRoutes = [
  route({
    method: 'get',
    path: '/api/v1/organisations/:regNo/eservices',
    params: REG_NO,
    tag: TAG,
    summary: 'The e-services I may open for the company (those that serve companies)',
    auth: ['citizen'],
    actsForParty: true,
    responses: {
      200: { description: 'The e-services', schema: 'get-organisations-regno-eservices-response' },
      404: { description: 'No such company that you represent', schema: 'error' },
    },
    async handler(ctx) {
      await companyAccess(ctx, ctx.params.regNo, 'read');
      const items = (await listPublishedDefinitions(ctx.deps.db.pool))
        .filter((d) => d.applicants.includes('legal'))
        .map((d) => ({ id: d.id, agencyId: d.agencyId, title: d.title, description: d.description }));
      return { body: { items } };
    },
  }),
  route<Validated<'application-open'>>({
    method: 'post',
    path: '/api/v1/organisations/:regNo/applications',
    params: REG_NO,
    tag: TAG,
    summary: 'Open an e-service for the company: a draft case whose recipient is the company, with me as its representative',
    auth: ['citizen'],
    actsForParty: true,
    body: 'application-open',
    responses: {
      201: { description: 'Opened', schema: 'post-organisations-regno-applications-response' },
      200: {
        description: 'The same Idempotency-Key was used before: that application',
        schema: 'post-organisations-regno-applications-response',
      },
      403: { description: 'Your representation lets you view the company, not act (outside_representation)', schema: 'error' },
      404: { description: 'No such company that you represent, or no such published e-service', schema: 'error' },
      422: { description: 'The e-service does not serve companies (eservice_not_for_companies)', schema: 'error' },
      503: { description: 'Temporal or the enterprise register does not answer (retry)', schema: 'error' },
    },
    async handler(ctx) {
      const regNo = ctx.params.regNo;
      const key = openingKeyOf(ctx.req);
      const representative = naturalPersonOf(ctx);
      // The basis is checked for this e-service (a delegation may cover some services only), before anything is written.
      const access = await companyAccess(ctx, regNo, 'write', { kind: 'application', eserviceId: ctx.body.eserviceId });
      const company = await companyFromRegister(ctx.deps.db.pool, regNo, ctx.requestId);
      const { caseId, created } = await openApplication(
        ctx.deps.db.pool,
        ctx.deps.temporal,
        ctx.deps.config.taskQueue,
        ctx.body.eserviceId,
        {
          recipient: { type: 'legal', id: regNo, ...(company?.name ? { name: company.name } : {}) },
          actor: actorOf(ctx.principal),
          signedIn: { principal: ctx.principal, env: ctx.deps.config.env },
          ...(key ? { idempotencyKey: key } : {}),
        },
      );
      // Recorded on a retry too, should the first attempt have stopped between opening and recording.
      const recorded = await recordRepresentative(ctx.deps.db.pool, caseId, {
        representative: { type: representative.type, id: representative.id, name: ctx.principal.name },
        basis: access.basis,
        reference: access.reference,
      });
      if (recorded) await auditCompany(ctx, access, regNo, `application:${caseId}`, { eserviceId: ctx.body.eserviceId }, 'create');
      return {
        status: created ? 201 : 200,
        headers: { Location: `/api/v1/applications/${caseId}` },
        body: { id: caseId, href: `/api/v1/applications/${caseId}` },
      };
    },
  }),
];
