// Delegation requests over HTTP: a citizen asks the person they help for a delegation; that person accepts or
// declines on their delegations page; the requester may withdraw while it is pending. Each step is audited with
// both people named.
import { route, type RouteContext } from '../platform/routing';
import { forbidden } from '../platform/errors';
import { audit } from '../../db/audit';
import type { PersonRef } from '../../db/domain/person-id';
import type { DelegationRequest } from '../../forms/types/api';
import type { Validated } from '../../forms/types/validated';
import { checkRepresentativeIdentity } from './person-identity';
import { acceptDelegationRequest, askForDelegation, closeDelegationRequest, delegationRequestsOfPerson } from './requests';

const TAG = 'Delegations';

function personOf(ctx: RouteContext): PersonRef {
  if (!ctx.principal.person) throw forbidden('Your account has no person identity.');
  return ctx.principal.person;
}

async function auditRequest(ctx: RouteContext, r: DelegationRequest, action: 'create' | 'update', purpose: string) {
  await audit(ctx.deps.db.pool, {
    actor: { type: 'citizen', id: ctx.principal.sub },
    subject: { type: r.principal.type, id: r.principal.id },
    action,
    resource: `delegation-request:${r.id}`,
    purpose,
    requestId: ctx.requestId,
    details: {
      requester: `${r.requester.type}:${r.requester.id}`,
      scope: r.scope,
      rights: r.rights,
      ...(r.delegationId ? { delegationId: r.delegationId } : {}),
    },
  });
}

const DECISION_RESPONSES = {
  200: { description: 'The request as it is now', schema: 'delegation-request' as const },
  403: { description: 'The other side of the request', schema: 'error' as const },
  404: { description: 'Not yours or no such request', schema: 'error' as const },
  409: { description: 'Decided or withdrawn already, overlapping or expired', schema: 'error' as const },
};

function decision(verb: 'accept' | 'decline' | 'withdraw', summary: string) {
  return route({
    method: 'post',
    path: `/api/v1/me/delegation-requests/:id/${verb}`,
    params: { id: 'uuid' },
    tag: TAG,
    summary,
    auth: ['citizen'],
    responses: DECISION_RESPONSES,
    async handler(ctx) {
      const person = personOf(ctx);
      const pool = ctx.deps.db.pool;
      const request =
        verb === 'accept'
          ? await acceptDelegationRequest(pool, person, ctx.params.id, ctx.principal.sub)
          : await closeDelegationRequest(pool, person, ctx.params.id, verb === 'decline' ? 'declined' : 'withdrawn');
      await auditRequest(ctx, request, 'update', `delegation-request:${verb}`);
      return { body: request };
    },
  });
}

export const delegationRequestRoutes = [
  route<Validated<'delegation-request-create'>>({
    method: 'post',
    path: '/api/v1/me/delegation-requests',
    tag: TAG,
    summary: 'Citizen: ask the person I help for a delegation (they accept or decline)',
    auth: ['citizen'],
    body: 'delegation-request-create',
    responses: {
      201: { description: 'Asked', schema: 'delegation-request' },
      422: {
        description: 'Invalid personal code, dates or e-services, or a person the population register does not know by that name',
        schema: 'error',
      },
      503: { description: 'The population register does not answer', schema: 'error' },
    },
    async handler(ctx) {
      const person = personOf(ctx);
      const request = await askForDelegation(ctx.deps.db.pool, { ...person, name: ctx.principal.name }, ctx.body, (code, name) =>
        checkRepresentativeIdentity(ctx, code, name, '/principal', 'delegation-request:create'),
      );
      await auditRequest(ctx, request, 'create', 'delegation-request:create');
      return { status: 201, headers: { Location: '/api/v1/me/delegation-requests' }, body: request };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/delegation-requests',
    tag: TAG,
    summary: 'Citizen: delegation requests asked of me and those I sent',
    auth: ['citizen'],
    responses: { 200: { description: '{ received, sent }', schema: 'get-me-delegation-requests-response' } },
    async handler(ctx) {
      const person = personOf(ctx);
      const lists = await delegationRequestsOfPerson(ctx.deps.db.pool, person);
      await audit(ctx.deps.db.pool, {
        actor: { type: 'citizen', id: ctx.principal.sub },
        subject: person,
        action: 'read',
        resource: 'me/delegation-requests',
        purpose: 'own-delegations',
        requestId: ctx.requestId,
        details: { received: lists.received.length, sent: lists.sent.length },
      });
      return { body: lists };
    },
  }),
  decision('accept', 'Citizen: accept a request asked of me (registers the delegation at once)'),
  decision('decline', 'Citizen: decline a request asked of me'),
  decision('withdraw', 'Citizen: withdraw a request I sent while it is pending'),
];
