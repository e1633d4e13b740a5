// The eIDAS assertions the platform has accepted (migration 0016): the replay check. Recording is the check: the
// insert of an id already there does nothing, and that answer means "seen before". Expired ids are swept on the way.
import type { Pool } from 'pg';

/** true the first time an assertion id (of that issuer) is recorded; false when it was seen before (a replay). */
export async function recordAssertionOnce(pool: Pool, assertion: { id: string; issuer: string; expiresAt: Date }): Promise<boolean> {
  // A replayed assertion past its end of validity is refused by the time window; its row is no longer needed.
  await pool.query('DELETE FROM eidas_assertions_seen WHERE expires_at < now()');
  const inserted = await pool.query(
    `INSERT INTO eidas_assertions_seen (assertion_id, issuer, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (issuer, assertion_id) DO NOTHING`,
    [assertion.id, assertion.issuer, assertion.expiresAt],
  );
  return inserted.rowCount === 1;
}
