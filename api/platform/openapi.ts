// The OpenAPI 3.1 document, built from the route declarations and the JSON Schemas in forms/api. OpenAPI 3.1 uses
// JSON Schema 2020-12, so the schemas go in as they are; only $refs are rewritten to components: a cross-file one to
// the other file's component, a local one ("#/$defs/x") to the same file's component.
import { paramFormat, pathParams, type RouteSpec } from './routing';
import { apiSchemas } from '../../forms/validation';

const componentRef = (name: string, pointer = '') => `#/components/schemas/${name}${pointer}`;

function rewriteRefs(node: unknown, owner: string): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, owner));
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$id' || k === '$schema') continue;
      if (k === '$ref' && typeof v === 'string') {
        const m = /^(?:https:\/\/sdp\.gov\.lv\/schemas\/api\/)?([a-z0-9-]+)\.schema\.json(?:#(.*))?$/.exec(v);
        if (m) out[k] = componentRef(m[1], m[2] ?? '');
        else out[k] = v.startsWith('#') ? componentRef(owner, v.slice(1)) : v;
      } else {
        out[k] = rewriteRefs(v, owner);
      }
    }
    return out;
  }
  return node;
}

/** A stable operationId from the method and the path: GET /api/v1/invoices/:id/ubl.xml → getInvoicesIdUblXml. */
export function operationIdOf(r: Pick<RouteSpec, 'method' | 'path' | 'operationId'>): string {
  if (r.operationId) return r.operationId;
  const words = r.path
    .replace(/^\/api\/v1\//, '/')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
  return r.method + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

const ERROR_CONTENT = { 'application/json': { schema: { $ref: componentRef('error') } } };
const errorResponse = (description: string) => ({ description, content: ERROR_CONTENT });

/** The 4xx every route can answer by how it is declared; a route's own description of a status wins. */
function standardErrors(r: RouteSpec): Record<string, { description: string; content: typeof ERROR_CONTENT }> {
  const out: Record<string, { description: string; content: typeof ERROR_CONTENT }> = {};
  const hasParams = r.path.includes(':');
  if (r.body || r.rawBody || r.query || hasParams) out['400'] = errorResponse('Invalid input (validation_failed, malformed_json, …)');
  if (r.auth !== 'public') {
    out['401'] = errorResponse('No or invalid bearer token');
    out['403'] = errorResponse(
      Array.isArray(r.auth)
        ? `Needs one of the roles ${r.auth.join(', ')}, or no legal basis for this record`
        : 'No legal basis for this record',
    );
  }
  if (hasParams) out['404'] = errorResponse('No such resource, or not yours');
  if (r.body || r.rawBody) {
    out['413'] = errorResponse('The body is larger than this endpoint accepts');
    out['415'] = errorResponse(`The body is not ${r.rawBody?.contentType ?? 'application/json'}`);
  }
  if (r.rateLimit) out['429'] = errorResponse('Too many requests: wait for Retry-After seconds');
  return out;
}

function responsesOf(r: RouteSpec): Record<string, unknown> {
  const responses: Record<string, unknown> = { ...standardErrors(r) };
  for (const [status, resp] of Object.entries(r.responses)) {
    const contentType = resp.contentType ?? 'application/json';
    let schema: unknown;
    if (resp.schema) schema = { $ref: componentRef(resp.schema) };
    else if (/^4\d\d$/.test(status))
      schema = { $ref: componentRef('error') }; // every 4xx is the one error shape
    else if (contentType !== 'application/json' && !['204', '304'].includes(status))
      schema = { type: 'string', ...(/json|xml|csv|svg/.test(contentType) ? {} : { contentMediaType: contentType }) };
    responses[status] = { description: resp.description, ...(schema ? { content: { [contentType]: { schema } } } : {}) };
  }
  return responses;
}

function parametersOf(r: RouteSpec): Array<Record<string, unknown>> {
  const params: Array<Record<string, unknown>> = pathParams(r).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: rewriteRefs({ $ref: `common.schema.json#/$defs/${paramFormat(r, name)}` }, 'common'),
  }));
  if (r.query) {
    const qs = apiSchemas[r.query] as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, schema] of Object.entries(qs.properties ?? {})) {
      params.push({ name, in: 'query', required: (qs.required ?? []).includes(name), schema: rewriteRefs(schema, r.query) });
    }
  }
  return params;
}

export function buildOpenApi(routes: RouteSpec[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = parametersOf(r);
    paths[p] ??= {};
    paths[p][r.method] = {
      operationId: operationIdOf(r),
      summary: r.summary,
      tags: [r.tag],
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: componentRef(r.body) } } } } } : {}),
      ...(r.rawBody
        ? {
            requestBody: {
              required: true,
              description: r.rawBody.description,
              content: { [r.rawBody.contentType]: { schema: { type: 'string' } } },
            },
          }
        : {}),
      ...(r.auth === 'public' ? { security: [] } : {}),
      ...(Array.isArray(r.auth) ? { description: `Roles: ${r.auth.join(', ')}` } : {}),
      responses: responsesOf(r),
    };
  }
  const tags = [...new Set(routes.map((r) => r.tag))].sort().map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Service delivery platform API',
      version: '1.0.0',
      description:
        'The national e-government service delivery platform: case register, e-services, payments, catalogue. Errors always have the shape {"error": {"code", "message", "details"}}; a method a path does not declare answers 405 with Allow.',
      license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
    },
    servers: [{ url: serverUrl }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }, { dpop: [] }, { browserSession: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        dpop: {
          type: 'http',
          scheme: 'DPoP',
          description:
            "An app's access token (RFC 9449), issued by PUBLIC_URL/oidc for resource=PUBLIC_URL/api, with a DPoP proof of its device key in the DPoP header at every request. It acts as the citizen, in the API areas its scopes (api:<area>) name.",
        },
        browserSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'sdp_session',
          description:
            "The browser session (__Host-sdp_session behind https). Requests other than GET and HEAD also send the session's CSRF token (GET /api/v1/auth/session) in X-CSRF-Token.",
        },
      },
      schemas: Object.fromEntries(Object.entries(apiSchemas).map(([name, s]) => [name, rewriteRefs(s, name)])),
    },
  };
}
