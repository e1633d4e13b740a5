// The worker process: runs the workflows and activities of the platform on one task queue.
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel, type WorkerOptions } from '@temporalio/worker';
import pino from 'pino';
import { loadConfig } from '../forms/config';
import { connectDatabase } from '../db/connection';
import { assertLeastPrivilege } from '../db/roles';
import { createActivities, type ActivityDeps } from './index';
import { adapterConfigFromEnv, createAdapters } from './adapters';
import { describeDefaults } from '../forms/environment';
import { openSealStore } from './documents/seal/seal-store';

export async function createWorker(
  connection: NativeConnection,
  opts: { namespace: string; taskQueue: string } & ActivityDeps,
  overrides: Partial<WorkerOptions> = {},
): Promise<Worker> {
  return Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowsPath: require.resolve('../workflows'),
    activities: createActivities(opts),
    ...overrides,
  });
}

async function main() {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, base: { process: 'worker' } });
  const sdkLevel: Record<string, LogLevel> = {
    trace: 'TRACE',
    debug: 'DEBUG',
    info: 'WARN',
    warn: 'WARN',
    error: 'ERROR',
    fatal: 'ERROR',
    silent: 'ERROR',
  };
  // The SDK's own INFO lines (bundle built, state changes) are noise at the platform's info level.
  Runtime.install({ logger: new DefaultLogger(sdkLevel[config.logLevel] ?? 'WARN') });
  // Before anything connects: a configured seal directory with a key that does not match its certificate, or an
  // expired seal, stops the worker here; without one (not production), the demo seal CA is made at first start.
  const seals = openSealStore(config);
  const db = connectDatabase(config.databaseUrl, { poolSize: 10 });
  if (config.env === 'production') await assertLeastPrivilege(db.pool); // the audit log's guarantees need it
  const connection = await NativeConnection.connect({ address: config.temporalAddress });
  const adapters = createAdapters(adapterConfigFromEnv());
  // Links in webhook payloads point where browsers reach the portal: PUBLIC_URL, as the API reads it.
  const worker = await createWorker(connection, {
    namespace: config.temporalNamespace,
    taskQueue: config.taskQueue,
    pool: db.pool,
    adapters,
    seals,
    publicBaseUrl: config.publicUrl,
    webhookAllowPrivateNetworks: config.webhookAllowPrivateNetworks,
  });
  const stop = () => worker.shutdown();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  logger.info({ taskQueue: config.taskQueue, temporal: config.temporalAddress, defaults: describeDefaults(process.env) }, 'worker started');
  await worker.run();
  await connection.close();
  await db.close();
  logger.info('worker stopped');
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
