// The stack of the e-service benchmark, built from scratch: a fresh database on the local PostgreSQL (migrated,
// seeded, dropped at the end), the simulators on random ports (in this process, as `npm start` runs them), an
// in-memory Temporal dev server, and as in `npm start` separate processes for the interpreter's worker
// (activities/worker.ts), the baseline's worker (bare-worker.ts) and the API with Socket.IO (api/platform/server.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { spawn, type ChildProcess } from 'node:child_process';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { io, type Socket } from 'socket.io-client';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { seedReferenceData } from '../seed/seed';
import { seedEServices } from '../seed/eservices';
import { startSimulators } from '../../simulators';
import { ensureTemporalCli } from '../lib/temporal-cli';
import type { BareMark } from './bare-workflow';
import type { CaseStatusEvent } from '../../forms/types/api';

const ROOT = path.resolve(__dirname, '../..');

/** A `case:status` event (forms/api/case-status-event.schema.json) as the bench keeps it: stamped on arrival. */
export type StatusEvent = Pick<CaseStatusEvent, 'caseId' | 'status'> & { /** performance.now() on arrival */ at: number };

export interface BenchStack {
  db: Database;
  client: Client;
  interpreterQueue: string;
  bareQueue: string;
  /** Workflow ids whose no-op activity carried the mark (reported by the bare worker). */
  bareMarks: Record<BareMark, Set<string>>;
  /** CPU time (ms) used so far by each part of the stack, read from /proc ("postgres:<pid>" per backend; "machine": all processes). */
  cpu(): Promise<Record<string, number>>;
  /** Every `case:status` event received on the citizens' sockets, stamped on arrival (performance.now()). */
  onStatus(listener: (e: StatusEvent) => void): void;
  close(): Promise<void>;
}

const log = (msg: string) => console.error(`[bench] ${msg}`);

/** user + system CPU ms of a process (Linux /proc; 0 when it is gone or unreadable). */
function procCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Busy CPU ms of the whole machine, all CPUs (/proc/stat: everything but idle and iowait). */
function machineBusyMs(): number {
  const ticks = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return ((ticks.reduce((a, t) => a + t, 0) - ticks[3] - ticks[4]) * 1000) / 100;
}

