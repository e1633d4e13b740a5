// Agency management of catalogue descriptions (integration API 2): every change is a new immutable version with its
// author and time; submitting starts the publication workflow; withdrawing and "reviewed, no changes" are one step.
import type { Pool, PoolClient } from 'pg';
import type { Transaction } from 'sequelize';
import type { Client } from '@temporalio/client';
import { startWorkflowOnce } from '../platform/temporal';
import { inTransaction } from '../../db/transaction';
import { conflict, forbidden, notFound, unprocessable } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import { checkReferences, type ServiceDescription } from '../../db/catalog/description';
import { withdrawService } from '../../db/catalog/read-model';
import {
  insertEntry,
  lockAgencyEntry,
  lockRegisteredService,
  moveReviewDate,
  registerService,
  setLatestVersion,
  type LockedEntry,
} from '../../db/catalog/entries';
import {
  insertDraftVersion,
  sendToReview,
  supersedeOpenDrafts,
  versionHead,
  versionInReview,
  versionsInReview,
} from '../../db/catalog/versions';
import { recordReviewEvent } from '../../db/catalog/review-events';
import {
  CATALOG_CHANGE_WORKFLOW,
  CATALOG_PUBLICATION_WORKFLOW,
  catalogChangeWorkflowId,
  catalogPublicationWorkflowId,
  serviceWithdrawnSignal,
  type PublicationInput,
} from '../../workflows/catalog/api';

export interface Author {
  id: string;
  name: string;
  agency: string;
}

export function authorOf(p: Principal): Author {
  if (!p.agency) throw forbidden('Your account is not linked to an agency.');
  return { id: p.sub, name: p.name, agency: p.agency };
}

async function assertConsistent(pool: Pool | PoolClient, d: ServiceDescription): Promise<void> {
  const problems = await checkReferences(pool, d, '/description');
  if (problems.length > 0)
    throw unprocessable('description_inconsistent', 'The description refers to codes, offices or services that do not exist.', problems);
}

/** The entry of the caller's agency (locked); another agency's entry is a 404, as if it did not exist. */
async function ownEntry(client: PoolClient, serviceId: string, agencyId: string): Promise<LockedEntry> {
  const entry = await lockAgencyEntry(client, serviceId, agencyId);
  if (!entry) throw notFound('catalogue service');
  return entry;
}

/** The version's stage and author; the entry's latest version always exists. */
async function latestHead(transaction: Transaction, entry: LockedEntry) {
  const head = await versionHead(transaction, entry.serviceId, entry.latestVersion);
  if (!head) throw new Error(`catalogue version ${entry.serviceId} v${entry.latestVersion} not found`);
  return head;
}

export async function createService(
  pool: Pool,
  author: Author,
  d: ServiceDescription,
  reviewBy: string | undefined,
): Promise<{ serviceId: string; version: number }> {
  await assertConsistent(pool, d);
  return inTransaction(pool, async (client, transaction) => {
    const registered = await lockRegisteredService(client, d.id);
    if (registered && registered.agencyId !== author.agency)
      throw conflict('service_id_taken', `The id "${d.id}" belongs to another agency's service.`);
    if (!registered) await registerService(client, author.agency, d);
    if (!(await insertEntry(client, d.id, author.agency, reviewBy)))
      throw conflict('service_exists', `The catalogue already describes "${d.id}"; change it with PUT.`);
    await insertDraftVersion(transaction, { serviceId: d.id, version: 1, document: d, authorId: author.id, authorName: author.name });
    await recordReviewEvent(transaction, { serviceId: d.id, version: 1, action: 'created', step: 'author', actor: author });
    return { serviceId: d.id, version: 1 };
  });
}

export async function changeService(
  pool: Pool,
  author: Author,
  serviceId: string,
  baseVersion: number,
  d: ServiceDescription,
  comment: string | undefined,
): Promise<{ version: number }> {
  if (d.id !== serviceId)
    throw unprocessable('id_mismatch', 'The description id must be the id in the path.', [
      { path: '/description/id', code: 'id_mismatch', message: `Expected "${serviceId}".` },
    ]);
  await assertConsistent(pool, d);
  return inTransaction(pool, async (client, transaction) => {
    const entry = await ownEntry(client, serviceId, author.agency);
    if (entry.latestVersion !== baseVersion) {
      throw conflict(
        'stale_version',
        `The latest version is ${entry.latestVersion}; you changed version ${baseVersion}. Reload and apply your change again.`,
      );
    }
    const { stage } = await latestHead(transaction, entry);
    if (stage === 'agency_review' || stage === 'catalogue_review') {
      throw conflict('in_review', `Version ${entry.latestVersion} is in review; wait for the decision or ask the reviewer to return it.`);
    }
    const version = entry.latestVersion + 1;
    await insertDraftVersion(transaction, { serviceId, version, document: d, authorId: author.id, authorName: author.name });
    // An unsubmitted or returned draft is replaced by the new one; the published version stays live.
    await supersedeOpenDrafts(transaction, serviceId, version);
    await setLatestVersion(transaction, serviceId, version);
    await recordReviewEvent(transaction, { serviceId, version, action: 'changed', step: 'author', actor: author, comment });
    return { version };
  });
}

