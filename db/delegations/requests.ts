// Delegation requests (table `delegation_requests`): a citizen (the requester) asks the person they help (the
// principal) for a delegation; the principal accepts, which registers the delegation in the same transaction, or
// declines; the requester may withdraw it while it is pending. The rules are the API's: api/delegations/requests.ts.
import type { Pool, PoolClient } from 'pg';
import type { PersonRef } from '../domain/person-id';
import type { DelegationRights } from './delegations';

export type DelegationRequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';

export interface DelegationRequestRow {
  id: string;
  requester_type: 'natural';
  requester_id: string;
  requester_name: string;
  principal_type: 'natural';
  principal_id: string;
  principal_name: string;
  scope: 'all' | 'eservices';
  eservice_ids: string[];
  rights: DelegationRights;
  valid_from: string;
  valid_until: string | null;
  message: string | null;
  status: DelegationRequestStatus;
  decided_at: Date | null;
  delegation_id: string | null;
  created_at: Date;
}

const COLUMNS = `r.id, r.requester_type, r.requester_id, r.requester_name, r.principal_type, r.principal_id, r.principal_name, r.scope,
  r.eservice_ids, r.rights, r.valid_from::text AS valid_from, r.valid_until::text AS valid_until, r.message, r.status, r.decided_at,
  r.delegation_id, r.created_at`;

export interface NewDelegationRequest {
  id: string;
  requester: { id: string; name: string };
  principal: { id: string; name: string };
  eserviceIds: string[];
  rights: DelegationRights;
  validFrom: string;
  validUntil: string | null;
  message: string | null;
}

export async function insertDelegationRequest(pool: Pool, r: NewDelegationRequest): Promise<DelegationRequestRow> {
  const { rows } = await pool.query<DelegationRequestRow>(
    `INSERT INTO delegation_requests AS r (id, requester_type, requester_id, requester_name, principal_type, principal_id, principal_name,
       scope, eservice_ids, rights, valid_from, valid_until, message)
     VALUES ($1, 'natural', $2, $3, 'natural', $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
    [
      r.id,
      r.requester.id,
      r.requester.name,
      r.principal.id,
      r.principal.name,
      r.eserviceIds.length ? 'eservices' : 'all',
      r.eserviceIds,
      r.rights,
      r.validFrom,
      r.validUntil,
      r.message,
    ],
  );
  return rows[0];
}

export async function findDelegationRequest(pool: Pool | PoolClient, id: string, forUpdate = false): Promise<DelegationRequestRow | null> {
  const { rows } = await pool.query<DelegationRequestRow>(
    `SELECT ${COLUMNS} FROM delegation_requests r WHERE r.id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** The requests asked of the person (`received`) and those they asked (`sent`), newest first (at most 200 each way). */
export async function delegationRequestsOf(pool: Pool, person: PersonRef): Promise<DelegationRequestRow[]> {
  const { rows } = await pool.query<DelegationRequestRow>(
    `SELECT ${COLUMNS} FROM delegation_requests r
      WHERE (r.principal_type = $1 AND r.principal_id = $2) OR (r.requester_type = $1 AND r.requester_id = $2)
      ORDER BY r.created_at DESC, r.id LIMIT 400`,
    [person.type, person.id],
  );
  return rows;
}

/** Closes a pending request (declined or withdrawn, or accepted with its delegation); null when it was not pending. */
export async function decideDelegationRequest(
  db: Pool | PoolClient,
  id: string,
  status: Exclude<DelegationRequestStatus, 'pending'>,
  delegationId: string | null = null,
): Promise<DelegationRequestRow | null> {
  const { rows } = await db.query<DelegationRequestRow>(
    `UPDATE delegation_requests r SET status = $2, decided_at = now(), delegation_id = $3 WHERE r.id = $1 AND r.status = 'pending'
      RETURNING ${COLUMNS}`,
    [id, status, delegationId],
  );
  return rows[0] ?? null;
}
