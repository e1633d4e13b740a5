// Benchmark of the web UI's first load on a phone network (issue 17, Phones and slow networks): real Chromium
// (/usr/bin/chromium through playwright-core) with DevTools' "Fast 3G" (562.5 ms round trip, 1.44 Mbit/s down,
// 675 kbit/s up) and a 4x slower CPU (CDP Network.emulateNetworkConditions, Emulation.setCPUThrottlingRate), each
// visit with an empty cache. Measured on the first citizen route (by default `/`, which a visitor finds as the
// sign-in page): first contentful paint, the page's heading shown (the route drawn by the app), and the JavaScript
// bytes transferred (compressed, as on the wire). Two builds of the same source, visits interleaved so both see the
// same machine: today's (pages split by route, brotli/gzip copies served by api/platform/web-ui.ts, the static
// shell) and the baseline, the old way (one bundle without the shell, served uncompressed). Prints p50/p95 of
// each and the ratios. Goals: JavaScript ≤ 150 KB, FCP p50 < 2.5 s.
// Self-contained: both builds in temporary folders, a fresh database (dropped at the end), the API in this process
// (no Temporal: the first route never uses it), and one small front server per build that serves the build and
// passes /api on to the API.
//   npm run bench:ui -- [--rounds 5] [--route /] [--ready h1]
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import express from 'express';
import type { CDPSession, Page } from 'playwright-core';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { loadConfig } from '../../forms/config';
import { startApi, type RunningApi } from '../../api/platform/server';
import { mountWebUi } from '../../api/platform/web-ui';
import { seedReferenceData } from '../seed/seed';
import { seedCatalog } from '../seed/catalog';
import { freePort } from '../lib/free-port';
import { launchBrowser } from '../../test/ui/browser';

const ROOT = path.resolve(__dirname, '../..');
const { values: args } = parseArgs({
  options: { rounds: { type: 'string' }, route: { type: 'string' }, ready: { type: 'string' } },
});
const ROUNDS = Number(args.rounds ?? 5);
const ROUTE = args.route ?? '/';
const READY = args.ready ?? 'h1';

/** DevTools' "Fast 3G" preset (the figures Chrome's network panel uses, 10% below the nominal speeds). */
const FAST_3G = {
  offline: false,
  latency: 562.5,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
  connectionType: 'cellular3g' as const,
};
const CPU_SLOWDOWN = 4;
const GOAL_JS_BYTES = 150 * 1024;
const GOAL_FCP_MS = 2500;

type Variant = 'today' | 'baseline';

interface Visit {
  fcpMs: number;
  readyMs: number;
  jsBytes: number;
  jsFiles: number;
}

