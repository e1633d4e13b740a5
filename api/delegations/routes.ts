// Registered delegations over HTTP. A citizen registers one to a named representative, lists those they gave and
// those they hold, and revokes one (at once). Staff at the counter look up a person's valid delegations to open an
// application for them; that read of personal data is audited. A citizen never learns of another's delegation (404).
import { route, type RouteContext } from '../platform/routing';
import { forbidden, unprocessable } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import { normalisePersonId, type PersonRef } from '../../db/domain/person-id';
import { audit } from '../../db/audit';
import { delegationsOfPerson, registerDelegation, revokeDelegation, validDelegationsOf, visibleDelegation } from './commands';
import { presentDelegation } from './presenter';
import { checkRepresentativeIdentity } from './person-identity';
import type { Validated } from '../../forms/types/validated';

const TAG = 'Delegations';
const STAFF = ['kac-staff', 'agency-officer'] as const;

function personOf(p: Principal): PersonRef {
  if (!p.person) throw forbidden('Your account has no person identity.');
  return p.person;
}

const citizenActor = (ctx: RouteContext) => ({ type: 'citizen', id: ctx.principal.sub });

export const delegationRoutes = [
  route<Validated<'delegation-create'>>({
    method: 'post',
    path: '/api/v1/me/delegations',
    tag: TAG,
    summary: 'Citizen: register a delegation to a named representative',
    auth: ['citizen'],
    body: 'delegation-create',
    responses: {
      201: { description: 'Registered', schema: 'delegation' },
      409: { description: 'Overlaps a delegation to the same person (delegation_overlaps)', schema: 'error' },
      422: {
        description: 'Invalid personal code, dates or e-services, or a representative the population register does not know by that name',
        schema: 'error',
      },
      503: { description: 'The population register does not answer', schema: 'error' },
    },
    async handler(ctx) {
      const person = personOf(ctx.principal);
      const delegation = await registerDelegation(
        ctx.deps.db.pool,
        { ...person, name: ctx.principal.name },
        ctx.principal.sub,
        ctx.body,
        (code, name) => checkRepresentativeIdentity(ctx, code, name, '/representative', 'delegation:register'),
      );
      await audit(ctx.deps.db.pool, {
        actor: citizenActor(ctx),
        subject: person,
        action: 'create',
        resource: `delegation:${delegation.id}`,
        purpose: 'delegation:register',
        requestId: ctx.requestId,
        details: { representative: { type: delegation.representative.type, id: delegation.representative.id }, scope: delegation.scope },
      });
      return { status: 201, headers: { Location: `/api/v1/me/delegations/${delegation.id}` }, body: delegation };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/delegations',
    tag: TAG,
    summary: 'Citizen: the delegations I gave and those I hold',
    auth: ['citizen'],
    responses: { 200: { description: '{ given: [...], held: [...] }', schema: 'get-me-delegations-response' } },
    async handler(ctx) {
      const person = personOf(ctx.principal);
      const lists = await delegationsOfPerson(ctx.deps.db.pool, person);
      await audit(ctx.deps.db.pool, {
        actor: citizenActor(ctx),
        subject: person,
        action: 'read',
        resource: 'me/delegations',
        purpose: 'own-delegations',
        requestId: ctx.requestId,
        details: { given: lists.given.length, held: lists.held.length },
      });
      return { body: lists };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/me/delegations/:id',
    params: { id: 'uuid' },
    tag: TAG,
    summary: 'Citizen: one delegation I gave or hold',
    auth: ['citizen'],
    responses: {
      200: { description: 'The delegation', schema: 'delegation' },
      404: { description: 'Not yours or no such delegation', schema: 'error' },
    },
    async handler(ctx) {
      const person = personOf(ctx.principal);
      const row = await visibleDelegation(ctx.deps.db.pool, person, ctx.params.id);
      await audit(ctx.deps.db.pool, {
        actor: citizenActor(ctx),
        subject: { type: row.principal_type, id: row.principal_id },
        action: 'read',
        resource: `delegation:${row.id}`,
        purpose: 'own-delegations',
        requestId: ctx.requestId,
      });
      return { body: presentDelegation(row) };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/me/delegations/:id/revoke',
    params: { id: 'uuid' },
    tag: TAG,
    summary: 'Citizen: revoke a delegation I gave (takes effect at once)',
    auth: ['citizen'],
    responses: {
      200: { description: 'Revoked', schema: 'delegation' },
      403: { description: 'You hold it; only who gave it may revoke it', schema: 'error' },
      404: { description: 'Not yours or no such delegation', schema: 'error' },
      409: { description: 'Revoked already', schema: 'error' },
    },
    async handler(ctx) {
      const person = personOf(ctx.principal);
      const { delegation } = await revokeDelegation(ctx.deps.db.pool, person, ctx.params.id, ctx.principal.sub);
      await audit(ctx.deps.db.pool, {
        actor: citizenActor(ctx),
        subject: person,
        action: 'update',
        resource: `delegation:${delegation.id}`,
        purpose: 'delegation:revoke',
        requestId: ctx.requestId,
      });
      return { body: delegation };
    },
  }),
  route<Validated<'delegation-lookup'>>({
    method: 'post',
    path: '/api/v1/delegations/lookup',
    tag: TAG,
    summary: 'Staff at the counter: the valid delegations a person has given (the personal code in the body, never in the URL)',
    auth: STAFF,
    body: 'delegation-lookup',
    responses: {
      200: { description: '{ items: [...] } valid today', schema: 'post-delegations-lookup-response' },
      422: { description: 'Invalid personal code', schema: 'error' },
    },
    async handler(ctx) {
      const p = ctx.principal;
      const id = normalisePersonId(ctx.body.person);
      if (!id)
        throw unprocessable('invalid_person_id', 'The personal code is not valid.', [
          { path: '/person/id', code: 'invalid_person_id', message: 'malformed personal code or wrong check digit' },
        ]);
      const person: PersonRef = { type: 'natural', id };
      const items = await validDelegationsOf(ctx.deps.db.pool, person, ctx.body.eserviceId);
      // Audited whatever the answer: even "none" tells something about the person.
      await audit(ctx.deps.db.pool, {
        actor: { type: 'staff', id: p.sub, agency: p.agency, office: p.office },
        subject: person,
        action: 'read',
        resource: 'delegations',
        purpose: 'counter:delegation-lookup',
        requestId: ctx.requestId,
        details: { count: items.length, delegationIds: items.map((d) => d.id), eserviceId: ctx.body.eserviceId ?? null },
      });
      return { body: { items } };
    },
  }),
];
