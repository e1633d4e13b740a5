// Agency-defined e-services (integration of agencies without deploying code): drafts, publication, versions.
import { route } from '../platform/routing';
import { forbidden, notFound } from '../platform/errors';
import type { Principal } from '../platform/auth/principal';
import { saveDraft, publish, publishedVersion, checkDefinition } from '../../db/eservice-definitions/definitions';
import { definitionHead, listPublishedDefinitions, publishedVersionsOf } from '../../db/eservice-definitions/reads';
import type { Validated } from '../../forms/types/validated';

function agencyOf(p: Principal): string {
  if (!p.agency) throw forbidden('Your account is not linked to an agency.');
  return p.agency;
}

export const eserviceDefinitionRoutes = [
  route<Validated<'eservice-definition-draft'>>({
    method: 'post',
    path: '/api/v1/eservice-definitions',
    tag: 'E-service definitions',
    summary: 'Create an e-service as a draft definition',
    auth: ['agency-admin'],
    body: 'eservice-definition-draft',
    bodyLimit: '2mb',
    responses: {
      201: { description: 'Draft stored, with the problems publishing would report', schema: 'eservice-definition-version' },
      409: { description: 'Exists already', schema: 'error' },
    },
    async handler(ctx) {
      const { id } = await saveDraft(ctx.deps.db.pool, agencyOf(ctx.principal), ctx.principal.sub, ctx.body, { create: true });
      return {
        status: 201,
        headers: { Location: `/api/v1/eservice-definitions/${id}` },
        body: { id, problems: checkDefinition(ctx.body) },
      };
    },
  }),
  route<Validated<'eservice-definition-draft'>>({
    method: 'put',
    path: '/api/v1/eservice-definitions/:id/draft',
    tag: 'E-service definitions',
    summary: 'Replace the draft of an e-service',
    auth: ['agency-admin'],
    body: 'eservice-definition-draft',
    bodyLimit: '2mb',
    responses: { 200: { description: 'Draft stored, with the problems publishing would report', schema: 'eservice-definition-version' } },
    async handler(ctx) {
      const { id } = await saveDraft(ctx.deps.db.pool, agencyOf(ctx.principal), ctx.principal.sub, ctx.body, {
        create: false,
        id: ctx.params.id,
      });
      return { body: { id, problems: checkDefinition(ctx.body) } };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/eservice-definitions/:id/publish',
    tag: 'E-service definitions',
    summary: 'Publish the draft as a new immutable version',
    auth: ['agency-admin'],
    responses: {
      201: { description: 'The new version', schema: 'post-eservice-definitions-id-publish-response' },
      422: { description: 'The draft is not a valid definition', schema: 'error' },
    },
    async handler(ctx) {
      const { version } = await publish(ctx.deps.db.pool, agencyOf(ctx.principal), ctx.params.id, ctx.principal.sub);
      return { status: 201, body: { id: ctx.params.id, version } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/eservice-definitions',
    tag: 'E-service definitions',
    summary: 'Published e-services (public)',
    auth: 'public',
    responses: { 200: { description: 'E-services', schema: 'get-eservice-definitions-response' } },
    async handler(ctx) {
      const published = await listPublishedDefinitions(ctx.deps.db.pool);
      return { body: { items: published.map((d) => ({ ...d, publishedAt: d.publishedAt.toISOString() })) } };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/eservice-definitions/:id',
    tag: 'E-service definitions',
    summary: 'The latest published version (public); the draft too for the owning agency',
    auth: 'public',
    responses: {
      200: { description: 'The definition', schema: 'get-eservice-definitions-id-response' },
      404: { description: 'Not published', schema: 'error' },
    },
    async handler(ctx) {
      const pool = ctx.deps.db.pool;
      const head = await definitionHead(pool, ctx.params.id);
      const owner = head && ctx.principal.agency === head.agencyId && ctx.principal.roles.includes('agency-admin');
      const published = await publishedVersion(pool, ctx.params.id);
      if (!head || (!published && !owner)) throw notFound('e-service');
      const versions = await publishedVersionsOf(pool, ctx.params.id);
      return {
        body: {
          id: ctx.params.id,
          agencyId: head.agencyId,
          latestVersion: head.latestVersion,
          definition: published?.content ?? null,
          versions: versions.map((v) => ({
            version: v.version,
            publishedAt: v.publishedAt.toISOString(),
            ...(owner ? { publishedBy: v.publishedBy } : {}),
          })),
          ...(owner ? { draft: head.draft } : {}),
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/eservice-definitions/:id/versions/:version',
    params: { version: 'versionNumber' },
    tag: 'E-service definitions',
    summary: 'One published version',
    auth: 'public',
    responses: {
      200: { description: 'The version', schema: 'get-eservice-definitions-id-versions-version-response' },
      404: { description: 'No such version', schema: 'error' },
    },
    async handler(ctx) {
      const version = Number(ctx.params.version);
      if (!Number.isInteger(version) || version < 1) throw notFound('version');
      const found = await publishedVersion(ctx.deps.db.pool, ctx.params.id, version);
      if (!found) throw notFound('version');
      return {
        body: { id: ctx.params.id, version: found.version, publishedAt: found.publishedAt.toISOString(), definition: found.content },
      };
    },
  }),
];
