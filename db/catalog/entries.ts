// The catalogue's entries (catalog_services: one per described service, with its latest and published version, its
// review-by date and its withdrawal) and the service-register row (services) that a new description claims.
// Agency staff see only their agency's entries: `agencyScope` is that agency, or null for the catalogue administrator.
import type { Pool, PoolClient } from 'pg';
import { fn } from 'sequelize';
import { REVIEW_REMINDER_DAYS } from '../domain/catalog-review';
import type { CatalogStage, Localized } from '../../forms/types/api';
import { registerChannels, type ServiceDescription } from './description';
import { catalogModels, type ModelScope } from './models';

type Db = Pool | PoolClient;

/** The agency that holds a service id in the register, locked until the transaction ends; null when the id is free. */
export async function lockRegisteredService(client: PoolClient, serviceId: string): Promise<{ agencyId: string } | null> {
  const { rows } = await client.query<{ agency_id: string }>('SELECT agency_id FROM services WHERE id = $1 FOR UPDATE', [serviceId]);
  return rows[0] ? { agencyId: rows[0].agency_id } : null;
}

/** Registers the described service in the case register's service list (its titles and channels). */
export async function registerService(client: PoolClient, agencyId: string, d: ServiceDescription): Promise<void> {
  await client.query('INSERT INTO services (id, agency_id, title_lv, title_en, channels) VALUES ($1, $2, $3, $4, $5)', [
    d.id,
    agencyId,
    d.title.lv,
    d.title.en,
    registerChannels(d),
  ]);
}

/** A new entry at version 1 (review by the date given, else a year from today); false when the service has one. */
export async function insertEntry(client: PoolClient, serviceId: string, agencyId: string, reviewBy: string | undefined): Promise<boolean> {
  const { rows } = await client.query(
    `INSERT INTO catalog_services (service_id, agency_id, latest_version, review_by) VALUES ($1, $2, 1, COALESCE($3::date, current_date + 365))
     ON CONFLICT (service_id) DO NOTHING RETURNING service_id`,
    [serviceId, agencyId, reviewBy ?? null],
  );
  return rows.length > 0;
}

export interface LockedEntry {
  serviceId: string;
  latestVersion: number;
  publishedVersion: number | null;
  withdrawnAt: Date | null;
}

/** The entry of the agency (locked until the transaction ends); null when there is none or it is another agency's. */
export async function lockAgencyEntry(client: PoolClient, serviceId: string, agencyId: string): Promise<LockedEntry | null> {
  const { rows } = await client.query<{
    service_id: string;
    latest_version: number;
    published_version: number | null;
    withdrawn_at: Date | null;
  }>('SELECT * FROM catalog_services WHERE service_id = $1 AND agency_id = $2 FOR UPDATE', [serviceId, agencyId]);
  const r = rows[0];
  return r
    ? { serviceId: r.service_id, latestVersion: r.latest_version, publishedVersion: r.published_version, withdrawnAt: r.withdrawn_at }
    : null;
}

export async function setLatestVersion(on: ModelScope, serviceId: string, version: number): Promise<void> {
  const { entries, transaction } = catalogModels(on);
  await entries.update({ latestVersion: version, updatedAt: fn('now') }, { where: { serviceId }, transaction });
}

export interface ReviewDateMove {
  reviewBy: string;
  /** The date asked for is today or earlier. */
  notFuture: boolean;
  /** The date asked for is more than three years away. */
  tooFar: boolean;
}

/** "Reviewed, nothing changed": the next review-by date (default a year from today); the caller refuses one out of range. */
export async function moveReviewDate(
  client: PoolClient,
  serviceId: string,
  reviewBy: string | undefined,
  reviewerId: string,
): Promise<ReviewDateMove> {
  const { rows } = await client.query<{ review_by: string; not_future: boolean; too_far: boolean }>(
    `UPDATE catalog_services SET review_by = COALESCE($2::date, current_date + 365), reviewed_at = now(), reviewed_by = $3, updated_at = now()
      WHERE service_id = $1 RETURNING review_by::text AS review_by, (review_by <= current_date) AS not_future, (review_by > current_date + 3 * 365) AS too_far`,
    [serviceId, reviewBy ?? null, reviewerId],
  );
  return { reviewBy: rows[0].review_by, notFuture: rows[0].not_future, tooFar: rows[0].too_far };
}

/** Whether the service has an entry the scope may see. */
export async function entryVisible(on: ModelScope, agencyScope: string | null, serviceId: string): Promise<boolean> {
  const { entries, transaction } = catalogModels(on);
  const found = await entries.findOne({
    attributes: ['serviceId'],
    where: agencyScope === null ? { serviceId } : { serviceId, agencyId: agencyScope },
    transaction,
  });
  return found !== null;
}

// ---- the management list: an entry with its latest version ----

/** An entry and its latest version, with the freshness flags of its review-by date. */
export interface EntryRow {
  service_id: string;
  agency_id: string;
  latest_version: number;
  published_version: number | null;
  review_by: string;
  reviewed_at: Date | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
  updated_at: Date;
  stage: CatalogStage;
  author_name: string;
  version_created_at: Date;
  title: Localized;
  overdue: boolean;
  review_due: boolean;
}

const ENTRY = `
  SELECT s.service_id, s.agency_id, s.latest_version, s.published_version, s.review_by::text AS review_by, s.reviewed_at, s.withdrawn_at,
         s.withdrawal_reason, s.updated_at, v.stage, v.author_name, v.created_at AS version_created_at, v.document->'title' AS title,
         s.review_by < current_date AS overdue, s.review_by <= current_date + ${REVIEW_REMINDER_DAYS} AS review_due
    FROM catalog_services s JOIN catalog_service_versions v ON v.service_id = s.service_id AND v.version = s.latest_version`;

export async function entryRows(db: Db, agencyScope: string | null): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(`${ENTRY} WHERE ($1::text IS NULL OR s.agency_id = $1) ORDER BY s.service_id`, [agencyScope]);
  return rows;
}

export async function entryRow(db: Db, agencyScope: string | null, serviceId: string): Promise<EntryRow | null> {
  const { rows } = await db.query<EntryRow>(`${ENTRY} WHERE s.service_id = $2 AND ($1::text IS NULL OR s.agency_id = $1)`, [
    agencyScope,
    serviceId,
  ]);
  return rows[0] ?? null;
}

/** Published entries due for review within the reminder window, overdue first. */
export async function staleEntryRows(db: Db, agencyScope: string | null): Promise<EntryRow[]> {
  const { rows } = await db.query<EntryRow>(
    `${ENTRY} WHERE s.withdrawn_at IS NULL AND s.published_version IS NOT NULL AND s.review_by <= current_date + ${REVIEW_REMINDER_DAYS}
        AND ($1::text IS NULL OR s.agency_id = $1) ORDER BY s.review_by, s.service_id`,
    [agencyScope],
  );
  return rows;
}
