// "Who used my data" (issue 18 §2): the access logs that registers push to the platform (reads of a person's data
// made by other institutions in the register itself), idempotent by (register, record id); and an index that finds
// the platform's audit rows whose read concerns another person than its subject (details.concerns).
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE register_access_logs (
      id bigserial PRIMARY KEY,
      register text NOT NULL,
      record_id text NOT NULL,
      at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      subject_id text NOT NULL CHECK (subject_id ~ '^[0-9]{11}$'),
      concerns_id text CHECK (concerns_id ~ '^[0-9]{11}$'),
      agency_code text NOT NULL,
      agency_name_lv text NOT NULL,
      agency_name_en text NOT NULL,
      role_lv text NOT NULL,
      role_en text NOT NULL,
      data_lv text NOT NULL,
      data_en text NOT NULL,
      purpose_code text NOT NULL,
      purpose_lv text NOT NULL,
      purpose_en text NOT NULL,
      legal_basis text NOT NULL,
      case_reference text,
      embargo_until date,
      UNIQUE (register, record_id)
    );
    -- Whom a record is shown to: the person it concerns, else the person the data is about.
    CREATE INDEX register_access_logs_shown_to_idx ON register_access_logs ((coalesce(concerns_id, subject_id)), at DESC, id DESC);
    CREATE INDEX audit_log_concerns_idx ON audit_log ((details ->> 'concerns'), at) WHERE details ? 'concerns';
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP INDEX IF EXISTS audit_log_concerns_idx;
    DROP TABLE IF EXISTS register_access_logs;
  `);
}
