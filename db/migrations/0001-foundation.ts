// The foundation schema: organisations and places, the minimal service list, the service-delivery case register
// with its status history, consultations, bulk case imports and the audit log.
import type { Sequelize } from 'sequelize';

const CHANNELS = `'eservice','in_person','phone','email','post','other'`;
const STATUSES = `'draft','submitted','in_progress','info_requested','awaiting_payment','answered','licence_issued','rejected','completed','withdrawn'`;

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE sectors (
      id text PRIMARY KEY,
      ministry_code text NOT NULL UNIQUE,
      name_lv text NOT NULL,
      name_en text NOT NULL
    );
    CREATE TABLE municipalities (
      code text PRIMARY KEY CHECK (code ~ '^[0-9]{7}$'),
      name_lv text NOT NULL,
      name_en text NOT NULL
    );
    CREATE TABLE agencies (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      registration_number text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('state','municipality')),
      sector_id text NOT NULL REFERENCES sectors(id),
      municipality_code text REFERENCES municipalities(code),
      name_lv text NOT NULL,
      name_en text NOT NULL
    );
    CREATE TABLE offices (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      kind text NOT NULL CHECK (kind IN ('vpvkac','agency')),
      agency_id text REFERENCES agencies(id),
      municipality_code text NOT NULL REFERENCES municipalities(code),
      name_lv text NOT NULL,
      name_en text NOT NULL,
      address text NOT NULL,
      latitude double precision,
      longitude double precision,
      opening_hours jsonb NOT NULL DEFAULT '[]'
    );
    CREATE TABLE services (
      id text PRIMARY KEY CHECK (id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      agency_id text NOT NULL REFERENCES agencies(id),
      title_lv text NOT NULL,
      title_en text NOT NULL,
      channels text[] NOT NULL,
      price_eur numeric(12,2)
    );

    CREATE SEQUENCE case_number_seq START 1000001;
    CREATE TABLE case_id_reservations (
      case_id text PRIMARY KEY,
      agency_id text NOT NULL REFERENCES agencies(id),
      reserved_at timestamptz NOT NULL DEFAULT now(),
      reserved_by text NOT NULL
    );
    CREATE TABLE cases (
      id text PRIMARY KEY,
      agency_id text NOT NULL REFERENCES agencies(id),
      service_id text NOT NULL REFERENCES services(id),
      external_id text NOT NULL,
      channel text NOT NULL CHECK (channel IN (${CHANNELS})),
      office_id text REFERENCES offices(id),
      municipality_code text REFERENCES municipalities(code),
      recipient_type text NOT NULL CHECK (recipient_type IN ('natural','legal','eidas')),
      recipient_id text NOT NULL,
      recipient_name text,
      representative_type text CHECK (representative_type IN ('natural','legal','eidas')),
      representative_id text,
      representative_name text,
      representative_basis text CHECK (representative_basis IN ('consent','mandate','delegation','legal_representative')),
      status text NOT NULL CHECK (status IN (${STATUSES})),
      status_label text,
      status_at timestamptz NOT NULL,
      registered_at timestamptz NOT NULL,
      price_eur numeric(12,2) CHECK (price_eur >= 0),
      staff_minutes integer CHECK (staff_minutes >= 0),
      waiting_minutes integer CHECK (waiting_minutes >= 0),
      call_minutes integer CHECK (call_minutes >= 0),
      satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
      complaint boolean NOT NULL DEFAULT false,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT cases_agency_external_id_key UNIQUE (agency_id, external_id)
    );
    CREATE INDEX cases_recipient_idx ON cases (recipient_type, recipient_id);
    CREATE INDEX cases_representative_idx ON cases (representative_type, representative_id) WHERE representative_id IS NOT NULL;

    CREATE TABLE case_status_events (
      id bigserial PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id),
      status text NOT NULL CHECK (status IN (${STATUSES})),
      label text,
      at timestamptz NOT NULL,
      actor_type text NOT NULL,
      actor_id text NOT NULL,
      reason text
    );
    CREATE INDEX case_status_events_case_idx ON case_status_events (case_id, id);

    CREATE TABLE consultations (
      id bigserial PRIMARY KEY,
      agency_id text NOT NULL REFERENCES agencies(id),
      external_id text NOT NULL,
      channel text NOT NULL CHECK (channel IN (${CHANNELS})),
      office_id text REFERENCES offices(id),
      municipality_code text REFERENCES municipalities(code),
      service_id text REFERENCES services(id),
      topic text NOT NULL,
      content text,
      duration_minutes integer NOT NULL CHECK (duration_minutes >= 0),
      person_type text CHECK (person_type IN ('natural','legal','eidas')),
      person_id text,
      occurred_at timestamptz NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT consultations_agency_external_id_key UNIQUE (agency_id, external_id),
      CONSTRAINT consultations_person_both CHECK ((person_type IS NULL) = (person_id IS NULL))
    );

    CREATE TABLE case_imports (
      id uuid PRIMARY KEY,
      agency_id text NOT NULL REFERENCES agencies(id),
      status text NOT NULL CHECK (status IN ('stored','running','completed','failed')),
      file_name text,
      byte_size bigint NOT NULL,
      total_lines integer NOT NULL,
      chunk_count integer NOT NULL,
      chunks_done integer NOT NULL DEFAULT 0,
      processed_lines integer NOT NULL DEFAULT 0,
      created_count integer NOT NULL DEFAULT 0,
      existing_count integer NOT NULL DEFAULT 0,
      error_count integer NOT NULL DEFAULT 0,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      started_at timestamptz,
      finished_at timestamptz
    );
    CREATE TABLE case_import_chunks (
      import_id uuid NOT NULL REFERENCES case_imports(id) ON DELETE CASCADE,
      chunk_no integer NOT NULL,
      first_line integer NOT NULL,
      body text NOT NULL,
      done_at timestamptz,
      PRIMARY KEY (import_id, chunk_no)
    );
    CREATE TABLE case_import_errors (
      import_id uuid NOT NULL REFERENCES case_imports(id) ON DELETE CASCADE,
      line_no integer NOT NULL,
      code text NOT NULL,
      message text NOT NULL,
      details jsonb,
      PRIMARY KEY (import_id, line_no)
    );

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_type text NOT NULL,
      actor_id text NOT NULL,
      actor_agency text,
      actor_office text,
      on_behalf_of text,
      subject_type text,
      subject_id text,
      action text NOT NULL,
      resource text NOT NULL,
      purpose text NOT NULL,
      request_id text,
      details jsonb
    );
    CREATE INDEX audit_log_subject_idx ON audit_log (subject_type, subject_id, at);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP TABLE IF EXISTS audit_log, case_import_errors, case_import_chunks, case_imports, consultations,
      case_status_events, cases, case_id_reservations, services, offices, agencies, municipalities, sectors CASCADE;
    DROP SEQUENCE IF EXISTS case_number_seq;
  `);
}
