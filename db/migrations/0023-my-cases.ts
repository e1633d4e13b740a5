// "My cases" (issue 17): the link an agency's own system gives to a case it registered (shown to the citizen when the
// case has no application here), and indexes that serve the citizen's list in its order (newest status first, then
// the newer id) for keyset paging, as recipient and as representative.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE cases ADD COLUMN agency_url text CHECK (agency_url ~ '^https://');
    CREATE INDEX cases_recipient_status_at_idx ON cases (recipient_type, recipient_id, status_at DESC, id DESC);
    CREATE INDEX cases_representative_status_at_idx ON cases (representative_type, representative_id, status_at DESC, id DESC)
      WHERE representative_id IS NOT NULL;
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP INDEX IF EXISTS cases_representative_status_at_idx;
    DROP INDEX IF EXISTS cases_recipient_status_at_idx;
    ALTER TABLE cases DROP COLUMN IF EXISTS agency_url;
  `);
}
