// Activities of the catalogue: review decisions and publication, review-date reminders, webhook deliveries to
// external portals. Every write is keyed so that a retried activity changes nothing twice.
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import { inTransaction } from '../db/transaction';
import { publishVersion } from '../db/catalog/read-model';
import { BlockedAddressError, guardedLookup, hostOf, isBlockedAddress, type PrivateNetworkAllowance } from './adapters/outbound-address';
import { REVIEW_REMINDER_DAYS } from '../db/domain/catalog-review';

export interface Reviewer {
  id: string;
  name: string;
}
type ReviewStage = 'agency_review' | 'catalogue_review';

export interface DecisionRecord {
  serviceId: string;
  version: number;
  from: ReviewStage;
  decision: 'approve' | 'return';
  reviewer: Reviewer;
  comment: string | null;
  idempotencyKey: string;
}

export interface WebhookChange {
  seq: number;
  serviceId: string;
  version: number;
  kind: string;
  at: string;
}

const STEP_OF: Record<ReviewStage, 'agency' | 'catalogue'> = { agency_review: 'agency', catalogue_review: 'catalogue' };

export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** How long a portal has to answer a delivery (connect, send, answer) before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * One POST to a subscriber: only to public addresses (checked for the exact address the socket connects to), never
 * following a redirect, within the deadline. Answers the status; every network failure is the same "no answer".
 */
