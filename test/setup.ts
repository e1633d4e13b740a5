// Root hooks for the whole mocha run: one fresh PostgreSQL database (dropped after), one real Temporal dev server
// (the CLI binary, never a download), a worker and the API on a random port. Tests reach them through `stack`.
// As in production, the API and the worker connect as the application role (sdp_app, see db/roles.ts); `stack.db`
// is the owner's connection, for tests that set up or inspect data behind the API's back.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import { connectDatabase, ensureDatabaseExists, dropDatabase, type Database } from '../db/connection';
import { migrate } from '../db/migrate';
import { ensureAppLogin } from '../db/roles';
import { seedReferenceData } from '../scripts/seed/seed';
import { loadConfig, type PlatformConfig } from '../forms/config';
import { startApi, type RunningApi } from '../api/platform/server';
import { createWorker } from '../activities/worker';
import { openSealStore, type SealStore } from '../activities/documents/seal/seal-store';
import { ensureTemporalCli } from '../scripts/lib/temporal-cli';
import { seedEServices } from '../scripts/seed/eservices';
import { seedCatalog } from '../scripts/seed/catalog';
import { startSimulators, type RunningSimulators } from '../simulators';
import { externalPortalClient } from '../simulators/external-portal/server';
import { registerPushClients } from '../simulators/access-log/clients';
import { demoAppClient } from '../scripts/seed/demo-app';
import { adapterConfigFromEnv, createAdapters, type Adapters } from '../activities/adapters';
import { ensureUiBuilt } from '../scripts/lib/build-ui';
import { freePort } from '../scripts/lib/free-port';
import { workerCoverageOptions } from './helpers/workflow-coverage';

export interface TestStack {
  /** The owner's URL (migrations, test set-up). */
  databaseUrl: string;
  db: Database;
  /** The application role's URL and pool: what the API and the worker use. */
  appDatabaseUrl: string;
  appDb: Database;
  temporal: TestWorkflowEnvironment;
  worker: Worker;
  api: RunningApi;
  config: PlatformConfig;
  dataDir: string;
  taskQueue: string;
  simulators: RunningSimulators;
  adapters: Adapters;
  /** The agencies' seals: the demo seal CA under dataDir, as a first start makes it. */
  seals: SealStore;
  /** Environment for child processes (workers) that must reach the same stack. */
  childEnv: NodeJS.ProcessEnv;
}

export const stack = {} as TestStack;
let workerRun: Promise<void> | undefined;

function baseDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

