// Registered delegations (table from 0003-assistance): who registered one and when, the principal's name for the
// representative's list, who revoked it, and which e-services it covers as a proper list instead of a text
// (`scope` is 'all' or 'eservices'; with 'eservices' the ids are in `eservice_ids`). Looked up by either person.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE delegations
      ADD COLUMN principal_name text,
      ADD COLUMN eservice_ids text[] NOT NULL DEFAULT '{}',
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN created_by text,
      ADD COLUMN revoked_by text,
      ADD CONSTRAINT delegations_scope_check CHECK (scope IN ('all', 'eservices')),
      ADD CONSTRAINT delegations_scope_list_check CHECK ((scope = 'eservices') = (cardinality(eservice_ids) > 0)),
      ADD CONSTRAINT delegations_dates_check CHECK (valid_until IS NULL OR valid_until >= valid_from);
    CREATE INDEX delegations_principal_idx ON delegations (principal_type, principal_id);
    CREATE INDEX delegations_representative_idx ON delegations (representative_type, representative_id);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP INDEX IF EXISTS delegations_principal_idx;
    DROP INDEX IF EXISTS delegations_representative_idx;
    ALTER TABLE delegations
      DROP CONSTRAINT IF EXISTS delegations_scope_check, DROP CONSTRAINT IF EXISTS delegations_scope_list_check,
      DROP CONSTRAINT IF EXISTS delegations_dates_check,
      DROP COLUMN IF EXISTS principal_name, DROP COLUMN IF EXISTS eservice_ids, DROP COLUMN IF EXISTS created_at,
      DROP COLUMN IF EXISTS created_by, DROP COLUMN IF EXISTS revoked_by;
  `);
}
