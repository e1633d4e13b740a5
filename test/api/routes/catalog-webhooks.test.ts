// Republication: a portal subscribes, gets each publication and withdrawal signed with its secret, retried by
// Temporal when it answers an error, and counted once on its side by the delivery id.
import http from 'node:http';
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { demoDescription } from '../../../db/seed/catalog';
import { services } from '../../../db/seed/demo-data';
import { catalogPublicationWorkflowId } from '../../../workflows/catalog';

interface Received { delivery: string; signature: string; body: string; status: number }

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
  const created = await call('POST', '/api/v1/agency/catalog/services', { as: 'admin-pmlp', json: { description: { ...base, id, title: { lv: `Pakalpojums ${id}`, en: titleEn } } } });
  expect(created.status, JSON.stringify(created.body)).to.equal(201);
  expect((await call('POST', `/api/v1/agency/catalog/services/${id}/submit`, { as: 'admin-pmlp', json: {} })).status).to.equal(202);
  const client = await stack.api.deps.temporal();
  await waitFor('workflow', async () => (await client.workflow.getHandle(catalogPublicationWorkflowId(id, 1)).describe()).status.name === 'RUNNING');
  expect((await call('POST', `/api/v1/catalog/reviews/${id}/1`, { as: 'approver-pmlp', json: { decision: 'approve' } })).status).to.equal(200);
  expect((await call('POST', `/api/v1/catalog/reviews/${id}/1`, { as: 'catalogue-admin', json: { decision: 'approve' } })).body.stage).to.equal('published');
}

describe('api/routes/catalog-webhooks', function () {
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
    const ok = (kind: string) => portal.received.filter((r) => r.status === 204 && JSON.parse(r.body).serviceId === serviceId && JSON.parse(r.body).kind === kind);
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
      `SELECT d.status, d.attempts FROM catalog_webhook_deliveries d JOIN catalog_changes c ON c.seq = d.change_seq WHERE d.webhook_id = $1 AND c.service_id = $2`, [webhookId, serviceId]);
    expect(rows).to.deep.equal([{ status: 'delivered', attempts: 2 }, { status: 'delivered', attempts: 2 }]);

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
    await waitFor('change workflow', async () => (await client.workflow.getHandle(`catalog-change:${changes[0].seq}`).describe()).status.name === 'COMPLETED');
    expect(portal.received.length).to.equal(before);
  });

  it('refuses a subscription that is not an http(s) URL, and citizens', async () => {
    const bad = await call('POST', '/api/v1/catalog/webhooks', { as: 'system-pmlp', json: { url: 'ftp://example.org/x' } });
    expect(bad.status).to.equal(400);
    expect(errorOf(bad).code).to.equal('validation_failed');
    expect((await call('POST', '/api/v1/catalog/webhooks', { as: 'citizen-anna', json: { url } })).status).to.equal(403);
  });
});
