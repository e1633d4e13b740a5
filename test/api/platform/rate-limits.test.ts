// Rate limits on sign-in, co-browse join codes, online payment starts, address suggestions and the public search: over
// the limit a client gets 429 rate_limited in the error shape with Retry-After; with REDIS_URL the count is shared by
// every API node.
// Each test starts its own API nodes (startApi) with low limits from the environment, on the test stack's database.
import crypto from 'node:crypto';
import { expect } from 'chai';
import { createClient } from 'redis';
import { stack } from '../../setup';
import { tokenFor } from '../../helpers/http';
import { loadConfig } from '../../../forms/config';
import { startApi, type RunningApi } from '../../../api/platform/server';
import { deploymentKeyPrefix } from '../../../api/platform/rate-limits';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function nodeWith(env: Record<string, string>): Promise<RunningApi> {
  return startApi(
    loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: stack.appDatabaseUrl,
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      DATA_DIR: stack.dataDir,
      LOG_LEVEL: 'silent',
      ...env,
    }),
    { db: stack.appDb, adapters: stack.adapters },
  );
}

async function send(
  api: RunningApi,
  method: string,
  path: string,
  opts: { as?: string; json?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.as) headers.authorization = `Bearer ${await tokenFor(opts.as)}`;
  if (opts.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${api.url}${path}`, { method, headers, body: opts.json === undefined ? undefined : JSON.stringify(opts.json) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : undefined) as any };
}

type Answer = Awaited<ReturnType<typeof send>>;
function expectLimited(res: Answer, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body)}`).to.equal(429);
  expect(res.body.error).to.include({ code: 'rate_limited' });
  expect(res.body.error.details).to.deep.equal([]);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter, 'Retry-After in seconds').to.be.within(1, 60);
}

const login = (api: RunningApi) => send(api, 'POST', '/api/v1/auth/dev-login', { json: { persona: 'citizen-anna' } });

describe('api/platform/rate-limits', function () {
  this.timeout(60_000);

  describe('in one node (memory store)', () => {
    let api: RunningApi;
    before(async () => {
      api = await nodeWith({
        RATE_LIMIT_SIGN_IN: '3',
        RATE_LIMIT_CATALOG_SEARCH: '2',
        RATE_LIMIT_ASSIST_JOIN: '2',
        RATE_LIMIT_PAYMENT_START: '2',
        RATE_LIMIT_ADDRESS_LOOKUP: '2',
      });
    });
    after(() => api.close());

    it('limits sign-ins per address', async () => {
      for (let i = 0; i < 3; i += 1) expect((await login(api)).status).to.equal(200);
      expectLimited(await login(api), 'fourth sign-in');
    });

    it('limits the public catalogue search per address, not the reads of one service', async () => {
      for (let i = 0; i < 2; i += 1) expect((await send(api, 'GET', '/api/v1/catalog/services?q=pase')).status).to.equal(200);
      expectLimited(await send(api, 'GET', '/api/v1/catalog/services?q=pase'), 'third search');
      expect((await send(api, 'GET', '/api/v1/catalog/services/passport-issue')).status).to.equal(200);
    });

    it('limits redeeming co-browse join codes per staff account (a guessed code is counted too)', async () => {
      for (let i = 0; i < 2; i += 1) {
        const res = await send(api, 'POST', '/api/v1/assist-sessions', { as: 'staff-vpvkac-riga', json: { code: '000000' } });
        expect(res.status).to.be.oneOf([400, 404, 409, 410]);
      }
      expectLimited(
        await send(api, 'POST', '/api/v1/assist-sessions', { as: 'staff-vpvkac-riga', json: { code: '000000' } }),
        'third code',
      );
      // Another account from the same address has its own count.
      expect(
        (await send(api, 'POST', '/api/v1/assist-sessions', { as: 'support-specialist', json: { code: '000000' } })).status,
      ).not.to.equal(429);
    });

    it('limits address suggestions per signed-in account', async () => {
      const suggest = (as: string) => send(api, 'GET', '/api/v1/address-suggestions?q=brivibas', { as });
      for (let i = 0; i < 2; i += 1) expect((await suggest('citizen-anna')).status).not.to.equal(429);
      expectLimited(await suggest('citizen-anna'), 'third look-up');
      expect((await suggest('citizen-janis')).status).not.to.equal(429);
    });

    it('limits starting online payments per signed-in payer', async () => {
      const path = `/api/v1/invoices/${crypto.randomUUID()}/online-payments`;
      const start = (as: string) => send(api, 'POST', path, { as, json: {}, headers: { 'idempotency-key': crypto.randomUUID() } });
      for (let i = 0; i < 2; i += 1) expect((await start('citizen-anna')).status).not.to.equal(429);
      expectLimited(await start('citizen-anna'), 'third payment start');
      expect((await start('citizen-janis')).status).not.to.equal(429);
    });
  });

  describe('across nodes (REDIS_URL)', () => {
    let a: RunningApi;
    let b: RunningApi;
    before(async () => {
      // Counters of this deployment (named after its database) from an earlier run of this file are gone.
      const redis = createClient({ url: REDIS_URL });
      await redis.connect();
      for await (const keys of redis.scanIterator({ MATCH: `${deploymentKeyPrefix(stack.appDatabaseUrl)}:rl:*` }))
        if (keys.length) await redis.del(keys);
      await redis.quit();
      a = await nodeWith({ REDIS_URL, RATE_LIMIT_SIGN_IN: '3' });
      b = await nodeWith({ REDIS_URL, RATE_LIMIT_SIGN_IN: '3' });
    });
    after(async () => {
      await a?.close();
      await b?.close();
    });

    it('shares one count between two API nodes', async () => {
      expect((await login(a)).status).to.equal(200);
      expect((await login(b)).status).to.equal(200);
      expect((await login(a)).status).to.equal(200);
      expectLimited(await login(b), 'fourth sign-in, on the other node');
      expectLimited(await login(a), 'fifth sign-in');
    });
  });
});
