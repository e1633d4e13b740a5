// The API process: REST API, Socket.IO and (later) the built UI on one port.
import http from 'node:http';
import pino from 'pino';
import { createClient, type RedisClientType } from 'redis';
import { loadConfig, type PlatformConfig } from '../../forms/config';
import { connectDatabase, type Database } from '../../db/connection';
import { assertLeastPrivilege } from '../../db/roles';
import { loadOrCreateKeys } from './auth/keys';
import { verifyToken } from './auth/tokens';
import { withSystemTokens } from './auth/provider/system-tokens';
import { createApp } from './app';
import { attachRealtime, type Realtime } from './realtime';
import { onSessionsEnded, sessionFromRequest, sweepExpiredSessionsEvery } from './auth/session/browser-session';
import { lazyTemporalClient } from './temporal';
import { ensureCatalogSchedulesInBackground } from '../catalog/schedules';
import { ensureCasePartitionScheduleInBackground } from '../cases/schedules';
import type { AppDeps } from './deps';
import { apiAdapterConfig, createApiAdapters, type ApiAdapters } from './adapters';
import { useEnterpriseRegister } from './auth/company-representation';
import { describeDefaults } from '../../forms/environment';

export interface RunningApi {
  url: string;
  server: http.Server;
  deps: AppDeps;
  realtime: Realtime;
  close(): Promise<void>;
}

export async function startApi(
  config: PlatformConfig,
  opts: {
    db?: Database;
    /** Adapters to use instead of building them from the configuration (tests: fakes, this run's simulators). */
    adapters?: Partial<ApiAdapters>;
  } = {},
): Promise<RunningApi> {
  const logger = pino({ level: config.logLevel, base: { process: 'api' } });
  const db = opts.db ?? connectDatabase(config.databaseUrl, { poolSize: 16 });
  if (config.env === 'production') await assertLeastPrivilege(db.pool); // the audit log's guarantees need it
  const keys = await loadOrCreateKeys(config.dataDir);
  const temporal = lazyTemporalClient(config);
  const adapters = createApiAdapters(apiAdapterConfig(config), opts.adapters);
  const deps: AppDeps = {
    config,
    db,
    keys,
    logger,
    temporal: () => temporal.get(),
    // The platform's own tokens, and agency systems' access tokens from its OpenID Provider (client credentials).
    verify: withSystemTokens({ config }, (token) => verifyToken(keys, token)),
    assist: { grantChanged: async () => undefined, flush: async () => undefined, leftDraft: async () => undefined },
    adapters,
  };
  const unbindEnterpriseRegister = useEnterpriseRegister(db.pool, adapters.enterpriseRegister);
  if (config.redisUrl) {
    const redis: RedisClientType = createClient({ url: config.redisUrl });
    redis.on('error', (err: unknown) => logger.warn({ err }, 'redis (rate limits)'));
    await redis.connect();
    deps.rateLimitRedis = redis;
  }
  const app = createApp(deps);
  const server = http.createServer(app);
  server.requestTimeout = 0; // large imports stream for minutes; the header timeout still guards slow clients
  const realtime = await attachRealtime(server, {
    pool: db.pool,
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    logger,
    verify: deps.verify,
    session: (headers, touch) => sessionFromRequest(deps, { headers }, { touch }),
    publicUrl: config.publicUrl,
    allowedOrigins: config.allowedOrigins,
  });
  deps.assist = {
    grantChanged: (g) => realtime.grantChanged(g),
    flush: (caseId) => realtime.flush(caseId),
    leftDraft: (caseId, status) => realtime.leftDraft(caseId, status),
  };
  onSessionsEnded(deps, (ids) => realtime.sessionsEnded(ids));
  const sessionSweeper = sweepExpiredSessionsEvery(deps);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, defaults: describeDefaults(process.env) }, 'API listening');
  const schedules = ensureCatalogSchedulesInBackground(deps.temporal, config.taskQueue, logger);
  const partitionSchedule = ensureCasePartitionScheduleInBackground(deps.temporal, config.taskQueue, logger);
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    deps,
    realtime,
    async close() {
      schedules.stop();
      partitionSchedule.stop();
      sessionSweeper.stop();
      await realtime.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await temporal.close();
      if (deps.rateLimitRedis) await deps.rateLimitRedis.quit().catch(() => undefined);
      unbindEnterpriseRegister();
      if (!opts.db) await db.close();
    },
  };
}

if (require.main === module) {
  const config = loadConfig();
  startApi(config).then(
    (api) => {
      const stop = () => {
        void api.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
