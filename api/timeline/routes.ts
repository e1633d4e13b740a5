// One history of a person's dealings with the state (issue 18 §3), from the read model of db/timeline/: the citizen's
// own (`/me/timeline`), and an agency's view of a client's, limited to the agency's own events unless a legal basis
// recorded on the request widens it (api/platform/auth/policy.ts `clientTimelineScope`); each agency view is audited
// with that basis, so the client sees it in "who used my data".
import { route, type RouteContext } from '../platform/routing';
import { badRequest, forbidden } from '../platform/errors';
import { decodeCursor, encodeCursor, nextPageUrl } from '../platform/cursor';
import { clientTimelineScope, TIMELINE_LEGAL_BASES, actorKind } from '../platform/auth/policy';
import { audit } from '../../db/audit';
import { timelineAgencies, timelinePage, type TimelineScope } from '../../db/timeline/events';
import { normalisePersonalCode, type PersonRef } from '../../db/domain/person-id';
import type { Validated } from '../../forms/types/validated';
import { presentLegalBasis, presentTimelineEvent } from './presenter';

type Query = Validated<'timeline-query'>;

/** The legal bases as the OpenAPI document states them: code, what each widens the view to, who holds it. */
const BASES_DOC = TIMELINE_LEGAL_BASES.map((b) => {
  const widens = [...b.kinds.map((k) => `${k} events of every agency`), ...b.agencies.map((a) => `every event of ${a}`)].join(', ');
  return `\`${b.code}\` (${b.law.en}): ${widens}${b.holders ? `; held by ${b.holders.join(', ')}` : ''}`;
}).join('; ');

const isInstant = (v: string) => !Number.isNaN(Date.parse(v));
const isId = (v: string) => /^[0-9]{1,18}$/.test(v);

/** One page of `person`'s history within `scope`, with its `next` link (the same filters). */
async function page(ctx: RouteContext<unknown, Query>, path: string, person: PersonRef, scope: TimelineScope) {
  const { cursor, limit, kind, agencyId, from, to } = ctx.query;
  if (from && to && from > to) {
    throw badRequest('invalid_period', 'The period ends before it starts.', [
      { path: '/to', code: 'before_from', message: 'to is before from' },
    ]);
  }
  const after = cursor ? decodeCursor(cursor, [isInstant, isId]) : null;
  const [result, agencies] = await Promise.all([
    timelinePage(
      ctx.deps.db.pool,
      person,
      { kind, agencyId, from, to, limit, ...(after ? { after: { occurredAt: after[0], id: after[1] } } : {}) },
      scope,
    ),
    timelineAgencies(ctx.deps.db.pool, person, scope),
  ]);
  const last = result.rows.at(-1);
  const nextCursor = result.more && last ? encodeCursor([last.occurred_at_exact, last.id]) : null;
  return {
    items: result.rows.map(presentTimelineEvent),
    nextCursor,
    next: nextCursor ? nextPageUrl(path, { ...ctx.query }, nextCursor) : null,
    agencies: agencies.map((a) => ({ id: a.id, name: { lv: a.name_lv, en: a.name_en } })),
  };
}

