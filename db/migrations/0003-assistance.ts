// The e-service assistant: consents (join codes) a citizen gives front-office staff or a support specialist to
// see or co-edit a session, and on a case, who acted for the recipient on which basis and from which office.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE assist_grants (
      id uuid PRIMARY KEY,
      scope text NOT NULL CHECK (scope IN ('application','portal')),
      case_id text REFERENCES cases(id),
      person_type text NOT NULL,
      person_id text NOT NULL,
      mode text NOT NULL CHECK (mode IN ('view','assist')),
      code_hash text NOT NULL UNIQUE,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      used_by text,
      used_by_name text,
      used_by_role text,
      used_by_office text,
      revoked_at timestamptz,
      ended_at timestamptz,
      CHECK ((scope = 'application') = (case_id IS NOT NULL))
    );
    CREATE INDEX assist_grants_case_idx ON assist_grants (case_id) WHERE case_id IS NOT NULL;
    CREATE INDEX assist_grants_person_idx ON assist_grants (person_type, person_id);

    -- Written mandates presented at the counter and registered delegations: a basis for staff to act.
    CREATE TABLE delegations (
      id uuid PRIMARY KEY,
      principal_type text NOT NULL,
      principal_id text NOT NULL,
      representative_type text NOT NULL,
      representative_id text NOT NULL,
      representative_name text,
      scope text NOT NULL DEFAULT 'all',
      valid_from date NOT NULL,
      valid_until date,
      revoked_at timestamptz
    );

    ALTER TABLE applications ADD COLUMN draft_field_versions jsonb NOT NULL DEFAULT '{}';
    ALTER TABLE cases
      ADD COLUMN acting_staff_id text,
      ADD COLUMN acting_staff_name text,
      ADD COLUMN acting_office_id text REFERENCES offices(id),
      ADD COLUMN acting_basis text CHECK (acting_basis IN ('consent','mandate','delegation')),
      ADD COLUMN acting_basis_ref text;
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE cases DROP COLUMN IF EXISTS acting_staff_id, DROP COLUMN IF EXISTS acting_staff_name,
      DROP COLUMN IF EXISTS acting_office_id, DROP COLUMN IF EXISTS acting_basis, DROP COLUMN IF EXISTS acting_basis_ref;
    ALTER TABLE applications DROP COLUMN IF EXISTS draft_field_versions;
    DROP TABLE IF EXISTS delegations, assist_grants;
  `);
}
