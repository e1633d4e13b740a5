// The platform as an OpenID Provider (issue 16 §2): oidc-provider's payloads (sessions, interactions, codes, tokens,
// grants) in one table keyed by model and id, so that every API node sees the same state and a restart signs nobody
// out; and which external portals each platform browser session signed in to, for back-channel logout.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE oidc_payloads (
      model text NOT NULL,
      id text NOT NULL,
      payload jsonb NOT NULL,
      grant_id text,
      uid text,
      user_code text,
      expires_at timestamptz,
      consumed_at timestamptz,
      PRIMARY KEY (model, id)
    );
    CREATE INDEX oidc_payloads_grant ON oidc_payloads (grant_id) WHERE grant_id IS NOT NULL;
    CREATE INDEX oidc_payloads_uid ON oidc_payloads (uid) WHERE uid IS NOT NULL;
    CREATE INDEX oidc_payloads_user_code ON oidc_payloads (user_code) WHERE user_code IS NOT NULL;
    CREATE INDEX oidc_payloads_expiry ON oidc_payloads (expires_at);

    CREATE TABLE oidc_session_clients (
      browser_session_id uuid NOT NULL REFERENCES browser_sessions (id) ON DELETE CASCADE,
      client_id text NOT NULL,
      sid text NOT NULL,
      op_session_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (browser_session_id, client_id, sid)
    );
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query('DROP TABLE IF EXISTS oidc_session_clients; DROP TABLE IF EXISTS oidc_payloads');
}
