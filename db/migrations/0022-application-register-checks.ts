// Officers see the automatic register checks an application's workflow made (issue 17, officers and staff): each
// check's register, operation, whether it passed and the register's answer, once per attempt (the workflow's key).
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE application_register_checks (
      idempotency_key text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id),
      step_id text NOT NULL,
      attempt integer NOT NULL,
      register text NOT NULL,
      operation text NOT NULL,
      passed boolean NOT NULL,
      result jsonb,
      checked_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX application_register_checks_case ON application_register_checks (case_id, checked_at);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query('DROP TABLE IF EXISTS application_register_checks');
}
