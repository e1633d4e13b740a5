// The versions of a description (catalog_service_versions): every change is a new immutable document with its author
// and time; its stage moves draft → agency_review → catalogue_review → published (or returned, superseded, withdrawn).
// Publishing and withdrawing, which also change the public read model, are read-model.ts.
import type { Pool, PoolClient } from 'pg';
import { Op, fn } from 'sequelize';
import type { CatalogStage, Localized } from '../../forms/types/api';
import type { ServiceDescription } from './description';
import { catalogModels, type ModelScope } from './models';
import type { ReviewStage } from '../../workflows/catalog/api';

type Db = Pool | PoolClient;
const IN_REVIEW: ReviewStage[] = ['agency_review', 'catalogue_review'];

export interface NewVersion {
  serviceId: string;
  version: number;
  document: ServiceDescription;
  authorId: string;
  authorName: string;
}

/** A new draft version. */
export async function insertDraftVersion(on: ModelScope, v: NewVersion): Promise<void> {
  const { versions, transaction } = catalogModels(on);
  await versions.create({ ...v, stage: 'draft' }, { transaction });
}

/** An unsubmitted or returned draft before `version` is replaced by it (the published version stays live). */
export async function supersedeOpenDrafts(on: ModelScope, serviceId: string, version: number): Promise<void> {
  const { versions, transaction } = catalogModels(on);
  await versions.update(
    { stage: 'superseded' },
    { where: { serviceId, version: { [Op.lt]: version }, stage: { [Op.in]: ['draft', 'returned'] } }, transaction },
  );
}

export interface VersionHead {
  stage: CatalogStage;
  authorId: string;
}

/** A version's stage and author (not its document); null when there is no such version. */
export async function versionHead(on: ModelScope, serviceId: string, version: number): Promise<VersionHead | null> {
  const { versions, transaction } = catalogModels(on);
  const found = await versions.findOne({ attributes: ['stage', 'authorId'], where: { serviceId, version }, transaction });
  return found ? { stage: found.stage, authorId: found.authorId } : null;
}

/** A version's stage, locked until the transaction ends (a reviewer's decision and a withdrawal do not cross). */
export async function lockVersionStage(client: PoolClient, serviceId: string, version: number): Promise<CatalogStage | null> {
  const { rows } = await client.query<{ stage: CatalogStage }>(
    'SELECT stage FROM catalog_service_versions WHERE service_id = $1 AND version = $2 FOR UPDATE',
    [serviceId, version],
  );
  return rows[0]?.stage ?? null;
}

/** Moves a version to another stage (a reviewer's decision; publishing is read-model.ts's publishVersion). */
export async function setVersionStage(on: ModelScope, serviceId: string, version: number, stage: CatalogStage): Promise<void> {
  const { versions, transaction } = catalogModels(on);
  await versions.update({ stage }, { where: { serviceId, version }, transaction });
}

/** The version goes to its agency's approver. */
export async function sendToReview(on: ModelScope, serviceId: string, version: number): Promise<void> {
  const { versions, transaction } = catalogModels(on);
  await versions.update({ stage: 'agency_review', submittedAt: fn('now') }, { where: { serviceId, version }, transaction });
}

/** The versions of the service waiting for a review decision. */
export async function versionsInReview(on: ModelScope, serviceId: string): Promise<number[]> {
  const { versions, transaction } = catalogModels(on);
  const found = await versions.findAll({ attributes: ['version'], where: { serviceId, stage: { [Op.in]: IN_REVIEW } }, transaction });
  return found.map((v) => Number(v.version));
}

export interface VersionInReview {
  stage: ReviewStage;
  authorId: string;
  agencyId: string;
}

/** The version if it is in review, with its author and agency (what its publication workflow starts with). */
export async function versionInReview(db: Db, serviceId: string, version: number): Promise<VersionInReview | null> {
  const { rows } = await db.query<{ author_id: string; stage: ReviewStage; agency_id: string }>(
    `SELECT v.author_id, v.stage, s.agency_id FROM catalog_service_versions v JOIN catalog_services s USING (service_id)
      WHERE v.service_id = $1 AND v.version = $2 AND v.stage IN ('agency_review','catalogue_review')`,
    [serviceId, version],
  );
  return rows[0] ? { stage: rows[0].stage, authorId: rows[0].author_id, agencyId: rows[0].agency_id } : null;
}

export interface VersionSummary {
  version: number;
  stage: CatalogStage;
  authorId: string;
  authorName: string;
  createdAt: Date;
  submittedAt: Date | null;
  publishedAt: Date | null;
}

/** Every version of the service without its document, newest first. */
export async function listVersions(on: ModelScope, serviceId: string): Promise<VersionSummary[]> {
  const { versions, transaction } = catalogModels(on);
  const found = await versions.findAll({
    attributes: ['version', 'stage', 'authorId', 'authorName', 'createdAt', 'submittedAt', 'publishedAt'],
    where: { serviceId },
    order: [['version', 'DESC']],
    transaction,
  });
  return found.map((v) => ({
    version: v.version,
    stage: v.stage,
    authorId: v.authorId,
    authorName: v.authorName,
    createdAt: v.createdAt,
    submittedAt: v.submittedAt,
    publishedAt: v.publishedAt,
  }));
}

export interface StoredVersion {
  version: number;
  stage: CatalogStage;
  authorId: string;
  authorName: string;
  createdAt: Date;
  document: ServiceDescription;
}

/** One version as it was written; null when there is no such version. */
export async function findVersion(on: ModelScope, serviceId: string, version: number): Promise<StoredVersion | null> {
  const { versions, transaction } = catalogModels(on);
  const v = await versions.findOne({
    attributes: ['version', 'stage', 'authorId', 'authorName', 'createdAt', 'document'],
    where: { serviceId, version },
    transaction,
  });
  return v
    ? { version: v.version, stage: v.stage, authorId: v.authorId, authorName: v.authorName, createdAt: v.createdAt, document: v.document }
    : null;
}

export interface QueuedVersion {
  service_id: string;
  version: number;
  stage: ReviewStage;
  author_id: string;
  author_name: string;
  submitted_at: Date | null;
  title: Localized;
  agency_id: string;
  published_version: number | null;
}

/** The versions waiting at one review stage (of one agency, or of every agency when null), oldest submission first. */
export async function versionsAtStage(db: Db, stage: ReviewStage, agencyId: string | null): Promise<QueuedVersion[]> {
  const { rows } = await db.query<QueuedVersion>(
    `SELECT v.service_id, v.version, v.stage, v.author_id, v.author_name, v.submitted_at, v.document->'title' AS title, s.agency_id, s.published_version
       FROM catalog_service_versions v JOIN catalog_services s USING (service_id)
      WHERE v.stage = $1 AND ($2::text IS NULL OR s.agency_id = $2) ORDER BY v.submitted_at`,
    [stage, agencyId],
  );
  return rows;
}
