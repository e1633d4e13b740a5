// Schema changes are umzug migrations, applied in order and recorded in the `migrations` table; never sync().
import { Umzug, SequelizeStorage } from 'umzug';
import type { Sequelize } from 'sequelize';
import type { Database } from './connection';
import * as foundation from './migrations/0001-foundation';
import * as eservices from './migrations/0002-eservices';
import * as assistance from './migrations/0003-assistance';
import * as billing from './migrations/0004-billing';
import * as catalog from './migrations/0005-catalog';
import * as delegations from './migrations/0006-delegations';
import * as catalogSearch from './migrations/0007-catalog-search';
import * as catalogSearchInProcess from './migrations/0008-catalog-search-in-process';
import * as paymentsStatementLink from './migrations/0009-payments-statement-link';
import * as draftMerge from './migrations/0010-draft-merge';
import * as agencyAccounts from './migrations/0011-agency-accounts';
import * as representationBasis from './migrations/0012-representation-basis';
import * as auditEvidence from './migrations/0013-audit-evidence';
import * as infoAnswerOnce from './migrations/0014-info-answer-once';
import * as browserSessions from './migrations/0015-browser-sessions';
import * as eidasAssertions from './migrations/0016-eidas-assertions';
import * as levelOfAssurance from './migrations/0017-level-of-assurance';
import * as oidcProvider from './migrations/0018-oidc-provider';
import * as representation from './migrations/0019-representation';
import * as oidcGrantsByAccount from './migrations/0020-oidc-grants-by-account';
import * as companyRepresentativeBasis from './migrations/0021-company-representative-basis';
import * as applicationRegisterChecks from './migrations/0022-application-register-checks';
import * as myCases from './migrations/0023-my-cases';
import * as profile from './migrations/0024-profile';
import * as registerData from './migrations/0025-register-data';
import * as dataUse from './migrations/0027-data-use';
import * as timeline from './migrations/0028-timeline';
import * as keysetLists from './migrations/0029-keyset-lists';
import * as ingestTriggers from './migrations/0030-ingest-triggers';
import * as partitionedRegister from './migrations/0031-partitioned-register';
import * as ingestTimeline from './migrations/0032-ingest-timeline';
import * as ingestAuditChain from './migrations/0033-ingest-audit-chain';

export interface Migration {
  up(sequelize: Sequelize): Promise<void>;
  down(sequelize: Sequelize): Promise<void>;
}

// Explicit list: a migration is applied because it is named here, not because a file happens to exist.
const migrations: Array<{ name: string; migration: Migration }> = [
  { name: '0001-foundation', migration: foundation },
  { name: '0002-eservices', migration: eservices },
  { name: '0003-assistance', migration: assistance },
  { name: '0004-billing', migration: billing },
  { name: '0005-catalog', migration: catalog },
  { name: '0006-delegations', migration: delegations },
  { name: '0007-catalog-search', migration: catalogSearch },
  { name: '0008-catalog-search-in-process', migration: catalogSearchInProcess },
  { name: '0009-payments-statement-link', migration: paymentsStatementLink },
  { name: '0010-draft-merge', migration: draftMerge },
  { name: '0011-agency-accounts', migration: agencyAccounts },
  { name: '0012-representation-basis', migration: representationBasis },
  { name: '0013-audit-evidence', migration: auditEvidence },
  { name: '0014-info-answer-once', migration: infoAnswerOnce },
  { name: '0015-browser-sessions', migration: browserSessions },
  { name: '0016-eidas-assertions', migration: eidasAssertions },
  { name: '0017-level-of-assurance', migration: levelOfAssurance },
  { name: '0018-oidc-provider', migration: oidcProvider },
  { name: '0019-representation', migration: representation },
  { name: '0020-oidc-grants-by-account', migration: oidcGrantsByAccount },
  { name: '0021-company-representative-basis', migration: companyRepresentativeBasis },
  { name: '0022-application-register-checks', migration: applicationRegisterChecks },
  { name: '0023-my-cases', migration: myCases },
  { name: '0024-profile', migration: profile },
  { name: '0025-register-data', migration: registerData },
  { name: '0027-data-use', migration: dataUse },
  { name: '0028-timeline', migration: timeline },
  { name: '0029-keyset-lists', migration: keysetLists },
  { name: '0030-ingest-triggers', migration: ingestTriggers },
  { name: '0031-partitioned-register', migration: partitionedRegister },
  { name: '0032-ingest-timeline', migration: ingestTimeline },
  { name: '0033-ingest-audit-chain', migration: ingestAuditChain },
];

export function createMigrator(sequelize: Sequelize) {
  return new Umzug({
    migrations: migrations.map(({ name, migration }) => ({
      name,
      up: () => migration.up(sequelize),
      down: () => migration.down(sequelize),
    })),
    storage: new SequelizeStorage({ sequelize, tableName: 'migrations' }),
    logger: undefined,
  });
}

export async function migrate(db: Database): Promise<string[]> {
  // A session advisory lock on one dedicated connection, so two processes starting at once do not both migrate.
  const lock = await db.pool.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(727001)');
    const done = await createMigrator(db.sequelize).up();
    return done.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(727001)').catch(() => undefined);
    lock.release();
  }
}
