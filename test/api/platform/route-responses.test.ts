// Every route declares what it answers: a JSON success names its schema in forms/api (which the full-stack tests
// check every reply against), anything else names its media type. No stack: the route table is data.
import { expect } from 'chai';
import { allRoutes } from '../../../api/platform/app';
import { apiSchemas } from '../../../forms/validation';
import { route } from '../../../api/platform/routing';

const isJson = (contentType: string | undefined) => (contentType ?? 'application/json').split(';')[0] === 'application/json';

describe('api/platform: every route declares its responses', () => {
  it('has routes to walk', () => {
    expect(allRoutes.length).to.be.greaterThan(90);
  });

  it('names a schema for every JSON success response', () => {
    const missing = allRoutes.flatMap((r) =>
      Object.entries(r.responses)
        .filter(([status, resp]) => /^2\d\d$/.test(status) && status !== '204' && isJson(resp.contentType) && !resp.schema)
        .map(([status]) => `${r.method.toUpperCase()} ${r.path} ${status}`),
    );
    expect(missing, 'add a response schema in forms/api and name it in the route').to.deep.equal([]);
  });

  it('declares at least one success (or redirect) for every route', () => {
    const silent = allRoutes
      .filter((r) => !Object.keys(r.responses).some((s) => /^[23]\d\d$/.test(s)))
      .map((r) => `${r.method.toUpperCase()} ${r.path}`);
    expect(silent).to.deep.equal([]);
  });

  it('gives a media type and no schema to the responses that are not JSON', () => {
    const wrong = allRoutes.flatMap((r) =>
      Object.entries(r.responses)
        .filter(([, resp]) => !isJson(resp.contentType) && resp.schema)
        .map(([status]) => `${r.method.toUpperCase()} ${r.path} ${status}`),
    );
    expect(wrong).to.deep.equal([]);
  });

  it('names only schemas that exist in forms/api', () => {
    const unknown = allRoutes.flatMap((r) =>
      [r.body, r.query, ...Object.values(r.responses).map((resp) => resp.schema)]
        .filter((name): name is NonNullable<typeof name> => name !== undefined && !(name in apiSchemas))
        .map((name) => `${r.method.toUpperCase()} ${r.path}: ${name}`),
    );
    expect(unknown).to.deep.equal([]);
  });

  it('takes only real schema names (SchemaName is generated from forms/api): a misspelt one does not compile', () => {
    const spec = route({
      method: 'post',
      path: '/typo',
      summary: 'typo',
      tag: 'test',
      auth: 'public',
      // @ts-expect-error 'case-craete' is not a schema in forms/api
      body: 'case-craete',
      responses: { 204: { description: 'never mounted' } },
      handler: async () => undefined,
    });
    expect(spec.body).to.equal('case-craete');
  });
});
