// The public service catalogue (integration API 3): search, one service as JSON, the taxonomy, the change feed,
// and the embeddable widget. No sign-in. Any site may use it (CORS *, scripts loadable cross-origin), and
// republishing portals revalidate with ETag / Last-Modified and get 304s answered from memory (validator-cache.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { notModified } from '../platform/conditional';
import { route } from '../platform/routing';
import { ApiError, badRequest, type ErrorDetail } from '../platform/errors';
import { catalogReference, popularServices, type CatalogReference } from './public-reads';
import { catalogChanges, publishedService } from '../../db/catalog/published';
import { catalogSearchIndex, type CatalogSearch } from './search-index';
import { validatorCache } from './validator-cache';
import { BodyCache, presentChange, presentSearchItem, presentService, presentTaxonomy, serviceEtag } from './public-presenter';
import type { Pool } from 'pg';
import type { Validated } from '../../forms/types/validated';

const TAG = 'Public catalogue';
const CACHE_CONTROL = 'public, max-age=60';
// A service description is revalidated on every use (ETag / Last-Modified, a 304 costs no JSON work): a new
// publication shows at once on the public service page and in the widgets, never a minute later.
const SERVICE_CACHE_CONTROL = 'public, no-cache';
const JSON_TYPE = 'application/json; charset=utf-8';

// ---- cross-origin use ----

// The public catalogue reads (the JSON-LD representation included) and the widget's files.
const CROSS_ORIGIN_PATHS = /^\/(api\/v1\/catalog\/(services(\/[^/]+(\/cpsv-ap\.jsonld)?)?|taxonomy|changes)|widget\/[^/]+)$/;
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Last-Modified',
  // helmet answers same-origin; a <script src> from another site is a no-cors load that this header would block.
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/**
 * Mounted before the routes so that every answer on these paths, errors included, carries the CORS headers, and
 * preflights are answered: If-None-Match is not a CORS-safelisted header, so a revalidating widget preflights.
 */
export const publicCatalogCors: RequestHandler = (req, res, next) => {
  if (!CROSS_ORIGIN_PATHS.test(req.path)) {
    next();
    return;
  }
  if (req.method === 'OPTIONS') {
    res
      .set({
        ...CORS_HEADERS,
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Allow-Headers': 'If-None-Match, If-Modified-Since',
        'Access-Control-Max-Age': '86400',
      })
      .status(204)
      .end();
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') res.set(CORS_HEADERS);
  next();
};

// ---- conditional requests ----

const notPublished = () => new ApiError(404, 'not_found', 'No such service in the public catalogue (never published, or withdrawn).');

// ---- search filters ----

type SearchQuery = CatalogSearch;

function unknownFilters(q: SearchQuery, ref: CatalogReference): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const check = (field: keyof SearchQuery, known: { has(code: string): boolean }, what: string) => {
    const value = q[field];
    if (typeof value === 'string' && !known.has(value))
      problems.push({ path: `/query/${field}`, code: 'unknown_code', message: `"${value}" is not ${what}.` });
  };
  check('agency', ref.agencies, 'an agency');
  check('lifeEvent', ref.concepts['life-event'], 'in the life-event taxonomy');
  check('businessEvent', ref.concepts['business-event'], 'in the business-event taxonomy');
  check('thematicArea', ref.concepts['thematic-area'], 'in the thematic-area taxonomy');
  check('municipality', ref.municipalities, 'a municipality (ATVK code)');
  return problems;
}

/** The reference data, checked against the filters; a code not found is looked up again in data at most 2 s old. */
async function referenceForFilters(pool: Pool, q: SearchQuery): Promise<CatalogReference> {
  const ref = await catalogReference(pool);
  if (unknownFilters(q, ref).length === 0) return ref;
  const fresher = await catalogReference(pool, { maxAgeMs: 2000 });
  const problems = unknownFilters(q, fresher);
  if (problems.length > 0) throw badRequest('unknown_filter', 'A filter names a code the catalogue does not know.', problems);
  return fresher;
}

// ---- the widget's files ----

const WIDGET_DIR = path.resolve(__dirname, '..', '..', 'ui', 'widget');
const WIDGET_FILES: Record<string, string> = {
  'catalog-service.js': 'text/javascript; charset=utf-8',
  'demo.html': 'text/html; charset=utf-8',
};
const widgetFiles = new Map<string, { body: Buffer; etag: string }>();

function widgetFile(name: string): { body: Buffer; etag: string } {
  let file = widgetFiles.get(name);
  if (!file) {
    const body = fs.readFileSync(path.join(WIDGET_DIR, name));
    file = { body, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 16)}"` };
    widgetFiles.set(name, file);
  }
  return file;
}

const presentedBodies = new BodyCache(32 * 1024 * 1024);
const taxonomyBodies = new WeakMap<CatalogReference, Buffer>();

