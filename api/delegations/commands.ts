// Registered delegations: a citizen (the principal) lets a named natural person (the representative) act for them,
// from one day to another, for every e-service or the listed ones, and may revoke it at any moment, which takes
// effect at once (every check below reads the row as it is now). Staff at the counter find the valid ones of a
// person and open an application on one (POST /api/v1/assisted-applications).
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { ApiError, notFound, unprocessable, type ErrorDetail } from '../platform/errors';
import { normalisePersonId, type PersonRef } from '../../db/domain/person-id';
import { presentDelegation, type DelegationRow } from './presenter';
import { inTransaction } from '../../db/transaction';

export const MAX_DELEGATION_YEARS = 10;

/** The columns every delegation query selects, with the status computed by the database. */
const DELEGATION_COLUMNS = `d.id, d.principal_type, d.principal_id, d.principal_name, d.representative_type, d.representative_id,
  d.representative_name, d.scope, d.eservice_ids, d.valid_from::text AS valid_from, d.valid_until::text AS valid_until,
  d.created_at, d.revoked_at,
  CASE WHEN d.revoked_at IS NOT NULL THEN 'revoked' WHEN d.valid_until < current_date THEN 'expired'
       WHEN d.valid_from > current_date THEN 'scheduled' ELSE 'active' END AS status`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DelegationInput {
  representative: { type: 'natural'; id: string; name: string };
  validFrom: string;
  validUntil?: string;
  scope: 'all' | string[];
}

const addYears = (date: string, years: number) => `${String(Number(date.slice(0, 4)) + years).padStart(4, '0')}${date.slice(4)}`;

async function today(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ today: string }>('SELECT current_date::text AS today');
  return rows[0].today;
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
  const day = await today(pool);
  if (input.validFrom < day) details.push({ path: '/validFrom', code: 'in_past', message: `must be today (${day}) or later` });
  if (input.validUntil !== undefined && input.validUntil < input.validFrom)
    details.push({ path: '/validUntil', code: 'before_valid_from', message: 'must not be before validFrom' });
  else if (input.validUntil !== undefined && input.validUntil > addYears(input.validFrom, MAX_DELEGATION_YEARS)) {
    details.push({ path: '/validUntil', code: 'too_long', message: `at most ${MAX_DELEGATION_YEARS} years after validFrom` });
  }
  const listed = input.scope === 'all' ? [] : input.scope;
  if (listed.length) {
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM eservice_definitions WHERE id = ANY($1) AND latest_version > 0', [
      listed,
    ]);
    const known = new Set(rows.map((r) => r.id));
    listed.forEach((id, i) => {
      if (!known.has(id)) details.push({ path: `/scope/${i}`, code: 'unknown_eservice', message: `no published e-service ${id}` });
    });
  }
  if (details.length)
    throw unprocessable(
      details[0].code === 'self_delegation' ? 'self_delegation' : 'invalid_delegation',
      'The delegation cannot be registered as it is.',
      details,
    );

  await verifyRepresentative(representativeId as string, input.representative.name);

  return inTransaction(pool, async (client) => {
    // One registration at a time per principal and representative, so two overlapping ones cannot both pass.
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`delegation:${principal.type}:${principal.id}:${representativeId}`]);
    const overlapping = await client.query<{ id: string }>(
      `SELECT d.id FROM delegations d WHERE d.principal_type = $1 AND d.principal_id = $2 AND d.representative_type = 'natural'
          AND d.representative_id = $3 AND d.revoked_at IS NULL AND (d.valid_until IS NULL OR d.valid_until >= current_date)
          AND daterange(d.valid_from, d.valid_until, '[]') && daterange($4::date, $5::date, '[]')
          AND (d.scope = 'all' OR cardinality($6::text[]) = 0 OR d.eservice_ids && $6::text[]) LIMIT 1`,
      [principal.type, principal.id, representativeId, input.validFrom, input.validUntil ?? null, listed],
    );
    if (overlapping.rows[0]) {
      throw new ApiError(
        409,
        'delegation_overlaps',
        'A delegation to this person for these e-services and days exists already; revoke it first or choose other days.',
        [{ path: '/representative/id', code: 'delegation_overlaps', message: `overlaps delegation ${overlapping.rows[0].id}` }],
      );
    }
    const { rows } = await client.query<DelegationRow>(
      `INSERT INTO delegations AS d (id, principal_type, principal_id, principal_name, representative_type, representative_id, representative_name,
         scope, eservice_ids, valid_from, valid_until, created_by)
       VALUES ($1, $2, $3, $4, 'natural', $5, $6, $7, $8, $9, $10, $11) RETURNING ${DELEGATION_COLUMNS}`,
      [
        crypto.randomUUID(),
        principal.type,
        principal.id,
        principal.name,
        representativeId,
        input.representative.name.trim(),
        listed.length ? 'eservices' : 'all',
        listed,
        input.validFrom,
        input.validUntil ?? null,
        createdBy,
      ],
    );
    return presentDelegation(rows[0]);
  });
}