function postWebhook(
  rawUrl: string,
  body: string,
  headers: Record<string, string>,
  opts: { allow: PrivateNetworkAllowance; timeoutMs: number },
): Promise<number> {
  const url = new URL(rawUrl);
  const host = hostOf(url);
  if (net.isIP(host) && isBlockedAddress(host, opts.allow))
    return Promise.reject(new BlockedAddressError(`${host} is not a public address`));
  const request = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent: false,
        lookup: guardedLookup(opts.allow),
        signal: AbortSignal.timeout(opts.timeoutMs),
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        res.on('error', reject);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.resume(); // the answer's body is not read: nothing from the subscriber's side is kept
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export function createCatalogActivities({
  pool,
  publicBaseUrl = '',
  webhookAllowPrivateNetworks = 'off',
  webhookTimeoutMs = WEBHOOK_TIMEOUT_MS,
}: {
  pool: Pool;
  publicBaseUrl?: string;
  webhookAllowPrivateNetworks?: PrivateNetworkAllowance;
  webhookTimeoutMs?: number;
}) {
  return {
    /** The stage of a version now (a withdrawn service ends its review). */
    async catalogVersionStage(req: { serviceId: string; version: number }): Promise<string | null> {
      const { rows } = await pool.query('SELECT stage FROM catalog_service_versions WHERE service_id = $1 AND version = $2', [
        req.serviceId,
        req.version,
      ]);
      return rows[0]?.stage ?? null;
    },

    /**
     * Records a reviewer's decision and moves the version on: approve at the agency → catalogue review; approve at
     * the catalogue → published (the read model, the change feed); return → back to the author. Returns the new
     * stage and, when published, the change-feed sequence number.
     */
    async recordCatalogDecision(d: DecisionRecord): Promise<{ stage: string; changeSeq: number | null }> {
      return inTransaction(pool, async (client) => {
        const done = await client.query('SELECT action FROM catalog_review_events WHERE idempotency_key = $1', [d.idempotencyKey]);
        const current = await client.query('SELECT stage FROM catalog_service_versions WHERE service_id = $1 AND version = $2 FOR UPDATE', [
          d.serviceId,
          d.version,
        ]);
        const stage = current.rows[0]?.stage as string | undefined;
        if (done.rows[0]) {
          const seq = await client.query(`SELECT seq FROM catalog_changes WHERE service_id = $1 AND version = $2 AND kind = 'published'`, [
            d.serviceId,
            d.version,
          ]);
          return { stage: stage ?? 'unknown', changeSeq: seq.rows[0] ? Number(seq.rows[0].seq) : null };
        }
        if (stage !== d.from) {
          throw ApplicationFailure.create({
            type: 'stage_changed',
            nonRetryable: true,
            message: `version ${d.version} of ${d.serviceId} is ${stage ?? 'gone'}, not ${d.from}`,
          });
        }
        const action = d.decision === 'return' ? 'returned' : 'approved';
        await client.query(
          `INSERT INTO catalog_review_events (service_id, version, action, step, actor_id, actor_name, comment, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [d.serviceId, d.version, action, STEP_OF[d.from], d.reviewer.id, d.reviewer.name, d.comment, d.idempotencyKey],
        );
        if (d.decision === 'return') {
          await client.query(`UPDATE catalog_service_versions SET stage = 'returned' WHERE service_id = $1 AND version = $2`, [
            d.serviceId,
            d.version,
          ]);
          return { stage: 'returned', changeSeq: null };
        }
        if (d.from === 'agency_review') {
          await client.query(`UPDATE catalog_service_versions SET stage = 'catalogue_review' WHERE service_id = $1 AND version = $2`, [
            d.serviceId,
            d.version,
          ]);
          return { stage: 'catalogue_review', changeSeq: null };
        }
        const published = await publishVersion(client, d.serviceId, d.version);
        await client.query(
          `INSERT INTO catalog_review_events (service_id, version, action, step, actor_id, actor_name) VALUES ($1, $2, 'published', 'catalogue', $3, $4)`,
          [d.serviceId, d.version, d.reviewer.id, d.reviewer.name],
        );
        return { stage: 'published', changeSeq: published.changeSeq };
      });
    },

    /**
     * Reminders about review-by dates, once per service, date and audience: the owning agency's admins
     * {REVIEW_REMINDER_DAYS} days before; once overdue, the agency's approvers and the catalogue administrators too.
     */
    async remindAboutReviews(): Promise<{ dueSoon: number; overdue: number }> {
      const { rows } = await pool.query(
        `SELECT s.service_id, s.agency_id, s.review_by::text AS review_by, s.review_by < current_date AS overdue, p.title_lv, p.title_en
           FROM catalog_services s JOIN catalog_published p USING (service_id)
          WHERE s.withdrawn_at IS NULL AND s.review_by <= current_date + $1::int`,
        [REVIEW_REMINDER_DAYS],
      );
      let dueSoon = 0;
      let overdue = 0;
      for (const r of rows) {
        const audiences = r.overdue ? ['agency-admin', 'agency-approver', 'catalogue-admin'] : ['agency-admin'];
        const kind = r.overdue ? 'review_overdue' : 'review_due';
        if (r.overdue) overdue += 1;
        else dueSoon += 1;
        const subject = r.overdue
          ? { lv: `Nokavēta apraksta pārskatīšana: ${r.title_lv}`, en: `Review overdue: ${r.title_en}` }
          : {
              lv: `Pārskatiet pakalpojuma aprakstu līdz ${r.review_by}: ${r.title_lv}`,
              en: `Review the description by ${r.review_by}: ${r.title_en}`,
            };
        const body = {
          lv: `Pakalpojuma "${r.title_lv}" apraksts jāpārskata līdz ${r.review_by}. Ja nekas nav mainījies, atzīmējiet to kā pārskatītu.`,
          en: `The description of "${r.title_en}" is to be reviewed by ${r.review_by}. If nothing has changed, mark it as reviewed.`,
        };
        for (const audience of audiences) {
          await pool.query(
            `INSERT INTO staff_reminders (id, audience, agency_id, service_id, kind, subject_lv, subject_en, body_lv, body_en)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
            [
              `${kind}:${r.service_id}:${r.review_by}:${audience}`,
              audience,
              audience === 'catalogue-admin' ? null : r.agency_id,
              r.service_id,
              kind,
              subject.lv,
              subject.en,
              body.lv,
              body.en,
            ],
          );
        }
      }
      return { dueSoon, overdue };
    },

    /** Active webhooks at the time of a change (one delivery row each, so the record shows what is pending). */
    async webhooksForChange(req: { seq: number }): Promise<string[]> {
      const { rows } = await pool.query(
        `INSERT INTO catalog_webhook_deliveries (webhook_id, change_seq, status)
         SELECT id, $1, 'pending' FROM catalog_webhooks WHERE active AND created_at <= (SELECT at FROM catalog_changes WHERE seq = $1)
         ON CONFLICT DO NOTHING RETURNING webhook_id`,
        [req.seq],
      );
      const pending = await pool.query(`SELECT webhook_id FROM catalog_webhook_deliveries WHERE change_seq = $1 AND status = 'pending'`, [
        req.seq,
      ]);
      return [...new Set([...rows, ...pending.rows].map((r) => String(r.webhook_id)))];
    },

    /**
     * Delivers one change to one webhook, signed: `X-SDP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
     * "<t>.<body>" with the webhook's secret>`. A receiver dedupes by `X-SDP-Delivery`; a non-2xx answer is retried.
     */
    async deliverCatalogWebhook(req: { webhookId: string; seq: number }): Promise<void> {
      const { rows } = await pool.query(
        `SELECT w.url, w.secret, w.active, d.status, c.seq, c.service_id, c.version, c.kind, c.at
           FROM catalog_webhook_deliveries d JOIN catalog_webhooks w ON w.id = d.webhook_id JOIN catalog_changes c ON c.seq = d.change_seq
          WHERE d.webhook_id = $1 AND d.change_seq = $2`,
        [req.webhookId, req.seq],
      );
      const r = rows[0];
      if (!r || r.status === 'delivered' || !r.active) return;
      const body = JSON.stringify({
        seq: Number(r.seq),
        serviceId: r.service_id,
        version: r.version,
        kind: r.kind,
        at: new Date(r.at).toISOString(),
        links: {
          service: `${publicBaseUrl}/api/v1/catalog/services/${r.service_id}`,
          jsonld: `${publicBaseUrl}/api/v1/catalog/services/${r.service_id}/cpsv-ap.jsonld`,
        },
      });
      const timestamp = Math.floor(Date.now() / 1000);
      let status = 0;
      let error: string | null = null;
      try {
        status = await postWebhook(
          r.url,
          body,
          {
            'content-type': 'application/json',
            'x-sdp-delivery': `${req.webhookId}:${req.seq}`,
            'x-sdp-event': `service.${r.kind}`,
            'x-sdp-signature': `t=${timestamp},v1=${webhookSignature(r.secret, timestamp, body)}`,
          },
          { allow: webhookAllowPrivateNetworks, timeoutMs: webhookTimeoutMs },
        );
        if (status >= 300 && status < 400) error = `answered ${status}: redirects are not followed`;
        else if (status < 200 || status >= 300) error = `answered ${status}`;
      } catch (e) {
        // Refused, reset, timed out or unresolvable are one "no answer": the record must not map a network's ports.
        error = e instanceof BlockedAddressError ? 'not a public address' : 'no answer';
      }
      await pool.query(
        `UPDATE catalog_webhook_deliveries SET attempts = attempts + 1, last_status = $3, last_error = $4,
                status = CASE WHEN $4::text IS NULL THEN 'delivered' ELSE status END, delivered_at = CASE WHEN $4::text IS NULL THEN now() END
          WHERE webhook_id = $1 AND change_seq = $2`,
        [req.webhookId, req.seq, status || null, error],
      );
      if (error === 'not a public address') {
        throw ApplicationFailure.create({
          type: 'webhook_address_blocked',
          nonRetryable: true,
          message: `webhook ${req.webhookId}: ${error}`,
        });
      }
      if (error) throw new Error(`webhook ${req.webhookId}: ${error}`);
    },

    async markCatalogWebhookFailed(req: { webhookId: string; seq: number }): Promise<void> {
      await pool.query(
        `UPDATE catalog_webhook_deliveries SET status = 'failed' WHERE webhook_id = $1 AND change_seq = $2 AND status = 'pending'`,
        [req.webhookId, req.seq],
      );
    },
  };
}

export type CatalogActivities = ReturnType<typeof createCatalogActivities>;
