// The OpenAPI 3.1 document, built from the route declarations and the JSON Schemas in forms/api. OpenAPI 3.1 uses
// JSON Schema 2020-12, so the schemas go in as they are; only cross-file $refs are rewritten to components.
import type { RouteSpec } from './routing';
import { apiSchemas } from './validation';

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$id' || k === '$schema') continue;
      if (k === '$ref' && typeof v === 'string') {
        const m = /^(?:https:\/\/sdp\.gov\.lv\/schemas\/api\/)?([a-z0-9-]+)\.schema\.json(#.*)?$/.exec(v);
        out[k] = m ? `#/components/schemas/${m[1]}${m[2] ? m[2].slice(1) : ''}` : v;
      } else {
        out[k] = rewriteRefs(v);
      }
    }
    return out;
  }
  return node;
}

export function buildOpenApi(routes: RouteSpec[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const p = r.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    if (r.query) {
      const qs = apiSchemas[r.query] as { properties?: Record<string, unknown> };
      for (const [name, schema] of Object.entries(qs.properties ?? {})) {
        params.push({ name, in: 'query', required: false, schema: rewriteRefs(schema) as { type: string } });
      }
    }
    const responses: Record<string, unknown> = {};
    for (const [status, resp] of Object.entries(r.responses)) {
      responses[status] = {
        description: resp.description,
        ...(resp.schema ? { content: { [resp.contentType ?? 'application/json']: { schema: { $ref: `#/components/schemas/${resp.schema}` } } } } : {}),
      };
    }
    if (r.auth !== 'public') responses['401'] = { description: 'No or invalid bearer token', content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } } };
    if (r.body || r.query) responses['400'] ??= { description: 'Invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/error' } } } };
    paths[p] ??= {};
    paths[p][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      ...(params.length ? { parameters: params } : {}),
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${r.body}` } } } } } : {}),
      ...(r.rawBody ? { requestBody: { required: true, description: r.rawBody.description, content: { [r.rawBody.contentType]: { schema: { type: 'string' } } } } } : {}),
      ...(r.auth === 'public' ? { security: [] } : {}),
      ...(Array.isArray(r.auth) ? { description: `Roles: ${r.auth.join(', ')}` } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Service delivery platform API',
      version: '1.0.0',
      description: 'The national e-government service delivery platform: case register, e-services, payments, catalogue. Errors always have the shape {"error": {"code", "message", "details"}}.',
    },
    servers: [{ url: serverUrl }],
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: Object.fromEntries(Object.entries(apiSchemas).map(([name, s]) => [name, rewriteRefs(s)])),
    },
  };
}
