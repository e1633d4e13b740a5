// Each API uses the adapters it was composed with (api/platform/adapters.ts, AppDeps.adapters): a second API on the
// stack's database, handed the failing backend for the address and enterprise registers, answers 503 where the
// stack's API (the simulators) answers, and once it closes the stack's API asks its own enterprise register again.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { callAt } from '../../helpers/api-instance';
import { loadConfig } from '../../../forms/config';
import { startApi } from '../../../api/platform/server';
import { createAdapter } from '../../../activities/adapters';
import { FAILING } from '../../../activities/adapters/failing/client';

describe('api/platform/adapters: each API asks the systems it was composed with', function () {
  this.timeout(60_000);

  it('answers from the failing backend it was handed, and leaves the stack API its own registers', async () => {
    const failingApi = await startApi(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: stack.appDatabaseUrl,
        TEMPORAL_ADDRESS: stack.temporal.address,
        TEMPORAL_TASK_QUEUE: stack.taskQueue,
        DATA_DIR: stack.dataDir,
        LOG_LEVEL: 'silent',
      }),
      {
        db: stack.appDb,
        adapters: {
          ...stack.adapters,
          addressRegister: createAdapter('addressRegister', { backend: FAILING, options: {} }),
          enterpriseRegister: createAdapter('enterpriseRegister', { backend: FAILING, options: {} }),
        },
      },
    );
    try {
      const down = await callAt(failingApi, 'GET', '/api/v1/address-suggestions?q=riga', { as: 'citizen-anna' });
      expect(down.status).to.equal(503);
      expect(errorOf(down).code).to.equal('temporarily_unavailable');
      const represented = await callAt(failingApi, 'GET', '/api/v1/me/represented', { as: 'citizen-liga' });
      expect(represented.status).to.equal(503);
      const up = await call('GET', '/api/v1/address-suggestions?q=riga', { as: 'citizen-anna' });
      expect(up.status, JSON.stringify(up.body)).to.equal(200);
    } finally {
      await failingApi.close();
    }
    const represented = await call('GET', '/api/v1/me/represented', { as: 'citizen-liga' });
    expect(represented.status, JSON.stringify(represented.body)).to.equal(200);
    expect(represented.body.items.some((i: { basis: string }) => i.basis === 'enterprise_register')).to.equal(true);
  });
});
