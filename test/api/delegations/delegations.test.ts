// Registered delegations on the real stack: a citizen registers one (dates, scope, the representative's personal
// code checked), both people see it (given / held), nobody else does (404), the principal revokes it at once;
// staff at the counter look up a person's valid delegations (every lookup audited) and open an application on one,
// which is refused (422 no_delegation) once it is revoked, expired or not yet valid, and a revocation after opening
// takes the basis away before submission. Bad input is a 4xx in the one error shape.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf, type ApiResponse } from '../../helpers/http';
import { ANNA, JANIS, STAFF, auditRows, lastAuditId } from '../../helpers/assist';
import { makePersonalCode } from '../../../db/domain/person-id';

const MARIE = 'citizen-marie';
let today = '';
let tomorrow = '';

const shift = async (days: number) =>
  (await stack.db.pool.query<{ d: string }>('SELECT (current_date + $1::int)::text AS d', [days])).rows[0].d;

function expectError(res: ApiResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).to.equal(status);
  const e = errorOf(res);
  expect(e.code, JSON.stringify(e)).to.equal(code);
  return e;
}

const toJanis = (extra: Record<string, unknown> = {}) => ({
  representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš' },
  validFrom: today,
  scope: 'all',
  ...extra,
});

async function register(body: Record<string, unknown>, as = 'citizen-anna') {
  const res = await call('POST', '/api/v1/me/delegations', { as, json: body });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

const lookup = (id: string, as = STAFF, eserviceId?: string) =>
  call('POST', '/api/v1/delegations/lookup', { as, json: { person: { type: 'natural', id }, ...(eserviceId ? { eserviceId } : {}) } });

const openAtCounter = (delegationId: string, eserviceId = 'residence-declaration', recipient = ANNA) =>
  call('POST', '/api/v1/assisted-applications', {
    as: STAFF,
    json: { eserviceId, recipient: { type: 'natural', id: recipient }, basis: { type: 'delegation', delegationId } },
  });

describe('api/delegations', () => {
  before(async () => {
    today = await shift(0);
    tomorrow = await shift(1);
  });
  // Overlapping delegations to one person are refused: each test starts with none of Anna's in force.
  afterEach(() => stack.db.pool.query('UPDATE delegations SET revoked_at = now() WHERE principal_id = $1 AND revoked_at IS NULL', [ANNA]));

  it('registers a delegation that both people see, given and held, and nobody else', async () => {
    const since = await lastAuditId();
    const until = await shift(30);
    // The personal code may be written with the dash; it is stored normalised.
    const res = await call('POST', '/api/v1/me/delegations', {
      as: 'citizen-anna',
      json: toJanis({
        representative: { type: 'natural', id: `${JANIS.slice(0, 6)}-${JANIS.slice(6)}`, name: ' Jānis Kalniņš ' },
        validUntil: until,
      }),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const d = res.body;
    expect(res.headers.get('location')).to.equal(`/api/v1/me/delegations/${d.id}`);
    expect(d).to.deep.include({
      principal: { type: 'natural', id: ANNA, name: 'Anna Bērziņa' },
      representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš' },
      scope: 'all',
      validFrom: today,
      validUntil: until,
      status: 'active',
      revokedAt: null,
    });
    const audited = await auditRows(since, { actor: 'citizen-anna', purpose: 'delegation:register', resource: `delegation:${d.id}` });
    expect(audited).to.have.length(1);
    expect(audited[0]).to.include({ action: 'create', subject_id: ANNA });

    const anna = await call('GET', '/api/v1/me/delegations', { as: 'citizen-anna' });
    expect(anna.status).to.equal(200);
    expect(anna.body.given.map((x: any) => x.id)).to.include(d.id);
    expect(anna.body.held.map((x: any) => x.id)).to.not.include(d.id);
    const janis = await call('GET', '/api/v1/me/delegations', { as: 'citizen-janis' });
    const held = janis.body.held.find((x: any) => x.id === d.id);
    expect(held.principal).to.deep.equal({ type: 'natural', id: ANNA, name: 'Anna Bērziņa' });
    expect(janis.body.given.map((x: any) => x.id)).to.not.include(d.id);
    expect((await call('GET', `/api/v1/me/delegations/${d.id}`, { as: 'citizen-janis' })).body.id).to.equal(d.id);

    // Another citizen: it does not exist for her (404, not 403), whatever she tries.
    const marie = await call('GET', '/api/v1/me/delegations', { as: MARIE });
    expect([...marie.body.given, ...marie.body.held].map((x: any) => x.id)).to.not.include(d.id);
    expectError(await call('GET', `/api/v1/me/delegations/${d.id}`, { as: MARIE }), 404, 'not_found');
    expectError(await call('POST', `/api/v1/me/delegations/${d.id}/revoke`, { as: MARIE }), 404, 'not_found');
    expectError(await call('GET', '/api/v1/me/delegations/not-a-uuid', { as: MARIE }), 404, 'not_found');
    // The representative holds it but cannot revoke it; staff cannot use the citizen routes at all.
    expectError(await call('POST', `/api/v1/me/delegations/${d.id}/revoke`, { as: 'citizen-janis' }), 403, 'forbidden');
    expectError(await call('GET', '/api/v1/me/delegations', { as: STAFF }), 403, 'forbidden');
    expectError(await call('POST', '/api/v1/me/delegations', { as: STAFF, json: toJanis() }), 403, 'forbidden');
  });

  it('takes the dates into account: not yet valid, valid, expired', async () => {
    const later = await register(toJanis({ validFrom: tomorrow, validUntil: await shift(10) }));
    expect(later.status).to.equal('scheduled');
    const now = await register(toJanis({ validUntil: today }));
    expect(now.status).to.equal('active');
    const expired = await register(toJanis({ validFrom: await shift(11), validUntil: await shift(15) })); // days the others do not cover
    // Registered for the past it cannot be; as time passes it expires.
    await stack.db.pool.query('UPDATE delegations SET valid_from = current_date - 20, valid_until = current_date - 1 WHERE id = $1', [
      expired.id,
    ]);
    const mine = (await call('GET', '/api/v1/me/delegations', { as: 'citizen-anna' })).body.given as any[];
    expect(mine.find((x) => x.id === expired.id).status).to.equal('expired');

    const found = (await lookup(ANNA)).body.items.map((x: any) => x.id);
    expect(found).to.include(now.id).and.not.include(later.id).and.not.include(expired.id);
    expectError(await openAtCounter(later.id), 422, 'no_delegation');
    expectError(await openAtCounter(expired.id), 422, 'no_delegation');
    // Valid today (its last day): the counter opens the application, recording the representative.
    const opened = await openAtCounter(now.id);
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const { rows } = await stack.db.pool.query('SELECT * FROM cases WHERE id = $1', [opened.body.id]);
    expect(rows[0]).to.include({
      recipient_id: ANNA,
      acting_basis: 'delegation',
      acting_basis_ref: now.id,
      acting_staff_id: STAFF,
      acting_office_id: 'vpvkac-riga',
      representative_type: 'natural',
      representative_id: JANIS,
      representative_name: 'Jānis Kalniņš',
      representative_basis: 'delegation',
    });
    // Another person's delegation is no basis for Anna.
    expectError(await openAtCounter(now.id, 'residence-declaration', JANIS), 422, 'no_delegation');
  });

  it('limits a delegation to the e-services it lists', async () => {
    const d = await register(toJanis({ scope: ['residence-declaration'] }));
    expect(d.scope).to.deep.equal(['residence-declaration']);
    expect((await lookup(ANNA, STAFF, 'residence-declaration')).body.items.map((x: any) => x.id)).to.include(d.id);
    expect((await lookup(ANNA, STAFF, 'declared-address-statement')).body.items.map((x: any) => x.id)).to.not.include(d.id);
    const e = expectError(await openAtCounter(d.id, 'declared-address-statement'), 422, 'delegation_scope');
    expect(e.details[0]).to.include({ path: '/eserviceId' });
  });

  it('revokes at once: gone from the counter, refused when opening, and no basis for an application opened before', async () => {
    const d = await register(toJanis());
    const opened = await openAtCounter(d.id);
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const since = await lastAuditId();
    const revoked = await call('POST', `/api/v1/me/delegations/${d.id}/revoke`, { as: 'citizen-anna' });
    expect(revoked.status).to.equal(200);
    expect(revoked.body.status).to.equal('revoked');
    expect(revoked.body.revokedAt).to.be.a('string');
    expect(await auditRows(since, { actor: 'citizen-anna', purpose: 'delegation:revoke', resource: `delegation:${d.id}` })).to.have.length(
      1,
    );
    expectError(await call('POST', `/api/v1/me/delegations/${d.id}/revoke`, { as: 'citizen-anna' }), 409, 'already_revoked');

    expect((await lookup(ANNA)).body.items.map((x: any) => x.id)).to.not.include(d.id);
    const e = expectError(await openAtCounter(d.id), 422, 'no_delegation');
    expect(e.details[0]).to.include({ path: '/basis/delegationId', code: 'no_delegation' });
    const submit = await call('POST', `/api/v1/applications/${opened.body.id}/submit-on-behalf`, { as: STAFF, json: {} });
    expectError(submit, 403, 'no_basis');
    expect(
      await auditRows(since, { actor: STAFF, purpose: 'submit-refused:no_basis', resource: `application:${opened.body.id}` }),
    ).to.have.length(1);
    const { rows } = await stack.db.pool.query('SELECT status FROM cases WHERE id = $1', [opened.body.id]);
    expect(rows[0].status).to.equal('draft');
  });

  it("audits every staff lookup of a person's delegations, found or not", async () => {
    const d = await register(toJanis());
    const nobody = makePersonalCode(14, 7, 1990, 321);
    const since = await lastAuditId();
    const found = await lookup(`${ANNA.slice(0, 6)}-${ANNA.slice(6)}`, STAFF, 'residence-declaration');
    expect(found.status).to.equal(200);
    const item = found.body.items.find((x: any) => x.id === d.id);
    expect(item).to.deep.include({ representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš' }, status: 'active' });
    const none = await lookup(nobody, 'officer-pmlp');
    expect(none.body.items).to.deep.equal([]);

    const rows = await auditRows(since, { purpose: 'counter:delegation-lookup' });
    expect(rows.map((r) => [r.actor_id, r.actor_office, r.subject_id, r.action, r.resource])).to.deep.equal([
      [STAFF, 'vpvkac-riga', ANNA, 'read', 'delegations'],
      ['officer-pmlp', 'pmlp-riga-1', nobody, 'read', 'delegations'],
    ]);
    expect(rows[0].details).to.deep.include({ eserviceId: 'residence-declaration' });
    expect(rows[0].details.delegationIds).to.include(d.id);
    expect(rows[1].details).to.deep.include({ count: 0, delegationIds: [] });
    // Citizens and signed-out callers cannot look anyone up.
    expectError(await lookup(ANNA, 'citizen-janis'), 403, 'forbidden');
    expectError(
      await call('POST', '/api/v1/delegations/lookup', { json: { person: { type: 'natural', id: ANNA } } }),
      401,
      'unauthenticated',
    );
  });

  it('names a representative the population register knows by that name, and refuses an overlapping duplicate', async () => {
    const since = await lastAuditId();
    const post = (json: unknown) => call('POST', '/api/v1/me/delegations', { as: 'citizen-anna', json });
    // A made-up name for a real personal code, and a well-formed code nobody has: refused, nothing registered.
    const madeUp = expectError(
      await post(toJanis({ representative: { type: 'natural', id: JANIS, name: 'Pēteris Parauds' } })),
      422,
      'representative_mismatch',
    );
    expect(madeUp.details).to.deep.equal([
      {
        path: '/representative',
        code: 'representative_mismatch',
        message: 'no person with this personal code and this name in the population register',
      },
    ]);
    const nobody = makePersonalCode(3, 3, 1963, 777);
    expectError(
      await post(toJanis({ representative: { type: 'natural', id: nobody, name: 'Kāds Cits' } })),
      422,
      'representative_mismatch',
    );
    const { rows } = await stack.db.pool.query(
      'SELECT count(*)::int AS n FROM delegations WHERE principal_id = $1 AND revoked_at IS NULL',
      [ANNA],
    );
    expect(rows[0].n).to.equal(0);
    const refusals = await auditRows(since, { actor: 'citizen-anna', purpose: 'delegation:register-refused:representative_mismatch' });
    expect(refusals.map((r) => r.subject_id)).to.deep.equal([JANIS, nobody]);
    // Case, spacing and diacritics aside, the register's name is the name.
    const d = await register(
      toJanis({ representative: { type: 'natural', id: JANIS, name: 'janis  KALNINS' }, validUntil: await shift(30) }),
    );
    // The same person again, for days and e-services that overlap: refused, naming the one in force.
    const twice = expectError(
      await post(toJanis({ validFrom: await shift(10), scope: ['residence-declaration'] })),
      409,
      'delegation_overlaps',
    );
    expect(twice.details[0].message).to.contain(d.id);
    // After it ends, or for days it does not cover, a new one is fine.
    const after = await register(toJanis({ validFrom: await shift(31), validUntil: await shift(40) }));
    expect(after.status).to.equal('scheduled');
  });

  it('answers bad input with 400 or 422 in the one error shape, never a 5xx', async () => {
    const post = (json: unknown) => call('POST', '/api/v1/me/delegations', { as: 'citizen-anna', json });
    for (const body of [
      {},
      toJanis({ scope: 'some' }),
      toJanis({ scope: [] }),
      toJanis({ scope: ['Not A Slug'] }),
      toJanis({ validFrom: '2026-13-01' }),
      toJanis({ validFrom: 'tomorrow' }),
      toJanis({ validUntil: '2026-02-30' }),
      toJanis({ extra: 1 }),
      toJanis({ representative: { type: 'legal', id: '40003000000', name: 'SIA' } }),
      toJanis({ representative: { type: 'natural', id: JANIS } }),
      toJanis({ representative: { type: 'natural', id: JANIS, name: '   ' } }),
      toJanis({ scope: ['residence-declaration', 'residence-declaration'] }),
      [],
      'all',
      null,
    ]) {
      const res = await post(body);
      expectError(res, 400, 'validation_failed');
    }
    const badCode = expectError(
      await post(toJanis({ representative: { type: 'natural', id: '02117814560', name: 'Jānis' } })),
      422,
      'invalid_delegation',
    );
    expect(badCode.details).to.deep.include({
      path: '/representative/id',
      code: 'invalid_person_id',
      message: 'malformed personal code or wrong check digit',
    });
    expectError(await post(toJanis({ representative: { type: 'natural', id: ANNA, name: 'Anna' } })), 422, 'self_delegation');
    const past = expectError(await post(toJanis({ validFrom: '2020-01-01' })), 422, 'invalid_delegation');
    expect(past.details[0]).to.include({ path: '/validFrom', code: 'in_past' });
    expect(expectError(await post(toJanis({ validFrom: '0000-01-01' })), 422, 'invalid_delegation').details[0].code).to.equal('in_past');
    const before = expectError(await post(toJanis({ validFrom: tomorrow, validUntil: today })), 422, 'invalid_delegation');
    expect(before.details[0]).to.include({ path: '/validUntil', code: 'before_valid_from' });
    expect(expectError(await post(toJanis({ validUntil: '9999-12-31' })), 422, 'invalid_delegation').details[0].code).to.equal('too_long');
    const unknown = expectError(await post(toJanis({ scope: ['residence-declaration', 'no-such-eservice'] })), 422, 'invalid_delegation');
    expect(unknown.details).to.deep.equal([
      { path: '/scope/1', code: 'unknown_eservice', message: 'no published e-service no-such-eservice' },
    ]);

    expectError(
      await call('POST', '/api/v1/me/delegations', {
        as: 'citizen-anna',
        body: '{"scope":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'malformed_json',
    );
    expectError(
      await call('POST', '/api/v1/me/delegations', {
        as: 'citizen-anna',
        body: 'scope=all',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'unsupported_media_type',
    );
    expectError(
      await call('POST', '/api/v1/me/delegations/00000000-0000-4000-8000-000000000000/revoke', { as: 'citizen-anna' }),
      404,
      'not_found',
    );
    expectError(await call('POST', '/api/v1/me/delegations/%00/revoke', { as: 'citizen-anna' }), 404, 'not_found');

    expectError(await lookup('15038511230'), 422, 'invalid_person_id');
    expectError(await lookup('x'.repeat(40)), 400, 'validation_failed');
    expectError(
      await call('POST', '/api/v1/delegations/lookup', { as: STAFF, json: { person: { type: 'eidas', id: 'FR/LV/1' } } }),
      400,
      'validation_failed',
    );
    expectError(
      await call('POST', '/api/v1/delegations/lookup', { as: STAFF, json: { person: { type: 'natural', id: ANNA }, eserviceId: 'NO' } }),
      400,
      'validation_failed',
    );
    expectError(await openAtCounter('not-a-uuid'), 400, 'validation_failed');
    expectError(await openAtCounter('00000000-0000-4000-8000-000000000000'), 422, 'no_delegation');
  });
});
