// The level of assurance of the sign-in behind a case and an application (issue 16): the case records the level with
// which it was opened, the application the level with which it was submitted. Null: not opened or submitted through
// an identity provider (an agency's system, the counter, a development persona).
import type { Sequelize } from 'sequelize';

const LEVEL = `text CHECK (%s IN ('low', 'substantial', 'high'))`;

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE cases ADD COLUMN level_of_assurance ${LEVEL.replace('%s', 'level_of_assurance')};
    ALTER TABLE applications ADD COLUMN submitted_level_of_assurance ${LEVEL.replace('%s', 'submitted_level_of_assurance')};
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE applications DROP COLUMN IF EXISTS submitted_level_of_assurance;
    ALTER TABLE cases DROP COLUMN IF EXISTS level_of_assurance;
  `);
}