/** The delegations a person gave and those they hold, newest first. */
export async function delegationsOfPerson(pool: Pool, person: PersonRef) {
  const { rows } = await pool.query<DelegationRow & { given: boolean }>(
    `SELECT ${DELEGATION_COLUMNS}, (d.principal_type = $1 AND d.principal_id = $2) AS given FROM delegations d
      WHERE (d.principal_type = $1 AND d.principal_id = $2) OR (d.representative_type = $1 AND d.representative_id = $2)
      ORDER BY d.created_at DESC, d.id LIMIT 500`,
    [person.type, person.id],
  );
  return {
    given: rows.filter((r) => r.given).map(presentDelegation),
    held: rows.filter((r) => !r.given).map(presentDelegation),
  };
}

/** One delegation, if the person gave or holds it; for anyone else it does not exist (404). */
export async function visibleDelegation(pool: Pool, person: PersonRef, id: string): Promise<DelegationRow> {
  if (!UUID.test(id)) throw notFound('delegation');
  const { rows } = await pool.query<DelegationRow>(`SELECT ${DELEGATION_COLUMNS} FROM delegations d WHERE d.id = $1`, [id]);
  const row = rows[0];
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
  const { rows } = await pool.query<DelegationRow>(
    `UPDATE delegations d SET revoked_at = now(), revoked_by = $2 WHERE d.id = $1 AND d.revoked_at IS NULL RETURNING ${DELEGATION_COLUMNS}`,
    [id, revokedBy],
  );
  if (!rows[0]) throw new ApiError(409, 'already_revoked', 'The delegation has been revoked already.');
  return { row: rows[0], delegation: presentDelegation(rows[0]) };
}

const VALID_NOW = 'd.revoked_at IS NULL AND d.valid_from <= current_date AND (d.valid_until IS NULL OR d.valid_until >= current_date)';
const COVERS = "(d.scope = 'all' OR $3::text = ANY(d.eservice_ids))";

/** Staff at the counter: the delegations a person has given that are valid today (covering the e-service, if named). */
export async function validDelegationsOf(pool: Pool, person: PersonRef, eserviceId?: string) {
  const { rows } = await pool.query<DelegationRow>(
    `SELECT ${DELEGATION_COLUMNS} FROM delegations d WHERE d.principal_type = $1 AND d.principal_id = $2 AND ${VALID_NOW}
        AND ($3::text IS NULL OR ${COVERS}) ORDER BY d.created_at DESC, d.id LIMIT 100`,
    [person.type, person.id, eserviceId ?? null],
  );
  return rows.map(presentDelegation);
}

/**
 * A delegation the counter may act on now, for this recipient and e-service: given by the recipient, not revoked,
 * valid today and covering the e-service. Anything else is a 422 (`no_delegation`, or `delegation_scope` when it
 * is valid but for other e-services).
 */
export async function counterDelegation(pool: Pool, id: string, recipient: PersonRef, eserviceId: string): Promise<DelegationRow> {
  const { rows } = await pool.query<DelegationRow & { covers: boolean }>(
    `SELECT ${DELEGATION_COLUMNS}, ${COVERS} AS covers FROM delegations d
      WHERE d.id = $4 AND d.principal_type = $1 AND d.principal_id = $2 AND ${VALID_NOW}`,
    [recipient.type, recipient.id, eserviceId, id],
  );
  if (!rows[0])
    throw unprocessable('no_delegation', 'No valid registered delegation from this person.', [
      { path: '/basis/delegationId', code: 'no_delegation', message: 'not found, expired, not yet valid or revoked' },
    ]);
  if (!rows[0].covers)
    throw unprocessable('delegation_scope', 'The delegation does not cover this e-service.', [
      { path: '/eserviceId', code: 'delegation_scope', message: 'not among the e-services of the delegation' },
    ]);
  return rows[0];
}
