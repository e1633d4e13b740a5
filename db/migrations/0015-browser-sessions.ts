// Browser sessions live on the server (issue 16): the cookie holds a random key, the table holds its SHA-256 only,
// so a copy of the table signs nobody in. Ending a session (sign-out, idle, "sign out everywhere") is a row update
// that every API node sees at the very next request.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE browser_sessions (
      id uuid PRIMARY KEY,
      key_hash bytea NOT NULL UNIQUE,
      subject text NOT NULL,
      principal jsonb NOT NULL,
      csrf_token text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      idle_expires_at timestamptz NOT NULL,
      absolute_expires_at timestamptz NOT NULL,
      ended_at timestamptz,
      ended_reason text CHECK (ended_reason IN ('sign-out', 'sign-out-everywhere', 'idle', 'replaced'))
    );
    CREATE INDEX browser_sessions_open_of_subject ON browser_sessions (subject) WHERE ended_at IS NULL;
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query('DROP TABLE IF EXISTS browser_sessions');
}
