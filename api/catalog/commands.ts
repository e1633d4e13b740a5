// Agency management of catalogue descriptions (integration API 2): every change is a new immutable version with its
// author and time; submitting starts the publication workflow; withdrawing and "reviewed, no changes" are one step.
import type { Pool, PoolClient } from 'pg';
import type { Client } from '@temporalio/client';
import { startWorkflowOnce } from '../platform/temporal';
import { inTransaction } from '../../db/transaction';
import { conflict, forbidden, notFound, unprocessable } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import { checkReferences, registerChannels, type ServiceDescription } from '../../db/catalog/description';
import { withdrawService } from '../../db/catalog/read-model';
import {
  CATALOG_CHANGE_WORKFLOW,
  CATALOG_PUBLICATION_WORKFLOW,
  catalogChangeWorkflowId,
  catalogPublicationWorkflowId,
  serviceWithdrawnSignal,
  type PublicationInput,
  type ReviewStage,
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

/** The entry of the caller's agency (FOR UPDATE); another agency's entry is a 404, as if it did not exist. */
async function ownEntry(client: PoolClient, serviceId: string, agencyId: string) {
  const { rows } = await client.query('SELECT * FROM catalog_services WHERE service_id = $1 AND agency_id = $2 FOR UPDATE', [
    serviceId,
    agencyId,
  ]);
  if (!rows[0]) throw notFound('catalogue service');
  return rows[0] as { service_id: string; latest_version: number; published_version: number | null; withdrawn_at: Date | null };
}

async function stageOf(client: PoolClient, serviceId: string, version: number): Promise<string> {
  const { rows } = await client.query('SELECT stage FROM catalog_service_versions WHERE service_id = $1 AND version = $2', [
    serviceId,
    version,
  ]);
  return rows[0].stage as string;
}

export async function createService(
  pool: Pool,
  author: Author,
  d: ServiceDescription,
  reviewBy: string | undefined,
): Promise<{ serviceId: string; version: number }> {
  await assertConsistent(pool, d);
  return inTransaction(pool, async (client) => {
    const existing = await client.query('SELECT agency_id FROM services WHERE id = $1 FOR UPDATE', [d.id]);
    if (existing.rows[0] && existing.rows[0].agency_id !== author.agency)
      throw conflict('service_id_taken', `The id "${d.id}" belongs to another agency's service.`);
    if (!existing.rows[0]) {
      await client.query('INSERT INTO services (id, agency_id, title_lv, title_en, channels) VALUES ($1, $2, $3, $4, $5)', [
        d.id,
        author.agency,
        d.title.lv,
        d.title.en,
        registerChannels(d),
      ]);
    }
    const created = await client.query(
      `INSERT INTO catalog_services (service_id, agency_id, latest_version, review_by) VALUES ($1, $2, 1, COALESCE($3::date, current_date + 365))
       ON CONFLICT (service_id) DO NOTHING RETURNING service_id`,
      [d.id, author.agency, reviewBy ?? null],
    );
    if (!created.rows[0]) throw conflict('service_exists', `The catalogue already describes "${d.id}"; change it with PUT.`);
    await client.query(
      `INSERT INTO catalog_service_versions (service_id, version, document, stage, author_id, author_name) VALUES ($1, 1, $2, 'draft', $3, $4)`,
      [d.id, JSON.stringify(d), author.id, author.name],
    );
    await client.query(
      `INSERT INTO catalog_review_events (service_id, version, action, step, actor_id, actor_name) VALUES ($1, 1, 'created', 'author', $2, $3)`,
      [d.id, author.id, author.name],
    );
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
  return inTransaction(pool, async (client) => {
    const entry = await ownEntry(client, serviceId, author.agency);
    if (entry.latest_version !== baseVersion) {
      throw conflict(
        'stale_version',
        `The latest version is ${entry.latest_version}; you changed version ${baseVersion}. Reload and apply your change again.`,
      );
    }
    const stage = await stageOf(client, serviceId, entry.latest_version);
    if (stage === 'agency_review' || stage === 'catalogue_review') {
      throw conflict('in_review', `Version ${entry.latest_version} is in review; wait for the decision or ask the reviewer to return it.`);
    }
    const version = entry.latest_version + 1;
    await client.query(
      `INSERT INTO catalog_service_versions (service_id, version, document, stage, author_id, author_name) VALUES ($1, $2, $3, 'draft', $4, $5)`,
      [serviceId, version, JSON.stringify(d), author.id, author.name],
    );
    // An unsubmitted or returned draft is replaced by the new one; the published version stays live.
    await client.query(
      `UPDATE catalog_service_versions SET stage = 'superseded' WHERE service_id = $1 AND version < $2 AND stage IN ('draft','returned')`,
      [serviceId, version],
    );
    await client.query('UPDATE catalog_services SET latest_version = $2, updated_at = now() WHERE service_id = $1', [serviceId, version]);
    await client.query(
      `INSERT INTO catalog_review_events (service_id, version, action, step, actor_id, actor_name, comment) VALUES ($1, $2, 'changed', 'author', $3, $4, $5)`,
      [serviceId, version, author.id, author.name, comment ?? null],
    );
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
  const { version, stage, authorId } = await inTransaction(pool, async (client) => {
    const entry = await ownEntry(client, serviceId, author.agency);
    if (entry.withdrawn_at && entry.published_version === entry.latest_version) {
      throw conflict('withdrawn', 'The service is withdrawn; change its description to submit a new version.');
    }
    const current = await client.query('SELECT stage, author_id FROM catalog_service_versions WHERE service_id = $1 AND version = $2', [
      serviceId,
      entry.latest_version,
    ]);
    const { stage: s, author_id: originalAuthor } = current.rows[0] as { stage: string; author_id: string };
    if (s === 'agency_review' || s === 'catalogue_review') return { version: entry.latest_version, stage: s, authorId: originalAuthor };
    if (s !== 'draft' && s !== 'returned')
      throw conflict('not_submittable', `Version ${entry.latest_version} is ${s}; change the description to make a new version.`);
    await client.query(
      `UPDATE catalog_service_versions SET stage = 'agency_review', submitted_at = now() WHERE service_id = $1 AND version = $2`,
      [serviceId, entry.latest_version],
    );
    await client.query(
      `INSERT INTO catalog_review_events (service_id, version, action, step, actor_id, actor_name, comment) VALUES ($1, $2, 'submitted', 'author', $3, $4, $5)`,
      [serviceId, entry.latest_version, author.id, author.name, comment ?? null],
    );
    return { version: entry.latest_version, stage: 'agency_review', authorId: originalAuthor };
  });
  await startPublicationWorkflow(await temporal(), taskQueue, {
    serviceId,
    version,
    agencyId: author.agency,
    authorId,
    stage: stage as ReviewStage,
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
  const { rows } = await pool.query(
    `SELECT v.author_id, v.stage, s.agency_id FROM catalog_service_versions v JOIN catalog_services s USING (service_id)
      WHERE v.service_id = $1 AND v.version = $2 AND v.stage IN ('agency_review','catalogue_review')`,
    [serviceId, version],
  );
  if (!rows[0]) return false;
  await startPublicationWorkflow(client, taskQueue, {
    serviceId,
    version,
    agencyId: rows[0].agency_id,
    authorId: rows[0].author_id,
    stage: rows[0].stage,
  });
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
  const result = await inTransaction(pool, async (client) => {
    const entry = await ownEntry(client, serviceId, author.agency);
    const inReview = await client.query(
      `SELECT version FROM catalog_service_versions WHERE service_id = $1 AND stage IN ('agency_review','catalogue_review')`,
      [serviceId],
    );
    const withdrawn = await withdrawService(client, serviceId, author, reason);
    if (!withdrawn) throw conflict('already_withdrawn', `The service was withdrawn on ${entry.withdrawn_at?.toISOString()}.`);
    return { ...withdrawn, reviewing: inReview.rows.map((r) => Number(r.version)) };
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
  return inTransaction(pool, async (client) => {
    const entry = await ownEntry(client, serviceId, author.agency);
    if (entry.withdrawn_at) throw conflict('withdrawn', 'A withdrawn service is not reviewed.');
    const { rows } = await client.query(
      `UPDATE catalog_services SET review_by = COALESCE($2::date, current_date + 365), reviewed_at = now(), reviewed_by = $3, updated_at = now()
        WHERE service_id = $1 RETURNING review_by::text AS review_by, (review_by <= current_date) AS not_future, (review_by > current_date + 3 * 365) AS too_far`,
      [serviceId, reviewBy ?? null, author.id],
    );
    if (rows[0].not_future || rows[0].too_far) {
      throw unprocessable('invalid_review_date', 'The next review date must be after today and within three years.', [
        { path: '/body/reviewBy', code: 'out_of_range', message: 'tomorrow … three years from today' },
      ]);
    }
    await client.query(
      `INSERT INTO catalog_review_events (service_id, version, action, step, actor_id, actor_name, comment) VALUES ($1, $2, 'reviewed', 'author', $3, $4, $5)`,
      [serviceId, entry.published_version ?? entry.latest_version, author.id, author.name, `review by ${rows[0].review_by}`],
    );
    return { reviewBy: rows[0].review_by as string };
  });
}
