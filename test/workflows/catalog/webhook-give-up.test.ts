// A partner portal that refuses every delivery: the change workflow retries it (2 s doubling, capped at 30 min) for
// 24 hours of virtual time, then gives up, marks the delivery failed and counts it; a healthy portal of the same
// change is delivered once. Real catalogue activities, real HTTP receivers, the test database.
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { createCatalogActivities } from '../../../activities/catalog';
import { catalogChangeWorkflow } from '../../../workflows/catalog/workflow';
import { timeSkippingEnvironment, withWorker } from '../../helpers/time-skipping';
import { stack } from '../../setup';

/** A receiver answering every call with `status`, counting the calls. */
async function portal(status: number) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(String(req.headers['x-sdp-delivery']));
    req.resume();
    req.on('end', () => {
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    hits,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

async function addWebhook(url: string): Promise<string> {
  const id = crypto.randomUUID();
  // Subscribed in 1999, so this test's change (dated 2000) goes to these two only and not to other tests' portals.
  await stack.db.pool.query(
    `INSERT INTO catalog_webhooks (id, owner_id, owner_name, url, secret, created_at) VALUES ($1, 'test-portal', 'Test portal', $2, $3, '1999-12-31T00:00:00Z')`,
    [id, url, crypto.randomBytes(24).toString('hex')],
  );
  return id;
}

describe('catalogue webhook that never succeeds (virtual time)', function () {
  this.timeout(300_000);

  it('retries a refusing portal for 24 hours, then counts it failed; the healthy portal gets the change once', async () => {
    const refusing = await portal(500);
    const healthy = await portal(204);
    const refusingId = await addWebhook(refusing.url);
    const healthyId = await addWebhook(healthy.url);
    const version = 9000 + crypto.randomInt(90_000);
    const {
      rows: [change],
    } = await stack.db.pool.query(
      `INSERT INTO catalog_changes (service_id, version, kind, at) VALUES ('passport-issue', $1, 'published', '2000-01-01T00:00:00Z') RETURNING seq`,
      [version],
    );
    const seq = Number(change.seq);
    const deliveryRow = async (webhookId: string) =>
      (
        await stack.db.pool.query(
          'SELECT status, attempts, last_status, last_error FROM catalog_webhook_deliveries WHERE webhook_id = $1 AND change_seq = $2',
          [webhookId, seq],
        )
      ).rows[0];
    try {
      const env = await timeSkippingEnvironment();
      const activities = createCatalogActivities({ pool: stack.appDb.pool, webhookAllowPrivateNetworks: 'loopback' });
      await withWorker(activities, async ({ taskQueue }) => {
        const handle = await env.client.workflow.start(catalogChangeWorkflow, {
          taskQueue,
          workflowId: `catalog-change:ts-${seq}`,
          args: [{ seq }],
        });
        try {
          // Step 1: 23 hours in, the refusing portal is still being retried.
          await env.sleep('23 hours');
          expect((await handle.describe()).status.name).to.equal('RUNNING');
          expect(await deliveryRow(refusingId)).to.deep.include({ status: 'pending', last_status: 500, last_error: 'answered 500' });
          expect(await deliveryRow(healthyId)).to.deep.include({ status: 'delivered', attempts: 1, last_status: 204 });

          // Step 2: the 24-hour limit ends the retries. Attempts at 0 s, then after 2, 4, … 1024 s (2,046 s in all) and
          // every 1,800 s: the 57th starts at 84,846 s; a 58th (86,646 s) would pass 86,400 s, so there is none.
          expect(await handle.result()).to.deep.equal({ delivered: 1, failed: 1 });
          expect(await deliveryRow(refusingId)).to.deep.equal({
            status: 'failed',
            attempts: 57,
            last_status: 500,
            last_error: 'answered 500',
          });
          expect(refusing.hits).to.deep.equal(Array(57).fill(`${refusingId}:${seq}`));
          expect(healthy.hits).to.deep.equal([`${healthyId}:${seq}`]);
        } finally {
          await handle.terminate('test over').catch(() => undefined);
        }
      });
    } finally {
      await stack.db.pool.query('UPDATE catalog_webhooks SET active = false WHERE id = ANY($1)', [[refusingId, healthyId]]);
      await refusing.close();
      await healthy.close();
    }
  });
});
