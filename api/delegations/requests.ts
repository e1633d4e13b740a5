// Delegation requests: a citizen who helps someone asks them for a delegation (scope, rights, days); the person asked
// sees it on their delegations page and accepts (the delegation is registered at once, from them to the requester,
// in one transaction with closing the request) or declines. Only the two of them see it; to anyone else it does not
// exist (404).
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { ApiError, notFound, unprocessable, type ErrorDetail } from '../platform/errors';
import { normalisePersonId, type PersonRef } from '../../db/domain/person-id';
import { inTransaction } from '../../db/transaction';
import { insertDelegationUnlessOverlapping } from '../../db/delegations/delegations';
import {
  decideDelegationRequest,
  delegationRequestsOf,
  findDelegationRequest,
  insertDelegationRequest,
  type DelegationRequestRow,
} from '../../db/delegations/requests';
import { databaseToday } from '../../db/delegations/checks';
import { termsProblems } from './commands';
import type { DelegationRequest } from '../../forms/types/api';
import type { Validated } from '../../forms/types/validated';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function presentDelegationRequest(r: DelegationRequestRow): DelegationRequest {
  return {
    id: r.id,
    requester: { type: r.requester_type, id: r.requester_id, name: r.requester_name },
    principal: { type: r.principal_type, id: r.principal_id, name: r.principal_name },
    scope: r.scope === 'all' ? 'all' : [...r.eservice_ids],
    rights: r.rights,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    message: r.message,
    status: r.status,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    delegationId: r.delegation_id,
  };
}

/** Asks `principal` for a delegation; 422 with the fields at fault, the principal's identity checked by `verify`. */
export async function askForDelegation(
  pool: Pool,
  requester: PersonRef & { name: string },
  input: Validated<'delegation-request-create'>,
  verify: (personalCode: string, name: string) => Promise<void>,
): Promise<DelegationRequest> {
  const details: ErrorDetail[] = [];
  const principalId = normalisePersonId({ type: 'natural', id: input.principal.id });
  if (!principalId)
    details.push({ path: '/principal/id', code: 'invalid_person_id', message: 'malformed personal code or wrong check digit' });
  else if (requester.type === 'natural' && principalId === requester.id)
    details.push({ path: '/principal/id', code: 'self_delegation', message: 'you cannot ask yourself' });
  details.push(...(await termsProblems(pool, input)));
  if (details.length) throw unprocessable('invalid_delegation_request', 'The request cannot be sent as it is.', details);
  await verify(principalId as string, input.principal.name);
  const row = await insertDelegationRequest(pool, {
    id: crypto.randomUUID(),
    requester: { id: requester.id, name: requester.name },
    principal: { id: principalId as string, name: input.principal.name.trim() },
    eserviceIds: input.scope === 'all' ? [] : input.scope,
    rights: input.rights,
    validFrom: input.validFrom,
    validUntil: input.validUntil ?? null,
    message: input.message?.trim() || null,
  });
  return presentDelegationRequest(row);
}

export async function delegationRequestsOfPerson(pool: Pool, person: PersonRef) {
  const rows = await delegationRequestsOf(pool, person);
  const asked = (r: DelegationRequestRow) => r.principal_type === person.type && r.principal_id === person.id;
  return { received: rows.filter(asked).map(presentDelegationRequest), sent: rows.filter((r) => !asked(r)).map(presentDelegationRequest) };
}

/** The request if the person is one of its two sides ("principal" or "requester" as `side`); 404 otherwise. */
export async function visibleRequest(pool: Pool, person: PersonRef, id: string, side: 'principal' | 'requester') {
  const row = UUID.test(id) ? await findDelegationRequest(pool, id) : null;
  if (!row) throw notFound('delegation request');
  const isPrincipal = row.principal_type === person.type && row.principal_id === person.id;
  const isRequester = row.requester_type === person.type && row.requester_id === person.id;
  if (!isPrincipal && !isRequester) throw notFound('delegation request');
  if ((side === 'principal' && !isPrincipal) || (side === 'requester' && !isRequester))
    throw new ApiError(403, 'forbidden', side === 'principal' ? 'Only the person asked may decide.' : 'Only who asked may withdraw it.');
  return row;
}

const closed = () => new ApiError(409, 'request_closed', 'The request has been decided or withdrawn already.');

/** The principal accepts: the delegation is registered and the request closed, both or neither. */
export async function acceptDelegationRequest(pool: Pool, person: PersonRef, id: string, decidedBy: string) {
  const pending = await visibleRequest(pool, person, id, 'principal');
  const today = await databaseToday(pool);
  return inTransaction(pool, async (client) => {
    const row = await findDelegationRequest(client, pending.id, true);
    if (!row || row.status !== 'pending') throw closed();
    if (row.valid_until !== null && row.valid_until < today)
      throw new ApiError(409, 'request_expired', 'The days asked for have passed; ask the requester for a new request.');
    const written = await insertDelegationUnlessOverlapping(client, {
      id: crypto.randomUUID(),
      principal: { type: 'natural', id: row.principal_id, name: row.principal_name },
      representativeId: row.requester_id,
      representativeName: row.requester_name,
      eserviceIds: row.eservice_ids,
      rights: row.rights,
      validFrom: row.valid_from < today ? today : row.valid_from,
      validUntil: row.valid_until,
      createdBy: decidedBy,
    });
    if ('overlaps' in written)
      throw new ApiError(409, 'delegation_overlaps', 'You have given this person a delegation for these days and e-services already.', [
        { path: '/', code: 'delegation_overlaps', message: `overlaps delegation ${written.overlaps}` },
      ]);
    const decided = await decideDelegationRequest(client, row.id, 'accepted', written.inserted.id);
    return presentDelegationRequest(decided as DelegationRequestRow);
  });
}

/** The principal declines, or the requester withdraws, a pending request. */
export async function closeDelegationRequest(pool: Pool, person: PersonRef, id: string, how: 'declined' | 'withdrawn') {
  await visibleRequest(pool, person, id, how === 'declined' ? 'principal' : 'requester');
  const row = await decideDelegationRequest(pool, id, how);
  if (!row) throw closed();
  return presentDelegationRequest(row);
}
