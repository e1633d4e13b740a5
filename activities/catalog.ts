// Activities of the catalogue: review decisions and publication, review-date reminders, webhook deliveries to
// external portals. Every write is keyed so that a retried activity changes nothing twice.
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { ApplicationFailure } from '@temporalio/activity';
import type { Pool } from 'pg';
import { inTransaction } from '../db/transaction';
import { sequelizeOf } from '../db/connection';
import { publishVersion } from '../db/catalog/read-model';
import { lockVersionStage, setVersionStage, versionHead } from '../db/catalog/versions';
import { decisionRecorded, recordReviewEvent } from '../db/catalog/review-events';
import { publicationSeq } from '../db/catalog/published';
import { insertReminder, servicesDueForReview, type Audience } from '../db/catalog/reminders';
import { deliveryToSend, markDeliveryFailed, queueDeliveries, recordDeliveryAttempt } from '../db/catalog/webhooks';
import { BlockedAddressError, guardedLookup, hostOf, isBlockedAddress, type PrivateNetworkAllowance } from './adapters/outbound-address';

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
      return (await versionHead(sequelizeOf(pool), req.serviceId, req.version))?.stage ?? null;
    },

    /**
     * Records a reviewer's decision and moves the version on: approve at the agency → catalogue review; approve at
     * the catalogue → published (the read model, the change feed); return → back to the author. Returns the new
     * stage and, when published, the change-feed sequence number.
     */
    async recordCatalogDecision(d: DecisionRecord): Promise<{ stage: string; changeSeq: number | null }> {
      return inTransaction(pool, async (client, transaction) => {
        const done = await decisionRecorded(transaction, d.idempotencyKey);
        const stage = await lockVersionStage(client, d.serviceId, d.version);
        if (done) return { stage: stage ?? 'unknown', changeSeq: await publicationSeq(transaction, d.serviceId, d.version) };
        if (stage !== d.from) {
          throw ApplicationFailure.create({
            type: 'stage_changed',
            nonRetryable: true,
            message: `version ${d.version} of ${d.serviceId} is ${stage ?? 'gone'}, not ${d.from}`,
          });
        }
        await recordReviewEvent(transaction, {
          serviceId: d.serviceId,
          version: d.version,
          action: d.decision === 'return' ? 'returned' : 'approved',
          step: STEP_OF[d.from],
          actor: d.reviewer,
          comment: d.comment,
          idempotencyKey: d.idempotencyKey,
        });
        if (d.decision === 'return') {
          await setVersionStage(transaction, d.serviceId, d.version, 'returned');
          return { stage: 'returned', changeSeq: null };
        }
        if (d.from === 'agency_review') {
          await setVersionStage(transaction, d.serviceId, d.version, 'catalogue_review');
          return { stage: 'catalogue_review', changeSeq: null };
        }
        const published = await publishVersion(client, d.serviceId, d.version);
        await recordReviewEvent(transaction, {
          serviceId: d.serviceId,
          version: d.version,
          action: 'published',
          step: 'catalogue',
          actor: d.reviewer,
        });
        return { stage: 'published', changeSeq: published.changeSeq };
      });
    },

    /**
     * Reminders about review-by dates, once per service, date and audience: the owning agency's admins
     * {REVIEW_REMINDER_DAYS} days before; once overdue, the agency's approvers and the catalogue administrators too.
     */
    async remindAboutReviews(): Promise<{ dueSoon: number; overdue: number }> {
      let dueSoon = 0;
      let overdue = 0;
      for (const r of await servicesDueForReview(pool)) {
        const audiences: Audience[] = r.overdue ? ['agency-admin', 'agency-approver', 'catalogue-admin'] : ['agency-admin'];
        const kind = r.overdue ? 'review_overdue' : 'review_due';
        if (r.overdue) overdue += 1;
        else dueSoon += 1;
        const subject = r.overdue
          ? { lv: `Nokavēta apraksta pārskatīšana: ${r.title.lv}`, en: `Review overdue: ${r.title.en}` }
          : {
              lv: `Pārskatiet pakalpojuma aprakstu līdz ${r.reviewBy}: ${r.title.lv}`,
              en: `Review the description by ${r.reviewBy}: ${r.title.en}`,
            };
        const body = {
          lv: `Pakalpojuma "${r.title.lv}" apraksts jāpārskata līdz ${r.reviewBy}. Ja nekas nav mainījies, atzīmējiet to kā pārskatītu.`,
          en: `The description of "${r.title.en}" is to be reviewed by ${r.reviewBy}. If nothing has changed, mark it as reviewed.`,
        };
        for (const audience of audiences) {
          await insertReminder(pool, {
            id: `${kind}:${r.serviceId}:${r.reviewBy}:${audience}`,
            audience,
            agencyId: audience === 'catalogue-admin' ? null : r.agencyId,
            serviceId: r.serviceId,
            kind,
            subject,
            body,
          });
        }
      }
      return { dueSoon, overdue };
    },

    /** Active webhooks at the time of a change (one delivery row each, so the record shows what is pending). */
    async webhooksForChange(req: { seq: number }): Promise<string[]> {
      return queueDeliveries(pool, req.seq);
    },

    /**
     * Delivers one change to one webhook, signed: `X-SDP-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
     * "<t>.<body>" with the webhook's secret>`. A receiver dedupes by `X-SDP-Delivery`; a non-2xx answer is retried.
     */
    async deliverCatalogWebhook(req: { webhookId: string; seq: number }): Promise<void> {
      const r = await deliveryToSend(pool, req.webhookId, req.seq);
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
      await recordDeliveryAttempt(pool, req.webhookId, req.seq, status || null, error);
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
      await markDeliveryFailed(pool, req.webhookId, req.seq);
    },
  };
}

export type CatalogActivities = ReturnType<typeof createCatalogActivities>;
