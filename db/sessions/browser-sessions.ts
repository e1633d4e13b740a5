// Browser sessions (migration 0015). A session is found by the SHA-256 of its cookie key and is valid while it is
// not ended, not idle past its idle deadline and not past its absolute end; each use moves the idle deadline.
import type { Pool } from 'pg';

export type SessionEnd = 'sign-out' | 'sign-out-everywhere' | 'idle' | 'replaced';

/** `P`: who signed in, as the API describes them (api/platform/auth/principal.ts); stored as JSON. */
export interface BrowserSession<P = unknown> {
  id: string;
  subject: string;
  principal: P;
  csrfToken: string;
  createdAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

type Row = {
  id: string;
  subject: string;
  principal: unknown;
  csrf_token: string;
  created_at: Date;
  idle_expires_at: Date;
  absolute_expires_at: Date;
};

const sessionOf = <P>(r: Row): BrowserSession<P> => ({
  id: r.id,
  subject: r.subject,
  principal: r.principal as P,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  idleExpiresAt: r.idle_expires_at,
  absoluteExpiresAt: r.absolute_expires_at,
});

const COLUMNS = 'id, subject, principal, csrf_token, created_at, idle_expires_at, absolute_expires_at';

export async function insertSession<P extends { sub: string }>(
  pool: Pool,
  s: { id: string; keyHash: Buffer; principal: P; csrfToken: string; idleMinutes: number; maxHours: number },
): Promise<BrowserSession<P>> {
  const { rows } = await pool.query<Row>(
    `INSERT INTO browser_sessions (id, key_hash, subject, principal, csrf_token, idle_expires_at, absolute_expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(mins => $6), now() + make_interval(hours => $7))
     RETURNING ${COLUMNS}`,
    [s.id, s.keyHash, s.principal.sub, JSON.stringify(s.principal), s.csrfToken, s.idleMinutes, s.maxHours],
  );
  return sessionOf<P>(rows[0]);
}

/**
 * The open session with this key hash, its idle deadline moved on by `idleMinutes` when `touch` (never past the
 * absolute end). A session found idle past its deadline is ended as 'idle' on the way and answers null.
 */
export async function findOpenSession<P>(
  pool: Pool,
  keyHash: Buffer,
  touch: { idleMinutes: number } | null,
): Promise<BrowserSession<P> | null> {
  const { rows } = touch
    ? await pool.query<Row>(
        `UPDATE browser_sessions
            SET last_seen_at = now(),
                idle_expires_at = least(absolute_expires_at, now() + make_interval(mins => $2))
          WHERE key_hash = $1 AND ended_at IS NULL AND idle_expires_at > now() AND absolute_expires_at > now()
          RETURNING ${COLUMNS}`,
        [keyHash, touch.idleMinutes],
      )
    : await pool.query<Row>(
        `SELECT ${COLUMNS} FROM browser_sessions
          WHERE key_hash = $1 AND ended_at IS NULL AND idle_expires_at > now() AND absolute_expires_at > now()`,
        [keyHash],
      );
  if (rows[0]) return sessionOf<P>(rows[0]);
  await pool.query(
    `UPDATE browser_sessions SET ended_at = now(), ended_reason = 'idle'
      WHERE key_hash = $1 AND ended_at IS NULL AND (idle_expires_at <= now() OR absolute_expires_at <= now())`,
    [keyHash],
  );
  return null;
}

/** Ends one session; answers whether it was open. */
export async function endSession(pool: Pool, id: string, reason: SessionEnd): Promise<boolean> {
  const { rowCount } = await pool.query(
    `UPDATE browser_sessions SET ended_at = now(), ended_reason = $2 WHERE id = $1 AND ended_at IS NULL`,
    [id, reason],
  );
  return (rowCount ?? 0) > 0;
}

/** Ends every open session of a subject ("sign out everywhere"); answers the ids ended. */
export async function endSessionsOf(pool: Pool, subject: string, reason: SessionEnd): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `UPDATE browser_sessions SET ended_at = now(), ended_reason = $2 WHERE subject = $1 AND ended_at IS NULL RETURNING id`,
    [subject, reason],
  );
  return rows.map((r) => r.id);
}

/** Open sessions of a subject, newest first (the "where am I signed in" list). */
export async function openSessionsOf<P>(pool: Pool, subject: string): Promise<Array<BrowserSession<P> & { lastSeenAt: Date }>> {
  const { rows } = await pool.query<Row & { last_seen_at: Date }>(
    `SELECT ${COLUMNS}, last_seen_at FROM browser_sessions
      WHERE subject = $1 AND ended_at IS NULL AND idle_expires_at > now() AND absolute_expires_at > now()
      ORDER BY created_at DESC`,
    [subject],
  );
  return rows.map((r) => ({ ...sessionOf<P>(r), lastSeenAt: r.last_seen_at }));
}

/**
 * Ends the sessions idle or past their end that nobody has touched since (a request would have ended them on the
 * way): answers them, so that their sockets close and the portals they touched are logged out. Each row is ended
 * by one node only (the UPDATE takes it).
 */
export async function endExpiredSessions(pool: Pool, limit = 1000): Promise<Array<{ id: string; subject: string }>> {
  const { rows } = await pool.query<{ id: string; subject: string }>(
    `UPDATE browser_sessions SET ended_at = now(), ended_reason = 'idle'
      WHERE id IN (SELECT id FROM browser_sessions
                    WHERE ended_at IS NULL AND (idle_expires_at <= now() OR absolute_expires_at <= now())
                    LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, subject`,
    [limit],
  );
  return rows;
}
