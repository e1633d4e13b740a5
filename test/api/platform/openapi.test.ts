// The OpenAPI 3.1 document at /api/openapi.json against its official validator (openapi-spec-validator, PyPI) and
// Redocly's recommended lint rules; every operation documented completely; undeclared methods answer 405.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { call, errorOf } from '../../helpers/http';
import { stack } from '../../setup';
import { pythonToolsEnv } from '../../../scripts/lib/python-tools';
import { checkResponse } from '../../../api/platform/routing';

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];
type Operation = { operationId?: string; parameters?: any[]; requestBody?: unknown; responses: Record<string, any>; security?: unknown[] };

function operations(doc: any): Array<{ key: string; path: string; method: string; op: Operation }> {
  return Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, path: p, method, op })),
  );
}

function resolvePointer(doc: unknown, ref: string): unknown {
  return ref
    .slice(2)
    .split('/')
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, token) => (node === undefined || node === null ? undefined : node[token]), doc);
}

function refsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsOf(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

describe('api/openapi: the OpenAPI 3.1 document', function () {
  this.timeout(120_000);
  let doc: any;
  before(async () => {
    const r = await call('GET', '/api/openapi.json');
    expect(r.status).to.equal(200);
    doc = r.body;
  });

  it("is served as JSON: OpenAPI 3.1 for this platform, with the routes of the README's table", async () => {
    const r = await call('GET', '/api/openapi.json');
    expect(r.headers.get('content-type')).to.match(/^application\/json\b/);
    expect(doc.openapi).to.equal('3.1.0');
    expect(doc.info).to.deep.include({ title: 'Service delivery platform API', version: '1.0.0' });
    expect(doc.servers).to.deep.equal([{ url: stack.config.publicUrl }]);
    expect(doc.components.securitySchemes.bearer).to.deep.equal({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    const keys = operations(doc).map((o) => o.key);
    expect(keys).to.include.members([
      'GET /api/v1/auth/me',
      'POST /api/v1/auth/dev-login',
      'GET /api/v1/me/applications',
      'GET /api/v1/me/cases',
      'POST /api/v1/cases',
      'POST /api/v1/cases/batch',
      'POST /api/v1/cases/{id}/status',
      'POST /api/v1/case-ids',
      'GET /api/v1/case-imports',
      'POST /api/v1/case-imports',
      'GET /api/v1/case-imports/{id}',
      'GET /api/v1/tasks',
      'GET /api/v1/tasks/{id}',
      'POST /api/v1/tasks/{id}/claim',
      'POST /api/v1/tasks/{id}/complete',
      'GET /api/v1/invoices/{id}/qr.svg',
      'GET /api/v1/payments/check',
      'GET /api/v1/catalog/services',
    ]);
    // The operation of a route names its response schema, and that schema is in the document.
    const me = operations(doc).find((o) => o.key === 'GET /api/v1/auth/me')!.op;
    expect(me.responses['200'].content['application/json'].schema).to.deep.equal({ $ref: '#/components/schemas/get-auth-me-response' });
    expect(doc.components.schemas['get-auth-me-response'].properties).to.include.keys('sub', 'name', 'roles', 'person', 'agency', 'office');
    const publicSearch = operations(doc).find((o) => o.key === 'GET /api/v1/catalog/services')!.op;
    expect(publicSearch.security, 'the public catalogue needs no token').to.deep.equal([]);
  });

  it('documents the paging of the case lists once: the same `cursor` and `count` of common.schema.json in each', () => {
    const paging = (key: string) => {
      const op = operations(doc).find((o) => o.key === key)?.op;
      expect(op, key).to.not.equal(undefined);
      const params = (op!.parameters as Array<{ name: string; in: string; schema: unknown }>).filter((p) => p.in === 'query');
      return Object.fromEntries(params.filter((p) => ['cursor', 'count'].includes(p.name)).map((p) => [p.name, p.schema]));
    };
    const agency = paging('GET /api/v1/cases');
    expect(agency).to.have.keys('cursor', 'count');
    expect(JSON.stringify(agency.count)).to.contain('listCount');
    expect(paging('GET /api/v1/me/cases'), 'my cases').to.deep.equal(agency);
    expect(paging('GET /api/v1/organisations/{regNo}/cases'), "a company's cases").to.deep.equal(agency);
  });

  it('has a Swagger UI page at /api/docs that loads its assets and the document', async () => {
    const page = await call('GET', '/api/docs');
    expect(page.status).to.equal(200);
    expect(page.headers.get('content-type')).to.match(/^text\/html\b/);
    expect(page.body).to.include('<title>Service delivery platform API</title>').and.to.include('<div id="swagger-ui"></div>');
    const sources = [...(page.body as string).matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources).to.deep.equal(['/api/docs/assets/swagger-ui.css', '/api/docs/assets/swagger-ui-bundle.js', '/api/docs/init.js']);
    const css = await call('GET', sources[0]);
    expect([css.status, css.headers.get('content-type')?.split(';')[0]]).to.deep.equal([200, 'text/css']);
    const bundle = await call('GET', sources[1]);
    expect([bundle.status, bundle.headers.get('content-type')?.split(';')[0]]).to.deep.equal([200, 'application/javascript']);
    expect(bundle.body).to.include('SwaggerUIBundle');
    const init = await call('GET', sources[2]);
    expect(init.status).to.equal(200);
    expect(init.body).to.include("SwaggerUIBundle({ url: '/api/openapi.json'");
  });

  it('is valid by openapi-spec-validator (the official Python validator)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-')), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const r = spawnSync('python3', ['-m', 'openapi_spec_validator', file], { env: pythonToolsEnv(), encoding: 'utf8', timeout: 90_000 });
    if (r.stderr.includes('No module named openapi_spec_validator'))
      throw new Error('openapi-spec-validator is missing: npm install provisions it into .tools/python');
    expect(r.status, `${r.stdout}\n${r.stderr}`.slice(-3000)).to.equal(0);
    expect(r.stdout).to.match(/OK/);
  });

  it("lints with no errors by Redocly's recommended rules", async () => {
    const { lintFromString, createConfig } = await import('@redocly/openapi-core');
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} @ ${p.location.map((l) => l.pointer).join(', ')}`);
    expect(errors.join('\n')).to.equal('');
  });

  it('has no $ref that resolves to nothing', () => {
    const dangling = [...new Set(refsOf(doc))].filter((ref) => !ref.startsWith('#/') || resolvePointer(doc, ref) === undefined);
    expect(dangling).to.deep.equal([]);
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations(doc).map(({ key, op }) => op.operationId ?? `missing on ${key}`);
    expect(ids.filter((id) => id.startsWith('missing'))).to.deep.equal([]);
    expect(ids.length).to.equal(new Set(ids).size);
  });

  it('gives every JSON success response a schema', () => {
    const missing = operations(doc).flatMap(({ key, op }) =>
      Object.entries(op.responses)
        .filter(
          ([status, resp]) => /^2\d\d$/.test(status) && status !== '204' && !Object.values(resp.content ?? {}).some((c: any) => c.schema),
        )
        .map(([status]) => `${key} ${status}`),
    );
    expect(missing).to.deep.equal([]);
  });

  it('documents the 4xx each operation can answer, all with the one error schema', () => {
    const gaps: string[] = [];
    for (const { key, path: p, op } of operations(doc)) {
      const expected = [
        ...(op.security?.length === 0 ? [] : ['401', '403']),
        ...(p.includes('{') ? ['404'] : []),
        ...(op.requestBody ? ['415'] : []),
        ...(op.parameters?.length || op.requestBody ? ['400'] : []),
      ];
      for (const status of expected) if (!op.responses[status]) gaps.push(`${key}: no ${status}`);
      for (const [status, resp] of Object.entries(op.responses)) {
        if (/^4\d\d$/.test(status) && resp.content?.['application/json']?.schema?.$ref !== '#/components/schemas/error')
          gaps.push(`${key}: ${status} without the error schema`);
      }
    }
    expect(gaps).to.deep.equal([]);
    const rateLimited = operations(doc)
      .filter(({ op }) => op.responses['429'])
      .map(({ key }) => key);
    expect(rateLimited).to.include.members(['POST /api/v1/auth/dev-login', 'GET /api/v1/catalog/services']);
  });

  it('marks required query parameters as required', () => {
    const params = (key: string) => operations(doc).find((o) => o.key === key)!.op.parameters!;
    expect(params('GET /api/v1/payments/check').find((p) => p.name === 'reference')).to.include({ in: 'query', required: true });
    const diff = params('GET /api/v1/agency/catalog/services/{id}/diff').filter((p) => p.in === 'query');
    expect(diff.map((p) => [p.name, p.required])).to.deep.include.members([
      ['from', true],
      ['to', true],
    ]);
  });

  it('answers 405 with Allow in the error shape to a method a declared path does not have; 404 stays for unknown paths', async () => {
    const r = await call('DELETE', '/api/v1/invoices', { as: 'system-pmlp' });
    expect(r.status).to.equal(405);
    expect(errorOf(r).code).to.equal('method_not_allowed');
    expect(r.headers.get('allow')).to.equal('GET, HEAD, POST');
    expect(r.body.error.details[0].allow).to.deep.equal(['GET', 'HEAD', 'POST']);
    const put = await call('PUT', '/api/v1/cases/LV-0001000001-67/status', { json: {} });
    expect(put.status).to.equal(405);
    expect(put.headers.get('allow')).to.equal('POST');
    expect((await call('GET', '/api/v1/no-such-thing')).status).to.equal(404);
  });

  it('checks replies against their declared schema in the tests: a drifting presenter is a 500 naming the mismatch', () => {
    const spec = { method: 'get', path: '/x', responses: { 200: { description: 'x', schema: 'error' } } } as any;
    expect(() => checkResponse(spec, { body: { error: { code: 'x', message: 'y', details: [] } } })).not.to.throw();
    expect(() => checkResponse(spec, { body: { error: { code: 1 } } }))
      .to.throw()
      .with.property('code', 'response_schema_violation');
  });
});
