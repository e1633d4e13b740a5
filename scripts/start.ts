// `npm start`: the whole platform on one machine. PostgreSQL (resolved), Temporal (dev server unless
// TEMPORAL_ADDRESS), migrations and demo data, then the worker and API processes, restarted if they crash.
// Ctrl-C stops everything it started.
import crypto from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { resolveDatabase } from './lib/database';
import { startTemporal } from './lib/temporal-server';
import { connectDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { seedReferenceData, seedDemoCases, seedCompanyDemo } from './seed/seed';
import { seedEServices } from './seed/eservices';
import { seedCatalog } from './seed/catalog';
import { DEFAULT_BASE_PORT, startSimulators } from '../simulators';
import { externalPortalClient } from '../simulators/external-portal/server';
import { registerPushClients } from '../simulators/access-log/clients';
import { demoAppClient } from './seed/demo-app';
import { ensureUiBuilt } from './lib/build-ui';
import { assertProductionSecrets, describeDefaults } from '../forms/environment';

const ROOT = path.resolve(__dirname, '..');
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'));

// What this launcher itself falls back to (the API and the worker print their own defaults as they start).
const LAUNCHER_SETTINGS = [
  'PORT',
  'DATA_DIR',
  'LOCAL_POSTGRES_URL',
  'EMBEDDED_POSTGRES_PORT',
  'TEMPORAL_ADDRESS',
  'TEMPORAL_PORT',
  'TEMPORAL_UI_PORT',
  'SIMULATORS',
  'SIMULATORS_BASE_PORT',
  'SIMULATORS_HOST',
];

/** A port from the environment (PORT-like variables of the inventory), else its default. */
function portFrom(variable: string, fallback: number): number {
  const raw = process.env[variable];
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${variable}=${raw} is not a port number`);
  return port;
}

async function main() {
  // Before anything starts: production refuses development secrets, naming the variable.
  assertProductionSecrets(process.env);
  // Say which defaults apply, so a second stack on one machine cannot silently attach to the first one's ports.
  console.log(`Defaults in use: ${describeDefaults(process.env, LAUNCHER_SETTINGS)}`);
  ensureUiBuilt();
  const database = await resolveDatabase(dataDir);
  const hide = (url: string) => url.replace(/:[^:@/]+@/, ':***@');
  console.log(`PostgreSQL: ${database.source} (migrations as ${hide(database.url)}; API and worker as ${hide(database.appUrl)})`);
  const db = connectDatabase(database.url, { poolSize: 4 });
  const applied = await migrate(db);
  if (applied.length) console.log(`Migrations applied: ${applied.join(', ')}`);
  await seedReferenceData(db);
  await seedDemoCases(db);
  await seedCompanyDemo(db);
  await seedEServices(db);
  await seedCatalog(db);
  await db.close();

  // Stand-ins for the state registers and the e-address; real endpoints replace them through <ROLE>_URL.
  // The national sign-in simulator knows the platform as a client whose secret is made now (never committed) and whose
  // redirect URI is the API's callback as browsers reach it.
  const publicUrl = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const nationalAuthSecret = crypto.randomBytes(32).toString('base64url');
  // The demo external portal signs citizens in through the platform's OpenID Provider, with a secret made now.
  const externalPortalSecret = crypto.randomBytes(32).toString('base64url');
  // The population and enterprise registers push their access logs to the platform as agency systems (keys made now).
  const pushClients = await registerPushClients();
  const simulators =
    process.env.SIMULATORS === 'off'
      ? null
      : await startSimulators({
          basePort: portFrom('SIMULATORS_BASE_PORT', DEFAULT_BASE_PORT),
          host: process.env.SIMULATORS_HOST,
          nationalAuthClients: [
            {
              client_id: process.env.NATIONAL_AUTH_CLIENT_ID || 'platform',
              client_secret: nationalAuthSecret,
              redirect_uris: [new URL('/api/v1/auth/national/callback', publicUrl).href],
              post_logout_redirect_uris: [new URL('/', publicUrl).href],
            },
          ],
          // The eIDAS node serves the platform as service provider (its entityID and ACS URL as browsers reach it).
          eidasServiceProviders: [
            {
              entityId: process.env.EIDAS_SP_ENTITY_ID || new URL('/api/v1/auth/eidas/metadata', publicUrl).href,
              assertionConsumerServiceUrls: [new URL('/api/v1/auth/eidas/acs', publicUrl).href],
            },
          ],
          externalPortal: { issuer: `${publicUrl.replace(/\/+$/, '')}/oidc`, clientSecret: externalPortalSecret },
          accessLogPush: {
            issuer: `${publicUrl.replace(/\/+$/, '')}/oidc`,
            apiUrl: publicUrl,
            populationRegister: pushClients.populationRegister,
            enterpriseRegister: pushClients.enterpriseRegister,
          },
        });
  if (simulators) console.log(`Simulators: ${Object.values(simulators.urls).join(', ')}`);

  const uiPort = portFrom('TEMPORAL_UI_PORT', 8233);
  const temporal = await startTemporal(dataDir, { port: portFrom('TEMPORAL_PORT', 7233), uiPort });
  console.log(`Temporal: ${temporal.address}${temporal.process ? ` (dev server, UI http://localhost:${uiPort})` : ''}`);

  // The worker and the API reach the simulators this launcher started (unless a variable points elsewhere).
  const simulatorEnv = simulators
    ? {
        POPULATION_REGISTER_URL: simulators.urls.populationRegister,
        ADDRESS_REGISTER_URL: simulators.urls.addressRegister,
        ENTERPRISE_REGISTER_URL: simulators.urls.enterpriseRegister,
        E_ADDRESS_URL: simulators.urls.eAddress,
        PAYMENT_INITIATION_URL: simulators.urls.paymentInitiation,
        VEHICLE_REGISTER_URL: simulators.urls.vehicleRegister,
        LAND_REGISTER_URL: simulators.urls.landRegister,
        SMTP_HOST: new URL(simulators.urls.smtpServer).hostname,
        SMTP_PORT: new URL(simulators.urls.smtpServer).port,
        SMPP_HOST: new URL(simulators.urls.smppServer).hostname,
        SMPP_PORT: new URL(simulators.urls.smppServer).port,
        NATIONAL_AUTH_ISSUER: simulators.urls.nationalAuth,
        NATIONAL_AUTH_CLIENT_SECRET: nationalAuthSecret,
        EIDAS_NODE_METADATA_URL: `${simulators.urls.eidasNode}/metadata`,
        OIDC_CLIENTS: JSON.stringify([
          externalPortalClient(simulators.urls.externalPortal, externalPortalSecret),
          demoAppClient(),
          pushClients.populationRegister.registration,
          pushClients.enterpriseRegister.registration,
        ]),
      }
    : {};
  const env = { ...simulatorEnv, ...process.env, DATABASE_URL: database.appUrl, TEMPORAL_ADDRESS: temporal.address, DATA_DIR: dataDir };
  let stopping = false;
  const children = new Map<string, ChildProcess>();
  const run = (name: string, script: string) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], { env, stdio: 'inherit' });
    children.set(name, child);
    child.once('exit', (code, signal) => {
      children.delete(name);
      if (stopping) return;
      console.error(`${name} exited (${signal ?? code}); restarting in 1 s`);
      setTimeout(() => {
        if (!stopping) run(name, script);
      }, 1000);
    });
  };
  run('worker', 'activities/worker.ts');
  run('api', 'api/platform/server.ts');
  console.log(`Platform starting at http://localhost:${process.env.PORT ?? 3000} (API docs at /api/docs)`);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping ...');
    await Promise.all(
      [...children.values()].map(
        (c) =>
          new Promise((r) => {
            c.once('exit', r);
            c.kill('SIGTERM');
          }),
      ),
    );
    await temporal.stop();
    await simulators?.close();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
