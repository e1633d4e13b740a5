// Agencies' collection accounts (issue 13): reference data a platform administrator keeps. Agency staff may list
// their own agency's accounts; every change is audited.
import { route, type RouteContext } from '../platform/routing';
import { conflict, notFound, unprocessable } from '../platform/errors';
import { hasRole } from '../platform/auth/principal';
import { checkAccountIban } from '../../db/domain/iban';
import { audit } from '../../db/audit';
import {
  agencyExists,
  deactivateAgencyAccount,
  findAgencyAccount,
  insertAgencyAccount,
  listAgencyAccounts,
  type AgencyAccount,
} from '../../db/billing/agency-accounts';
import type { Validated } from '../../forms/types/validated';

const ADMIN = ['platform-admin'] as const;
const READERS = ['platform-admin', 'agency-system', 'agency-admin', 'agency-officer'] as const;

function auditChange(ctx: RouteContext, action: 'create' | 'update', account: AgencyAccount, details: Record<string, unknown>) {
  const p = ctx.principal;
  return audit(ctx.deps.db.pool, {
    actor: { type: 'staff', id: p.sub, agency: p.agency, office: p.office },
    action,
    resource: `agency-account:${account.iban}`,
    purpose: 'account-administration',
    requestId: ctx.requestId,
    details: { agencyId: account.agencyId, ...details },
  });
}

export const agencyAccountRoutes = [
  route<unknown, Validated<'agency-account-list-query'>>({
    method: 'get',
    path: '/api/v1/agency-accounts',
    tag: 'Billing',
    summary: "Collection accounts: all agencies' to a platform administrator, their own agency's to agency staff",
    auth: READERS,
    query: 'agency-account-list-query',
    responses: {
      200: { description: 'The accounts', schema: 'agency-account-list' },
      404: { description: 'Another agency (agency staff see only their own)', schema: 'error' },
    },
    async handler(ctx) {
      const p = ctx.principal;
      let agencyId = ctx.query.agencyId;
      if (!hasRole(p, 'platform-admin')) {
        if (!p.agency || (agencyId !== undefined && agencyId !== p.agency)) throw notFound('agency');
        agencyId = p.agency;
      }
      return { body: { items: await listAgencyAccounts(ctx.deps.db.sequelize, { agencyId, active: ctx.query.active }) } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/agency-accounts/:iban',
    tag: 'Billing',
    summary: "One collection account (a platform administrator, or its own agency's staff)",
    auth: READERS,
    responses: {
      200: { description: 'The account', schema: 'agency-account' },
      404: { description: 'No such account of your agency', schema: 'error' },
    },
    async handler(ctx) {
      const account = await findAgencyAccount(ctx.deps.db.sequelize, ctx.params.iban.replace(/\s+/g, '').toUpperCase());
      const p = ctx.principal;
      if (!account || (!hasRole(p, 'platform-admin') && account.agencyId !== p.agency)) throw notFound('account');
      return { body: account };
    },
  }),
  route<Validated<'agency-account-create'>>({
    method: 'post',
    path: '/api/v1/agency-accounts',
    tag: 'Billing',
    summary: 'Register a collection account of an agency (platform administrator)',
    auth: ADMIN,
    body: 'agency-account-create',
    responses: {
      201: { description: 'Registered', schema: 'agency-account' },
      409: { description: 'The IBAN is registered already (account_exists)', schema: 'error' },
      422: { description: 'Unknown agency, or not an IBAN / wrong check digits', schema: 'error' },
    },
    async handler(ctx) {
      const checked = checkAccountIban(ctx.body.iban);
      if ('problem' in checked) {
        const message = checked.problem === 'malformed' ? 'not an IBAN' : 'wrong check digits: mistyped';
        throw unprocessable(`iban_${checked.problem}`, 'The account cannot be registered.', [
          { path: '/iban', code: `iban_${checked.problem}`, message },
        ]);
      }
      if (!(await agencyExists(ctx.deps.db.pool, ctx.body.agencyId)))
        throw unprocessable('unknown_agency', 'No such agency.', [
          { path: '/agencyId', code: 'unknown_agency', message: 'not an agency of the platform' },
        ]);
      const account = await insertAgencyAccount(ctx.deps.db.sequelize, {
        iban: checked.iban,
        bic: ctx.body.bic ?? null,
        agencyId: ctx.body.agencyId,
        name: ctx.body.name,
        createdBy: ctx.principal.sub,
      });
      if (!account) {
        const owner = await findAgencyAccount(ctx.deps.db.sequelize, checked.iban);
        throw conflict('account_exists', 'This IBAN is registered already; an account belongs to one agency.', [
          {
            path: '/iban',
            code: 'account_exists',
            message: `registered to ${owner?.agencyId ?? 'an agency'}`,
            agencyId: owner?.agencyId ?? null,
          },
        ]);
      }
      await auditChange(ctx, 'create', account, { bic: account.bic, name: account.name });
      return { status: 201, headers: { Location: `/api/v1/agency-accounts/${account.iban}` }, body: account };
    },
  }),
  route<Validated<'agency-account-deactivate'>>({
    method: 'post',
    path: '/api/v1/agency-accounts/:iban/deactivate',
    tag: 'Billing',
    summary: 'Deactivate a collection account (platform administrator): new invoices can no longer name it',
    auth: ADMIN,
    body: 'agency-account-deactivate',
    responses: {
      200: { description: 'Deactivated (again: unchanged)', schema: 'agency-account' },
      404: { description: 'No such account', schema: 'error' },
    },
    async handler(ctx) {
      const iban = ctx.params.iban.replace(/\s+/g, '').toUpperCase();
      const before = await findAgencyAccount(ctx.deps.db.sequelize, iban);
      if (!before) throw notFound('account');
      const account = (await deactivateAgencyAccount(ctx.deps.db.sequelize, iban, ctx.principal.sub)) as AgencyAccount;
      if (before.active) await auditChange(ctx, 'update', account, { active: false, reason: ctx.body.reason });
      return { body: account };
    },
  }),
];
