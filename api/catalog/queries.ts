// What agency staff and catalogue administrators read about descriptions: their entries with versions and review
// trail, the review queues of each step, the stale list and their reminders. The answers are the generated types
// of the routes' response schemas (forms/api/get-agency-catalog-*, get-catalog-reviews, get-staff-reminders).
import type { Pool } from 'pg';
import { notFound } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import { sequelizeOf } from '../../db/connection';
import { entryRow, entryRows, entryVisible, staleEntryRows, type EntryRow } from '../../db/catalog/entries';
import { findVersion, listVersions as versionsOf, versionsAtStage } from '../../db/catalog/versions';
import { reviewEvents } from '../../db/catalog/review-events';
import { markReminderRead as markRead, remindersFor as readReminders } from '../../db/catalog/reminders';
import type {
  CatalogEntry,
  GetAgencyCatalogServicesIdResponse,
  GetAgencyCatalogServicesIdVersionsResponse,
  GetAgencyCatalogServicesIdVersionsVersionResponse,
  GetCatalogReviewsResponse,
  GetStaffRemindersResponse,
} from '../../forms/types/api';
import type { ReviewStage } from '../../workflows/catalog/api';

/** Catalogue administrators see every agency's entries; agency staff only their own (others are 404). */
export function scopeOf(p: Principal): string | null {
  return p.roles.includes('catalogue-admin') ? null : (p.agency ?? '-');
}

function presentEntry(r: EntryRow): CatalogEntry {
  return {
    serviceId: r.service_id,
    agencyId: r.agency_id,
    title: r.title,
    latestVersion: r.latest_version,
    stage: r.stage,
    publishedVersion: r.published_version,
    reviewBy: r.review_by,
    reviewedAt: r.reviewed_at?.toISOString() ?? null,
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    withdrawalReason: r.withdrawal_reason ?? null,
    stale: !r.withdrawn_at && r.published_version !== null && r.review_due,
    overdue: !r.withdrawn_at && r.published_version !== null && r.overdue,
    lastChangedBy: r.author_name,
    lastChangedAt: r.version_created_at.toISOString(),
  };
}

export async function listEntries(pool: Pool, scope: string | null): Promise<CatalogEntry[]> {
  return (await entryRows(pool, scope)).map(presentEntry);
}

export async function entryDetail(pool: Pool, scope: string | null, serviceId: string): Promise<GetAgencyCatalogServicesIdResponse> {
  const entry = await entryRow(pool, scope, serviceId);
  if (!entry) throw notFound('catalogue service');
  const sequelize = sequelizeOf(pool);
  const latest = await findVersion(sequelize, serviceId, entry.latest_version);
  if (!latest) throw new Error(`catalogue version ${serviceId} v${entry.latest_version} not found`);
  const events = await reviewEvents(sequelize, serviceId);
  return {
    ...presentEntry(entry),
    document: latest.document,
    events: events.map((e) => ({
      version: e.version,
      action: e.action,
      step: e.step,
      actor: { id: e.actorId, name: e.actorName },
      comment: e.comment,
      at: e.at.toISOString(),
    })),
  };
}

export async function listVersions(
  pool: Pool,
  scope: string | null,
  serviceId: string,
): Promise<GetAgencyCatalogServicesIdVersionsResponse['items']> {
  await entryDetailExists(pool, scope, serviceId);
  return (await versionsOf(sequelizeOf(pool), serviceId)).map((v) => ({
    version: v.version,
    stage: v.stage,
    author: { id: v.authorId, name: v.authorName },
    createdAt: v.createdAt.toISOString(),
    submittedAt: v.submittedAt?.toISOString() ?? null,
    publishedAt: v.publishedAt?.toISOString() ?? null,
  }));
}

export async function versionDocument(
  pool: Pool,
  scope: string | null,
  serviceId: string,
  version: number,
): Promise<GetAgencyCatalogServicesIdVersionsVersionResponse> {
  await entryDetailExists(pool, scope, serviceId);
  const v = await findVersion(sequelizeOf(pool), serviceId, version);
  if (!v) throw notFound('version');
  return {
    serviceId,
    version: v.version,
    stage: v.stage,
    author: { id: v.authorId, name: v.authorName },
    createdAt: v.createdAt.toISOString(),
    document: v.document,
  };
}

/** A 404 unless the scope may see the service's entry. */
export async function entryDetailExists(pool: Pool, scope: string | null, serviceId: string): Promise<void> {
  if (!(await entryVisible(sequelizeOf(pool), scope, serviceId))) throw notFound('catalogue service');
}

/** Versions waiting for the caller's decision: the agency step for its approvers, the catalogue step for administrators. */
export async function reviewQueue(pool: Pool, p: Principal): Promise<GetCatalogReviewsResponse['items']> {
  const steps: Array<[ReviewStage, string | null]> = [];
  if (p.roles.includes('agency-approver') && p.agency) steps.push(['agency_review', p.agency]);
  if (p.roles.includes('catalogue-admin')) steps.push(['catalogue_review', null]);
  const items: GetCatalogReviewsResponse['items'] = [];
  for (const [stage, agency] of steps) {
    const rows = await versionsAtStage(pool, stage, agency);
    items.push(
      ...rows.map((r) => ({
        serviceId: r.service_id,
        version: r.version,
        stage: r.stage,
        agencyId: r.agency_id,
        title: r.title,
        publishedVersion: r.published_version,
        author: { id: r.author_id, name: r.author_name },
        submittedAt: r.submitted_at?.toISOString() ?? null,
      })),
    );
  }
  return items;
}

/** Published descriptions due for review within the reminder window, overdue first. */
export async function staleList(pool: Pool, scope: string | null): Promise<CatalogEntry[]> {
  return (await staleEntryRows(pool, scope)).map(presentEntry);
}

const audiencesOf = (p: Principal) => p.roles.filter((r) => r === 'agency-admin' || r === 'agency-approver' || r === 'catalogue-admin');

/** Unread reminders first, then the latest read ones. */
export async function remindersFor(pool: Pool, p: Principal): Promise<GetStaffRemindersResponse['items']> {
  const rows = await readReminders(pool, audiencesOf(p), p.agency ?? null);
  return rows.map((r) => ({
    id: r.id,
    audience: r.audience,
    agencyId: r.agency_id,
    serviceId: r.service_id,
    kind: r.kind,
    subject: { lv: r.subject_lv, en: r.subject_en },
    body: { lv: r.body_lv, en: r.body_en },
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at?.toISOString() ?? null,
  }));
}

export async function markReminderRead(pool: Pool, p: Principal, id: string): Promise<boolean> {
  return markRead(pool, audiencesOf(p), p.agency ?? null, id);
}
