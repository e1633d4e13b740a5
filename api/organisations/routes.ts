// A company's own account, seen by its representatives (issue 16 §3). Design: the company is named in the path,
// /api/v1/organisations/{regNo}/..., never by a hidden "current party" state: every request says whom it is for,
// and the policy (accessToParty) answers at each request whether the caller represents that company now (the
// enterprise register's sole or confirmed joint rights, or a delegation or mandate the company gave). No basis: 404,
// as for a company that does not exist. A browser session or a plain citizen token can call these; an act-for token
// (POST /api/v1/auth/act-for) only for its own party. Every read is audited with the company as the person acted
// for, the citizen as actor and representative.
import { route } from '../platform/routing';
import { notFound } from '../platform/errors';
import { historiesOf, casesOfRecipient } from '../../db/cases/read-cases';
import { invoiceIdsOfPayer } from '../../db/billing/invoice-reads';
import { markNotificationRead, notificationsOf } from '../../db/applications/messages';
import { audit } from '../../db/audit';
import { presentCase } from '../cases/presenter';
import { pageFields, timeIdPosition } from '../platform/cursor';
import { isValidCaseId } from '../../db/domain/case-id';
import { loadInvoice, type Invoice } from '../billing/presenter';
import { companyFromRegister } from '../platform/auth/company-representation';
import { auditCompany, companyAccess, naturalPersonOf, representedParties } from './queries';
import { presentMessage, presentMessages } from './presenter';
import type { Validated } from '../../forms/types/validated';

const TAG = 'Acting for a company';
const REG_NO = { regNo: 'registrationNumber' } as const;

export const organisationRoutes = [
  route({
    method: 'get',
    path: '/api/v1/me/represented',
    tag: TAG,
    summary: 'Whom I may act for: companies I represent (enterprise register) and people who delegated to me',
    auth: ['citizen'],
    responses: { 200: { description: 'The parties', schema: 'get-me-represented-response' } },
    async handler(ctx) {
      const person = naturalPersonOf(ctx);
      const items = await representedParties(ctx.deps.db.pool, person, ctx.requestId);
      await audit(ctx.deps.db.pool, {
        actor: { type: 'citizen', id: ctx.principal.sub },
        subject: person,
        action: 'read',
        resource: 'me/represented',
        purpose: 'own-representations',
        requestId: ctx.requestId,
        details: { parties: items.map((i) => `${i.party.type}:${i.party.id}`) },
      });
      return { body: { items } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/organisations/:regNo',
    params: REG_NO,
    tag: TAG,
    summary: 'The company I act for, as the enterprise register says now, and my basis',
    auth: ['citizen'],
    actsForParty: true,
    responses: {
      200: { description: 'The company', schema: 'organisation' },
      404: { description: 'No such company that you represent', schema: 'error' },
      503: { description: 'The enterprise register does not answer', schema: 'error' },
    },
    async handler(ctx) {
      const regNo = ctx.params.regNo;
      const access = await companyAccess(ctx, regNo, 'read');
      const company = await companyFromRegister(ctx.deps.db.pool, regNo, ctx.requestId);
      await auditCompany(ctx, access, regNo, `organisation:${regNo}`);
      return {
        body: {
          registrationNumber: regNo,
          name: company?.name ?? regNo,
          legalForm: company?.legalForm ?? '',
          status: company?.status ?? 'excluded',
          basis: access.basis as 'enterprise_register' | 'delegation' | 'mandate',
          rights: access.rights ?? null,
        },
      };
    },
  }),
  route<unknown, Validated<'me-cases-query'>>({
    method: 'get',
    path: '/api/v1/organisations/:regNo/cases',
    params: REG_NO,
    tag: TAG,
    summary: "The company's cases from every channel, with status history, newest status first (keyset pages: follow `next`)",
    auth: ['citizen'],
    actsForParty: true,
    query: 'me-cases-query',
    responses: {
      200: { description: "A page of the company's cases", schema: 'case-list' },
      400: { description: 'An offset, or a cursor this list did not give (invalid_cursor)', schema: 'error' },
      404: { description: 'No such company that you represent', schema: 'error' },
    },
    async handler(ctx) {
      const regNo = ctx.params.regNo;
      const access = await companyAccess(ctx, regNo, 'read');
      const { cursor, count, limit } = ctx.query;
      const after = timeIdPosition(cursor, isValidCaseId);
      const page = await casesOfRecipient(ctx.deps.db.pool, { type: 'legal', id: regNo }, { limit, count, ...(after ? { after } : {}) });
      const histories = await historiesOf(
        ctx.deps.db.pool,
        page.rows.map((r) => r.id),
      );
      await auditCompany(ctx, access, regNo, `organisation:${regNo}/cases`, { count: page.rows.length });
      return {
        body: {
          items: page.rows.map((r) => presentCase(r, histories.get(r.id) ?? [])),
          ...pageFields(`/api/v1/organisations/${regNo}/cases`, ctx.query, page),
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/organisations/:regNo/invoices',
    params: REG_NO,
    tag: TAG,
    summary: "The company's invoices",
    auth: ['citizen'],
    actsForParty: true,
    responses: {
      200: { description: 'Invoices', schema: 'get-me-invoices-response' },
      404: { description: 'No such company that you represent', schema: 'error' },
    },
    async handler(ctx) {
      const regNo = ctx.params.regNo;
      const access = await companyAccess(ctx, regNo, 'read');
      const ids = await invoiceIdsOfPayer(ctx.deps.db.sequelize, { type: 'legal', id: regNo });
      const items = (await Promise.all(ids.map((id) => loadInvoice(ctx.deps.db.pool, id)))).filter((i): i is Invoice => !!i);
      await auditCompany(ctx, access, regNo, `organisation:${regNo}/invoices`, { count: items.length });
      return { body: { items } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/organisations/:regNo/messages',
    params: REG_NO,
    tag: TAG,
    summary: "The company's messages (portal notifications, also delivered to its e-address)",
    auth: ['citizen'],
    actsForParty: true,
    responses: {
      200: { description: 'Messages, newest first', schema: 'organisation-messages' },
      404: { description: 'No such company that you represent', schema: 'error' },
    },
    async handler(ctx) {
      const regNo = ctx.params.regNo;
      const access = await companyAccess(ctx, regNo, 'read');
      const rows = await notificationsOf(ctx.deps.db.pool, { type: 'legal', id: regNo });
      await auditCompany(ctx, access, regNo, `organisation:${regNo}/messages`, { count: rows.length });
      return { body: presentMessages(rows) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/organisations/:regNo/messages/:id/read',
    params: { ...REG_NO },
    tag: TAG,
    summary: "Mark one of the company's messages read (an act for the company: needs rights to act)",
    auth: ['citizen'],
    actsForParty: true,
    responses: {
      200: { description: 'The message', schema: 'organisation-message' },
      403: { description: 'Your representation lets you view only (outside_representation)', schema: 'error' },
      404: { description: 'No such company that you represent, or no such message of it', schema: 'error' },
    },
    async handler(ctx) {
      const regNo = ctx.params.regNo;
      const access = await companyAccess(ctx, regNo, 'write');
      const row = await markNotificationRead(ctx.deps.db.pool, { type: 'legal', id: regNo }, ctx.params.id);
      if (!row) throw notFound('message');
      await auditCompany(ctx, access, regNo, `notification:${row.id}`, { marked: 'read' }, 'update');
      return { body: presentMessage(row) };
    },
  }),
];
