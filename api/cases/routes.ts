// The service-delivery case register: agencies write cases from every channel, citizens read their own.
import { route, type RouteContext } from '../platform/routing';
import { forbidden, notFound, ApiError } from '../platform/errors';
import { actorType, hasRole, type Principal, type Role } from '../platform/auth/principal';
import { registerCases, type ItemResult } from '../../db/cases/register-cases';
import { changeCaseStatus } from './change-case-status';
import { reserveCaseIds } from '../../db/cases/reserve-case-ids';
import { findCase, historiesOf, casesOfAgency } from '../../db/cases/read-cases';
import { casesOfPersonPage } from '../../db/cases/person-cases';
import { documentsOfCases } from '../../db/applications/documents';
import { isValidCaseId } from '../../db/domain/case-id';
import { pageFields, timeIdPosition } from '../platform/cursor';
import { presentCase } from './presenter';
import { parseCaseId } from '../platform/params';
import { audit, type AuditEntry } from '../../db/audit';
import { accessTo, auditEntry, caseSubject, checkStatedReason, withStatedReason } from '../platform/auth/policy';
import type { Validated } from '../../forms/types/validated';

const AGENCY_WRITERS: Role[] = ['agency-system', 'agency-officer', 'agency-admin'];
const AGENCY_READERS: Role[] = ['agency-system', 'agency-officer', 'agency-admin'];

function agencyOf(p: Principal): string {
  if (!p.agency) throw forbidden('Your account is not linked to an agency.');
  return p.agency;
}

function actorOf(ctx: RouteContext) {
  return { type: actorType(ctx.principal), id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office };
}

function summarise(results: ItemResult[]) {
  let created = 0;
  let existing = 0;
  let failed = 0;
  for (const r of results) {
    if (r.outcome === 'created') created += 1;
    else if (r.outcome === 'existing') existing += 1;
    else failed += 1;
  }
  return { created, existing, failed, results };
}

/** A registration time whose quarter has no partition (db/cases/partitions.ts): nothing written, repeat the request. */
const REGISTER_UNAVAILABLE = {
  description: 'The registration quarter is not available yet: nothing was written; repeat after Retry-After',
  schema: 'error' as const,
};

