// Linked and open data of the catalogue (integration API 3, open datasets): each published service as CPSV-AP 3.2
// JSON-LD, the open datasets as CSV and JSON-LD, and their DCAT-AP catalogue. Public, no sign-in, readable from any
// site (CORS), and cacheable: every answer has an ETag and revalidates to 304 Not Modified.
import crypto from 'node:crypto';
import { notModified } from '../platform/conditional';
import { route, type RouteContext, type RouteSpec } from '../platform/routing';
import { notFound } from '../platform/errors';
import { cpsvDocument, idBaseFromEnv, publicServiceNode, type LinkOptions } from './jsonld';
import { loadLinkedDataRefs } from '../../db/catalog/reference-data';
import { loadPublished } from '../../db/catalog/published';
import { DATASET_IDS, FORMATS, datasetPath, type FormatId } from './open-data/datasets';
import { dcatCatalog } from './open-data/dcat';
import { renderDataset } from './open-data/render';

// Read once when the API starts: a malformed LINKED_DATA_ID_BASE stops the process at boot, not on a request.
const ID_BASE = idBaseFromEnv();
const TAG = 'Catalogue open data';

/**
 * IRIs are stable names under ID_BASE; links (downloads, e-service pages) point where the client reached us, so
 * they work on every deployment ('trust proxy' decides whether a load balancer's X-Forwarded-Host/Proto count).
 */
function linkOptions(ctx: RouteContext): LinkOptions {
  const host = ctx.req.get('host');
  return { idBase: ID_BASE, portalOrigin: host ? `${ctx.req.protocol}://${host}` : new URL(ctx.deps.config.publicUrl).origin };
}

/** Sets the validators and cache headers; answers 304 and returns true when the client's copy is current. */
function answeredNotModified(ctx: RouteContext, etag: string, lastModified?: Date): boolean {
  ctx.res.set({
    ETag: etag,
    'Cache-Control': 'public, max-age=60, must-revalidate',
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'ETag, Last-Modified',
    'Cross-Origin-Resource-Policy': 'cross-origin',
    ...(lastModified ? { 'Last-Modified': lastModified.toUTCString() } : {}),
  });
  if (!notModified(ctx.req, etag, lastModified)) return false;
  ctx.res.status(304).end();
  return true;
}

const contentEtag = (body: string) => `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** A rendered document: its ETag is the hash of its bytes, so a 304 is never wrong whatever the document depends on. */
function sendRendered(ctx: RouteContext, body: string, contentType: string, disposition?: string): void {
  if (answeredNotModified(ctx, contentEtag(body))) return;
  if (disposition) ctx.res.set('Content-Disposition', disposition);
  ctx.res.status(200).type(contentType).send(body);
}

const serviceRoute = route({
  method: 'get',
  path: '/api/v1/catalog/services/:id/cpsv-ap.jsonld',
  tag: TAG,
  summary:
    'A published service as CPSV-AP 3.2 JSON-LD (conforms to the SEMIC SHACL shapes); ETag and Last-Modified of the published version',
  auth: 'public',
  responses: {
    200: { description: 'cpsv:PublicService', contentType: 'application/ld+json' },
    304: { description: 'Not modified (If-None-Match / If-Modified-Since)' },
    404: { description: 'Not published (never, or withdrawn)', schema: 'error' },
  },
  async handler(ctx) {
    const [published] = await loadPublished(ctx.deps.db.pool, ctx.params.id);
    if (!published) throw notFound('published service');
    // The version's ETag and time decide before anything is rendered: revalidation costs one indexed read.
    if (answeredNotModified(ctx, published.etag, new Date(published.publishedAt))) return;
    const refs = await loadLinkedDataRefs(ctx.deps.db.pool);
    const document = cpsvDocument(publicServiceNode(published, refs, linkOptions(ctx)), ID_BASE);
    ctx.res.status(200).type(FORMATS.jsonld.contentType).send(JSON.stringify(document));
  },
});

const dcatRoute = route({
  method: 'get',
  path: '/api/v1/open-data/catalog.jsonld',
  tag: TAG,
  summary: 'The DCAT-AP catalogue of the open datasets (dcat:Catalog, a dcat:Dataset per dataset, a dcat:Distribution per format)',
  auth: 'public',
  responses: { 200: { description: 'dcat:Catalog', contentType: 'application/ld+json' }, 304: { description: 'Not modified' } },
  async handler(ctx) {
    sendRendered(ctx, JSON.stringify(await dcatCatalog(ctx.deps.db.pool, linkOptions(ctx))), FORMATS.jsonld.contentType);
  },
});

const datasetRoutes: RouteSpec[] = DATASET_IDS.flatMap((id) =>
  (Object.keys(FORMATS) as FormatId[]).map((format) =>
    route({
      method: 'get',
      path: datasetPath(id, format),
      tag: TAG,
      summary: `Open dataset "${id}" as ${format === 'csv' ? 'CSV (RFC 4180, UTF-8, header row)' : 'JSON-LD'}`,
      auth: 'public',
      responses: {
        200: { description: `The dataset ${id}`, contentType: FORMATS[format].mediaType },
        304: { description: 'Not modified' },
      },
      async handler(ctx) {
        const body = await renderDataset(ctx.deps.db.pool, id, format, linkOptions(ctx));
        sendRendered(ctx, body, FORMATS[format].contentType, format === 'csv' ? `attachment; filename="${id}.csv"` : undefined);
      },
    }),
  ),
);

export const catalogLinkedDataRoutes: RouteSpec[] = [serviceRoute, dcatRoute, ...datasetRoutes];
