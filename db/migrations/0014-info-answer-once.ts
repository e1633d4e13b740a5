// A citizen's answer to a request for information is recorded once per request, however often the activity that
// records it is retried (a retry after the commit used to append the answer a second time).
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE application_info_answers (
      idempotency_key text PRIMARY KEY,
      case_id text NOT NULL REFERENCES cases(id),
      answer jsonb NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX application_info_answers_case ON application_info_answers (case_id);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query('DROP TABLE IF EXISTS application_info_answers');
}
