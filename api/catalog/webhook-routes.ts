// Republication on external portals: a portal subscribes a webhook and gets every publication and withdrawal,
// signed with its own secret (shown once), delivered with retries by Temporal (workflows/catalog/).
import crypto from 'node:crypto';
import { route } from '../platform/routing';
import { notFound, unprocessable } from '../platform/errors';
import { webhookUrlProblem } from '../../activities/adapters/outbound-address';
import { deactivateWebhook, insertWebhook, webhooksOf } from '../../db/catalog/webhooks';
import type { Validated } from '../../forms/types/validated';
import type { GetCatalogWebhooksResponse } from '../../forms/types/api';

const TAG = 'Catalogue republication';
const SUBSCRIBERS = ['agency-system', 'catalogue-admin'] as const;

export const catalogWebhookRoutes = [
  route<Validated<'catalog-webhook-create'>>({
    method: 'post',
    path: '/api/v1/catalog/webhooks',
    tag: TAG,
    summary: 'Subscribe to catalogue changes (the signing secret is in this answer only)',
    auth: SUBSCRIBERS,
    body: 'catalog-webhook-create',
    responses: {
      201: { description: 'Subscribed', schema: 'post-catalog-webhooks-response' },
      422: { description: 'Not an https URL of a public host (webhook_url_not_allowed)', schema: 'error' },
    },
    async handler(ctx) {
      // The platform will POST to this URL for a day per change: it must be a public host, never the platform's own
      // network. The host name is resolved here, never connected to (delivery checks the address again).
      const problem = await webhookUrlProblem(ctx.body.url, {
        production: ctx.deps.config.env === 'production',
        allow: ctx.deps.config.webhookAllowPrivateNetworks,
      });
      if (problem)
        throw unprocessable('webhook_url_not_allowed', 'The webhook URL is not allowed.', [
          { path: '/url', code: 'webhook_url_not_allowed', message: problem },
        ]);
      const id = crypto.randomUUID();
      const secret = crypto.randomBytes(32).toString('base64url');
      await insertWebhook(ctx.deps.db.sequelize, {
        id,
        ownerId: ctx.principal.sub,
        ownerName: ctx.principal.name,
        url: ctx.body.url,
        secret,
      });
      return {
        status: 201,
        headers: { Location: `/api/v1/catalog/webhooks/${id}` },
        body: { id, url: ctx.body.url, secret, signature: 'X-SDP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">' },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/catalog/webhooks',
    tag: TAG,
    summary: 'Your subscriptions with their delivery counts',
    auth: SUBSCRIBERS,
    responses: { 200: { description: 'Subscriptions', schema: 'get-catalog-webhooks-response' } },
    async handler(ctx) {
      const rows = await webhooksOf(ctx.deps.db.pool, ctx.principal.sub);
      const body: GetCatalogWebhooksResponse = {
        items: rows.map((r) => ({
          id: r.id,
          url: r.url,
          active: r.active,
          createdAt: r.created_at.toISOString(),
          deliveries: { delivered: r.delivered, pending: r.pending, failed: r.failed },
        })),
      };
      return { body };
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/catalog/webhooks/:id',
    params: { id: 'uuid' },
    tag: TAG,
    summary: 'Unsubscribe (pending deliveries stop)',
    auth: SUBSCRIBERS,
    responses: { 204: { description: 'Unsubscribed' }, 404: { description: 'Not yours', schema: 'error' } },
    async handler(ctx) {
      if (!(await deactivateWebhook(ctx.deps.db.sequelize, ctx.params.id, ctx.principal.sub))) throw notFound('webhook');
      return { status: 204 };
    },
  }),
];
