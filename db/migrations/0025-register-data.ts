// "Something is wrong" (issue 18 §2): a person's report of a discrepancy in a register item. Each report is a case
// of the register's holder agency (cases, service register-discrepancy-<register>); this table keeps what the person
// said about which item, one row per case.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    CREATE TABLE register_discrepancies (
      case_id text PRIMARY KEY REFERENCES cases(id),
      person_type text NOT NULL,
      person_id text NOT NULL,
      register text NOT NULL CHECK (register IN ('population', 'address', 'vehicle', 'real-estate', 'enterprise')),
      item_id text NOT NULL,
      field text NOT NULL,
      wrong_text text NOT NULL,
      correct_text text NOT NULL,
      comment text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX register_discrepancies_person ON register_discrepancies (person_type, person_id, created_at DESC);
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query('DROP TABLE IF EXISTS register_discrepancies');
}
