// Which external portals (OIDC clients) a platform browser session signed in to (migration 0016), with the `sid` the
// portal knows that sign-in by: when the platform session ends, each of them gets a back-channel logout token.
import type { Pool } from 'pg';

export interface SessionClient {
  browserSessionId: string;
  clientId: string;
  sid: string;
  /** The provider's own session (oidc_payloads, model Session) to end with the platform session. */
  opSessionId: string;
}

export async function recordSessionClient(pool: Pool, s: SessionClient): Promise<void> {
  await pool.query(
    `INSERT INTO oidc_session_clients (browser_session_id, client_id, sid, op_session_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT (browser_session_id, client_id, sid) DO UPDATE SET op_session_id = EXCLUDED.op_session_id`,
    [s.browserSessionId, s.clientId, s.sid, s.opSessionId],
  );
}

/** The portals the given browser sessions touched; the rows are deleted (each portal is told once). */
export async function takeSessionClients(pool: Pool, browserSessionIds: string[]): Promise<SessionClient[]> {
  const { rows } = await pool.query<{ browser_session_id: string; client_id: string; sid: string; op_session_id: string }>(
    `DELETE FROM oidc_session_clients WHERE browser_session_id = ANY($1::uuid[])
     RETURNING browser_session_id, client_id, sid, op_session_id`,
    [browserSessionIds],
  );
  return rows.map((r) => ({ browserSessionId: r.browser_session_id, clientId: r.client_id, sid: r.sid, opSessionId: r.op_session_id }));
}

/** The principal (as stored with the subject's newest browser session): the claims an ID token tells a portal. */
export async function latestPrincipalOf<P>(pool: Pool, subject: string): Promise<P | undefined> {
  const { rows } = await pool.query<{ principal: P }>(
    `SELECT principal FROM browser_sessions WHERE subject = $1 ORDER BY created_at DESC LIMIT 1`,
    [subject],
  );
  return rows[0]?.principal;
}
