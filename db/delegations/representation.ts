// Whether a basis to act for someone holds today: the questions the access policy (api/platform/auth/policy.ts)
// asks of the delegations, mandates and joint-representation confirmations at every request. Nothing is cached: a
// revocation ends access at once. `read` asks whether the holder may follow; `write` whether they may act (a
// delegation with `view` rights allows following only; a written mandate always allows acting within its scope).
import type { Pool } from 'pg';
import type { PersonRef } from '../domain/person-id';

const VALID_TODAY = 'revoked_at IS NULL AND valid_from <= current_date AND (valid_until IS NULL OR valid_until >= current_date)';
const COVERS = "(scope = 'all' OR $4::text IS NULL OR $4::text = ANY(eservice_ids))";
/** For delegations only: a write needs `act` rights ($7 is the action). */
const RIGHTS_ALLOW = "($7::text = 'read' OR rights = 'act')";

type Party = PersonRef | { type: string; id: string };
export type RepresentationAction = 'read' | 'write';

/**
 * A registered delegation or a recorded written mandate, by id, valid today: given by `principal` to `representative`
 * (any representative when null), covering the e-service (any when null), allowing the action. The caller checks
 * the id is a UUID.
 */
export async function representationHolds(
  pool: Pool,
  basis: 'delegation' | 'mandate',
  id: string,
  principal: Party,
  representative: Party | null,
  eserviceId: string | null,
  action: RepresentationAction = 'write',
): Promise<boolean> {
  const table = basis === 'delegation' ? 'delegations' : 'mandates';
  const rights = basis === 'delegation' ? RIGHTS_ALLOW : '$7::text IS NOT NULL';
  const { rows } = await pool.query(
    `SELECT 1 FROM ${table} WHERE id = $1 AND principal_type = $2 AND principal_id = $3 AND ${VALID_TODAY} AND ${COVERS}
        AND ($5::text IS NULL OR (representative_type = $5 AND representative_id = $6)) AND ${rights}`,
    [id, principal.type, principal.id, eserviceId, representative?.type ?? null, representative?.id ?? null, action],
  );
  return rows.length > 0;
}

/**
 * The id of a delegation (or, with `mandate`, a recorded written mandate) valid today from `principal` to
 * `representative`, covering the e-service (any when null) and allowing the action (read when not named).
 */
export async function validDelegationBetween(
  pool: Pool,
  principal: Party,
  representative: Party,
  eserviceId: string | null,
  action: RepresentationAction = 'read',
  basis: 'delegation' | 'mandate' = 'delegation',
): Promise<string | null> {
  const table = basis === 'delegation' ? 'delegations' : 'mandates';
  const rights = basis === 'delegation' ? RIGHTS_ALLOW.replace('$7', '$6') : '$6::text IS NOT NULL';
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM ${table} WHERE principal_type = $1 AND principal_id = $2 AND representative_type = $3 AND representative_id = $5
        AND ${VALID_TODAY} AND ${COVERS} AND ${rights} ORDER BY created_at DESC, id LIMIT 1`,
    [principal.type, principal.id, representative.type, eserviceId, representative.id, action],
  );
  return rows[0]?.id ?? null;
}
