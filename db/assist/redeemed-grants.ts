// The co-browsing consents a staff member redeemed for a case, as the access policy (api/platform/auth/policy.ts)
// looks them up before it reads each one in full.
import type { Pool } from 'pg';

/** Ids of the latest (at most 5) grants for the case that this staff member redeemed, neither revoked nor ended. */
export async function openGrantsRedeemedBy(pool: Pool, caseId: string, staffSub: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id FROM assist_grants WHERE case_id = $1 AND used_by = $2 AND revoked_at IS NULL AND ended_at IS NULL ORDER BY used_at DESC LIMIT 5',
    [caseId, staffSub],
  );
  return rows.map((r) => r.id);
}
