// Registered delegations (table `delegations`): a citizen (the principal) lets a named natural person (the
// representative) act for them from one day to another, for every e-service or the listed ones, until revoked.
// Every read computes the status against the database's current_date, the same day the access checks use
// (./representation.ts). The rules (who may register, revoke or see one) are the API's: api/delegations/commands.ts.
import type { Pool, PoolClient } from 'pg';
import type { PersonRef, PersonType } from '../domain/person-id';

export type DelegationStatus = 'active' | 'scheduled' | 'expired' | 'revoked';
export type DelegationRights = 'view' | 'act';

export interface DelegationRow {
  id: string;
  principal_type: PersonType;
  principal_id: string;
  principal_name: string | null;
  representative_type: PersonType;
  representative_id: string;
  representative_name: string | null;
  scope: 'all' | 'eservices';
  eservice_ids: string[];
  /** `view`: the representative follows the principal's cases; `act`: also acts on them. */
  rights: DelegationRights;
  /** Dates as text (YYYY-MM-DD): a PostgreSQL date is a calendar day, not an instant in some time zone. */
  valid_from: string;
  valid_until: string | null;
  created_at: Date | null;
  revoked_at: Date | null;
  /** Computed by the query against the database's current_date, the same day the counter checks use. */
  status: DelegationStatus;
}

/** The columns every delegation query selects, with the status computed by the database. */
const DELEGATION_COLUMNS = `d.id, d.principal_type, d.principal_id, d.principal_name, d.representative_type, d.representative_id,
  d.representative_name, d.scope, d.eservice_ids, d.rights, d.valid_from::text AS valid_from, d.valid_until::text AS valid_until,
  d.created_at, d.revoked_at,
  CASE WHEN d.revoked_at IS NOT NULL THEN 'revoked' WHEN d.valid_until < current_date THEN 'expired'
       WHEN d.valid_from > current_date THEN 'scheduled' ELSE 'active' END AS status`;
const VALID_NOW = 'd.revoked_at IS NULL AND d.valid_from <= current_date AND (d.valid_until IS NULL OR d.valid_until >= current_date)';
const COVERS = "(d.scope = 'all' OR $3::text = ANY(d.eservice_ids))";

export interface NewDelegation {
  id: string;
  principal: PersonRef & { name: string };
  /** Normalised personal code of a natural person. */
  representativeId: string;
  representativeName: string;
  /** The e-services it covers; empty for all. */
  eserviceIds: string[];
  /** Defaults to `act`. */
  rights?: DelegationRights;
  validFrom: string;
  validUntil: string | null;
  createdBy: string;
}

/**
 * Registers a delegation unless one to the same person overlaps it (days and e-services): the overlapping one's id
 * then, and nothing is written. Registrations for one principal and representative wait for each other (an advisory
 * lock until the transaction ends), so two overlapping ones cannot both pass.
 */
export async function insertDelegationUnlessOverlapping(
  client: PoolClient,
  d: NewDelegation,
): Promise<{ inserted: DelegationRow } | { overlaps: string }> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `delegation:${d.principal.type}:${d.principal.id}:${d.representativeId}`,
  ]);
  const overlapping = await client.query<{ id: string }>(
    `SELECT d.id FROM delegations d WHERE d.principal_type = $1 AND d.principal_id = $2 AND d.representative_type = 'natural'
        AND d.representative_id = $3 AND d.revoked_at IS NULL AND (d.valid_until IS NULL OR d.valid_until >= current_date)
        AND daterange(d.valid_from, d.valid_until, '[]') && daterange($4::date, $5::date, '[]')
        AND (d.scope = 'all' OR cardinality($6::text[]) = 0 OR d.eservice_ids && $6::text[]) LIMIT 1`,
    [d.principal.type, d.principal.id, d.representativeId, d.validFrom, d.validUntil, d.eserviceIds],
  );
  if (overlapping.rows[0]) return { overlaps: overlapping.rows[0].id };
  const { rows } = await client.query<DelegationRow>(
    `INSERT INTO delegations AS d (id, principal_type, principal_id, principal_name, representative_type, representative_id, representative_name,
       scope, eservice_ids, valid_from, valid_until, created_by, rights)
     VALUES ($1, $2, $3, $4, 'natural', $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${DELEGATION_COLUMNS}`,
    [
      d.id,
      d.principal.type,
      d.principal.id,
      d.principal.name,
      d.representativeId,
      d.representativeName,
      d.eserviceIds.length ? 'eservices' : 'all',
      d.eserviceIds,
      d.validFrom,
      d.validUntil,
      d.createdBy,
      d.rights ?? 'act',
    ],
  );
  return { inserted: rows[0] };
}

/** The delegations a person gave (`given`) and those they hold, newest first (at most 500). */
export async function delegationsGivenOrHeld(pool: Pool, person: PersonRef): Promise<Array<DelegationRow & { given: boolean }>> {
  const { rows } = await pool.query<DelegationRow & { given: boolean }>(
    `SELECT ${DELEGATION_COLUMNS}, (d.principal_type = $1 AND d.principal_id = $2) AS given FROM delegations d
      WHERE (d.principal_type = $1 AND d.principal_id = $2) OR (d.representative_type = $1 AND d.representative_id = $2)
      ORDER BY d.created_at DESC, d.id LIMIT 500`,
    [person.type, person.id],
  );
  return rows;
}

export async function findDelegation(pool: Pool, id: string): Promise<DelegationRow | null> {
  const { rows } = await pool.query<DelegationRow>(`SELECT ${DELEGATION_COLUMNS} FROM delegations d WHERE d.id = $1`, [id]);
  return rows[0] ?? null;
}

/** Revokes the delegation now; null when it was revoked already. */
export async function markDelegationRevoked(pool: Pool, id: string, revokedBy: string): Promise<DelegationRow | null> {
  const { rows } = await pool.query<DelegationRow>(
    `UPDATE delegations d SET revoked_at = now(), revoked_by = $2 WHERE d.id = $1 AND d.revoked_at IS NULL RETURNING ${DELEGATION_COLUMNS}`,
    [id, revokedBy],
  );
  return rows[0] ?? null;
}

/** The delegations a person has given that are valid today (covering the e-service, if named), newest first. */
export async function validDelegationsGivenBy(pool: Pool, person: PersonRef, eserviceId?: string): Promise<DelegationRow[]> {
  const { rows } = await pool.query<DelegationRow>(
    `SELECT ${DELEGATION_COLUMNS} FROM delegations d WHERE d.principal_type = $1 AND d.principal_id = $2 AND ${VALID_NOW}
        AND ($3::text IS NULL OR ${COVERS}) ORDER BY d.created_at DESC, d.id LIMIT 100`,
    [person.type, person.id, eserviceId ?? null],
  );
  return rows;
}

/** The delegation, if the recipient gave it and it is valid today, with whether it covers the e-service. */
export async function validDelegationFrom(
  pool: Pool,
  id: string,
  recipient: PersonRef,
  eserviceId: string,
): Promise<(DelegationRow & { covers: boolean }) | null> {
  const { rows } = await pool.query<DelegationRow & { covers: boolean }>(
    `SELECT ${DELEGATION_COLUMNS}, ${COVERS} AS covers FROM delegations d
      WHERE d.id = $4 AND d.principal_type = $1 AND d.principal_id = $2 AND ${VALID_NOW}`,
    [recipient.type, recipient.id, eserviceId, id],
  );
  return rows[0] ?? null;
}
