// The citizen's profile (issue 18 §1): contact details confirmed with one-time codes, the bank account for payments
// from the state, preferences (language, notification channels) and the e-mail/SMS deliveries of notifications.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE profile_contacts (
      personal_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('email', 'phone')),
      value text NOT NULL,
      confirmed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (personal_code, kind)
    );
    CREATE TABLE profile_contact_codes (
      id bigserial PRIMARY KEY,
      personal_code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('email', 'phone')),
      value text NOT NULL,
      salt text NOT NULL,
      code_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      wrong_attempts integer NOT NULL DEFAULT 0,
      used_at timestamptz,
      voided_at timestamptz
    );
    CREATE INDEX profile_contact_codes_person ON profile_contact_codes (personal_code, kind, created_at DESC);
    CREATE INDEX profile_contact_codes_value ON profile_contact_codes (value, created_at DESC);
    CREATE TABLE profile_bank_accounts (
      personal_code text PRIMARY KEY,
      iban text NOT NULL,
      holder_name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE profile_preferences (
      personal_code text PRIMARY KEY,
      language text NOT NULL DEFAULT 'lv' CHECK (language IN ('lv', 'en')),
      channels text[] NOT NULL DEFAULT '{e-address}',
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE profile_notification_deliveries (
      idempotency_key text PRIMARY KEY,
      personal_code text NOT NULL,
      channel text NOT NULL CHECK (channel IN ('email', 'sms')),
      address text NOT NULL,
      case_id text,
      message_id text,
      sent_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    DROP TABLE IF EXISTS profile_notification_deliveries;
    DROP TABLE IF EXISTS profile_preferences;
    DROP TABLE IF EXISTS profile_bank_accounts;
    DROP TABLE IF EXISTS profile_contact_codes;
    DROP TABLE IF EXISTS profile_contacts;
  `);
}
