import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { createApp } from '../../../api/platform/app';
import { startApi } from '../../../api/platform/server';

/** The API's Express app with a changed configuration, on its own port (no second Socket.IO or listener). */
async function appWith(config: Partial<typeof stack.config>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(createApp({ ...stack.api.deps, config: { ...stack.api.deps.config, ...config } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('api/health', () => {
  it('answers /healthz', async () => {
    const res = await call('GET', '/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
    expect(res.headers.get('x-request-id')).to.match(/[0-9a-f-]{36}/);
  });

  it('says ready on /readyz when PostgreSQL and Temporal answer, and nothing more', async () => {
    const res = await call('GET', '/readyz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ready' });
  });

  it('says not ready with 503 when Temporal does not answer, without naming the component or the error', async function () {
    this.timeout(30_000);
    const api = await startApi({ ...stack.config, temporalAddress: '127.0.0.1:1' }, { db: stack.appDb, adapters: stack.adapters });
    try {
      const res = await fetch(`${api.url}/readyz`);
      expect(res.status).to.equal(503);
      expect(await res.json()).to.deep.equal({ status: 'not_ready' });
    } finally {
      await api.close();
    }
  });

  it('exposes Prometheus metrics outside production', async () => {
    await call('GET', '/healthz');
    const res = await call('GET', '/metrics');
    expect(res.status).to.equal(200);
    expect(res.body).to.contain('http_request_duration_seconds');
    expect(res.body).to.contain('process_cpu_user_seconds_total');
  });

  it('serves /metrics in production only with the METRICS_TOKEN bearer, and not at all without one configured', async () => {
    const token = 'metrics-token-for-the-test-0123456789';
    const withToken = await appWith({ env: 'production', metricsToken: token });
    const withoutToken = await appWith({ env: 'production' });
    try {
      expect((await fetch(`${withToken.url}/metrics`)).status).to.equal(401);
      const wrong = await fetch(`${withToken.url}/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
      expect(wrong.status).to.equal(401);
      expect(((await wrong.json()) as { error: { code: string } }).error.code).to.equal('unauthenticated');
      const right = await fetch(`${withToken.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(right.status).to.equal(200);
      expect(await right.text()).to.contain('http_request_duration_seconds');
      const none = await fetch(`${withoutToken.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(none.status).to.equal(404);
      expect(((await none.json()) as { error: { code: string } }).error.code).to.equal('route_not_found');
    } finally {
      await withToken.close();
      await withoutToken.close();
    }
  });
});