export const publicCatalogRoutes = [
  route<unknown, Validated<'catalog-search-query'>>({
    method: 'get',
    path: '/api/v1/catalog/services',
    tag: TAG,
    auth: 'public',
    query: 'catalog-search-query',
    rateLimit: 'catalogSearch',
    summary:
      'Search published services (Latvian and English, case- and diacritics-insensitive, typo-tolerant, agency abbreviations and synonyms) with filters and paging',
    responses: {
      200: {
        description:
          '{ items, total, page, pageSize, partial, didYouMean }, best matches first (a title equal to the query, then title matches)',
        schema: 'get-catalog-services-response',
      },
    },
    async handler({ deps, query }) {
      const ref = await referenceForFilters(deps.db.pool, query);
      const snapshot = await catalogSearchIndex(deps.db.pool, deps.config.databaseUrl).current();
      const { rows, total, partial } = snapshot.search(query);
      // Nothing matched every word: the help the page shows.
      const helpNeeded = Boolean(query.q) && (total === 0 || partial);
      const didYouMean = helpNeeded && total === 0 ? snapshot.suggest(query) : null;
      const popular = helpNeeded ? snapshot.rowsOf(await popularServices(deps.db.pool)) : [];
      return {
        headers: { 'Cache-Control': CACHE_CONTROL },
        body: {
          items: rows.map((r) => presentSearchItem(r, ref)),
          total,
          page: query.page,
          pageSize: query.pageSize,
          partial,
          didYouMean,
          popular: popular.map((r) => presentSearchItem(r, ref)),
        },
      };
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/catalog/services/:id',
    tag: TAG,
    auth: 'public',
    summary: 'A published service description: the document with labels, offices, links; ETag and Last-Modified, 304 when unchanged',
    responses: {
      200: { description: 'The description', schema: 'get-catalog-services-id-response' },
      304: { description: 'Not modified' },
      404: { description: 'Never published or withdrawn' },
    },
    async handler({ req, res, deps, params, checkReply }) {
      const pool = deps.db.pool;
      const [validator, ref] = await Promise.all([validatorCache(pool, deps.config.databaseUrl).get(params.id), catalogReference(pool)]);
      if (!validator) throw notPublished();
      let etag = serviceEtag(validator.etag, ref);
      let lastModified = validator.publishedAt;
      // The fast path: an unchanged service is answered from the validator alone, without reading the document.
      if (notModified(req, etag, lastModified)) {
        res.status(304).set({ ETag: etag, 'Last-Modified': lastModified.toUTCString(), 'Cache-Control': SERVICE_CACHE_CONTROL }).end();
        return;
      }
      let body = presentedBodies.get(etag);
      if (!body) {
        const published = await publishedService(pool, params.id);
        if (!published) throw notPublished(); // withdrawn in between
        // Published anew in between: the body and its validators come from the same row.
        etag = serviceEtag(published.etag, ref);
        lastModified = published.publishedAt;
        const presented = presentService(published, ref);
        checkReply({ body: presented });
        body = Buffer.from(JSON.stringify(presented));
        presentedBodies.set(etag, body);
      }
      res
        .status(200)
        .set({
          ETag: etag,
          'Last-Modified': lastModified.toUTCString(),
          'Cache-Control': SERVICE_CACHE_CONTROL,
          'Content-Type': JSON_TYPE,
        })
        .end(body);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/catalog/taxonomy',
    tag: TAG,
    auth: 'public',
    summary:
      'Every classifier the catalogue uses (thematic areas, life and business events, channels) with agencies, sectors and municipalities',
    responses: {
      200: { description: '{ schemes, agencies, sectors, municipalities } with lv/en labels', schema: 'get-catalog-taxonomy-response' },
      304: { description: 'Not modified' },
    },
    async handler({ req, res, deps, checkReply }) {
      const ref = await catalogReference(deps.db.pool);
      const etag = `"taxonomy-${ref.tag}"`;
      if (notModified(req, etag)) {
        res.status(304).set({ ETag: etag, 'Cache-Control': CACHE_CONTROL }).end();
        return;
      }
      let body = taxonomyBodies.get(ref);
      if (!body) {
        const presented = presentTaxonomy(ref);
        checkReply({ body: presented });
        body = Buffer.from(JSON.stringify(presented));
        taxonomyBodies.set(ref, body);
      }
      res.status(200).set({ ETag: etag, 'Cache-Control': CACHE_CONTROL, 'Content-Type': JSON_TYPE }).end(body);
    },
  }),
  route<unknown, Validated<'catalog-changes-query'>>({
    method: 'get',
    path: '/api/v1/catalog/changes',
    tag: TAG,
    auth: 'public',
    query: 'catalog-changes-query',
    summary: 'The change feed for republishing portals: publications and withdrawals after `since`, in order',
    responses: {
      200: {
        description: '{ items: [{ seq, serviceId, version, kind, at, links }], next } — pass next as since',
        schema: 'get-catalog-changes-response',
      },
    },
    async handler({ deps, query }) {
      const changes = await catalogChanges(deps.db.sequelize, query.since, query.limit);
      return {
        headers: { 'Cache-Control': 'no-cache' },
        body: { items: changes.map(presentChange), next: changes.length > 0 ? changes[changes.length - 1].seq : query.since },
      };
    },
  }),
  ...Object.entries(WIDGET_FILES).map(([name, contentType]) =>
    route({
      method: 'get',
      path: `/widget/${name}`,
      tag: TAG,
      auth: 'public',
      summary: name.endsWith('.js')
        ? 'The embeddable widget: <sdp-service service="…" lang="lv|en" refresh="300"></sdp-service>, a web component in shadow DOM'
        : 'A page that shows the widget in use',
      responses: { 200: { description: name, contentType }, 304: { description: 'Not modified' } },
      async handler({ req, res }) {
        const file = widgetFile(name);
        const headers = { ETag: file.etag, 'Cache-Control': 'public, max-age=300', 'Content-Type': contentType };
        if (notModified(req, file.etag)) res.status(304).set(headers).end();
        else res.status(200).set(headers).end(file.body);
      },
    }),
  ),
];
