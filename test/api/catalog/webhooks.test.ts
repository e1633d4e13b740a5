// Republication: a portal subscribes, gets each publication and withdrawal signed with its secret, retried by
// Temporal when it answers an error, and counted once on its side by the delivery id.
import http from 'node:http';
import crypto from 'node:crypto';
import net, { type AddressInfo } from 'node:net';
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf, tokenFor } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { demoDescription } from '../../../scripts/seed/catalog';
import { services } from '../../../scripts/seed/demo-data';
import { catalogChangeWorkflowId, catalogPublicationWorkflowId } from '../../../workflows/catalog/api';
import { createApp } from '../../../api/platform/app';
import { createCatalogActivities } from '../../../activities/catalog';

interface Received {
  delivery: string;
  signature: string;
  body: string;
  status: number;
}

function receiver(failFirst: boolean) {
  const received: Received[] = [];
  const seen = new Set<string>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery = String(req.headers['x-sdp-delivery']);
      const status = failFirst && !seen.has(delivery) ? 503 : 204;
      seen.add(delivery);
      received.push({ delivery, signature: String(req.headers['x-sdp-signature']), body: Buffer.concat(chunks).toString('utf8'), status });
      res.statusCode = status;
      res.end();
    });
  });
  return { server, received };
}

function verify(secret: string, header: string, body: string): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(m[2]));
}

async function publishNew(id: string, titleEn: string): Promise<void> {
  const base = demoDescription(services.find((s) => s.id === 'passport-issue')!);
  const created = await call('POST', '/api/v1/agency/catalog/services', {
    as: 'admin-pmlp',
    json: { description: { ...base, id, title: { lv: `Pakalpojums ${id}`, en: titleEn } } },
  });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  expect((await call('POST', `/api/v1/agency/catalog/services/${id}/submit`, { as: 'admin-pmlp', json: {} })).status).to.equal(202);
  const client = await stack.api.deps.temporal();
  await waitFor(
    'workflow',
    async () => (await client.workflow.getHandle(catalogPublicationWorkflowId(id, 1)).describe()).status.name === 'RUNNING',
  );
  expect((await call('POST', `/api/v1/catalog/reviews/${id}/1`, { as: 'approver-pmlp', json: { decision: 'approve' } })).status).to.equal(
    200,
  );
  expect(
    (await call('POST', `/api/v1/catalog/reviews/${id}/1`, { as: 'catalogue-admin', json: { decision: 'approve' } })).body.stage,
  ).to.equal('published');
}

