// Reading agency-defined e-services: the public list of published ones, a definition's owner and draft, its
// published versions, and the content of the version an application is pinned to (the interpreter's activities).
import type { Pool } from 'pg';
import type { EServiceDefinition } from '../../forms/eservice-definition/dsl';
import type { Localized } from '../../forms/types/api';
import { eserviceDefinitionModels } from './models';

export interface PublishedDefinition {
  id: string;
  agencyId: string;
  serviceId: string;
  version: number;
  title: Localized;
  description: Localized | null;
  publishedAt: Date;
  /** What it asks of the signed-in person's identity (the definition's own properties), shown before starting. */
  minimumLevelOfAssurance?: EServiceDefinition['minimumLevelOfAssurance'];
  requiresLatvianPersonalCode?: EServiceDefinition['requiresLatvianPersonalCode'];
  /** Whom it serves (absent in the definition: people). */
  applicants: NonNullable<EServiceDefinition['applicants']>;
}

/** Every e-service with a published version, at its latest version, by id. */
export async function listPublishedDefinitions(pool: Pool): Promise<PublishedDefinition[]> {
  const { rows } = await pool.query<{
    id: string;
    agency_id: string;
    service_id: string;
    latest_version: number;
    title: Localized;
    description: Localized | null;
    published_at: Date;
    minimum_level_of_assurance: PublishedDefinition['minimumLevelOfAssurance'] | null;
    requires_latvian_personal_code: PublishedDefinition['requiresLatvianPersonalCode'] | null;
    applicants: PublishedDefinition['applicants'] | null;
  }>(
    `SELECT d.id, d.agency_id, d.service_id, d.latest_version, v.content->'title' AS title, v.content->'description' AS description, v.published_at,
            v.content->>'minimumLevelOfAssurance' AS minimum_level_of_assurance, v.content->'requiresLatvianPersonalCode' AS requires_latvian_personal_code,
            v.content->'applicants' AS applicants
       FROM eservice_definitions d JOIN eservice_definition_versions v ON v.definition_id = d.id AND v.version = d.latest_version
      ORDER BY d.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    serviceId: r.service_id,
    version: r.latest_version,
    title: r.title,
    description: r.description,
    publishedAt: r.published_at,
    applicants: r.applicants ?? ['natural'],
    ...(r.minimum_level_of_assurance ? { minimumLevelOfAssurance: r.minimum_level_of_assurance } : {}),
    ...(r.requires_latvian_personal_code ? { requiresLatvianPersonalCode: r.requires_latvian_personal_code } : {}),
  }));
}

/** Who owns a definition, its draft (null once published) and its latest version number (0: never published). */
export async function definitionHead(
  pool: Pool,
  id: string,
): Promise<{ agencyId: string; draft: Record<string, unknown> | null; latestVersion: number } | null> {
  const row = await eserviceDefinitionModels(pool).definition.findByPk(id, { attributes: ['agencyId', 'draft', 'latestVersion'] });
  return row ? { agencyId: row.agencyId, draft: row.draft, latestVersion: row.latestVersion } : null;
}

/** The published versions of a definition, oldest first. */
export async function publishedVersionsOf(
  pool: Pool,
  id: string,
): Promise<Array<{ version: number; publishedAt: Date; publishedBy: string }>> {
  const rows = await eserviceDefinitionModels(pool).version.findAll({
    attributes: ['version', 'publishedAt', 'publishedBy'],
    where: { definitionId: id },
    order: [['version', 'ASC']],
  });
  return rows.map((r) => ({ version: r.version, publishedAt: r.publishedAt, publishedBy: r.publishedBy }));
}

/** The content of one published version (whichever the definition's latest is), or null. */
export async function definitionVersionContent(pool: Pool, id: string, version: number): Promise<EServiceDefinition | null> {
  const row = await eserviceDefinitionModels(pool).version.findOne({ attributes: ['content'], where: { definitionId: id, version } });
  return row ? (row.content as unknown as EServiceDefinition) : null;
}