function pidOfTemporal(port: string): number | undefined {
  for (const dir of fs.readdirSync('/proc').filter((d) => /^[0-9]+$/.test(d))) {
    try {
      const cmd = fs.readFileSync(`/proc/${dir}/cmdline`, 'utf8').split('\0');
      if (cmd.includes('start-dev') && cmd[cmd.indexOf('--port') + 1] === port) return Number(dir);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** A Node child running a TypeScript entry; its output goes to our stderr; `ready` resolves on the first line that matches. */
function startChild(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp | 'ipc',
): { child: ChildProcess; ready: Promise<void> } {
  // e.g. BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the interpreter's worker.
  const nodeArgs = (process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}_NODE_ARGS`] ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`))));
  exited.catch(() => undefined);
  process.once('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  }); // never leave one behind
  const lines = readline.createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const seen = new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      if (ready !== 'ipc' && ready.test(line)) resolve();
      if (!/"level":30/.test(line)) console.error(`[${name}] ${line}`); // info lines are noise
    });
    if (ready === 'ipc')
      child.on('message', (m: { ready?: boolean }) => {
        if (m.ready) resolve();
      });
  });
  return { child, ready: Promise.race([seen, exited]) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startBenchStack(personas: string[]): Promise<BenchStack> {
  const cleanups: Array<() => Promise<unknown>> = [];
  let closing: Promise<void> | null = null;
  // Once, in reverse order of starting, however often it is called (SIGINT and a failing run may both ask).
  const close = () =>
    (closing ??= (async () => {
      // Result long-polls still open after a failed run retry on a closed channel: expected while tearing down.
      process.on('uncaughtException', (e) => {
        if (!/Channel has been shut down/.test(e.message)) {
          console.error(e);
          process.exitCode = 1;
        }
      });
      for (const step of [...cleanups].reverse()) await step().catch((e: unknown) => console.error('[bench] cleanup failed:', e));
    })());
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

    const db = connectDatabase(databaseUrl, { poolSize: 4 }); // the bench's own reads (drafts, the officer's inbox)
    cleanups.push(() => db.close());
    await migrate(db);
    await seedReferenceData(db);
    await seedEServices(db);
    log(`database ${url.pathname.slice(1)} migrated and seeded`);

    const simulators = await startSimulators({ basePort: 0 });
    cleanups.push(() => simulators.close());
    const env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: ensureTemporalCli((m) => log(m)) },
        ip: '127.0.0.1',
        log: { format: 'pretty', level: 'error' },
      },
    });
    cleanups.push(() => env.teardown());
    log(`Temporal dev server at ${env.address}`);

    const interpreterQueue = `bench-interpreter-${run}`;
    const bareQueue = `bench-bare-${run}`;
    const apiPort = await freePort();
    const u = simulators.urls;
    const common = {
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: env.address,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: interpreterQueue,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      POPULATION_REGISTER_URL: u.populationRegister,
      ADDRESS_REGISTER_URL: u.addressRegister,
      ENTERPRISE_REGISTER_URL: u.enterpriseRegister,
      E_ADDRESS_URL: u.eAddress,
    };
    const interpreterWorker = startChild('worker', 'activities/worker.ts', common, /worker started/);
    cleanups.push(() => stopChild(interpreterWorker.child));
    const bareWorker = startChild('bare-worker', 'scripts/bench/bare-worker.ts', { ...common, TEMPORAL_TASK_QUEUE: bareQueue }, 'ipc');
    cleanups.push(() => stopChild(bareWorker.child));
    const bareMarks: Record<BareMark, Set<string>> = { ready: new Set(), 'task-open': new Set() };
    bareWorker.child.on('message', (m: { mark?: BareMark; workflowId?: string }) => {
      if (m.mark && m.workflowId) bareMarks[m.mark].add(m.workflowId);
    });
    const api = startChild('api', 'api/platform/server.ts', { ...common, PORT: String(apiPort), HOST: '127.0.0.1' }, /API listening/);
    cleanups.push(() => stopChild(api.child));
    await Promise.all([interpreterWorker.ready, bareWorker.ready, api.ready]);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    log(`workers (interpreter, bare) and API (${apiUrl}) running in their own processes`);

    const listeners: Array<(e: StatusEvent) => void> = [];
    for (const persona of personas) {
      const res = await fetch(`${apiUrl}/api/v1/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      if (!res.ok) throw new Error(`dev-login ${persona}: HTTP ${res.status}`);
      const token = ((await res.json()) as { token: string }).token;
      const socket: Socket = io(apiUrl, { auth: { token }, transports: ['websocket'], reconnection: false });
      cleanups.push(async () => {
        socket.disconnect();
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      socket.on('case:status', (e: CaseStatusEvent) => {
        const event = { caseId: e.caseId, status: e.status, at: performance.now() };
        for (const l of listeners) l(event);
      });
    }
    log(`${personas.length} citizen sockets connected`);

    const temporalPid = pidOfTemporal(env.address.split(':')[1]);
    const cpu = async () => {
      const { rows } = await db.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()');
      const self = process.cpuUsage();
      const result: Record<string, number> = {
        'bench+simulators': (self.user + self.system) / 1000,
        worker: procCpuMs(interpreterWorker.child.pid),
        'bare-worker': procCpuMs(bareWorker.child.pid),
        api: procCpuMs(api.child.pid),
        temporal: procCpuMs(temporalPid),
      };
      for (const r of rows) result[`postgres:${r.pid}`] = procCpuMs(r.pid); // one backend per connection
      result.machine = machineBusyMs();
      return result;
    };
    return {
      db,
      client: env.client,
      interpreterQueue,
      bareQueue,
      bareMarks,
      cpu,
      onStatus: (listener) => {
        listeners.push(listener);
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
