// Joint representation: a board member who may represent the company only together with the others asks them to
// confirm (POST .../confirmation-requests); each of the others, as the enterprise register names them now, confirms
// or declines (POST /api/v1/confirmation-requests/{id}/confirm|decline). Once all have confirmed, the policy lets the
// member act for the company until the request's last day or until anyone of them withdraws it.
import crypto from 'node:crypto';
import { route, type RouteContext } from '../platform/routing';
import { conflict, notFound } from '../platform/errors';
import { companiesOfMember, companyFromRegister, companyStanding, requiredConfirmers } from '../platform/auth/company-representation';
import {
  addConfirmation,
  declineConfirmation,
  findConfirmation,
  insertConfirmationRequest,
  openConfirmationsOf,
  revokeConfirmation,
  type ConfirmationRow,
} from '../../db/delegations/confirmations';
import { databaseToday } from '../../db/delegations/checks';
import { audit, type AuditEntry } from '../../db/audit';
import { naturalPersonOf } from './queries';
import { presentConfirmation } from './presenter';
import type { Validated } from '../../forms/types/validated';

const TAG = 'Acting for a company';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const confirmationAudit = (ctx: RouteContext, row: ConfirmationRow, purpose: string, action: 'create' | 'update' | 'read'): AuditEntry => ({
  actor: { type: 'citizen', id: ctx.principal.sub },
  onBehalfOf: `legal:${row.company_reg_no}`,
  subject: { type: 'legal', id: row.company_reg_no },
  action,
  resource: `representation-confirmation:${row.id}`,
  purpose,
  requestId: ctx.requestId,
  details: { requester: `natural:${row.requester_id}`, confirmedBy: row.confirmed_by },
});

async function auditConfirmation(ctx: RouteContext, row: ConfirmationRow, purpose: string, action: 'create' | 'update' | 'read') {
  await audit(ctx.deps.db.pool, confirmationAudit(ctx, row, purpose, action));
}

/**
 * The request, if the caller is one of the members whose confirmation it needs (as the register says now), or its
 * requester when `requesterToo`; anyone else gets 404.
 */
async function requestForMember(ctx: RouteContext, id: string, requesterToo: boolean) {
  const me = naturalPersonOf(ctx).id;
  const row = UUID.test(id) ? await findConfirmation(ctx.deps.db.pool, id) : null;
  const company = row ? await companyFromRegister(ctx.deps.db.pool, row.company_reg_no, ctx.requestId) : null;
  const confirmer = !!company && !!row && requiredConfirmers(company, row.requester_id).some((m) => m.personalCode === me);
  if (!row || !(confirmer || (requesterToo && row.requester_id === me))) throw notFound('confirmation request');
  return { row, company, me };
}

const present = async (ctx: RouteContext, row: ConfirmationRow, company: Awaited<ReturnType<typeof companyFromRegister>>) =>
  presentConfirmation(row, company, await databaseToday(ctx.deps.db.pool));

const RESPONSES = {
  200: { description: 'The request', schema: 'confirmation-request' as const },
  404: { description: 'Not one you confirm, or no such request', schema: 'error' as const },
  409: { description: 'Closed already (declined, withdrawn or expired)', schema: 'error' as const },
};

function decision(verb: 'confirm' | 'decline' | 'withdraw', summary: string) {
  return route({
    method: 'post',
    path: `/api/v1/confirmation-requests/:id/${verb}`,
    params: { id: 'uuid' },
    tag: TAG,
    summary,
    auth: ['citizen'],
    responses: RESPONSES,
    async handler(ctx) {
      const { row, company, me } = await requestForMember(ctx, ctx.params.id, verb === 'withdraw');
      const pool = ctx.deps.db.pool;
      const changed =
        verb === 'confirm'
          ? await addConfirmation(pool, row.id, me)
          : verb === 'decline'
            ? await declineConfirmation(pool, row.id, me)
            : await revokeConfirmation(pool, row.id, ctx.principal.sub);
      if (!changed) throw conflict('confirmation_closed', 'The request is closed already (declined, withdrawn or expired).');
      await auditConfirmation(ctx, changed, `representation-confirmation:${verb}`, 'update');
      return { body: await present(ctx, changed, company) };
    },
  });
}

export const confirmationRoutes = [
  route<Validated<'confirmation-request-create'>>({
    method: 'post',
    path: '/api/v1/organisations/:regNo/confirmation-requests',
    params: { regNo: 'registrationNumber' },
    tag: TAG,
    summary: 'A board member with joint rights asks the other members to confirm that they may act for the company',
    auth: ['citizen'],
    body: 'confirmation-request-create',
    responses: {
      201: { description: 'Asked', schema: 'confirmation-request' },
      404: { description: 'Not a board member with representation rights of this active company', schema: 'error' },
      409: { description: 'Sole rights need no confirmation (confirmation_not_needed)', schema: 'error' },
    },
    async handler(ctx) {
      const person = naturalPersonOf(ctx);
      const standing = await companyStanding(ctx.deps.db.pool, person.id, ctx.params.regNo, ctx.requestId);
      if (!standing) throw notFound('organisation');
      if (standing.member.representationRights === 'sole')
        throw conflict('confirmation_not_needed', 'You represent the company alone; no confirmation is needed.');
      const row = await insertConfirmationRequest(ctx.deps.db.pool, {
        id: crypto.randomUUID(),
        regNo: standing.company.registrationNumber,
        companyName: standing.company.name,
        requesterId: person.id,
        requesterName: ctx.principal.name,
        days: ctx.body.days ?? 30,
      });
      await auditConfirmation(ctx, row, 'representation-confirmation:request', 'create');
      return {
        status: 201,
        headers: { Location: `/api/v1/me/confirmation-requests` },
        body: await present(ctx, row, standing.company),
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/confirmation-requests',
    tag: TAG,
    summary: "Other board members' open requests I am to confirm, and my own",
    auth: ['citizen'],
    responses: { 200: { description: 'The requests', schema: 'get-me-confirmation-requests-response' } },
    async handler(ctx) {
      const me = naturalPersonOf(ctx).id;
      const companies = await companiesOfMember(ctx.deps.db.pool, me, ctx.requestId);
      const byRegNo = new Map(companies.map((c) => [c.registrationNumber, c]));
      const rows = await openConfirmationsOf(ctx.deps.db.pool, [...byRegNo.keys()]);
      const today = await databaseToday(ctx.deps.db.pool);
      const toConfirm = rows.filter((r) => {
        const company = byRegNo.get(r.company_reg_no);
        return r.requester_id !== me && !!company && requiredConfirmers(company, r.requester_id).some((m) => m.personalCode === me);
      });
      const mine = rows.filter((r) => r.requester_id === me);
      const shown = [...toConfirm, ...mine];
      if (shown.length)
        await audit(
          ctx.deps.db.pool,
          shown.map((r) => confirmationAudit(ctx, r, 'representation-confirmation:list', 'read')),
        );
      const show = (r: ConfirmationRow) => presentConfirmation(r, byRegNo.get(r.company_reg_no) ?? null, today);
      return { body: { toConfirm: toConfirm.map(show), mine: mine.map(show) } };
    },
  }),
  decision('confirm', 'Another board member confirms that the requester may act for the company'),
  decision('decline', 'Another board member declines (the request closes)'),
  decision('withdraw', 'The requester or a confirming member withdraws it (takes effect at once)'),
];