describe('api/catalog (webhooks)', function () {
  this.timeout(120_000);
  const portal = receiver(true);
  let url = '';

  before(async () => {
    await new Promise<void>((resolve) => portal.server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(portal.server.address() as AddressInfo).port}/hooks/catalog`;
  });
  after(() => new Promise<void>((resolve) => portal.server.close(() => resolve())));

  it('delivers publications and withdrawals signed, retried after an error, once per change', async () => {
    const sub = await call('POST', '/api/v1/catalog/webhooks', { as: 'system-pmlp', json: { url } });
    expect(sub.status, JSON.stringify(sub.body)).to.equal(201);
    const { id: webhookId, secret } = sub.body as { id: string; secret: string };
    expect(secret).to.have.length.greaterThan(30);

    const serviceId = `webhook-demo-${Date.now().toString(36)}`;
    await publishNew(serviceId, 'Webhook demo');
    const ok = (kind: string) =>
      portal.received.filter((r) => r.status === 204 && JSON.parse(r.body).serviceId === serviceId && JSON.parse(r.body).kind === kind);
    await waitFor('published delivery', async () => ok('published').length === 1);

    await call('POST', `/api/v1/agency/catalog/services/${serviceId}/withdraw`, { as: 'admin-pmlp', json: { reason: 'test' } });
    await waitFor('withdrawn delivery', async () => ok('withdrawn').length === 1);

    for (const kind of ['published', 'withdrawn']) {
      const [delivery] = ok(kind);
      expect(verify(secret, delivery.signature, delivery.body), 'signature').to.equal(true);
      expect(verify('wrong-secret', delivery.signature, delivery.body)).to.equal(false);
      const attempts = portal.received.filter((r) => r.delivery === delivery.delivery);
      expect(attempts.map((a) => a.status)).to.deep.equal([503, 204]); // the first answer was an error: retried once
      const body = JSON.parse(delivery.body);
      expect(body).to.include({ serviceId, kind });
      expect(body.links.service).to.match(new RegExp(`/api/v1/catalog/services/${serviceId}$`));
      expect(delivery.delivery).to.equal(`${webhookId}:${body.seq}`);
    }
    const { rows } = await stack.db.pool.query(
      `SELECT d.status, d.attempts FROM catalog_webhook_deliveries d JOIN catalog_changes c ON c.seq = d.change_seq WHERE d.webhook_id = $1 AND c.service_id = $2`,
      [webhookId, serviceId],
    );
    expect(rows).to.deep.equal([
      { status: 'delivered', attempts: 2 },
      { status: 'delivered', attempts: 2 },
    ]);

    const list = await call('GET', '/api/v1/catalog/webhooks', { as: 'system-pmlp' });
    expect(list.body.items.find((w: any) => w.id === webhookId).deliveries).to.deep.include({ delivered: 2, failed: 0 });
    expect((await call('GET', '/api/v1/catalog/webhooks', { as: 'system-vid' })).body.items).to.deep.equal([]);

    // Someone else cannot unsubscribe it; its owner can, and later changes are not sent.
    expect((await call('DELETE', `/api/v1/catalog/webhooks/${webhookId}`, { as: 'system-vid' })).status).to.equal(404);
    expect((await call('DELETE', `/api/v1/catalog/webhooks/${webhookId}`, { as: 'system-pmlp' })).status).to.equal(204);
    const before = portal.received.length;
    const later = `webhook-later-${Date.now().toString(36)}`;
    await publishNew(later, 'Later');
    const { rows: changes } = await stack.db.pool.query('SELECT seq FROM catalog_changes WHERE service_id = $1', [later]);
    const client = await stack.api.deps.temporal();
    await waitFor(
      'change workflow',
      async () => (await client.workflow.getHandle(catalogChangeWorkflowId(changes[0].seq)).describe()).status.name === 'COMPLETED',
    );
    expect(portal.received.length).to.equal(before);
  });

  it('refuses a subscription that is not an http(s) URL, and citizens', async () => {
    const bad = await call('POST', '/api/v1/catalog/webhooks', { as: 'system-pmlp', json: { url: 'ftp://example.org/x' } });
    expect(bad.status).to.equal(400);
    expect(errorOf(bad).code).to.equal('validation_failed');
    expect((await call('POST', '/api/v1/catalog/webhooks', { as: 'citizen-anna', json: { url } })).status).to.equal(403);
  });
  describe('webhook URLs cannot reach inside', () => {
    /** The API's app with another configuration (production, private networks not allowed) on its own port. */
    async function appWith(config: Partial<typeof stack.config>) {
      const server = http.createServer(
        createApp({ ...stack.api.deps, config: { ...stack.api.deps.config, webhookAllowPrivateNetworks: 'off', ...config } }),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const subscribe = async (hookUrl: string) => {
        const token = await tokenFor('system-pmlp');
        const res = await fetch(`${base}/api/v1/catalog/webhooks`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ url: hookUrl }),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      return {
        subscribe,
        close: () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      };
    }

    const PUBLIC_IP = '93.184.215.14'; // a public address: nothing is sent to it, registration does not connect
    const INSIDE = [
      'https://127.0.0.1/hook',
      'https://127.1.2.3/hook',
      'https://localhost/hook',
      'https://[::1]/hook',
      'https://0.0.0.0/hook',
      'https://[::]/hook',
      'https://10.1.2.3/hook',
      'https://172.16.0.1/hook',
      'https://172.31.255.254/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://100.64.0.1/hook',
      'https://224.0.0.1/hook',
      'https://255.255.255.255/hook',
      'https://[fc00::1]/hook',
      'https://[fd12:3456::1]/hook',
      'https://[fe80::1]/hook',
      'https://[ff02::1]/hook',
      'https://[::ffff:127.0.0.1]/hook',
      'https://[::ffff:a9fe:a9fe]/hook',
      'https://[64:ff9b::a9fe:a9fe]/hook',
      'https://[2002:7f00:1::]/hook',
      'https://2130706433/hook',
      'https://0x7f.1/hook',
      'https://017700000001/hook',
      `https://user:secret@${PUBLIC_IP}/hook`,
      `https://user@${PUBLIC_IP}/hook`,
      'https://no-such-host.invalid/hook',
    ];

    it('refuses at registration hosts that resolve inside, user-info, and http in production (422, without connecting)', async () => {
      const production = await appWith({ env: 'production' });
      const development = await appWith({ env: 'test' });
      try {
        for (const hookUrl of [...INSIDE, `http://${PUBLIC_IP}/hook`]) {
          const res = await production.subscribe(hookUrl);
          expect(res.status, hookUrl).to.equal(422);
          expect(res.body.error.code, hookUrl).to.equal('webhook_url_not_allowed');
          expect(res.body.error.details[0].path).to.equal('/url');
        }
        for (const hookUrl of INSIDE) expect((await development.subscribe(hookUrl)).status, hookUrl).to.equal(422);
        const accepted = [await production.subscribe(`https://${PUBLIC_IP}/hook`), await development.subscribe(`http://${PUBLIC_IP}/hook`)];
        for (const res of accepted) {
          expect(res.status, JSON.stringify(res.body)).to.equal(201);
          expect((await call('DELETE', `/api/v1/catalog/webhooks/${res.body.id}`, { as: 'system-pmlp' })).status).to.equal(204);
        }
      } finally {
        await production.close();
        await development.close();
      }
    });

    /** A subscription written straight into the register, as if its name had resolved elsewhere when it was made. */
    async function pendingDelivery(hookUrl: string): Promise<{ webhookId: string; seq: number }> {
      const webhookId = crypto.randomUUID();
      await stack.db.pool.query(
        `INSERT INTO catalog_webhooks (id, owner_id, owner_name, url, secret, active) VALUES ($1, 'test', 'Test', $2, 'secret', false)`,
        [webhookId, hookUrl],
      );
      const { rows } = await stack.db.pool.query('SELECT max(seq)::int AS seq FROM catalog_changes');
      await stack.db.pool.query(`INSERT INTO catalog_webhook_deliveries (webhook_id, change_seq, status) VALUES ($1, $2, 'pending')`, [
        webhookId,
        rows[0].seq,
      ]);
      await stack.db.pool.query('UPDATE catalog_webhooks SET active = true WHERE id = $1', [webhookId]);
      return { webhookId, seq: rows[0].seq };
    }
    const lastError = async (d: { webhookId: string }) =>
      (await stack.db.pool.query('SELECT status, last_error FROM catalog_webhook_deliveries WHERE webhook_id = $1', [d.webhookId])).rows[0];

    it('re-checks the address at connect time (DNS rebinding), follows no redirect, and has a deadline', async () => {
      const hits: string[] = [];
      const inside = http.createServer((req, res) => {
        hits.push(String(req.url));
        if (req.url === '/redirect')
          res.writeHead(302, { location: `http://127.0.0.1:${(inside.address() as AddressInfo).port}/landed` }).end();
        else if (req.url === '/silent') {
          /* never answers */
        } else res.writeHead(204).end();
      });
      await new Promise<void>((resolve) => inside.listen(0, '127.0.0.1', () => resolve()));
      const port = (inside.address() as AddressInfo).port;
      try {
        // Private networks not allowed (production's setting): nothing reaches the server, and no retry follows.
        const strict = createCatalogActivities({ pool: stack.appDb.pool });
        for (const hookUrl of [
          `http://localhost:${port}/rebound`,
          `http://127.0.0.1:${port}/literal`,
          `http://[::ffff:127.0.0.1]:${port}/mapped`,
        ]) {
          const d = await pendingDelivery(hookUrl);
          const err = await strict.deliverCatalogWebhook(d).then(
            () => null,
            (e: unknown) => e as { nonRetryable?: boolean; type?: string },
          );
          expect(err, hookUrl).to.include({ nonRetryable: true, type: 'webhook_address_blocked' });
          expect(await lastError(d)).to.deep.equal({ status: 'pending', last_error: 'not a public address' });
        }
        expect(hits).to.deep.equal([]);

        // Loopback allowed (tests): a 3xx is a failed delivery, and the redirect target is never asked.
        // A generous timeout where the server answers; a short one only for the server that never does.
        const loopback = createCatalogActivities({
          pool: stack.appDb.pool,
          webhookAllowPrivateNetworks: 'loopback',
          webhookTimeoutMs: 30_000,
        });
        const impatient = createCatalogActivities({
          pool: stack.appDb.pool,
          webhookAllowPrivateNetworks: 'loopback',
          webhookTimeoutMs: 300,
        });
        const redirected = await pendingDelivery(`http://localhost:${port}/redirect`);
        const redirectError = await loopback.deliverCatalogWebhook(redirected).then(
          () => null,
          (e: Error) => e.message,
        );
        expect(redirectError).to.match(/redirects are not followed/);
        expect(hits).to.deep.equal(['/redirect']);

        // No answer in time, a closed port and an unknown name look the same in the record: no port scanning.
        const silent = await pendingDelivery(`http://127.0.0.1:${port}/silent`);
        const closedPort = await new Promise<number>((resolve) => {
          const s = net.createServer().listen(0, '127.0.0.1', () => {
            const p = (s.address() as AddressInfo).port;
            s.close(() => resolve(p));
          });
        });
        const closed = await pendingDelivery(`http://127.0.0.1:${closedPort}/closed`);
        for (const d of [silent, closed]) {
          expect(
            await impatient.deliverCatalogWebhook(d).then(
              () => 'delivered',
              (e: Error) => e.message,
            ),
          ).to.match(/no answer$/);
          expect(await lastError(d)).to.deep.equal({ status: 'pending', last_error: 'no answer' });
        }
        const ok = await pendingDelivery(`http://localhost:${port}/ok`);
        await loopback.deliverCatalogWebhook(ok);
        expect((await lastError(ok)).status).to.equal('delivered');
      } finally {
        await stack.db.pool.query(`UPDATE catalog_webhooks SET active = false WHERE owner_id = 'test'`);
        inside.closeAllConnections();
        await new Promise<void>((resolve) => inside.close(() => resolve()));
      }
    });
  });
});
