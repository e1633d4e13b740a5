// Registered delegations: a citizen (the principal) lets a named natural person (the representative) act for them,
// from one day to another, for every e-service or the listed ones, and may revoke it at any moment, which takes
// effect at once (every check below reads the row as it is now). Staff at the counter find the valid ones of a
// person and open an application on one (POST /api/v1/assisted-applications).
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { ApiError, notFound, unprocessable, type ErrorDetail } from '../platform/errors';
import { normalisePersonId, type PersonRef } from '../../db/domain/person-id';
import { presentDelegation } from './presenter';
import { inTransaction } from '../../db/transaction';
import {
  delegationsGivenOrHeld,
  findDelegation,
  insertDelegationUnlessOverlapping,
  markDelegationRevoked,
  validDelegationFrom,
  validDelegationsGivenBy,
  type DelegationRow,
} from '../../db/delegations/delegations';
import { databaseToday, publishedEserviceIds } from '../../db/delegations/checks';
import type { Validated } from '../../forms/types/validated';

export const MAX_DELEGATION_YEARS = 10;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DelegationInput = Validated<'delegation-create'>;

const addYears = (date: string, years: number) => `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;

/** What is wrong with a delegation's days and e-services (also those asked for in a delegation request). */
export async function termsProblems(
  pool: Pool,
  input: { validFrom: string; validUntil?: string; scope: 'all' | string[] },
): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  const day = await databaseToday(pool);
  if (input.validFrom < day) details.push({ path: '/validFrom', code: 'in_past', message: `must be today (${day}) or later` });
  if (input.validUntil !== undefined && input.validUntil < input.validFrom)
    details.push({ path: '/validUntil', code: 'before_valid_from', message: 'must not be before validFrom' });
  else if (input.validUntil !== undefined && input.validUntil > addYears(input.validFrom, MAX_DELEGATION_YEARS)) {
    details.push({ path: '/validUntil', code: 'too_long', message: `at most ${MAX_DELEGATION_YEARS} years after validFrom` });
  }
  const listed = input.scope === 'all' ? [] : input.scope;
  if (listed.length) {
    const known = await publishedEserviceIds(pool, listed);
    listed.forEach((id, i) => {
      if (!known.has(id)) details.push({ path: `/scope/${i}`, code: 'unknown_eservice', message: `no published e-service ${id}` });
    });
  }
  return details;
}

/**
 * Registers a delegation given by `principal`; every refusal is a 422 with the fields at fault. The representative's
 * identity is checked (`verifyRepresentative`, against the population register) once the fields are right; one that
 * overlaps a delegation to the same person (dates and e-services) is refused with 409 `delegation_overlaps`.
 */
export async function registerDelegation(
  pool: Pool,
  principal: PersonRef & { name: string },
  createdBy: string,
  input: DelegationInput,
  verifyRepresentative: (personalCode: string, name: string) => Promise<void>,
) {
  const details: ErrorDetail[] = [];
  const representativeId = normalisePersonId({ type: 'natural', id: input.representative.id });
  if (!representativeId)
    details.push({ path: '/representative/id', code: 'invalid_person_id', message: 'malformed personal code or wrong check digit' });
  else if (principal.type === 'natural' && representativeId === principal.id)
    details.push({ path: '/representative/id', code: 'self_delegation', message: 'you cannot delegate to yourself' });
  const listed = input.scope === 'all' ? [] : input.scope;
  details.push(...(await termsProblems(pool, input)));
  if (details.length)
    throw unprocessable(
      details[0].code === 'self_delegation' ? 'self_delegation' : 'invalid_delegation',
      'The delegation cannot be registered as it is.',
      details,
    );

  await verifyRepresentative(representativeId as string, input.representative.name);

  return inTransaction(pool, async (client) => {
    const written = await insertDelegationUnlessOverlapping(client, {
      id: crypto.randomUUID(),
      principal,
      representativeId: representativeId as string,
      representativeName: input.representative.name.trim(),
      eserviceIds: listed,
      rights: input.rights ?? 'act',
      validFrom: input.validFrom,
      validUntil: input.validUntil ?? null,
      createdBy,
    });
    if ('overlaps' in written) {
      throw new ApiError(
        409,
        'delegation_overlaps',
        'A delegation to this person for these e-services and days exists already; revoke it first or choose other days.',
        [{ path: '/representative/id', code: 'delegation_overlaps', message: `overlaps delegation ${written.overlaps}` }],
      );
    }
    return presentDelegation(written.inserted);
  });
}

/** The delegations a person gave and those they hold, newest first. */
export async function delegationsOfPerson(pool: Pool, person: PersonRef) {
  const rows = await delegationsGivenOrHeld(pool, person);
  return {
    given: rows.filter((r) => r.given).map(presentDelegation),
    held: rows.filter((r) => !r.given).map(presentDelegation),
  };
}

/** One delegation, if the person gave or holds it; for anyone else it does not exist (404). */
export async function visibleDelegation(pool: Pool, person: PersonRef, id: string): Promise<DelegationRow> {
  if (!UUID.test(id)) throw notFound('delegation');
  const row = await findDelegation(pool, id);
  const mine =
    row &&
    ((row.principal_type === person.type && row.principal_id === person.id) ||
      (row.representative_type === person.type && row.representative_id === person.id));
  if (!row || !mine) throw notFound('delegation');
  return row;
}

/** The principal revokes: from this moment no counter accepts it. The representative may see it but not revoke it. */
export async function revokeDelegation(pool: Pool, person: PersonRef, id: string, revokedBy: string) {
  const row = await visibleDelegation(pool, person, id);
  if (row.principal_type !== person.type || row.principal_id !== person.id)
    throw new ApiError(403, 'forbidden', 'Only the person who gave the delegation may revoke it.');
  const revoked = await markDelegationRevoked(pool, id, revokedBy);
  if (!revoked) throw new ApiError(409, 'already_revoked', 'The delegation has been revoked already.');
  return { row: revoked, delegation: presentDelegation(revoked) };
}

/** Staff at the counter: the delegations a person has given that are valid today (covering the e-service, if named). */
export async function validDelegationsOf(pool: Pool, person: PersonRef, eserviceId?: string) {
  return (await validDelegationsGivenBy(pool, person, eserviceId)).map(presentDelegation);
}

/**
 * A delegation the counter may act on now, for this recipient and e-service: given by the recipient, not revoked,
 * valid today and covering the e-service. Anything else is a 422 (`no_delegation`, or `delegation_scope` when it
 * is valid but for other e-services).
 */
export async function counterDelegation(pool: Pool, id: string, recipient: PersonRef, eserviceId: string): Promise<DelegationRow> {
  const found = await validDelegationFrom(pool, id, recipient, eserviceId);
  if (!found)
    throw unprocessable('no_delegation', 'No valid registered delegation from this person.', [
      { path: '/basis/delegationId', code: 'no_delegation', message: 'not found, expired, not yet valid or revoked' },
    ]);
  if (!found.covers)
    throw unprocessable('delegation_scope', 'The delegation does not cover this e-service.', [
      { path: '/eserviceId', code: 'delegation_scope', message: 'not among the e-services of the delegation' },
    ]);
  return found;
}
