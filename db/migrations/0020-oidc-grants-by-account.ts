// "Apps you allowed" (issue 16 §2): a citizen's grants at the OpenID Provider are found by the account they belong to
// (db/oidc/account-grants.ts), without reading every grant of the country.
import type { Sequelize } from 'sequelize';

export async function up(sequelize: Sequelize): Promise<void> {
  await sequelize.query(`CREATE INDEX oidc_payloads_grant_account ON oidc_payloads ((payload->>'accountId')) WHERE model = 'Grant'`);
}

export async function down(sequelize: Sequelize): Promise<void> {
  await sequelize.query('DROP INDEX IF EXISTS oidc_payloads_grant_account');
}