export const caseRoutes = [
  route<Validated<'case-create'>>({
    method: 'post',
    path: '/api/v1/cases',
    tag: 'Case register',
    summary: 'Register one case (idempotent by agency and externalId)',
    auth: AGENCY_WRITERS,
    body: 'case-create',
    responses: {
      201: { description: 'Created', schema: 'case' },
      200: { description: 'Already registered: the same case', schema: 'case' },
      422: { description: 'Business rule failed', schema: 'error' },
      503: REGISTER_UNAVAILABLE,
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      const [result] = await registerCases(
        ctx.deps.db.pool,
        { agencyId, actorType: actorType(ctx.principal), actorId: ctx.principal.sub, requestId: ctx.requestId },
        [ctx.body],
      );
      if (result.outcome === 'failed') {
        const status = result.error.code === 'validation_failed' ? 400 : 422;
        throw new ApiError(status, result.error.code, result.error.message, result.error.details);
      }
      const row = await findCase(ctx.deps.db.pool, result.id);
      if (!row) throw notFound('case');
      const events = await historiesOf(ctx.deps.db.pool, [row.id]);
      return {
        status: result.outcome === 'created' ? 201 : 200,
        headers: { Location: `/api/v1/cases/${row.id}` },
        body: presentCase(row, events.get(row.id) ?? []),
      };
    },
  }),
  route<Validated<'case-batch'>>({
    method: 'post',
    path: '/api/v1/cases/batch',
    tag: 'Case register',
    summary: 'Register up to 10,000 cases; each item gets its own result',
    auth: AGENCY_WRITERS,
    body: 'case-batch',
    bodyLimit: '32mb',
    responses: { 200: { description: 'One result per item, in order', schema: 'case-batch-result' }, 503: REGISTER_UNAVAILABLE },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      const results = await registerCases(
        ctx.deps.db.pool,
        { agencyId, actorType: actorType(ctx.principal), actorId: ctx.principal.sub, requestId: ctx.requestId },
        ctx.body.cases,
      );
      return { body: summarise(results) };
    },
  }),
  route<Validated<'case-status-change'>>({
    method: 'post',
    path: '/api/v1/cases/:id/status',
    tag: 'Case register',
    summary: 'Append a status to a case of your agency',
    auth: AGENCY_WRITERS,
    body: 'case-status-change',
    responses: {
      200: { description: 'The case with its history', schema: 'case' },
      404: { description: 'No such case in your agency', schema: 'error' },
      409: { description: 'Transition not allowed', schema: 'error' },
    },
    async handler(ctx) {
      const id = parseCaseId(ctx.params.id);
      const agencyId = agencyOf(ctx.principal);
      await changeCaseStatus(ctx.deps.db.pool, id, ctx.body, {
        agencyId,
        actorType: actorType(ctx.principal),
        actorId: ctx.principal.sub,
        mayReopen: hasRole(ctx.principal, 'agency-officer', 'agency-admin'),
        requestId: ctx.requestId,
      });
      const row = await findCase(ctx.deps.db.pool, id);
      if (!row) throw notFound('case');
      const events = await historiesOf(ctx.deps.db.pool, [id]);
      return { body: presentCase(row, events.get(id) ?? []) };
    },
  }),
  route<unknown, Validated<'case-read-query'>>({
    method: 'get',
    path: '/api/v1/cases/:id',
    tag: 'Case register',
    summary: "One case with its status history (your agency's, your own as a citizen, or one of a party you act for)",
    auth: [...AGENCY_READERS, 'citizen'],
    actsForParty: true, // the policy confines an act-for token to its party's cases
    query: 'case-read-query',
    responses: {
      200: { description: 'The case', schema: 'case' },
      400: { description: 'A purpose stated by a citizen, or an embargo without its grounds or date', schema: 'error' },
      404: { description: 'No such case that you may see', schema: 'error' },
    },
    async handler(ctx) {
      const id = parseCaseId(ctx.params.id);
      const row = await findCase(ctx.deps.db.pool, id);
      // Its recipient, their representative on a basis valid now, staff acting for them, or its agency (not a draft).
      const access = row ? await accessTo(ctx.deps.db.pool, ctx.principal, caseSubject(row), 'read') : null;
      if (!row || !access) throw notFound('case');
      // An agency may state why it reads, and keep a covert read from the person until a day (the policy's stated reason).
      checkStatedReason(ctx.query, access.as === 'agency');
      const read = auditEntry(ctx.principal, access, caseSubject(row), 'read', `case:${id}`, ctx.requestId);
      await audit(ctx.deps.db.pool, withStatedReason(read, ctx.query));
      const [events, documents] = await Promise.all([historiesOf(ctx.deps.db.pool, [id]), documentsOfCases(ctx.deps.db.pool, [id])]);
      return { body: presentCase(row, events.get(id) ?? [], { documents: documents.get(id), forCitizen: access.as !== 'agency' }) };
    },
  }),
  route<unknown, Validated<'case-list-query'>>({
    method: 'get',
    path: '/api/v1/cases',
    tag: 'Case register',
    summary: "Your agency's cases, newest status first (filters; keyset pages: follow `next`; the total with count=true)",
    auth: AGENCY_READERS,
    query: 'case-list-query',
    responses: {
      200: { description: 'A page of cases and the link to the next one', schema: 'case-list' },
      400: { description: 'A filter out of range, an offset, or a cursor this list did not give (invalid_cursor)', schema: 'error' },
    },
    async handler(ctx) {
      const agencyId = agencyOf(ctx.principal);
      const { cursor, count, limit, ...filters } = ctx.query;
      const after = timeIdPosition(cursor, isValidCaseId);
      const page = await casesOfAgency(ctx.deps.db.pool, agencyId, filters, { limit, count, ...(after ? { after } : {}) });
      const rows = page.rows;
      const histories = await historiesOf(
        ctx.deps.db.pool,
        rows.map((r) => r.id),
      );
      await audit(
        ctx.deps.db.pool,
        rows.map((r): AuditEntry => ({
          actor: actorOf(ctx),
          subject: { type: r.recipient_type, id: r.recipient_id },
          action: 'read',
          resource: `case:${r.id}`,
          purpose: 'case-handling',
          requestId: ctx.requestId,
          details: { list: 'cases', caseId: r.id },
        })),
      );
      return {
        body: {
          items: rows.map((r) => presentCase(r, histories.get(r.id) ?? [])),
          ...pageFields('/api/v1/cases', ctx.query, page),
        },
      };
    },
  }),
  route<Validated<'case-ids-reserve'>>({
    method: 'post',
    path: '/api/v1/case-ids',
    tag: 'Case register',
    summary: 'Reserve up to 1,000 case ids for cases your system creates first',
    auth: AGENCY_WRITERS,
    body: 'case-ids-reserve',
    responses: { 201: { description: 'The reserved ids', schema: 'post-case-ids-response' } },
    async handler(ctx) {
      const ids = await reserveCaseIds(ctx.deps.db.pool, agencyOf(ctx.principal), ctx.body.count, ctx.principal.sub);
      return { status: 201, body: { ids } };
    },
  }),
  route<unknown, Validated<'me-cases-list-query'>>({
    method: 'get',
    path: '/api/v1/me/cases',
    tag: 'Citizen',
    summary:
      'All my cases from every channel, with status history, newest status first (filters; keyset pages: follow `next`; the total with count=true)',
    auth: ['citizen'],
    query: 'me-cases-list-query',
    responses: {
      200: { description: 'A page of my cases and the link to the next one', schema: 'case-list' },
      400: { description: 'A filter out of range, or a cursor this list did not give (invalid_cursor)', schema: 'error' },
    },
    async handler(ctx) {
      const person = ctx.principal.person;
      if (!person) throw forbidden('Your account has no person identity.');
      const { cursor, ...filters } = ctx.query;
      const after = timeIdPosition(cursor, isValidCaseId);
      const page = await casesOfPersonPage(ctx.deps.db.pool, person, {
        ...filters,
        ...(after ? { after: { statusAt: after.at, id: after.id } } : {}),
      });
      // A case followed as a representative is listed only while the basis for it is valid (checked now).
      const shown = await Promise.all(
        page.rows.map(async (r) => r.relation === 'recipient' || (await accessTo(ctx.deps.db.pool, ctx.principal, caseSubject(r), 'read'))),
      );
      const rows = page.rows.filter((_, i) => shown[i]);
      // Counted with the first page (count=true): its own hidden rows are not the person's to see, so not in the total.
      const total = page.total && { ...page.total, value: page.total.value - (page.rows.length - rows.length) };
      const ids = rows.map((r) => r.id);
      const [histories, documents] = await Promise.all([historiesOf(ctx.deps.db.pool, ids), documentsOfCases(ctx.deps.db.pool, ids)]);
      // Their own list is one row; each case of someone else they follow is a read of that person's data, for them.
      const forOthers = page.rows.flatMap((r, i) => {
        const access = shown[i];
        return typeof access === 'object' && access
          ? [auditEntry(ctx.principal, access, caseSubject(r), 'read', `case:${r.id}`, ctx.requestId)]
          : [];
      });
      await audit(ctx.deps.db.pool, [
        {
          actor: actorOf(ctx),
          subject: { type: person.type, id: person.id },
          action: 'read',
          resource: 'me/cases',
          purpose: 'own-cases',
          requestId: ctx.requestId,
          details: { count: rows.length },
        },
        ...forOthers,
      ]);
      const last = page.rows.at(-1);
      return {
        body: {
          items: rows.map((r) =>
            presentCase(r, histories.get(r.id) ?? [], { relation: r.relation, documents: documents.get(r.id), forCitizen: true }),
          ),
          ...pageFields('/api/v1/me/cases', ctx.query, {
            more: page.more,
            ...(last ? { last: { at: last.status_at_exact, id: last.id } } : {}),
            ...(total ? { total } : {}),
          }),
        },
      };
    },
  }),
];
