// Every kind of bad input gets a 4xx in the one error shape, never a 5xx (DESIGN.md rule 7, issue 2 section 2):
// malformed JSON, wrong content types and encodings, wrong types, unknown fields, oversized bodies, missing,
// invalid and expired tokens, wrong roles, unknown routes, bad query parameters, and the business checks of a case
// (personal code check digits, future timestamps, another agency's service, a channel the service does not offer).
import zlib from 'node:zlib';
import { io } from 'socket.io-client';
import { expect } from 'chai';
import { SignJWT, generateKeyPair } from 'jose';
import { stack } from '../../setup';
import { call, errorOf, tokenFor, type ApiResponse } from '../../helpers/http';
import { personalCode, uniqueSuffix } from '../../helpers/cases';
import { loadOrCreateKeys } from '../../../api/platform/auth/keys';
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '../../../api/platform/auth/tokens';
import { allRoutes } from '../../../api/platform/app';
import type { RouteSpec } from '../../../api/platform/routing';
import { apiSchemas, type SchemaName } from '../../../forms/validation';
import { personas } from '../../../scripts/seed/personas';

const ANNA = '15038511239';
const run = uniqueSuffix();
let seq = 0;
const ext = () => `BAD-${run}-${(seq += 1)}`;

const validCase = (extra: Record<string, unknown> = {}) => ({
  externalId: ext(),
  serviceId: 'residence-declaration',
  channel: 'in_person',
  officeId: 'pmlp-riga-1',
  recipient: { type: 'natural', id: ANNA },
  ...extra,
});

/** Asserts a 4xx status, the error shape and the code; returns the error. */
function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  const e = errorOf(res);
  expect(e.code, JSON.stringify(e)).to.equal(code);
  expect(res.headers.get('content-type')).to.match(/^application\/json/);
  return e;
}

async function raw(method: string, path: string, body: string | Buffer | undefined, headers: Record<string, string>, as = 'system-pmlp') {
  return call(method, path, { as, body, headers });
}

async function postCase(body: Record<string, unknown>, as = 'system-pmlp') {
  return call('POST', '/api/v1/cases', { as, json: body });
}

let existingCaseId: string;

