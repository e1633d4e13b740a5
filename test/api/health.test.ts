import { expect } from 'chai';
import { call } from '../helpers/http';

describe('api/health', () => {
  it('answers /healthz', async () => {
    const res = await call('GET', '/healthz');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({ status: 'ok' });
    expect(res.headers.get('x-request-id')).to.match(/[0-9a-f-]{36}/);
  });

  it('reports PostgreSQL and Temporal ready on /readyz', async () => {
    const res = await call('GET', '/readyz');
    expect(res.status).to.equal(200);
    expect(res.body.checks.postgres.ok).to.equal(true);
    expect(res.body.checks.temporal.ok).to.equal(true);
  });

  it('exposes Prometheus metrics', async () => {
    await call('GET', '/healthz');
    const res = await call('GET', '/metrics');
    expect(res.status).to.equal(200);
    expect(res.body).to.contain('http_request_duration_seconds');
    expect(res.body).to.contain('process_cpu_user_seconds_total');
  });
});
