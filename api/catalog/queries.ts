// What agency staff and catalogue administrators read about descriptions: their entries with versions and review
// trail, the review queues of each step, the stale list and their reminders.
import type { Pool } from 'pg';
import { notFound } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import { REVIEW_REMINDER_DAYS } from '../../db/domain/catalog-review';

/** Catalogue administrators see every agency's entries; agency staff only their own (others are 404). */
export function scopeOf(p: Principal): string | null {
  return p.roles.includes('catalogue-admin') ? null : (p.agency ?? '-');
}

const ENTRY = `
  SELECT s.service_id, s.agency_id, s.latest_version, s.published_version, s.review_by::text AS review_by, s.reviewed_at, s.withdrawn_at,
         s.withdrawal_reason, s.updated_at, v.stage, v.author_name, v.created_at AS version_created_at, v.document->'title' AS title,
         s.review_by < current_date AS overdue, s.review_by <= current_date + ${REVIEW_REMINDER_DAYS} AS review_due
    FROM catalog_services s JOIN catalog_service_versions v ON v.service_id = s.service_id AND v.version = s.latest_version`;

interface EntryRow {
  service_id: string;
  agency_id: string;
  latest_version: number;
  published_version: number | null;
  review_by: string;
  reviewed_at: Date | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  stage: string;
  author_name: string;
  version_created_at: Date;
  title: unknown;
  overdue: boolean;
  review_due: boolean;
}

function presentEntry(r: EntryRow) {
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

export async function listEntries(pool: Pool, scope: string | null) {
  const { rows } = await pool.query(`${ENTRY} WHERE ($1::text IS NULL OR s.agency_id = $1) ORDER BY s.service_id`, [scope]);
  return rows.map(presentEntry);
}

export async function entryDetail(pool: Pool, scope: string | null, serviceId: string) {
  const { rows } = await pool.query(`${ENTRY} WHERE s.service_id = $2 AND ($1::text IS NULL OR s.agency_id = $1)`, [scope, serviceId]);
  if (!rows[0]) throw notFound('catalogue service');
  const latest = await pool.query('SELECT document FROM catalog_service_versions WHERE service_id = $1 AND version = $2', [
    serviceId,
    rows[0].latest_version,
  ]);
  const events = await pool.query(
    'SELECT version, action, step, actor_id, actor_name, comment, at FROM catalog_review_events WHERE service_id = $1 ORDER BY id',
    [serviceId],
  );
  return {
    ...presentEntry(rows[0]),
    document: latest.rows[0].document,
    events: events.rows.map((e) => ({
      version: e.version,
      action: e.action,
      step: e.step,
      actor: { id: e.actor_id, name: e.actor_name },
      comment: e.comment,
      at: e.at.toISOString(),
    })),
  };
}

export async function listVersions(pool: Pool, scope: string | null, serviceId: string) {
  await entryDetailExists(pool, scope, serviceId);
  const { rows } = await pool.query(
    `SELECT version, stage, author_id, author_name, created_at, submitted_at, published_at FROM catalog_service_versions WHERE service_id = $1 ORDER BY version DESC`,
    [serviceId],
  );
  return rows.map((r) => ({
    version: r.version,
    stage: r.stage,
    author: { id: r.author_id, name: r.author_name },
    createdAt: r.created_at.toISOString(),
    submittedAt: r.submitted_at?.toISOString() ?? null,
    publishedAt: r.published_at?.toISOString() ?? null,
  }));
}

export async function versionDocument(pool: Pool, scope: string | null, serviceId: string, version: number) {
  await entryDetailExists(pool, scope, serviceId);
  const { rows } = await pool.query(
    'SELECT version, stage, author_id, author_name, created_at, document FROM catalog_service_versions WHERE service_id = $1 AND version = $2',
    [serviceId, version],
  );
  if (!rows[0]) throw notFound('version');
  const r = rows[0];
  return {
    serviceId,
    version: r.version,
    stage: r.stage,
    author: { id: r.author_id, name: r.author_name },
    createdAt: r.created_at.toISOString(),
    document: r.document,
  };
}

async function entryDetailExists(pool: Pool, scope: string | null, serviceId: string): Promise<void> {
  const { rows } = await pool.query('SELECT 1 FROM catalog_services WHERE service_id = $1 AND ($2::text IS NULL OR agency_id = $2)', [
    serviceId,
    scope,
  ]);
  if (!rows[0]) throw notFound('catalogue service');
}

/** Versions waiting for the caller's decision: the agency step for its approvers, the catalogue step for administrators. */
export async function reviewQueue(pool: Pool, p: Principal) {
  const steps: Array<[string, string | null]> = [];
  if (p.roles.includes('agency-approver') && p.agency) steps.push(['agency_review', p.agency]);
  if (p.roles.includes('catalogue-admin')) steps.push(['catalogue_review', null]);
  const items = [];
  for (const [stage, agency] of steps) {
    const { rows } = await pool.query(
      `SELECT v.service_id, v.version, v.stage, v.author_id, v.author_name, v.submitted_at, v.document->'title' AS title, s.agency_id, s.published_version
         FROM catalog_service_versions v JOIN catalog_services s USING (service_id)
        WHERE v.stage = $1 AND ($2::text IS NULL OR s.agency_id = $2) ORDER BY v.submitted_at`,
      [stage, agency],
    );
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
export async function staleList(pool: Pool, scope: string | null) {
  const { rows } = await pool.query(
    `${ENTRY} WHERE s.withdrawn_at IS NULL AND s.published_version IS NOT NULL AND s.review_by <= current_date + ${REVIEW_REMINDER_DAYS}
        AND ($1::text IS NULL OR s.agency_id = $1) ORDER BY s.review_by, s.service_id`,
    [scope],
  );
  return rows.map(presentEntry);
}

const audiencesOf = (p: Principal) => p.roles.filter((r) => r === 'agency-admin' || r === 'agency-approver' || r === 'catalogue-admin');
const MINE = `audience = ANY($1) AND (audience = 'catalogue-admin' OR agency_id = $2)`;

/** Unread reminders first, then the latest read ones. */
export async function remindersFor(pool: Pool, p: Principal) {
  const { rows } = await pool.query(
    `SELECT id, audience, agency_id, service_id, kind, subject_lv, subject_en, body_lv, body_en, created_at, read_at FROM staff_reminders
      WHERE ${MINE} ORDER BY read_at IS NOT NULL, created_at DESC, id LIMIT 200`,
    [audiencesOf(p), p.agency ?? null],
  );
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
  const { rowCount } = await pool.query(`UPDATE staff_reminders SET read_at = COALESCE(read_at, now()) WHERE id = $3 AND ${MINE}`, [
    audiencesOf(p),
    p.agency ?? null,
    id,
  ]);
  return (rowCount ?? 0) > 0;
}