describe('api/platform: bad input', () => {
  before(async () => {
    const res = await postCase(validCase());
    expect(res.status).to.equal(201);
    existingCaseId = res.body.id;
  });

  describe('malformed bodies', () => {
    const JSON_ENDPOINTS = [
      '/api/v1/cases',
      '/api/v1/cases/batch',
      '/api/v1/case-ids',
      '/api/v1/consultations',
      '/api/v1/consultations/batch',
    ];

    it('answers malformed JSON with 400 malformed_json on every JSON endpoint', async () => {
      for (const path of [...JSON_ENDPOINTS, `/api/v1/cases/${'LV-0001000001-67'}/status`]) {
        for (const text of ['{not json', '{"externalId": "a",}', '{"a": 1', "{'a': 1}", '\u0000', 'NaN']) {
          const res = await raw('POST', path, text, { 'content-type': 'application/json' });
          expectError(res, 400, 'malformed_json');
        }
      }
    });

    it('answers JSON that is not an object with 400 validation_failed', async () => {
      for (const text of ['null', '[]', '"a case"', '42', 'true', '[{"externalId": "x"}]']) {
        const res = await raw('POST', '/api/v1/cases', text, { 'content-type': 'application/json' });
        const e = expectError(res, 400, 'validation_failed');
        expect(e.details[0]).to.deep.include({ path: '/', code: 'type' });
      }
      const empty = await raw('POST', '/api/v1/cases', '', { 'content-type': 'application/json' });
      expect(expectError(empty, 400, 'validation_failed').details.map((d) => d.path)).to.include.members([
        '/externalId',
        '/serviceId',
        '/channel',
        '/recipient',
      ]);
    });

    it('answers a batch whose items are not objects with 400 as a whole', async () => {
      const res = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases: [validCase(), 'x', null, 7] } });
      const e = expectError(res, 400, 'validation_failed');
      expect(e.details.map((d) => d.path)).to.deep.equal(['/cases/1', '/cases/2', '/cases/3']);
    });

    it('survives very deep nesting', async () => {
      const deep = `{"externalId": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
      const res = await raw('POST', '/api/v1/cases', deep, { 'content-type': 'application/json' });
      expect(res.status).to.be.within(400, 499);
      errorOf(res);
    });
  });

  describe('content types and encodings', () => {
    it('answers a body that is not JSON with 415', async () => {
      const body = JSON.stringify(validCase());
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/x-ndjson',
      ]) {
        const res = await raw('POST', '/api/v1/cases', body, { 'content-type': type });
        expectError(res, 415, 'unsupported_media_type');
      }
      const untyped = await raw('POST', '/api/v1/cases', Buffer.from(body), {});
      expectError(untyped, 415, 'unsupported_media_type');
    });

    it('accepts application/json with a UTF-8 charset, and refuses other charsets with 415', async () => {
      const ok = await raw('POST', '/api/v1/cases', JSON.stringify(validCase()), { 'content-type': 'application/json; charset=utf-8' });
      expect(ok.status).to.equal(201);
      const latin = await raw('POST', '/api/v1/cases', JSON.stringify(validCase()), {
        'content-type': 'application/json; charset=iso-8859-1',
      });
      expectError(latin, 415, 'unsupported_charset');
    });

    it('accepts a gzipped body, refuses unknown encodings with 415 and broken gzip with 400', async () => {
      const body = JSON.stringify(validCase());
      const gz = await raw('POST', '/api/v1/cases', zlib.gzipSync(body), {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(gz.status).to.equal(201);
      const unknown = await raw('POST', '/api/v1/cases', body, { 'content-type': 'application/json', 'content-encoding': 'compress' });
      expectError(unknown, 415, 'unsupported_encoding');
      const broken = await raw('POST', '/api/v1/cases', Buffer.from('not gzip at all'), {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      });
      expect(broken.status).to.equal(400);
      errorOf(broken);
    });
  });

  describe('schema violations', () => {
    it('reports wrong types with the path of each field', async () => {
      const res = await postCase({
        externalId: 12345,
        serviceId: ['residence-declaration'],
        channel: 'in_person',
        recipient: 'Anna',
        satisfaction: '5',
        complaint: 'yes',
        priceEur: -1,
        statusHistory: {},
        registeredAt: 1700000000000,
      });
      const e = expectError(res, 400, 'validation_failed');
      const byPath = new Map(e.details.map((d) => [d.path, d.code]));
      expect(byPath.get('/externalId')).to.equal('type');
      expect(byPath.get('/serviceId')).to.equal('type');
      expect(byPath.get('/recipient')).to.equal('type');
      expect(byPath.get('/satisfaction')).to.equal('type');
      expect(byPath.get('/complaint')).to.equal('type');
      expect(byPath.get('/priceEur')).to.equal('minimum');
      expect(byPath.get('/statusHistory')).to.equal('type');
      expect(byPath.get('/registeredAt')).to.equal('type');
      for (const d of e.details) expect(d.message).to.be.a('string').and.not.empty;
    });

    it('reports values out of range and out of the vocabulary', async () => {
      const res = await postCase(
        validCase({
          channel: 'telepathy',
          status: 'finished',
          satisfaction: 6,
          resources: { staffMinutes: -1, callMinutes: 1.5 },
          externalId: '',
          municipalityCode: '12345',
          officeId: 'Not A Slug',
          registeredAt: 'yesterday',
          recipient: { type: 'alien', id: '' },
        }),
      );
      const e = expectError(res, 400, 'validation_failed');
      expect(e.details.map((d) => `${d.path} ${d.code}`)).to.include.members([
        '/channel enum',
        '/status enum',
        '/satisfaction maximum',
        '/resources/staffMinutes minimum',
        '/resources/callMinutes type',
        '/externalId minLength',
        '/municipalityCode pattern',
        '/officeId pattern',
        '/registeredAt format',
        '/recipient/type enum',
        '/recipient/id minLength',
      ]);
      expect(e.details.find((d) => d.path === '/channel')!.message).to.contain('in_person');
    });

    it('reports unknown fields with code unknown_field, at any depth', async () => {
      const res = await postCase(
        validCase({
          colour: 'blue',
          recipient: { type: 'natural', id: ANNA, age: 40 },
          resources: { staffMinutes: 1, coffeeMinutes: 5 },
          statusHistory: [{ status: 'submitted', at: new Date().toISOString(), by: 'me' }],
        }),
      );
      const e = expectError(res, 400, 'validation_failed');
      const unknown = e.details.filter((d) => d.code === 'unknown_field');
      expect(unknown.map((d) => d.path).sort()).to.deep.equal([
        '/colour',
        '/recipient/age',
        '/resources/coffeeMinutes',
        '/statusHistory/0/by',
      ]);
      expect(unknown[0].message).to.equal('is not a known field');

      const status = await call('POST', `/api/v1/cases/${existingCaseId}/status`, {
        as: 'system-pmlp',
        json: { status: 'in_progress', comment: 'x' },
      });
      expect(expectError(status, 400, 'validation_failed').details).to.deep.include({
        path: '/comment',
        code: 'unknown_field',
        message: 'is not a known field',
      });
      const batch = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases: [validCase()], dryRun: true } });
      expect(expectError(batch, 400, 'validation_failed').details).to.deep.include({
        path: '/dryRun',
        code: 'unknown_field',
        message: 'is not a known field',
      });
    });

    it("reports an unknown field of a batch item in that item's result", async () => {
      const res = await call('POST', '/api/v1/cases/batch', {
        as: 'system-pmlp',
        json: { cases: [validCase({ colour: 'blue' }), validCase()] },
      });
      expect(res.status).to.equal(200);
      expect(res.body.results[0].error.code).to.equal('validation_failed');
      expect(res.body.results[0].error.details).to.deep.include({
        path: '/colour',
        code: 'unknown_field',
        message: 'is not a known field',
      });
      expect(res.body.results[1].outcome).to.equal('created');
    });

    it('refuses impossible dates and times with a 4xx', async () => {
      for (const at of [
        '2024-02-30T10:00:00Z',
        '2023-13-01T10:00:00Z',
        '2024-01-01T25:00:00Z',
        '2024-01-01',
        '2016-12-31T23:59:60Z',
        '0000-01-01T00:00:00Z',
        '0000-01-01T00:30:00+01:00',
      ]) {
        const created = await postCase(validCase({ registeredAt: at }));
        expect(created.status, `registeredAt ${at}: ${JSON.stringify(created.body)}`).to.be.within(400, 499);
        errorOf(created);
        const history = await postCase(validCase({ statusHistory: [{ status: 'submitted', at }] }));
        expect(history.status, `statusHistory ${at}`).to.be.within(400, 499);
        errorOf(history);
        const status = await call('POST', `/api/v1/cases/${existingCaseId}/status`, {
          as: 'system-pmlp',
          json: { status: 'in_progress', at },
        });
        expect(status.status, `status at ${at}`).to.be.within(400, 499);
        errorOf(status);
        const consultation = await call('POST', '/api/v1/consultations', {
          as: 'system-pmlp',
          json: { externalId: ext(), channel: 'phone', topic: 'x', durationMinutes: 1, occurredAt: at },
        });
        expect(consultation.status, `occurredAt ${at}`).to.be.within(400, 499);
        errorOf(consultation);
      }
      const unchanged = await call('GET', `/api/v1/cases/${existingCaseId}`, { as: 'system-pmlp' });
      expect(unchanged.body.status).to.equal('submitted');
    });

    it('refuses text with NUL characters with a 4xx', async () => {
      const withNul = await postCase(validCase({ externalId: `nul-${run}-\u0000` }));
      expect(withNul.status, JSON.stringify(withNul.body)).to.be.within(400, 499);
      expect(errorOf(withNul).details).to.deep.include({
        path: '/externalId',
        code: 'invalid_character',
        message: 'must not contain the NUL character',
      });
      const name = await postCase(validCase({ recipient: { type: 'natural', id: ANNA, name: 'An\u0000na' } }));
      expect(name.status).to.be.within(400, 499);
      const label = await call('POST', `/api/v1/cases/${existingCaseId}/status`, {
        as: 'system-pmlp',
        json: { status: 'in_progress', label: 'a\u0000b' },
      });
      expect(label.status).to.be.within(400, 499);
      errorOf(label);
      const consultation = await call('POST', '/api/v1/consultations', {
        as: 'system-pmlp',
        json: { externalId: ext(), channel: 'phone', topic: 'x\u0000', durationMinutes: 1 },
      });
      expect(consultation.status).to.be.within(400, 499);
      const query = await call('GET', '/api/v1/cases?externalId=a%00b', { as: 'system-pmlp' });
      expect(query.status).to.be.within(400, 499);
      errorOf(query);

      // In a name too: a draft is free-form JSON whose keys are stored as well.
      const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      const draft = await call('PUT', `/api/v1/applications/${opened.body.id}/draft`, {
        as: 'citizen-anna',
        json: { version: opened.body.draft.version, data: { notes: { ['a\u0000b']: 'x' } } },
      });
      expect(draft.status, JSON.stringify(draft.body)).to.be.within(400, 499);
      expect(errorOf(draft).details).to.deep.include({
        path: '/data/notes/a\u0000b',
        code: 'invalid_character',
        message: 'the name must not contain the NUL character',
      });

      // In a batch only the item with the NUL fails.
      const batch = await call('POST', '/api/v1/cases/batch', {
        as: 'system-pmlp',
        json: { cases: [validCase({ statusLabel: '\u0000' }), validCase()] },
      });
      expect(batch.status).to.equal(200);
      expect(batch.body.results[0].outcome).to.equal('failed');
      expect(batch.body.results[0].error.details[0]).to.deep.include({ path: '/statusLabel', code: 'invalid_character' });
      expect(batch.body.results[1].outcome).to.equal('created');
    });

    it("refuses numbers beyond JSON's range", async () => {
      const res = await raw('POST', '/api/v1/cases', JSON.stringify(validCase()).replace(/}$/, ', "satisfaction": 1e400}'), {
        'content-type': 'application/json',
      });
      expectError(res, 400, 'validation_failed');
    });
  });

  describe('oversized bodies', () => {
    it('answers a body over 1 MB to /api/v1/cases with 413 payload_too_large', async () => {
      const big = JSON.stringify(validCase({ statusLabel: 'x'.repeat(1_100_000) }));
      const res = await raw('POST', '/api/v1/cases', big, { 'content-type': 'application/json' });
      expectError(res, 413, 'payload_too_large');
      const status = await raw(
        'POST',
        `/api/v1/cases/${existingCaseId}/status`,
        JSON.stringify({ status: 'in_progress', label: 'y'.repeat(1_100_000) }),
        { 'content-type': 'application/json' },
      );
      expectError(status, 413, 'payload_too_large');
    });

    it('accepts the same size on the batch endpoint, which has a larger limit', async () => {
      const cases = Array.from({ length: 6000 }, (_, i) =>
        validCase({ recipient: { type: 'natural', id: personalCode(i), name: 'Anna Bērziņa Ozoliņa-Kalniņa' } }),
      );
      const body = JSON.stringify({ cases });
      expect(body.length).to.be.greaterThan(1_000_000);
      const res = await raw('POST', '/api/v1/cases/batch', body, { 'content-type': 'application/json' });
      expect(res.status).to.equal(200);
      expect(res.body.created).to.equal(6000);
    });

    it('refuses an oversized body from an anonymous caller with 401, without reading it', async () => {
      const big = JSON.stringify(validCase({ statusLabel: 'x'.repeat(1_100_000) }));
      const res = await call('POST', '/api/v1/cases', { body: big, headers: { 'content-type': 'application/json' } });
      expectError(res, 401, 'unauthenticated');
    });
  });

  describe('authentication and roles', () => {
    it('answers a missing token with 401 and a WWW-Authenticate challenge', async () => {
      for (const [method, path] of [
        ['POST', '/api/v1/cases'],
        ['POST', '/api/v1/cases/batch'],
        ['GET', `/api/v1/cases/${existingCaseId}`],
        ['GET', '/api/v1/cases'],
        ['GET', '/api/v1/me/cases'],
        ['POST', '/api/v1/case-ids'],
        ['POST', '/api/v1/consultations'],
      ]) {
        const res = await call(method, path, method === 'POST' ? { json: validCase() } : {});
        expectError(res, 401, 'unauthenticated');
        expect(res.headers.get('www-authenticate')).to.equal('Bearer');
      }
    });

    it('answers invalid, tampered, foreign, expired and role-less tokens with 401', async () => {
      const good = await tokenFor('system-pmlp');
      const [header, payload, signature] = good.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
      const forged = Buffer.from(JSON.stringify({ ...claims, agency: 'vid' })).toString('base64url');
      const keys = await loadOrCreateKeys(stack.dataDir);
      const sign = (p: Record<string, unknown>, key: Parameters<SignJWT['sign']>[0] = keys.privateKey, exp: string | number = '1h') =>
        new SignJWT(p)
          .setProtectedHeader({ alg: 'ES256', kid: keys.kid })
          .setSubject('system-pmlp')
          .setIssuer(TOKEN_ISSUER)
          .setAudience(TOKEN_AUDIENCE)
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(exp)
          .sign(key);
      const foreignKey = (await generateKeyPair('ES256')).privateKey;
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;

      // A correctly signed token works, so the failures below are about the token itself.
      expect(
        (
          await raw(
            'GET',
            '/api/v1/cases?limit=1',
            undefined,
            { authorization: `Bearer ${await sign({ roles: ['agency-system'], agency: 'pmlp' })}` },
            '',
          )
        ).status,
      ).to.equal(200);

      const bad: Record<string, string> = {
        garbage: 'Bearer not-a-token',
        empty: 'Bearer ',
        tampered: `Bearer ${header}.${forged}.${signature}`,
        truncated: `Bearer ${good.slice(0, -5)}`,
        foreignKey: `Bearer ${await sign({ roles: ['agency-system'], agency: 'pmlp' }, foreignKey)}`,
        expired: `Bearer ${await sign({ roles: ['agency-system'], agency: 'pmlp' }, keys.privateKey, Math.floor(Date.now() / 1000) - 60)}`,
        noRoles: `Bearer ${await sign({ roles: ['emperor'], agency: 'pmlp' })}`,
        algNone: `Bearer ${none}`,
        basic: `Basic ${Buffer.from('system-pmlp:secret').toString('base64')}`,
        lowercase: `bearer ${good}`,
      };
      for (const [kind, authorization] of Object.entries(bad)) {
        const res = await raw('GET', '/api/v1/cases', undefined, { authorization }, '');
        expect(res.status, kind).to.equal(401);
        expect(errorOf(res).code, kind).to.equal('unauthenticated');
        const post = await raw(
          'POST',
          '/api/v1/cases',
          JSON.stringify(validCase()),
          { authorization, 'content-type': 'application/json' },
          '',
        );
        expect(post.status, kind).to.equal(401);
      }
    });

    it('answers a role that may not do this with 403 forbidden', async () => {
      const cases: Array<[string, string, string, unknown]> = [
        ['citizen-anna', 'POST', '/api/v1/cases', validCase()],
        ['citizen-anna', 'POST', '/api/v1/cases/batch', { cases: [validCase()] }],
        ['citizen-janis', 'POST', `/api/v1/cases/${existingCaseId}/status`, { status: 'in_progress' }],
        ['citizen-anna', 'POST', '/api/v1/case-ids', { count: 1 }],
        ['citizen-anna', 'POST', '/api/v1/consultations', { externalId: ext(), channel: 'phone', topic: 'x', durationMinutes: 1 }],
        ['staff-vpvkac-riga', 'POST', '/api/v1/cases', validCase()],
        ['analyst-varam', 'POST', '/api/v1/cases/batch', { cases: [validCase()] }],
        ['catalogue-admin', 'GET', '/api/v1/cases', undefined],
        ['support-specialist', 'GET', `/api/v1/cases/${existingCaseId}`, undefined],
        ['system-pmlp', 'GET', '/api/v1/me/cases', undefined],
      ];
      for (const [as, method, path, json] of cases) {
        const res = await call(method, path, { as, json });
        expect(res.status, `${as} ${method} ${path}`).to.equal(403);
        expect(errorOf(res).code).to.equal('forbidden');
      }
      const refused = cases.flatMap(([, , , json]) => {
        const body = json as { externalId?: string; cases?: Array<{ externalId: string }> } | undefined;
        return [body?.externalId, ...(body?.cases ?? []).map((c) => c.externalId)].filter((x): x is string => typeof x === 'string');
      });
      expect(refused).to.have.length(5);
      const stored = await stack.db.pool.query(
        'SELECT (SELECT count(*)::int FROM cases WHERE external_id = ANY($1::text[])) + (SELECT count(*)::int FROM consultations WHERE external_id = ANY($1::text[])) AS n',
        [refused],
      );
      expect(stored.rows[0].n).to.equal(0);
    });

    it('checks the role before the body: a citizen sending malformed JSON gets 403', async () => {
      const res = await raw('POST', '/api/v1/cases', '{broken', { 'content-type': 'application/json' }, 'citizen-anna');
      expectError(res, 403, 'forbidden');
    });
  });

  describe('routes and query parameters', () => {
    it('answers an unknown route with 404 route_not_found, and a method the route does not have with 405', async () => {
      for (const [method, path] of [
        ['GET', '/api/v1/nothing'],
        ['GET', '/api/v2/cases'],
        ['GET', '/api/v1/cases/batch/extra'],
      ]) {
        const res = await call(method, path, { as: 'system-pmlp' });
        expectError(res, 404, 'route_not_found');
      }
      for (const [method, path] of [
        ['DELETE', `/api/v1/cases/${existingCaseId}`],
        ['PUT', '/api/v1/cases'],
        ['POST', '/api/v1/me/cases'],
        ['PATCH', '/api/v1/case-ids'],
      ]) {
        const res = await call(method, path, { as: 'system-pmlp' });
        expectError(res, 405, 'method_not_allowed');
      }
    });

    it("answers bad query parameters with 400 and the parameter's path", async () => {
      const checks: Array<[string, string, string, string]> = [
        ['citizen-anna', '/api/v1/me/cases?limit=abc', '/query/limit', 'type'],
        ['citizen-anna', '/api/v1/me/cases?limit=0', '/query/limit', 'minimum'],
        ['citizen-anna', '/api/v1/me/cases?limit=201', '/query/limit', 'maximum'],
        ['citizen-anna', '/api/v1/me/cases?limit=1.5', '/query/limit', 'type'],
        ['citizen-anna', '/api/v1/me/cases?offset=2', '/query/offset', 'unknown_field'], // keyset pages: a cursor, no offset
        ['citizen-anna', '/api/v1/me/cases?year=1999', '/query/year', 'minimum'],
        ['citizen-anna', '/api/v1/me/cases?state=finished', '/query/state', 'enum'],
        ['citizen-anna', '/api/v1/me/cases?cursor=a%20b', '/query/cursor', 'pattern'],
        ['citizen-anna', '/api/v1/me/cases?limit=1&limit=2', '/query/limit', 'type'],
        ['citizen-anna', '/api/v1/me/cases?limit[x]=1', '/query/limit', 'type'],
        ['citizen-anna', '/api/v1/me/cases?sort=name', '/query/sort', 'unknown_field'],
        ['system-pmlp', '/api/v1/cases?status=finished', '/query/status', 'enum'],
        ['system-pmlp', '/api/v1/cases?channel=fax', '/query/channel', 'enum'],
        ['system-pmlp', '/api/v1/cases?serviceId=Not%20a%20slug', '/query/serviceId', 'pattern'],
        ['system-pmlp', '/api/v1/cases?agency=vid', '/query/agency', 'unknown_field'],
        ['system-pmlp', `/api/v1/cases/${existingCaseId}?fields=all`, '/query/fields', 'unknown_field'],
      ];
      for (const [as, path, where, code] of checks) {
        const res = await call('GET', path, { as });
        const e = expectError(res, 400, 'validation_failed');
        expect(e.details, path).to.deep.include({ path: where, code, message: e.details.find((d) => d.path === where)?.message ?? '' });
      }
      const post = await call('POST', '/api/v1/cases?dryRun=1', { as: 'system-pmlp', json: validCase() });
      expect(expectError(post, 400, 'validation_failed').details[0]).to.deep.include({ path: '/query/dryRun', code: 'unknown_field' });
    });

    it('answers a broken percent-encoding in the path with 400', async () => {
      const res = await call('GET', '/api/v1/cases/%E0%A4%A', { as: 'system-pmlp' });
      expect(res.status).to.equal(400);
      errorOf(res);
    });
  });

  describe('attack classes: every route, every input (issue 13)', () => {
    /** A persona allowed to call the route, so that the input reaches the handler rather than a 401/403. */
    const personaFor = (spec: RouteSpec): string => {
      if (spec.auth === 'public') return '';
      if (spec.auth === 'any-signed-in') return 'citizen-anna';
      const allowed = spec.auth;
      const persona = personas.find((p) => p.roles.some((r) => allowed.includes(r)));
      if (!persona) throw new Error(`no persona for ${spec.path}`);
      return persona.sub;
    };
    const SAMPLE: Record<string, string> = {
      uuid: '00000000-0000-4000-8000-000000000000',
      versionNumber: '1',
      pathText: 'LV-0001000001-67',
      slug: 'x',
      caseId: 'LV-0001000001-67',
      registrationNumber: '40203145872',
    };
    const pathParams = (spec: RouteSpec) => [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
    const pathOf = (spec: RouteSpec, value?: string) =>
      spec.path.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
        encodeURIComponent(value ?? SAMPLE[spec.params?.[name] ?? 'pathText']).replace(/%25/g, '%'),
      );
    const send = (spec: RouteSpec, path: string, body?: string) =>
      raw(spec.method.toUpperCase(), path, body, body === undefined ? {} : { 'content-type': 'application/json' }, personaFor(spec));
    const JSON_ROUTES = allRoutes.filter((r) => !r.rawBody);

    it('answers ids that look like UUIDs but are not with a 4xx on every route with path ids', async () => {
      const withIds = JSON_ROUTES.filter((r) => pathParams(r).length > 0);
      expect(withIds.length).to.be.greaterThan(30);
      const BAD_IDS = [
        '------------------------------------',
        '0123456789abcdef0123456789abcdef0123',
        'urn:uuid:00000000-0000-4000-8000-000000000000',
        '00000000-0000-4000-8000-00000000000g',
        '99999999999999999999',
        '%00',
        'x'.repeat(300),
      ];
      const failures: string[] = [];
      for (const spec of withIds) {
        for (const bad of BAD_IDS) {
          const res = await send(spec, pathOf(spec, bad), spec.body ? '{}' : undefined);
          if (res.status < 400 || res.status > 499 || !(res.body as { error?: unknown })?.error)
            failures.push(`${spec.method} ${spec.path} ${bad.slice(0, 40)}: ${res.status}`);
        }
      }
      expect(failures).to.deep.equal([]);
    });

    it('answers a co-browse grant id that looks like a UUID but is not with no_consent over Socket.IO', async () => {
      const socket = io(stack.api.url, {
        auth: { token: await tokenFor('staff-vpvkac-riga') },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      try {
        for (const grantId of ['------------------------------------', '0123456789abcdef0123456789abcdef0123']) {
          const ack = await new Promise<{ ok: boolean; error?: { code: string } }>((resolve) => {
            socket.emit('cobrowse:join', { grantId }, resolve);
          });
          expect(ack.error?.code, grantId).to.equal('no_consent');
        }
      } finally {
        socket.disconnect();
      }
    });

    it('answers paging offsets and other integers beyond bigint with 400 on every query', async () => {
      const failures: string[] = [];
      let tried = 0;
      for (const spec of JSON_ROUTES.filter((r) => r.method === 'get' && r.query)) {
        const props = (apiSchemas[spec.query as SchemaName] as { properties?: Record<string, { type?: string }> }).properties ?? {};
        for (const [name, schema] of Object.entries(props)) {
          if (schema.type !== 'integer') continue;
          for (const big of ['99999999999999999999', '9223372036854775808', '1e30']) {
            tried += 1;
            const res = await send(spec, `${pathOf(spec)}?${name}=${big}`);
            if (res.status !== 400 || (res.body as { error?: { code?: string } })?.error?.code !== 'validation_failed')
              failures.push(`${spec.path}?${name}=${big}: ${res.status}`);
          }
        }
      }
      expect(tried).to.be.greaterThan(10);
      expect(failures).to.deep.equal([]);
    });

    it('answers JSON nested thousands of levels deep with 400 json_too_deep on every JSON body', async () => {
      const deep = `{"data": ${'{"a": '.repeat(5000)}1${'}'.repeat(5000)}, "list": ${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const failures: string[] = [];
      const bodies = JSON_ROUTES.filter((r) => r.body);
      for (const spec of bodies) {
        const res = await send(spec, pathOf(spec), deep);
        if (res.status !== 400 || (res.body as { error?: { code?: string } })?.error?.code !== 'json_too_deep')
          failures.push(`${spec.method} ${spec.path}: ${res.status} ${JSON.stringify(res.body).slice(0, 100)}`);
      }
      expect(bodies.length).to.be.greaterThan(30);
      expect(failures).to.deep.equal([]);
      // Nesting a form needs is fine.
      const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
      const nested = JSON.parse(`${'{"a": '.repeat(40)}1${'}'.repeat(40)}`) as Record<string, unknown>;
      const saved = await call('PUT', `/api/v1/applications/${opened.body.id}/draft`, {
        as: 'citizen-anna',
        json: { version: opened.body.draft.version, data: { notes: nested } },
      });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    });

    it('answers lone UTF-16 surrogates in draft data and in any JSON body with 400 invalid_character', async () => {
      const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
      expect(opened.status).to.equal(201);
      const version = opened.body.draft.version as number;
      const draftPath = `/api/v1/applications/${opened.body.id}/draft`;
      for (const [text, where] of [
        [`{"version": ${version}, "data": {"notes": "a\\ud800b"}}`, '/data/notes'],
        [`{"version": ${version}, "data": {"notes": "\\udfff"}}`, '/data/notes'],
        [`{"version": ${version}, "data": {"notes": {"k\\udc00": 1}}}`, '/data/notes/k\udc00'],
      ]) {
        const res = await raw('PUT', draftPath, text, { 'content-type': 'application/json' }, 'citizen-anna');
        const e = expectError(res, 400, 'validation_failed');
        expect(
          e.details.map((d) => d.path),
          text,
        ).to.include(where);
        expect(e.details[0].code).to.equal('invalid_character');
      }
      // A well-formed pair (an emoji) is text like any other.
      const emoji = await raw(
        'PUT',
        draftPath,
        `{"version": ${version}, "data": {"notes": "\\ud83d\\ude00"}}`,
        { 'content-type': 'application/json' },
        'citizen-anna',
      );
      expect(emoji.status, JSON.stringify(emoji.body)).to.equal(200);
      // The same over Socket.IO autosave, which shares the validation.
      const socket = io(stack.api.url, {
        auth: { token: await tokenFor('citizen-anna') },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      try {
        const ack = await new Promise<{ ok: boolean; error?: { code: string; details: Array<{ code: string }> } }>((resolve) => {
          socket.emit('draft:save', { applicationId: opened.body.id, version: emoji.body.version, data: { notes: 'x\udc00' } }, resolve);
        });
        expect(ack.ok).to.equal(false);
        expect(ack.error?.code).to.equal('validation_failed');
        expect(ack.error?.details[0].code).to.equal('invalid_character');
      } finally {
        socket.disconnect();
      }
      const caseBody = JSON.stringify(validCase()).replace(/"externalId":"[^"]*"/, '"externalId":"lone-\\ud800"');
      expectError(await raw('POST', '/api/v1/cases', caseBody, { 'content-type': 'application/json' }), 400, 'validation_failed');
    });
  });

  describe('business checks of a case (422)', () => {
    it('refuses a personal code with a wrong check digit as invalid_person_id', async () => {
      const recipient = await postCase(validCase({ recipient: { type: 'natural', id: '15038511238' } }));
      expect(expectError(recipient, 422, 'invalid_person_id').details[0]).to.deep.include({
        path: '/recipient/id',
        code: 'invalid_person_id',
      });
      const representative = await postCase(validCase({ representative: { type: 'natural', id: '02117814568', basis: 'mandate' } }));
      expect(expectError(representative, 422, 'invalid_person_id').details[0].path).to.equal('/representative/id');
      for (const id of ['150385-1123', '35038511239', 'Anna', '1503851123X']) {
        expectError(await postCase(validCase({ recipient: { type: 'natural', id } })), 422, 'invalid_person_id');
      }
      expectError(await postCase(validCase({ recipient: { type: 'legal', id: '4000334537' } })), 422, 'invalid_person_id');
      expectError(await postCase(validCase({ recipient: { type: 'eidas', id: 'not-eidas' } })), 422, 'invalid_person_id');
    });

    it('refuses timestamps in the future as timestamp_in_future, allowing a little clock skew', async () => {
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const registered = await postCase(validCase({ registeredAt: future }));
      expect(expectError(registered, 422, 'timestamp_in_future').details[0]).to.deep.include({
        path: '/registeredAt',
        code: 'timestamp_in_future',
      });
      const history = await postCase(
        validCase({
          statusHistory: [
            { status: 'submitted', at: new Date(Date.now() - 60_000).toISOString() },
            { status: 'in_progress', at: future },
          ],
        }),
      );
      expect(expectError(history, 422, 'timestamp_in_future').details[0].path).to.equal('/statusHistory/1/at');
      const farFuture = await postCase(validCase({ registeredAt: '9999-12-31T23:59:59Z' }));
      expectError(farFuture, 422, 'timestamp_in_future');
      const skewed = await postCase(validCase({ registeredAt: new Date(Date.now() + 60_000).toISOString() }));
      expect(skewed.status).to.equal(201);
    });

    it("refuses an unknown service and another agency's service as unknown_service", async () => {
      const unknown = await postCase(validCase({ serviceId: 'time-travel-permit' }));
      expect(expectError(unknown, 422, 'unknown_service').details[0]).to.deep.include({ path: '/serviceId', code: 'unknown_service' });
      const foreign = await postCase(validCase({ serviceId: 'income-tax-return' }));
      expectError(foreign, 422, 'unknown_service');
      const foreignToVid = await postCase(validCase({ serviceId: 'residence-declaration', officeId: undefined }), 'system-vid');
      expectError(foreignToVid, 422, 'unknown_service');
    });

    it('refuses a channel the service is not delivered through as channel_not_offered', async () => {
      for (const channel of ['eservice', 'phone', 'email', 'post']) {
        const res = await postCase(validCase({ serviceId: 'passport-issue', channel }));
        const e = expectError(res, 422, 'channel_not_offered');
        expect(e.details[0]).to.deep.include({ path: '/channel', code: 'channel_not_offered', message: 'offered: in_person, other' });
      }
      expect((await postCase(validCase({ serviceId: 'passport-issue', channel: 'other' }))).status).to.equal(201);
    });

    it('refuses an unknown office or municipality', async () => {
      expectError(await postCase(validCase({ officeId: 'pmlp-mars-1' })), 422, 'unknown_office');
      expectError(await postCase(validCase({ officeId: undefined, municipalityCode: '9999999' })), 422, 'unknown_municipality');
    });
  });
});
