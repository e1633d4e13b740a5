// A board member who opens an e-service for the company they represent (issue 16 §3) is the case's representative on
// the enterprise register's basis: the cases' representative basis admits it beside consent, mandate, delegation
// and legal representative.
import type { Sequelize } from 'sequelize';

const BASES = (extra: string[]) => ['consent', 'mandate', 'delegation', 'legal_representative', ...extra].map((b) => `'${b}'`).join(', ');

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE cases DROP CONSTRAINT cases_representative_basis_check;
    ALTER TABLE cases ADD CONSTRAINT cases_representative_basis_check CHECK (representative_basis IN (${BASES(['enterprise_register'])}));
  `);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`
    ALTER TABLE cases DROP CONSTRAINT cases_representative_basis_check;
    ALTER TABLE cases ADD CONSTRAINT cases_representative_basis_check CHECK (representative_basis IN (${BASES([])}));
  `);
}
