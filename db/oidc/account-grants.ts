// What a person allowed at the OpenID Provider: their live grants (model Grant in oidc_payloads, one per client and
// sign-in that asked), with when each was made and when a token was last issued on it (a code exchange or a
// refresh: the app was last used then). The provider's models find and destroy single grants and tokens; listing
// an account's grants is the one question oidc-provider has no model method for.
import type { Pool } from 'pg';

export interface AccountGrant {
  grantId: string;
  clientId: string;
  /** The OpenID scopes allowed (space-separated, as oidc-provider keeps them). */
  scope: string;
  grantedAt: Date;
  lastUsedAt: Date | null;
}

type Row = { id: string; client_id: string; scope: string | null; iat: string; last_used: string | null };

/** The account's live grants, newest first; only `clientId`'s when given. */
export async function grantsOfAccount(pool: Pool, accountId: string, clientId?: string): Promise<AccountGrant[]> {
  const { rows } = await pool.query<Row>(
    `SELECT g.id, g.payload->>'clientId' AS client_id, g.payload->'openid'->>'scope' AS scope, g.payload->>'iat' AS iat,
            (SELECT max((t.payload->>'iat')::bigint) FROM oidc_payloads t
              WHERE t.grant_id = g.id AND t.model IN ('AccessToken', 'RefreshToken')) AS last_used
       FROM oidc_payloads g
      WHERE g.model = 'Grant' AND g.payload->>'accountId' = $1 AND ($2::text IS NULL OR g.payload->>'clientId' = $2)
        AND (g.expires_at IS NULL OR g.expires_at > now())
      ORDER BY (g.payload->>'iat')::bigint DESC`,
    [accountId, clientId ?? null],
  );
  return rows.map((r) => ({
    grantId: r.id,
    clientId: r.client_id,
    scope: r.scope ?? '',
    grantedAt: new Date(Number(r.iat) * 1000),
    lastUsedAt: r.last_used === null ? null : new Date(Number(r.last_used) * 1000),
  }));
}
