// oidc-provider's storage (migration 0016): one row per model and id with its JSON payload, the indexed lookups the
// library asks for (grant, session uid, device user code) and the expiry. Expired rows are invisible at once and
// deleted now and then by a sweep.
import type { Pool } from 'pg';

export type OidcPayload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

type Row = { payload: OidcPayload; consumed_at: Date | null };

const LIVE = '(expires_at IS NULL OR expires_at > now())';

const payloadOf = (row: Row | undefined): OidcPayload | undefined =>
  row ? { ...row.payload, ...(row.consumed_at ? { consumed: Math.floor(row.consumed_at.getTime() / 1000) } : {}) } : undefined;

export async function upsertPayload(pool: Pool, model: string, id: string, payload: OidcPayload, expiresInSeconds?: number): Promise<void> {
  await pool.query(
    `INSERT INTO oidc_payloads (model, id, payload, grant_id, uid, user_code, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(secs => $7::int) END)
     ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, uid = EXCLUDED.uid,
       user_code = EXCLUDED.user_code, expires_at = EXCLUDED.expires_at`,
    [model, id, JSON.stringify(payload), payload.grantId ?? null, payload.uid ?? null, payload.userCode ?? null, expiresInSeconds ?? null],
  );
}

/** Records a value seen once (a DPoP proof's jti) until it expires; false when it was seen before (atomic across nodes). */
export async function claimOnce(pool: Pool, model: string, id: string, expiresInSeconds: number): Promise<boolean> {
  const { rowCount } = await pool.query(
    `INSERT INTO oidc_payloads (model, id, payload, expires_at) VALUES ($1, $2, '{}', now() + make_interval(secs => $3::int))
     ON CONFLICT (model, id) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE oidc_payloads.expires_at <= now()`,
    [model, id, expiresInSeconds],
  );
  return rowCount === 1;
}

export async function findPayload(pool: Pool, model: string, id: string): Promise<OidcPayload | undefined> {
  const { rows } = await pool.query<Row>(`SELECT payload, consumed_at FROM oidc_payloads WHERE model = $1 AND id = $2 AND ${LIVE}`, [
    model,
    id,
  ]);
  return payloadOf(rows[0]);
}

export async function findPayloadBy(pool: Pool, model: string, by: 'uid' | 'user_code', value: string): Promise<OidcPayload | undefined> {
  const column = by === 'uid' ? 'uid' : 'user_code';
  const { rows } = await pool.query<Row>(
    `SELECT payload, consumed_at FROM oidc_payloads WHERE model = $1 AND ${column} = $2 AND ${LIVE} LIMIT 1`,
    [model, value],
  );
  return payloadOf(rows[0]);
}

export async function consumePayload(pool: Pool, model: string, id: string): Promise<void> {
  await pool.query(`UPDATE oidc_payloads SET consumed_at = now() WHERE model = $1 AND id = $2 AND consumed_at IS NULL`, [model, id]);
}

export async function destroyPayload(pool: Pool, model: string, id: string): Promise<void> {
  await pool.query(`DELETE FROM oidc_payloads WHERE model = $1 AND id = $2`, [model, id]);
}

export async function revokeGrant(pool: Pool, grantId: string): Promise<void> {
  await pool.query(`DELETE FROM oidc_payloads WHERE grant_id = $1`, [grantId]);
}

/** Deletes rows that expired some time ago (they are already invisible); answers how many. */
export async function sweepExpiredPayloads(pool: Pool): Promise<number> {
  const { rowCount } = await pool.query(`DELETE FROM oidc_payloads WHERE expires_at < now() - interval '1 hour'`);
  return rowCount ?? 0;
}

/** Ends the provider's sessions with these uids (the platform session they came from has ended). */
export async function destroyPayloadsByUid(pool: Pool, model: string, uids: string[]): Promise<void> {
  await pool.query(`DELETE FROM oidc_payloads WHERE model = $1 AND uid = ANY($2::text[])`, [model, uids]);
}
