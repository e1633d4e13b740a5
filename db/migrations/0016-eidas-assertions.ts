// eIDAS assertions seen by the platform (issue 16): an assertion is accepted once. Its id is kept until the
// assertion's own end of validity, after which the time window refuses it anyway, so old rows are deleted.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE eidas_assertions_seen (
      issuer text NOT NULL,
      assertion_id text NOT NULL,
      expires_at timestamptz NOT NULL,
      seen_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (issuer, assertion_id)
    );
    CREATE INDEX eidas_assertions_seen_expiry ON eidas_assertions_seen (expires_at);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query('DROP TABLE IF EXISTS eidas_assertions_seen');
}