before(async function () {
  this.timeout(180_000);
  Runtime.install({ logger: new DefaultLogger('ERROR') }); // activity retries are expected in fault tests
  const url = new URL(baseDatabaseUrl());
  url.pathname = `/sdp_test_${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
  stack.databaseUrl = url.toString();
  await ensureDatabaseExists(stack.databaseUrl);
  stack.db = connectDatabase(stack.databaseUrl, { poolSize: 8 }); // test set-up; the worker has its own pool below
  await migrate(stack.db);
  await seedReferenceData(stack.db);
  await seedEServices(stack.db);
  await seedCatalog(stack.db);
  stack.appDatabaseUrl = await ensureAppLogin(stack.databaseUrl, process.env.TEST_APP_DATABASE_PASSWORD ?? 'sdp-app-test');
  stack.appDb = connectDatabase(stack.appDatabaseUrl, { poolSize: 10 });
  // The national sign-in simulator registers the platform with the API's real callback URL and a secret made now.
  const apiPort = await freePort();
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  const nationalAuthSecret = crypto.randomBytes(32).toString('base64url');
  // The demo external portal is a client of the platform's OpenID Provider, with a secret made now.
  const externalPortalSecret = crypto.randomBytes(32).toString('base64url');
  // The population and enterprise registers push their access logs as agency systems, with keys made now.
  const pushClients = await registerPushClients();
  stack.simulators = await startSimulators({
    basePort: 0,
    externalPortal: { issuer: `${apiUrl}/oidc`, clientSecret: externalPortalSecret },
    accessLogPush: {
      issuer: `${apiUrl}/oidc`,
      apiUrl,
      intervalMs: 1000,
      populationRegister: pushClients.populationRegister,
      enterpriseRegister: pushClients.enterpriseRegister,
    },
    nationalAuthClients: [
      {
        client_id: 'platform',
        client_secret: nationalAuthSecret,
        redirect_uris: [`${apiUrl}/api/v1/auth/national/callback`],
        post_logout_redirect_uris: [`${apiUrl}/`],
      },
    ],
    // The eIDAS node serves the platform only (its SP entityID and ACS URL); any other SP is refused.
    eidasServiceProviders: [
      { entityId: `${apiUrl}/api/v1/auth/eidas/metadata`, assertionConsumerServiceUrls: [`${apiUrl}/api/v1/auth/eidas/acs`] },
    ],
  });
  const urls = stack.simulators.urls;

  stack.temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: ensureTemporalCli() },
      ip: '127.0.0.1',
      log: { format: 'pretty', level: 'error' },
    },
  });
  stack.taskQueue = `test-${crypto.randomBytes(4).toString('hex')}`;
  stack.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-test-'));
  stack.config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0', // the stack's API listens on apiPort (below); other APIs started from this config take any free port
    HOST: '127.0.0.1',
    PUBLIC_URL: apiUrl,
    NATIONAL_AUTH_ISSUER: urls.nationalAuth,
    NATIONAL_AUTH_CLIENT_SECRET: nationalAuthSecret,
    EIDAS_NODE_METADATA_URL: `${urls.eidasNode}/metadata`,
    OIDC_CLIENTS: JSON.stringify([
      externalPortalClient(urls.externalPortal, externalPortalSecret),
      demoAppClient(),
      pushClients.populationRegister.registration,
      pushClients.enterpriseRegister.registration,
    ]),
    DATABASE_URL: stack.appDatabaseUrl,
    TEMPORAL_ADDRESS: stack.temporal.address,
    TEMPORAL_TASK_QUEUE: stack.taskQueue,
    DATA_DIR: stack.dataDir,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'loopback', // the tests' webhook receivers listen on 127.0.0.1
    // Every test user signs in from 127.0.0.1: hundreds of sign-ins a minute from one address. The limit itself is
    // proven by test/api/platform/rate-limits.test.ts on nodes of its own with low limits.
    RATE_LIMIT_SIGN_IN: '1000',
    SMTP_PORT: new URL(urls.smtpServer).port,
    SMPP_PORT: new URL(urls.smppServer).port,
  });
  stack.childEnv = {
    ...process.env,
    DATABASE_URL: stack.appDatabaseUrl,
    TEMPORAL_ADDRESS: stack.temporal.address,
    LOG_LEVEL: 'warn',
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'loopback',
    POPULATION_REGISTER_URL: urls.populationRegister,
    ADDRESS_REGISTER_URL: urls.addressRegister,
    ENTERPRISE_REGISTER_URL: urls.enterpriseRegister,
    E_ADDRESS_URL: urls.eAddress,
    PAYMENT_INITIATION_URL: urls.paymentInitiation,
    VEHICLE_REGISTER_URL: urls.vehicleRegister,
    LAND_REGISTER_URL: urls.landRegister,
    SMTP_PORT: new URL(urls.smtpServer).port,
    SMPP_PORT: new URL(urls.smppServer).port,
  };
  stack.adapters = createAdapters(adapterConfigFromEnv(stack.childEnv));
  stack.seals = openSealStore(stack.config);
  stack.worker = await createWorker(
    stack.temporal.nativeConnection,
    {
      namespace: 'default',
      taskQueue: stack.taskQueue,
      pool: stack.appDb.pool,
      adapters: stack.adapters,
      seals: stack.seals,
      webhookAllowPrivateNetworks: stack.config.webhookAllowPrivateNetworks,
    },
    workerCoverageOptions(),
  );
  workerRun = stack.worker.run();
  ensureUiBuilt(); // the API serves ui/dist when it exists; the journey tests need it
  stack.api = await startApi(
    { ...stack.config, port: apiPort },
    // The API calls the same simulators as the worker, through adapters made once from this run's environment.
    { adapters: stack.adapters },
  );
});

after(async function () {
  this.timeout(60_000);
  await stack.api?.close();
  if (workerRun) {
    stack.worker.shutdown();
    await workerRun;
  }
  await stack.temporal?.teardown();
  await stack.simulators?.close();
  await stack.appDb?.close();
  await stack.db?.close();
  if (stack.databaseUrl) await dropDatabase(stack.databaseUrl);
  if (stack.dataDir) fs.rmSync(stack.dataDir, { recursive: true, force: true });
});
