// The stack of the e-service benchmark, built from scratch in this process: a fresh database on the local
// PostgreSQL (migrated, seeded, dropped at the end), the simulators on random ports, an in-memory Temporal dev
// server, the interpreter's worker, the baseline's worker (no-op activities) and the API with Socket.IO.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { io, type Socket } from 'socket.io-client';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../../db/seed/seed';
import { seedEServices } from '../../db/seed/eservices';
import { startSimulators } from '../../simulators';
import { adapterConfigFromEnv, createAdapters } from '../../activities/adapters';
import { createWorker } from '../../activities/worker';
import { loadConfig } from '../../api/config';
import { startApi, type RunningApi } from '../../api/server';
import { ensureTemporalCli } from '../lib/temporal-cli';
import type { BareActivities, BareMark } from './bare-workflow';

export interface StatusEvent { caseId: string; status: string; at: number }

export interface BenchStack {
  db: Database;
  client: Client;
  api: RunningApi;
  interpreterQueue: string;
  bareQueue: string;
  /** Workflow ids whose no-op activity carried the mark, in the order they arrived. */
  bareMarks: Record<BareMark, Set<string>>;
  /** Tokens of citizen personas by persona id (dev-login). */
  tokens: Map<string, string>;
  /** Every `case:status` event received on the citizens' sockets, stamped on arrival (performance.now()). */
  onStatus(listener: (e: StatusEvent) => void): void;
  close(): Promise<void>;
}

const log = (msg: string) => console.error(`[bench] ${msg}`);

export async function startBenchStack(personas: string[]): Promise<BenchStack> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const step of cleanups.reverse()) await step().catch((e: unknown) => console.error('[bench] cleanup failed:', e));
  };
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const run = crypto.randomBytes(4).toString('hex');
    const url = new URL(process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    url.pathname = `/sdp_bench_eservices_${run}`;
    const databaseUrl = url.toString();
    await ensureDatabaseExists(databaseUrl);
    cleanups.push(() => dropDatabase(databaseUrl));
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-bench-eservices-'));
    cleanups.push(async () => fs.rmSync(dataDir, { recursive: true, force: true }));

    // The worker's pool is sized as in activities/worker.ts; the API opens its own (16).
    const db = connectDatabase(databaseUrl, { poolSize: 10 });
    cleanups.push(() => db.close());
    await migrate(db);
    await seedReferenceData(db);
    await seedEServices(db);
    log(`database ${url.pathname.slice(1)} migrated and seeded`);

    const simulators = await startSimulators({ basePort: 0 });
    cleanups.push(() => simulators.close());
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: ensureTemporalCli((m) => log(m)) }, ip: '127.0.0.1', log: { format: 'pretty', level: 'error' } },
    });
    cleanups.push(() => env.teardown());
    log(`Temporal dev server at ${env.address}`);

    const interpreterQueue = `bench-interpreter-${run}`;
    const bareQueue = `bench-bare-${run}`;
    const u = simulators.urls;
    const adapters = createAdapters(adapterConfigFromEnv({
      POPULATION_REGISTER_URL: u.populationRegister, ADDRESS_REGISTER_URL: u.addressRegister,
      ENTERPRISE_REGISTER_URL: u.enterpriseRegister, E_ADDRESS_URL: u.eAddress,
    }));
    const interpreterWorker = await createWorker(env.nativeConnection, { namespace: 'default', taskQueue: interpreterQueue, pool: db.pool, adapters });
    const bareMarks: Record<BareMark, Set<string>> = { ready: new Set(), 'task-open': new Set() };
    const bareActivities: BareActivities = {
      async noop(req) {
        if (req.mark) bareMarks[req.mark].add(req.workflowId);
      },
    };
    const bareWorker = await Worker.create({
      connection: env.nativeConnection, namespace: 'default', taskQueue: bareQueue,
      workflowsPath: require.resolve('./bare-workflow'), activities: bareActivities,
    });
    for (const worker of [interpreterWorker, bareWorker]) {
      const running = worker.run();
      cleanups.push(async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
      });
    }
    log('workers running (interpreter and bare)');

    const config = loadConfig({
      NODE_ENV: 'development', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: env.address,
      TEMPORAL_TASK_QUEUE: interpreterQueue, DATA_DIR: dataDir, LOG_LEVEL: 'silent',
    });
    const api = await startApi(config);
    cleanups.push(() => api.close());

    const tokens = new Map<string, string>();
    const listeners: Array<(e: StatusEvent) => void> = [];
    for (const persona of personas) {
      const res = await fetch(`${api.url}/api/v1/auth/dev-login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona }),
      });
      if (!res.ok) throw new Error(`dev-login ${persona}: HTTP ${res.status}`);
      const token = ((await res.json()) as { token: string }).token;
      tokens.set(persona, token);
      const socket: Socket = io(api.url, { auth: { token }, transports: ['websocket'], reconnection: false });
      cleanups.push(async () => { socket.disconnect(); });
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      socket.on('case:status', (e: { caseId: string; status: string }) => {
        const event = { caseId: e.caseId, status: e.status, at: performance.now() };
        for (const l of listeners) l(event);
      });
    }
    log(`API at ${api.url}, ${personas.length} citizen sockets connected`);

    return {
      db, client: env.client, api, interpreterQueue, bareQueue, bareMarks, tokens,
      onStatus: (listener) => { listeners.push(listener); },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
