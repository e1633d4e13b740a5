// Republication webhooks (catalog_webhooks) and their deliveries (catalog_webhook_deliveries: one row per webhook
// and change, pending until delivered or given up on). The HTTP side of a delivery is activities/catalog.ts.
import type { Pool, PoolClient } from 'pg';
import { catalogModels, type ModelScope } from './models';

type Db = Pool | PoolClient;

export interface NewWebhook {
  id: string;
  ownerId: string;
  ownerName: string;
  url: string;
  /** The signing secret, shown to the subscriber once. */
  secret: string;
}

export async function insertWebhook(on: ModelScope, w: NewWebhook): Promise<void> {
  const { webhooks, transaction } = catalogModels(on);
  await webhooks.create(w, { transaction });
}

export interface WebhookSummary {
  id: string;
  url: string;
  active: boolean;
  created_at: Date;
  delivered: number;
  pending: number;
  failed: number;
}

/** The owner's subscriptions with their delivery counts, oldest first. */
export async function webhooksOf(db: Db, ownerId: string): Promise<WebhookSummary[]> {
  const { rows } = await db.query<WebhookSummary>(
    `SELECT w.id, w.url, w.active, w.created_at,
            count(*) FILTER (WHERE d.status = 'delivered')::int AS delivered, count(*) FILTER (WHERE d.status = 'pending')::int AS pending,
            count(*) FILTER (WHERE d.status = 'failed')::int AS failed
       FROM catalog_webhooks w LEFT JOIN catalog_webhook_deliveries d ON d.webhook_id = w.id
      WHERE w.owner_id = $1 GROUP BY w.id ORDER BY w.created_at`,
    [ownerId],
  );
  return rows;
}

/** Unsubscribes; false when the owner has no such active webhook. */
export async function deactivateWebhook(on: ModelScope, id: string, ownerId: string): Promise<boolean> {
  const { webhooks, transaction } = catalogModels(on);
  const [count] = await webhooks.update({ active: false }, { where: { id, ownerId, active: true }, transaction });
  return count > 0;
}

/**
 * The webhooks a change goes to: a pending delivery for every webhook active when the change happened (once), and
 * the ids of all the change's deliveries still pending.
 */
export async function queueDeliveries(db: Db, seq: number): Promise<string[]> {
  const { rows } = await db.query<{ webhook_id: string }>(
    `INSERT INTO catalog_webhook_deliveries (webhook_id, change_seq, status)
     SELECT id, $1, 'pending' FROM catalog_webhooks WHERE active AND created_at <= (SELECT at FROM catalog_changes WHERE seq = $1)
     ON CONFLICT DO NOTHING RETURNING webhook_id`,
    [seq],
  );
  const pending = await db.query<{ webhook_id: string }>(
    `SELECT webhook_id FROM catalog_webhook_deliveries WHERE change_seq = $1 AND status = 'pending'`,
    [seq],
  );
  return [...new Set([...rows, ...pending.rows].map((r) => String(r.webhook_id)))];
}

export interface DeliveryToSend {
  url: string;
  secret: string;
  active: boolean;
  status: 'pending' | 'delivered' | 'failed';
  seq: number;
  service_id: string;
  version: number;
  kind: 'published' | 'withdrawn';
  at: Date;
}

/** A delivery with its webhook and change; null when there is no such delivery. */
export async function deliveryToSend(db: Db, webhookId: string, seq: number): Promise<DeliveryToSend | null> {
  const { rows } = await db.query<DeliveryToSend>(
    `SELECT w.url, w.secret, w.active, d.status, c.seq, c.service_id, c.version, c.kind, c.at
       FROM catalog_webhook_deliveries d JOIN catalog_webhooks w ON w.id = d.webhook_id JOIN catalog_changes c ON c.seq = d.change_seq
      WHERE d.webhook_id = $1 AND d.change_seq = $2`,
    [webhookId, seq],
  );
  return rows[0] ?? null;
}

/** Counts an attempt: its answer's status (null: none) and error; without an error the delivery is delivered. */
export async function recordDeliveryAttempt(
  db: Db,
  webhookId: string,
  seq: number,
  status: number | null,
  error: string | null,
): Promise<void> {
  await db.query(
    `UPDATE catalog_webhook_deliveries SET attempts = attempts + 1, last_status = $3, last_error = $4,
            status = CASE WHEN $4::text IS NULL THEN 'delivered' ELSE status END, delivered_at = CASE WHEN $4::text IS NULL THEN now() END
      WHERE webhook_id = $1 AND change_seq = $2`,
    [webhookId, seq, status, error],
  );
}

/** Gives a pending delivery up. */
export async function markDeliveryFailed(db: Db, webhookId: string, seq: number): Promise<void> {
  await db.query(
    `UPDATE catalog_webhook_deliveries SET status = 'failed' WHERE webhook_id = $1 AND change_seq = $2 AND status = 'pending'`,
    [webhookId, seq],
  );
}
