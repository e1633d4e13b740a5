// The citizen's consents to co-browsing (assist_grants, migration 0003): a hashed single-use join code, the mode,
// who redeemed it, and when it was revoked or ended. Redeeming locks the row, so a code works once.
import type { Pool, PoolClient } from 'pg';
import type { PersonType } from '../../forms/types/api';

type Db = Pool | PoolClient;

/** A row of assist_grants. */
export interface GrantRow {
  id: string;
  scope: 'application' | 'portal';
  case_id: string | null;
  person_type: PersonType;
  person_id: string;
  mode: 'view' | 'assist';
  code_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
  used_by_name: string | null;
  used_by_role: string | null;
  used_by_office: string | null;
  revoked_at: Date | null;
  ended_at: Date | null;
}

export interface NewGrant {
  id: string;
  scope: 'application' | 'portal';
  caseId: string | null;
  person: { type: PersonType; id: string };
  mode: 'view' | 'assist';
  codeHash: string;
  createdBy: string;
  /** The code expires this many minutes after the database's now(). */
  ttlMinutes: number;
}

export async function insertGrant(db: Db, g: NewGrant): Promise<GrantRow> {
  const { rows } = await db.query<GrantRow>(
    `INSERT INTO assist_grants (id, scope, case_id, person_type, person_id, mode, code_hash, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now() + $9 * interval '1 minute') RETURNING *`,
    [g.id, g.scope, g.caseId, g.person.type, g.person.id, g.mode, g.codeHash, g.createdBy, g.ttlMinutes],
  );
  return rows[0];
}

/** The grant of a join code, locked until the transaction ends (redeeming it). */
export async function lockGrantByCode(client: PoolClient, codeHash: string): Promise<GrantRow | null> {
  const { rows } = await client.query<GrantRow>('SELECT * FROM assist_grants WHERE code_hash = $1 FOR UPDATE', [codeHash]);
  return rows[0] ?? null;
}

/** Records who redeemed the code, and the mode they got. */
export async function markGrantUsed(
  client: PoolClient,
  id: string,
  by: { sub: string; name: string | null; role: string; office: string | null; mode: string },
): Promise<GrantRow> {
  const { rows } = await client.query<GrantRow>(
    `UPDATE assist_grants SET used_at = now(), used_by = $2, used_by_name = $3, used_by_role = $4, used_by_office = $5, mode = $6
    WHERE id = $1 RETURNING *`,
    [id, by.sub, by.name, by.role, by.office, by.mode],
  );
  return rows[0];
}

export async function findGrantRow(db: Db, id: string): Promise<GrantRow | null> {
  const { rows } = await db.query<GrantRow>('SELECT * FROM assist_grants WHERE id = $1', [id]);
  return rows[0] ?? null;
}

/** The person's grants of the last day (optionally of one application), newest first. */
export async function recentGrantsOfPerson(db: Db, person: { type: string; id: string }, caseId?: string): Promise<GrantRow[]> {
  const { rows } = await db.query<GrantRow>(
    `SELECT * FROM assist_grants WHERE person_type = $1 AND person_id = $2 AND ($3::text IS NULL OR case_id = $3)
      AND created_at > now() - interval '1 day' ORDER BY created_at DESC`,
    [person.type, person.id, caseId ?? null],
  );
  return rows;
}

/** Revokes, ends (each once: the first time stays) or changes the mode of a grant. */
export async function updateGrant(
  db: Db,
  id: string,
  change: { revoke: boolean; end: boolean; mode: 'view' | 'assist' | null },
): Promise<GrantRow> {
  const { rows } = await db.query<GrantRow>(
    `UPDATE assist_grants SET revoked_at = CASE WHEN $2 THEN COALESCE(revoked_at, now()) ELSE revoked_at END,
       ended_at = CASE WHEN $3 THEN COALESCE(ended_at, now()) ELSE ended_at END, mode = COALESCE($4, mode)
      WHERE id = $1 RETURNING *`,
    [id, change.revoke, change.end, change.mode],
  );
  return rows[0];
}

/** The staff member left the session (the first end time stays). */
export async function endGrant(db: Db, id: string): Promise<void> {
  await db.query('UPDATE assist_grants SET ended_at = COALESCE(ended_at, now()) WHERE id = $1', [id]);
}

// The access policy (api/platform/auth/policy.ts) looks these up before it reads each grant in full.
/** Ids of the latest (at most 5) grants for the case that this staff member redeemed, neither revoked nor ended. */
export async function openGrantsRedeemedBy(pool: Pool, caseId: string, staffSub: string): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    'SELECT id FROM assist_grants WHERE case_id = $1 AND used_by = $2 AND revoked_at IS NULL AND ended_at IS NULL ORDER BY used_at DESC LIMIT 5',
    [caseId, staffSub],
  );
  return rows.map((r) => r.id);
}