export const timelineRoutes = [
  route<unknown, Query>({
    method: 'get',
    path: '/api/v1/me/timeline',
    tag: 'Citizen',
    summary:
      'My history of dealings with the state: cases, applications, messages, invoices, payments, consultations, delegations, co-browsing',
    auth: ['citizen'],
    query: 'timeline-query',
    responses: {
      200: { description: 'A page of my history, newest first, and the link to the next one', schema: 'timeline-page' },
      400: { description: 'A filter out of range, or a cursor this list did not give (invalid_cursor)', schema: 'error' },
    },
    async handler(ctx) {
      const person = ctx.principal.person;
      if (!person || ctx.principal.actingFor) throw forbidden('Your account has no person identity.');
      if (ctx.query.legalBasis) {
        throw badRequest('legal_basis_not_applicable', 'A legal basis is for an agency view of a client, not for your own history.', [
          { path: '/legalBasis', code: 'not_applicable', message: 'only in the agency view' },
        ]);
      }
      const body = await page(ctx, '/api/v1/me/timeline', person, {});
      await audit(ctx.deps.db.pool, {
        actor: { type: actorKind(ctx.principal), id: ctx.principal.sub },
        subject: person,
        action: 'read',
        resource: 'me/timeline',
        purpose: 'own-timeline',
        requestId: ctx.requestId,
        details: { count: body.items.length },
      });
      return { body: { ...body, legalBasis: null } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/agency/timeline-legal-bases',
    tag: 'Agency clients',
    summary: 'The legal bases an officer may record on a view of a client history, and what each widens the view to',
    auth: ['agency-officer', 'agency-admin'],
    responses: { 200: { description: 'The bases (those the caller’s agency holds)', schema: 'timeline-legal-bases' } },
    async handler(ctx) {
      const agency = ctx.principal.agency;
      const held = TIMELINE_LEGAL_BASES.filter((b) => !b.holders || (agency && b.holders.includes(agency)));
      return { body: { items: held.map(presentLegalBasis) } };
    },
  }),
  route<unknown, Query>({
    method: 'get',
    path: '/api/v1/agency/clients/:personalCode/timeline',
    tag: 'Agency clients',
    summary:
      "A client's history as the caller's agency may see it: the agency's own events, and what the legal basis recorded on the request allows (`legalBasis`, a code of /api/v1/agency/timeline-legal-bases). Every view is audited with that basis (purpose `client-timeline`, `details.legalBasis`). Legal bases: " +
      BASES_DOC,
    auth: ['agency-officer', 'agency-admin'],
    query: 'timeline-query',
    responses: {
      200: { description: 'A page of the client’s history within the agency’s rights', schema: 'timeline-page' },
      400: { description: 'A malformed personal code, an unknown legal basis, a filter out of range or a foreign cursor', schema: 'error' },
      403: { description: 'The caller’s agency does not hold that legal basis', schema: 'error' },
    },
    async handler(ctx) {
      const code = normalisePersonalCode(ctx.params.personalCode ?? '');
      if (!code) {
        throw badRequest('invalid_personal_code', 'A personal code has 11 digits (dddddd-ddddd) and a valid check digit.', [
          { path: '/personalCode', code: 'invalid_personal_code', message: 'not a personal code' },
        ]);
      }
      const scope = clientTimelineScope(ctx.principal, ctx.query.legalBasis);
      if ('refused' in scope) {
        if (scope.refused === 'unknown') {
          throw badRequest('unknown_legal_basis', 'No such legal basis: choose one of /api/v1/agency/timeline-legal-bases.', [
            { path: '/legalBasis', code: 'unknown_legal_basis', message: 'not a known legal basis' },
          ]);
        }
        throw forbidden(scope.refused === 'not-held' ? 'Your agency does not hold this legal basis.' : undefined);
      }
      const client: PersonRef = { type: 'natural', id: code };
      const path = `/api/v1/agency/clients/${code}/timeline`;
      const body = await page(ctx, path, client, { agencies: scope.agencies, kinds: scope.kinds });
      await audit(ctx.deps.db.pool, {
        actor: { type: actorKind(ctx.principal), id: ctx.principal.sub, agency: ctx.principal.agency, office: ctx.principal.office },
        subject: client,
        action: 'read',
        resource: 'agency/client-timeline',
        purpose: 'client-timeline',
        requestId: ctx.requestId,
        details: {
          role: ctx.principal.roles.join(' '),
          ...(scope.basis ? { legalBasis: scope.basis.code, legalBasisText: scope.basis.law } : {}),
          filters: { kind: ctx.query.kind, agencyId: ctx.query.agencyId, from: ctx.query.from, to: ctx.query.to },
          count: body.items.length,
        },
      });
      return { body: { ...body, legalBasis: scope.basis ? presentLegalBasis(scope.basis) : null } };
    },
  }),
];
