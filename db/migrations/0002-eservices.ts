// E-services: agency-defined definitions with immutable published versions, applications (autosaved drafts),
// officer tasks, issued documents, uploaded files, notifications and payment requests. Status events written by
// workflows carry an idempotency key so a retried activity never writes a status twice.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE case_status_events ADD COLUMN idempotency_key text, ADD COLUMN label_en text;
    ALTER TABLE cases ADD COLUMN status_label_en text;
    CREATE UNIQUE INDEX case_status_events_idempotency_key ON case_status_events (idempotency_key) WHERE idempotency_key IS NOT NULL;

    CREATE TABLE eservice_definitions (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      agency_id text NOT NULL REFERENCES agencies(id),
      service_id text NOT NULL REFERENCES services(id),
      draft jsonb,
      draft_updated_at timestamptz,
      draft_updated_by text,
      latest_version integer NOT NULL DEFAULT 0,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE eservice_definition_versions (
      definition_id text NOT NULL REFERENCES eservice_definitions(id),
      version integer NOT NULL CHECK (version > 0),
      content jsonb NOT NULL,
      published_by text NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (definition_id, version)
    );
    -- Published versions are immutable: running applications are pinned to them.
    CREATE FUNCTION forbid_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'published e-service definition versions are immutable'; END $$;
    CREATE TRIGGER eservice_definition_versions_immutable BEFORE UPDATE OR DELETE ON eservice_definition_versions
      FOR EACH ROW EXECUTE FUNCTION forbid_version_change();

    CREATE TABLE applications (
      case_id text PRIMARY KEY REFERENCES cases(id),
      definition_id text NOT NULL,
      definition_version integer NOT NULL,
      agency_id text NOT NULL REFERENCES agencies(id),
      recipient_type text NOT NULL,
      recipient_id text NOT NULL,
      draft_data jsonb NOT NULL DEFAULT '{}',
      draft_version integer NOT NULL DEFAULT 0,
      draft_saved_at timestamptz,
      draft_saved_by text,
      draft_step text,
      submitted_data jsonb,
      submitted_at timestamptz,
      waiting_reason text,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      FOREIGN KEY (definition_id, definition_version) REFERENCES eservice_definition_versions(definition_id, version)
    );
    CREATE INDEX applications_recipient_idx ON applications (recipient_type, recipient_id);

    CREATE TABLE tasks (
      id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id),
      agency_id text NOT NULL REFERENCES agencies(id),
      step_id text NOT NULL,
      title_lv text NOT NULL,
      title_en text NOT NULL,
      instructions jsonb,
      outcomes text[] NOT NULL,
      status text NOT NULL CHECK (status IN ('open','claimed','completed','cancelled')),
      claimed_by text,
      claimed_by_name text,
      claimed_at timestamptz,
      due_at timestamptz NOT NULL,
      outcome text,
      message text,
      completed_by text,
      completed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX tasks_inbox_idx ON tasks (agency_id, status, due_at);

    CREATE TABLE documents (
      id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id),
      document_type text NOT NULL,
      title_lv text NOT NULL,
      title_en text NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      content bytea NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX documents_case_idx ON documents (case_id);

    CREATE TABLE application_files (
      id uuid PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id),
      uploaded_by text NOT NULL,
      file_name text NOT NULL,
      content_type text NOT NULL,
      byte_size integer NOT NULL,
      content bytea NOT NULL,
      sha256 text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE notifications (
      id text PRIMARY KEY,
      case_id text REFERENCES cases(id),
      recipient_type text NOT NULL,
      recipient_id text NOT NULL,
      subject_lv text NOT NULL,
      subject_en text NOT NULL,
      body_lv text NOT NULL,
      body_en text NOT NULL,
      e_address_message_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notifications_recipient_idx ON notifications (recipient_type, recipient_id, created_at);

    CREATE TABLE e_address_deliveries (
      idempotency_key text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id),
      message_id text,
      skipped_reason text,
      delivered_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE payment_requests (
      id text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id),
      step_id text NOT NULL,
      amount_eur numeric(12,2) NOT NULL CHECK (amount_eur > 0),
      description_lv text NOT NULL,
      description_en text NOT NULL,
      status text NOT NULL CHECK (status IN ('requested','paid','expired','cancelled')),
      expires_at timestamptz NOT NULL,
      paid_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP TABLE IF EXISTS payment_requests, e_address_deliveries, notifications, application_files, documents, tasks, applications CASCADE;
    DROP TRIGGER IF EXISTS eservice_definition_versions_immutable ON eservice_definition_versions;
    DROP TABLE IF EXISTS eservice_definition_versions, eservice_definitions CASCADE;
    DROP FUNCTION IF EXISTS forbid_version_change();
    DROP INDEX IF EXISTS case_status_events_idempotency_key;
    ALTER TABLE case_status_events DROP COLUMN IF EXISTS idempotency_key, DROP COLUMN IF EXISTS label_en;
    ALTER TABLE cases DROP COLUMN IF EXISTS status_label_en;
  `);
}
