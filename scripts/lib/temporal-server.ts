// Starting the Temporal dev server for `npm start` (persisted in .data/temporal.db, so workflows survive a restart).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { ensureTemporalCli } from './temporal-cli';

export interface TemporalServer {
  address: string;
  process: ChildProcess | null;
  stop(): Promise<void>;
}

export async function waitForTemporal(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: '2s' });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (e) {
      last = e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`Temporal at ${address} did not answer within ${timeoutMs / 1000} s: ${String(last)}`);
}

export async function startTemporal(dataDir: string, opts: { port?: number; uiPort?: number } = {}): Promise<TemporalServer> {
  if (process.env.TEMPORAL_ADDRESS) {
    await waitForTemporal(process.env.TEMPORAL_ADDRESS, 60_000);
    return { address: process.env.TEMPORAL_ADDRESS, process: null, stop: async () => undefined };
  }
  const cli = ensureTemporalCli();
  const port = opts.port ?? 7233;
  const uiPort = opts.uiPort ?? 8233;
  fs.mkdirSync(dataDir, { recursive: true });
  const log = fs.openSync(path.join(dataDir, 'temporal.log'), 'a');
  const child = spawn(
    cli,
    [
      'server',
      'start-dev',
      '--db-filename',
      path.join(dataDir, 'temporal.db'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--ui-port',
      String(uiPort),
      '--log-level',
      'warn',
    ],
    { stdio: ['ignore', log, log] },
  );
  const address = `127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`Temporal dev server exited with ${code}; see .data/temporal.log`))),
  );
  await Promise.race([waitForTemporal(address, 60_000), exited]);
  exited.catch(() => undefined);
  return {
    address,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}