/** Builds the UI into `outDir` with Vite (SDP_UI_BUILD=baseline for the old way). */
async function build(outDir: string, variant: Variant): Promise<void> {
  const env = { ...process.env, SDP_UI_OUT_DIR: outDir, SDP_UI_BUILD: variant === 'baseline' ? 'baseline' : '' };
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const child = spawn(process.execPath, [vite, 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the ${variant} build failed (exit ${code})`);
}

/** Passes API, socket and operations paths on to the API (as one origin, like the real deployment). */
function toApi(apiPort: number): express.RequestHandler {
  return (req, res, next) => {
    if (!/^\/(api|socket\.io|oidc|healthz|readyz)(\/|$)/.test(req.path)) {
      next();
      return;
    }
    const upstream = http.request(
      { host: '127.0.0.1', port: apiPort, path: req.originalUrl, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', next);
    req.pipe(upstream);
  };
}

const CSP = {
  'script-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'", 'ws:', 'wss:'],
  'upgrade-insecure-requests': null,
};

/** Serves a build: today's with the platform's own UI serving, the baseline as files were served before (plain). */
async function frontServer(dir: string, variant: Variant, apiPort: number): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(toApi(apiPort));
  if (variant === 'today') mountWebUi(app, CSP, dir);
  else {
    app.use('/assets', express.static(path.join(dir, 'assets'), { index: false, immutable: true, maxAge: '365d' }));
    app.get(/^\/.*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(path.join(dir, 'index.html'));
    });
  }
  const port = await freePort();
  const server = app.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One first visit: a new browser context (empty cache), throttled, until the route's heading shows. */
async function visit(newPage: () => Promise<Page>, url: string): Promise<Visit> {
  const page = await newPage();
  try {
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    const scripts = new Set<string>();
    const bytes = new Map<string, number>();
    cdp.on('Network.responseReceived', (e: { requestId: string; type: string }) => {
      if (e.type === 'Script') scripts.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      bytes.set(e.requestId, e.encodedDataLength);
    });
    const started = Date.now();
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    await page.locator(READY).first().waitFor({ timeout: 120_000 });
    const readyMs = Date.now() - started;
    await page.waitForLoadState('networkidle', { timeout: 120_000 });
    const fcpMs = await page.evaluate<number>(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN`);
    const jsBytes = [...scripts].reduce((sum, id) => sum + (bytes.get(id) ?? 0), 0);
    return { fcpMs, readyMs, jsBytes, jsFiles: scripts.size };
  } finally {
    await page.context().close();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (v: number) => `${(v / 1000).toFixed(2)} s`;
const kb = (v: number) => `${(v / 1024).toFixed(1)} KB`;

function line(label: string, visits: Visit[], pick: (v: Visit) => number, unit: (v: number) => string): string {
  const values = visits.map(pick);
  return `  ${label.padEnd(30)} p50 ${unit(percentile(values, 50)).padStart(10)}   p95 ${unit(percentile(values, 95)).padStart(10)}`;
}

async function main(): Promise<void> {
  if (!(Number.isInteger(ROUNDS) && ROUNDS > 0)) throw new Error('usage: --rounds N (> 0) --route /path --ready <css selector>');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-bench-ui-'));
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/sdp_bench_ui_${crypto.randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  let db: Database | null = null;
  let api: RunningApi | null = null;
  const fronts: Array<{ close(): Promise<void> }> = [];
  const browser = await launchBrowser();
  try {
    const dirs: Record<Variant, string> = { today: path.join(work, 'today'), baseline: path.join(work, 'baseline') };
    console.error('building both UIs…');
    await build(dirs.today, 'today');
    await build(dirs.baseline, 'baseline');

    await ensureDatabaseExists(databaseUrl);
    db = connectDatabase(databaseUrl, { poolSize: 8 });
    await migrate(db);
    await seedReferenceData(db);
    await seedCatalog(db);
    const apiPort = await freePort();
    api = await startApi(
      loadConfig({
        NODE_ENV: 'development',
        PORT: String(apiPort),
        HOST: '127.0.0.1',
        PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
        DATABASE_URL: databaseUrl,
        TEMPORAL_ADDRESS: '127.0.0.1:1', // the first route never uses Temporal
        DATA_DIR: path.join(work, 'data'),
        LOG_LEVEL: 'error',
      }),
      { db },
    );
    const today = await frontServer(dirs.today, 'today', apiPort);
    const baseline = await frontServer(dirs.baseline, 'baseline', apiPort);
    fronts.push(today, baseline);

    const newPage = async () => (await browser.newContext({ locale: 'lv-LV', viewport: { width: 375, height: 667 } })).newPage();
    await visit(newPage, `${today.url}${ROUTE}`); // warm-up: the API's first answers and the disk cache of the files
    await visit(newPage, `${baseline.url}${ROUTE}`);
    const results: Record<Variant, Visit[]> = { today: [], baseline: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [variant, front] of [
        ['today', today],
        ['baseline', baseline],
      ] as const) {
        const v = await visit(newPage, `${front.url}${ROUTE}`);
        results[variant].push(v);
        console.error(
          `  round ${round} ${variant.padEnd(8)} FCP ${ms(v.fcpMs)}  heading ${ms(v.readyMs)}  JS ${kb(v.jsBytes)} in ${v.jsFiles} files`,
        );
      }
    }

    console.log(`first load of ${ROUTE} on Fast 3G (562.5 ms RTT, 1.44 Mbit/s) with a ${CPU_SLOWDOWN}x slower CPU, ${ROUNDS} rounds`);
    for (const variant of ['today', 'baseline'] as const) {
      const label = variant === 'today' ? 'today (split by route, brotli, static shell)' : 'baseline (one bundle, uncompressed, no shell)';
      console.log(label);
      console.log(line('first contentful paint', results[variant], (v) => v.fcpMs, ms));
      console.log(line('page heading shown', results[variant], (v) => v.readyMs, ms));
      console.log(line('JavaScript transferred', results[variant], (v) => v.jsBytes, kb));
    }
    const p50 = (variant: Variant, pick: (v: Visit) => number) => percentile(results[variant].map(pick), 50);
    const todayJs = p50('today', (v) => v.jsBytes);
    const todayFcp = p50('today', (v) => v.fcpMs);
    console.log(
      `goals: JavaScript ≤ ${kb(GOAL_JS_BYTES)}: ${todayJs <= GOAL_JS_BYTES ? 'met' : 'NOT met'} (${kb(todayJs)}); ` +
        `FCP < ${ms(GOAL_FCP_MS)}: ${todayFcp < GOAL_FCP_MS ? 'met' : 'NOT met'} (p50 ${ms(todayFcp)})`,
    );
    console.log(
      `ratio today / baseline (p50): FCP ${(todayFcp / p50('baseline', (v) => v.fcpMs)).toFixed(2)}x, ` +
        `heading ${(p50('today', (v) => v.readyMs) / p50('baseline', (v) => v.readyMs)).toFixed(2)}x, ` +
        `JavaScript ${(todayJs / p50('baseline', (v) => v.jsBytes)).toFixed(2)}x`,
    );
  } finally {
    for (const front of fronts) await front.close();
    await browser.close();
    await api?.close();
    await db?.close().catch(() => undefined);
    await dropDatabase(databaseUrl).catch((e: unknown) => console.error('could not drop', databaseUrl, e));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