/**
 * Sends the latest version to review and starts its publication workflow. Repeating a submit of a version already
 * in review starts nothing new (the workflow id is the version's), which also heals a submit cut off half-way.
 */
export async function submitService(
  pool: Pool,
  temporal: () => Promise<Client>,
  taskQueue: string,
  author: Author,
  serviceId: string,
  comment: string | undefined,
): Promise<{ version: number; stage: string }> {
  const { version, stage, authorId } = await inTransaction(pool, async (client, transaction) => {
    const entry = await ownEntry(client, serviceId, author.agency);
    if (entry.withdrawnAt && entry.publishedVersion === entry.latestVersion) {
      throw conflict('withdrawn', 'The service is withdrawn; change its description to submit a new version.');
    }
    const { stage: s, authorId: originalAuthor } = await latestHead(transaction, entry);
    if (s === 'agency_review' || s === 'catalogue_review') return { version: entry.latestVersion, stage: s, authorId: originalAuthor };
    if (s !== 'draft' && s !== 'returned')
      throw conflict('not_submittable', `Version ${entry.latestVersion} is ${s}; change the description to make a new version.`);
    await sendToReview(transaction, serviceId, entry.latestVersion);
    await recordReviewEvent(transaction, {
      serviceId,
      version: entry.latestVersion,
      action: 'submitted',
      step: 'author',
      actor: author,
      comment,
    });
    return { version: entry.latestVersion, stage: 'agency_review' as const, authorId: originalAuthor };
  });
  await startPublicationWorkflow(await temporal(), taskQueue, {
    serviceId,
    version,
    agencyId: author.agency,
    authorId,
    stage,
  });
  return { version, stage };
}

function startPublicationWorkflow(client: Client, taskQueue: string, input: PublicationInput): Promise<void> {
  return startWorkflowOnce(client, CATALOG_PUBLICATION_WORKFLOW, {
    taskQueue,
    workflowId: catalogPublicationWorkflowId(input.serviceId, input.version),
    args: [input],
  });
}

/**
 * A version the database shows in review but whose workflow is missing (the API stopped between the two) gets its
 * workflow now; true when there is one to talk to.
 */
export async function healPublicationWorkflow(
  pool: Pool,
  client: Client,
  taskQueue: string,
  serviceId: string,
  version: number,
): Promise<boolean> {
  const inReview = await versionInReview(pool, serviceId, version);
  if (!inReview) return false;
  await startPublicationWorkflow(client, taskQueue, { serviceId, version, ...inReview });
  return true;
}

export async function withdrawFromCatalog(
  pool: Pool,
  temporal: () => Promise<Client>,
  taskQueue: string,
  author: Author,
  serviceId: string,
  reason: string,
): Promise<{ version: number }> {
  const result = await inTransaction(pool, async (client, transaction) => {
    const entry = await ownEntry(client, serviceId, author.agency);
    const reviewing = await versionsInReview(transaction, serviceId);
    const withdrawn = await withdrawService(client, serviceId, author, reason);
    if (!withdrawn) throw conflict('already_withdrawn', `The service was withdrawn on ${entry.withdrawnAt?.toISOString()}.`);
    return { ...withdrawn, reviewing };
  });
  const client = await temporal();
  for (const v of result.reviewing) {
    await client.workflow
      .getHandle(catalogPublicationWorkflowId(serviceId, v))
      .signal(serviceWithdrawnSignal)
      .catch(() => undefined);
  }
  if (result.changeSeq) await startChangeDelivery(client, taskQueue, result.changeSeq);
  return { version: result.version };
}

export function startChangeDelivery(client: Client, taskQueue: string, seq: number): Promise<void> {
  return startWorkflowOnce(client, CATALOG_CHANGE_WORKFLOW, { taskQueue, workflowId: catalogChangeWorkflowId(seq), args: [{ seq }] });
}

/** "Reviewed, nothing changed": moves the review-by date (default a year from today) without a new version. */
export async function markReviewed(
  pool: Pool,
  author: Author,
  serviceId: string,
  reviewBy: string | undefined,
): Promise<{ reviewBy: string }> {
  return inTransaction(pool, async (client, transaction) => {
    const entry = await ownEntry(client, serviceId, author.agency);
    if (entry.withdrawnAt) throw conflict('withdrawn', 'A withdrawn service is not reviewed.');
    const moved = await moveReviewDate(client, serviceId, reviewBy, author.id);
    if (moved.notFuture || moved.tooFar) {
      throw unprocessable('invalid_review_date', 'The next review date must be after today and within three years.', [
        { path: '/body/reviewBy', code: 'out_of_range', message: 'tomorrow … three years from today' },
      ]);
    }
    await recordReviewEvent(transaction, {
      serviceId,
      version: entry.publishedVersion ?? entry.latestVersion,
      action: 'reviewed',
      step: 'author',
      actor: author,
      comment: `review by ${moved.reviewBy}`,
    });
    return { reviewBy: moved.reviewBy };
  });
}
