// A written mandate presented at the counter is a record, not a free-text reference: who gave it (the principal),
// who holds it (the representative, identity checked against the population register), the document itself, the
// e-services it covers and its validity, and who recorded it where. A case names the record its representative and
// acting staff rely on (`representative_basis_ref`), so every request can check that it is still valid. A counter
// "mandate" recorded before this as free text is no record: it is no basis any more.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE mandate_documents (
      id uuid PRIMARY KEY,
      uploaded_by text NOT NULL,
      office_id text REFERENCES offices(id),
      file_name text NOT NULL,
      content_type text NOT NULL,
      byte_size integer NOT NULL,
      content bytea NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE mandates (
      id uuid PRIMARY KEY,
      principal_type text NOT NULL,
      principal_id text NOT NULL,
      representative_type text NOT NULL CHECK (representative_type = 'natural'),
      representative_id text NOT NULL,
      representative_name text NOT NULL,
      document_id uuid NOT NULL UNIQUE REFERENCES mandate_documents(id),
      document_reference text,
      scope text NOT NULL CHECK (scope IN ('all', 'eservices')),
      eservice_ids text[] NOT NULL DEFAULT '{}',
      valid_from date NOT NULL,
      valid_until date,
      recorded_by text NOT NULL,
      recorded_office text REFERENCES offices(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_by text,
      CHECK ((scope = 'eservices') = (cardinality(eservice_ids) > 0)),
      CHECK (valid_until IS NULL OR valid_until >= valid_from)
    );
    CREATE INDEX mandates_principal_idx ON mandates (principal_type, principal_id);
    CREATE INDEX mandates_representative_idx ON mandates (representative_type, representative_id);

    ALTER TABLE cases ADD COLUMN representative_basis_ref text;
    -- Applications opened at the counter on a delegation before this: the representative relies on that delegation.
    UPDATE cases SET representative_basis_ref = acting_basis_ref
     WHERE representative_basis = 'delegation' AND acting_basis = 'delegation' AND acting_basis_ref IS NOT NULL;
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE cases DROP COLUMN IF EXISTS representative_basis_ref;
    DROP TABLE IF EXISTS mandates, mandate_documents;
  `);
}
