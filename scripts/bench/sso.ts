// Benchmark of the hand-off to an external portal (issue 16, Numbers): a citizen signed in to the platform follows the
// link to the demo portal's e-service and arrives signed in, with no credential prompt. Measured from the click (the
// GET of the portal's e-service URL) to the portal's signed-in page, following every redirect over HTTP with a
// cookie-keeping client (portal → /login → the provider's silent request → login_required → the normal request →
// the interaction finished from the platform session → the code → the portal's code exchange and session → the
// page). Beside it, in the same run, a plain redirect: a link that answers 303 to the portal's front page, followed.
// Each round is a new browser with a new platform session (signed in before the timing starts). Self-contained: a
// fresh database (dropped at the end), the API and the portal in this process. Goal: hand-off p95 under 300 ms.
//   npm run bench:sso -- [--rounds 200] [--warmup 10]
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { migrate } from '../../db/migrate';
import { loadConfig } from '../../forms/config';
import { startApi, type RunningApi } from '../../api/platform/server';
import { externalPortalClient, startExternalPortalSimulator } from '../../simulators/external-portal/server';
import type { RunningSimulator } from '../../simulators/app';
import { freePort } from '../lib/free-port';

const { values: args } = parseArgs({ options: { rounds: { type: 'string' }, warmup: { type: 'string' } } });
const ROUNDS = Number(args.rounds ?? 200);
const WARMUP = Number(args.warmup ?? 10);

/** A browser over HTTP: cookies per host:port, redirects followed by hand (fetch's own would drop the cookies). */
class CookieClient {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string, init: { method?: string; json?: unknown } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.jars.get(target.host) ?? new Map<string, string>();
    this.jars.set(target.host, jar);
    const headers: Record<string, string> = {};
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const body = init.json === undefined ? undefined : JSON.stringify(init.json);
    const res = await fetch(target, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || attributes.some((a) => /expires=thu, 01 jan 1970/i.test(a))) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }

  /** Follows redirects to the page that answers; its URL, status and body. */
  async follow(url: string): Promise<{ url: string; status: number; text: string; hops: number }> {
    let current = url;
    for (let hops = 0; hops < 15; hops++) {
      const res = await this.get(current);
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, status: res.status, text: await res.text(), hops };
      await res.arrayBuffer();
      current = new URL(location, current).toString();
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
};
const fmt = (s: { p50: number; p95: number; max: number }) =>
  `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;

/** A link on the platform's side that only redirects to the portal's front page: the baseline. */
async function plainRedirectServer(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(303, { location: target }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/go`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function handOff(api: RunningApi, portal: RunningSimulator): Promise<number> {
  const browser = new CookieClient();
  const signIn = await browser.get(`${api.url}/api/v1/auth/dev-session`, { method: 'POST', json: { persona: 'citizen-anna' } });
  if (signIn.status !== 200) throw new Error(`dev session: ${signIn.status}`);
  await signIn.arrayBuffer();
  const started = performance.now();
  const page = await browser.follow(`${portal.url}/building-permit`);
  const elapsed = performance.now() - started;
  if (page.status !== 200 || !page.url.endsWith('/building-permit') || !page.text.includes('portal-user')) {
    throw new Error(`the hand-off did not arrive signed in: ${page.status} ${page.url}`);
  }
  return elapsed;
}

async function plain(redirect: string): Promise<number> {
  const browser = new CookieClient();
  const started = performance.now();
  const page = await browser.follow(redirect);
  const elapsed = performance.now() - started;
  if (page.status !== 200) throw new Error(`plain redirect: ${page.status}`);
  return elapsed;
}

async function main(): Promise<void> {
  if (!(Number.isInteger(ROUNDS) && ROUNDS > 0 && Number.isInteger(WARMUP) && WARMUP >= 0))
    throw new Error('usage: --rounds N (> 0) --warmup W (>= 0)');
  const url = new URL(process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/sdp_bench_sso_${crypto.randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-bench-sso-'));
  let db: Database | null = null;
  let api: RunningApi | null = null;
  let portal: RunningSimulator | null = null;
  let redirect: { url: string; close(): Promise<void> } | null = null;
  try {
    await ensureDatabaseExists(databaseUrl);
    db = connectDatabase(databaseUrl, { poolSize: 16 });
    await migrate(db);
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const secret = crypto.randomBytes(32).toString('base64url');
    portal = await startExternalPortalSimulator({ issuer: `${apiUrl}/oidc`, clientSecret: secret });
    const env = {
      NODE_ENV: 'development',
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      PUBLIC_URL: apiUrl,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: '127.0.0.1:1', // the hand-off never uses Temporal
      DATA_DIR: dataDir,
      LOG_LEVEL: 'error', // Temporal is deliberately absent: its start-up warnings are not news here
      RATE_LIMIT_SIGN_IN: '0', // every round signs in anew
      OIDC_CLIENTS: JSON.stringify([externalPortalClient(portal.url, secret)]),
    };
    api = await startApi(loadConfig(env), { db });
    redirect = await plainRedirectServer(`${portal.url}/`);

    for (let i = 0; i < WARMUP; i++) {
      await handOff(api, portal);
      await plain(redirect.url);
    }
    const sso: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      sso.push(await handOff(api, portal)); // interleaved: both see the same machine load
      baseline.push(await plain(redirect.url));
    }
    const s = summary(sso);
    const b = summary(baseline);
    console.log(`rounds: ${ROUNDS} (after ${WARMUP} warm-up)`);
    console.log(
      `hand-off to the portal, signed in (no credential prompt): ${fmt(s)}  [goal p95 < 300 ms: ${s.p95 < 300 ? 'met' : 'NOT met'}]`,
    );
    console.log(`plain redirect to the portal: ${fmt(b)}`);
    console.log(`ratio hand-off / plain redirect: p50 ${(s.p50 / b.p50).toFixed(1)}x, p95 ${(s.p95 / b.p95).toFixed(1)}x`);
  } finally {
    await redirect?.close();
    await api?.close();
    await portal?.close();
    await db?.close().catch(() => undefined);
    await dropDatabase(databaseUrl).catch((e: unknown) => console.error('could not drop', databaseUrl, e));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
