// Publishing and withdrawing: the moves that change what the public sees. Each runs inside the caller's
// transaction and is idempotent (a retried activity publishes once and records one change in the feed).
import crypto from 'node:crypto';
import type { PoolClient } from 'pg';
import { registerChannels, type ServiceDescription } from './description';
import type { CatalogStage } from '../../forms/types/api';

/** Everything the public search matches on, folded in SQL by catalog_fold (lower case, no diacritics). */
export function searchText(d: ServiceDescription, agency: { name_lv: string; name_en: string }): string {
  return [
    d.title.lv,
    d.title.en,
    d.description.lv,
    d.description.en,
    ...d.keywords.lv,
    ...d.keywords.en,
    ...d.outputs.flatMap((o) => [o.name.lv, o.name.en]),
    agency.name_lv,
    agency.name_en,
  ].join(' ');
}

export function documentEtag(serviceId: string, version: number, document: unknown): string {
  return `"${serviceId}-v${version}-${crypto.createHash('sha256').update(JSON.stringify(document)).digest('base64url').slice(0, 16)}"`;
}

export interface Published {
  serviceId: string;
  version: number;
  changeSeq: number;
}

/** Makes `version` the published one: the previous one is superseded, the read model and the change feed follow. */
export async function publishVersion(client: PoolClient, serviceId: string, version: number): Promise<Published> {
  const { rows } = await client.query<{
    document: ServiceDescription;
    stage: CatalogStage;
    agency_id: string;
    name_lv: string;
    name_en: string;
  }>(
    `SELECT v.document, v.stage, s.agency_id, a.name_lv, a.name_en
       FROM catalog_service_versions v JOIN catalog_services s USING (service_id) JOIN agencies a ON a.id = s.agency_id
      WHERE v.service_id = $1 AND v.version = $2 FOR UPDATE OF s`,
    [serviceId, version],
  );
  const row = rows[0];
  if (!row) throw new Error(`catalogue version ${serviceId} v${version} not found`);
  const doc = row.document;
  if (row.stage !== 'published') {
    await client.query(`UPDATE catalog_service_versions SET stage = 'superseded' WHERE service_id = $1 AND stage = 'published'`, [
      serviceId,
    ]);
    await client.query(
      `UPDATE catalog_service_versions SET stage = 'published', published_at = now() WHERE service_id = $1 AND version = $2`,
      [serviceId, version],
    );
  }
  await client.query(
    `UPDATE catalog_services SET published_version = $2, withdrawn_at = NULL, withdrawn_by = NULL, withdrawal_reason = NULL,
            review_by = GREATEST(review_by, current_date + interval '1 year')::date, updated_at = now()
      WHERE service_id = $1`,
    [serviceId, version],
  );
  await client.query('UPDATE services SET title_lv = $2, title_en = $3, channels = $4 WHERE id = $1', [
    serviceId,
    doc.title.lv,
    doc.title.en,
    registerChannels(doc),
  ]);
  await client.query(
    `INSERT INTO catalog_published (service_id, agency_id, version, document, title_lv, title_en, title_fold, search_fold,
                                    life_events, business_events, thematic_areas, channels, municipalities, published_at, etag)
     VALUES ($1, $2, $3, $4, $5, $6, catalog_fold($5 || ' ' || $6), catalog_fold($7), $8, $9, $10, $11, $12, now(), $13)
     ON CONFLICT (service_id) DO UPDATE SET agency_id = EXCLUDED.agency_id, version = EXCLUDED.version, document = EXCLUDED.document,
       title_lv = EXCLUDED.title_lv, title_en = EXCLUDED.title_en, title_fold = EXCLUDED.title_fold, search_fold = EXCLUDED.search_fold,
       life_events = EXCLUDED.life_events, business_events = EXCLUDED.business_events, thematic_areas = EXCLUDED.thematic_areas,
       channels = EXCLUDED.channels, municipalities = EXCLUDED.municipalities,
       published_at = CASE WHEN catalog_published.version = EXCLUDED.version THEN catalog_published.published_at ELSE EXCLUDED.published_at END,
       etag = EXCLUDED.etag`,
    [
      serviceId,
      row.agency_id,
      version,
      JSON.stringify(doc),
      doc.title.lv,
      doc.title.en,
      searchText(doc, row),
      doc.lifeEvents,
      doc.businessEvents,
      doc.thematicAreas,
      doc.channels.map((c) => c.type),
      doc.municipalities,
      documentEtag(serviceId, version, doc),
    ],
  );
  const changeSeq = await recordChange(client, serviceId, version, 'published');
  return { serviceId, version, changeSeq };
}

/** Takes a service out of the public catalogue (its versions stay, for the record). */
export async function withdrawService(
  client: PoolClient,
  serviceId: string,
  actor: { id: string; name: string },
  reason: string,
): Promise<Published | null> {
  const { rows } = await client.query<{ published_version: number | null; latest_version: number }>(
    `UPDATE catalog_services SET withdrawn_at = now(), withdrawn_by = $2, withdrawal_reason = $3, updated_at = now()
      WHERE service_id = $1 AND withdrawn_at IS NULL RETURNING published_version, latest_version`,
    [serviceId, actor.id, reason],
  );
  if (!rows[0]) return null;
  const version = Number(rows[0].published_version ?? rows[0].latest_version);
  await client.query(
    `UPDATE catalog_service_versions SET stage = 'withdrawn' WHERE service_id = $1 AND stage IN ('published','agency_review','catalogue_review')`,
    [serviceId],
  );
  await client.query(
    `INSERT INTO catalog_review_events (service_id, version, action, step, actor_id, actor_name, comment) VALUES ($1, $2, 'withdrawn', 'author', $3, $4, $5)`,
    [serviceId, version, actor.id, actor.name, reason],
  );
  const published = await client.query('DELETE FROM catalog_published WHERE service_id = $1 RETURNING version', [serviceId]);
  if (!published.rows[0]) return { serviceId, version, changeSeq: 0 }; // never public: nothing for the feed
  return { serviceId, version, changeSeq: await recordChange(client, serviceId, version, 'withdrawn') };
}

async function recordChange(client: PoolClient, serviceId: string, version: number, kind: 'published' | 'withdrawn'): Promise<number> {
  const inserted = await client.query<{ seq: number }>(
    `INSERT INTO catalog_changes (service_id, version, kind) VALUES ($1, $2, $3) ON CONFLICT (service_id, version, kind) DO NOTHING RETURNING seq`,
    [serviceId, version, kind],
  );
  if (inserted.rows[0]) {
    await client.query(`SELECT pg_notify('catalog_changes', $1)`, [
      JSON.stringify({ seq: Number(inserted.rows[0].seq), serviceId, version, kind }),
    ]);
    return Number(inserted.rows[0].seq);
  }
  const { rows } = await client.query<{ seq: number }>(
    'SELECT seq FROM catalog_changes WHERE service_id = $1 AND version = $2 AND kind = $3',
    [serviceId, version, kind],
  );
  return Number(rows[0].seq);
}
