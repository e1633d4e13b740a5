// Access over time: the policy (api/platform/auth/policy.ts) reads a delegation's dates at each request, so a delegation that
// expires, or only becomes active, while an application is open decides the very next request of the representative
// and of the counter staff acting on it. The dates are moved in the database (the owner connection), as the calendar
// would move them; nothing else changes between the requests. Also a written mandate, and a delegation that only an
// agency's case register names.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { traced, who, type AuditRow } from '../../helpers/audit';
import { waitFor } from '../../helpers/wait';
import { ANNA, JANIS, STAFF } from '../../helpers/assist';
import { recordMandate } from '../../helpers/mandates';
import { pmlpCase, uniqueSuffix } from '../../helpers/cases';

const pick = (r: AuditRow) => ({ ...who(r), details: r.details });

const NOT_FOUND = { error: { code: 'not_found', message: 'No such application.', details: [] } };

/** Moves the delegation's dates, relative to today in the database's calendar. */
async function setValidity(delegationId: string, fromDays: number, untilDays: number | null) {
  const { rowCount } = await stack.db.pool.query(
    'UPDATE delegations SET valid_from = current_date + $2::int, valid_until = current_date + $3::int WHERE id = $1',
    [delegationId, fromDays, untilDays],
  );
  expect(rowCount).to.equal(1);
}

describe("api/auth/policy: a delegation's dates, read at each request", () => {
  let delegationId: string;
  let caseId: string;
  let draftVersion: number;

  const revokeAnnasDelegations = () =>
    stack.db.pool.query('UPDATE delegations SET revoked_at = now() WHERE principal_id = $1 AND revoked_at IS NULL', [ANNA]);

  before(async function () {
    this.timeout(120_000);
    await revokeAnnasDelegations();
    const today = (await stack.db.pool.query<{ d: string; u: string }>('SELECT current_date::text AS d, (current_date + 30)::text AS u'))
      .rows[0];
    const given = await call('POST', '/api/v1/me/delegations', {
      as: 'citizen-anna',
      json: {
        representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš' },
        validFrom: today.d,
        validUntil: today.u,
        scope: 'all',
      },
    });
    expect(given.status, JSON.stringify(given.body)).to.equal(201);
    delegationId = given.body.id;
    const opened = await call('POST', '/api/v1/assisted-applications', {
      as: STAFF,
      json: { eserviceId: 'residence-declaration', recipient: { type: 'natural', id: ANNA }, basis: { type: 'delegation', delegationId } },
    });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    caseId = opened.body.id;
    const app = await waitFor('prefill', async () => {
      const r = await call('GET', `/api/v1/applications/${caseId}`, { as: STAFF });
      return r.body.draft?.data.applicant?.givenName ? r.body : null;
    });
    draftVersion = app.draft.version;
  });

  after(async () => {
    await call('POST', `/api/v1/applications/${caseId}/withdraw`, { as: 'citizen-anna', json: {} });
    await revokeAnnasDelegations();
  });

  /** The representative's and the staff member's read and write of the draft, as status codes. */
  async function reach() {
    const out: Record<string, number> = {};
    for (const [who, as] of [
      ['janis', 'citizen-janis'],
      ['staff', STAFF],
    ] as const) {
      out[`${who}Read`] = (await call('GET', `/api/v1/applications/${caseId}`, { as })).status;
      const write = await call('PUT', `/api/v1/applications/${caseId}/draft`, {
        as,
        json: { version: draftVersion, data: { phone: '+371 20000003' } },
      });
      if (write.status === 200) draftVersion = write.body.version;
      out[`${who}Write`] = write.status;
    }
    return out;
  }

  it('while valid: each read is on record as done for Anna, on the delegation', async () => {
    const janis = await traced('GET', `/api/v1/applications/${caseId}`, { as: 'citizen-janis' });
    expect(janis.res.status).to.equal(200);
    expect(janis.audit.map(pick)).to.deep.equal([
      {
        actor_type: 'citizen',
        actor_id: 'citizen-janis',
        actor_agency: null,
        on_behalf_of: `natural:${ANNA}`,
        subject_type: 'natural',
        subject_id: ANNA,
        action: 'read',
        resource: `application:${caseId}`,
        purpose: 'representative:delegation',
        details: { basis: 'delegation', reference: delegationId },
      },
    ]);
    const staff = await traced('GET', `/api/v1/applications/${caseId}`, { as: STAFF });
    expect(staff.res.status).to.equal(200);
    expect(staff.audit.map(pick)).to.deep.equal([
      {
        actor_type: 'staff',
        actor_id: STAFF,
        actor_agency: null,
        on_behalf_of: `natural:${ANNA}`,
        subject_type: 'natural',
        subject_id: ANNA,
        action: 'read',
        resource: `application:${caseId}`,
        purpose: 'act-for:delegation',
        details: { basis: 'delegation', reference: delegationId },
      },
    ]);
  });

  it('expired since yesterday: the next read and write are refused with 404, and no read is on record', async () => {
    await setValidity(delegationId, -10, -1);
    const janis = await traced('GET', `/api/v1/applications/${caseId}`, { as: 'citizen-janis' });
    expect([janis.res.status, janis.res.body]).to.deep.equal([404, NOT_FOUND]);
    expect(janis.audit).to.deep.equal([]);
    const staff = await traced('GET', `/api/v1/applications/${caseId}`, { as: STAFF });
    expect([staff.res.status, staff.res.body]).to.deep.equal([404, NOT_FOUND]);
    expect(staff.audit).to.deep.equal([]);
    expect(await reach()).to.deep.equal({ janisRead: 404, janisWrite: 404, staffRead: 404, staffWrite: 404 });
    const theCase = await call('GET', `/api/v1/cases/${caseId}`, { as: 'citizen-janis' });
    expect([theCase.status, theCase.body.error.code]).to.deep.equal([404, 'not_found']);
    // Anna's own access does not depend on it.
    expect((await call('GET', `/api/v1/applications/${caseId}`, { as: 'citizen-anna' })).status).to.equal(200);
  });

  it('expiring today: still valid through the last day', async () => {
    await setValidity(delegationId, -10, 0);
    expect(await reach()).to.deep.equal({ janisRead: 200, janisWrite: 200, staffRead: 200, staffWrite: 200 });
  });

  it('not yet active (from tomorrow): refused; from today: allowed again at the next request, on record', async () => {
    await setValidity(delegationId, 1, 30);
    expect(await reach()).to.deep.equal({ janisRead: 404, janisWrite: 404, staffRead: 404, staffWrite: 404 });
    const scheduled = await call('GET', `/api/v1/me/delegations/${delegationId}`, { as: 'citizen-anna' });
    expect(scheduled.body.status).to.equal('scheduled');

    await setValidity(delegationId, 0, 30);
    const write = await traced('PUT', `/api/v1/applications/${caseId}/draft`, {
      as: 'citizen-janis',
      json: { version: draftVersion, data: { phone: '+371 20000004' } },
    });
    expect(write.res.status, JSON.stringify(write.res.body)).to.equal(200);
    draftVersion = write.res.body.version;
    expect(write.audit.map(pick)).to.deep.equal([
      {
        actor_type: 'citizen',
        actor_id: 'citizen-janis',
        actor_agency: null,
        on_behalf_of: `natural:${ANNA}`,
        subject_type: 'natural',
        subject_id: ANNA,
        action: 'update',
        resource: `application:${caseId}/draft`,
        purpose: 'representative:delegation',
        details: { basis: 'delegation', reference: delegationId, version: draftVersion },
      },
    ]);
    const read = await traced('GET', `/api/v1/applications/${caseId}`, { as: STAFF });
    expect(read.res.status).to.equal(200);
    expect(read.res.body.draft.data.phone).to.equal('+371 20000004');
    expect(read.audit.map((r) => [r.actor_id, r.purpose, r.on_behalf_of])).to.deep.equal([
      [STAFF, 'act-for:delegation', `natural:${ANNA}`],
    ]);
    expect((await call('GET', `/api/v1/me/delegations/${delegationId}`, { as: 'citizen-anna' })).body.status).to.equal('active');
  });
});

describe('api/auth/policy: the dates of the other records a basis rests on', () => {
  afterEach(async () => {
    await stack.db.pool.query('UPDATE delegations SET revoked_at = now() WHERE principal_id = $1 AND revoked_at IS NULL', [ANNA]);
  });

  it('a written mandate that expires: the counter staff acting on it are refused at the next request', async function () {
    this.timeout(120_000);
    const mandateId = await recordMandate(
      STAFF,
      ANNA,
      { id: JANIS, name: 'Jānis Kalniņš' },
      { documentReference: `Pilnvara T-${uniqueSuffix()}` },
    );
    const opened = await call('POST', '/api/v1/assisted-applications', {
      as: STAFF,
      json: { eserviceId: 'declared-address-statement', recipient: { type: 'natural', id: ANNA }, basis: { type: 'mandate', mandateId } },
    });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const read = await traced('GET', `/api/v1/applications/${opened.body.id}`, { as: STAFF });
    expect(read.res.status).to.equal(200);
    expect(read.audit.map((r) => [r.purpose, r.on_behalf_of, r.details])).to.deep.equal([
      ['act-for:mandate', `natural:${ANNA}`, { basis: 'mandate', reference: mandateId }],
    ]);
    await stack.db.pool.query('UPDATE mandates SET valid_until = current_date - 1 WHERE id = $1', [mandateId]);
    const refused = await traced('GET', `/api/v1/applications/${opened.body.id}`, { as: STAFF });
    expect([refused.res.status, refused.res.body, refused.audit]).to.deep.equal([404, NOT_FOUND, []]);
    await call('POST', `/api/v1/applications/${opened.body.id}/withdraw`, { as: 'citizen-anna', json: {} });
    await call('POST', `/api/v1/me/mandates/${mandateId}/revoke`, { as: 'citizen-anna' });
  });

  it('a case an agency registered with Jānis as representative on a delegation: he follows it only while one is valid', async () => {
    const registered = await call('POST', '/api/v1/cases', {
      as: 'system-pmlp',
      json: pmlpCase(`OVER-TIME-${uniqueSuffix()}`, 0, {
        recipient: { type: 'natural', id: ANNA },
        representative: { type: 'natural', id: JANIS, basis: 'delegation' },
      }),
    });
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const path = `/api/v1/cases/${registered.body.id}`;
    const caseNotFound = { error: { code: 'not_found', message: 'No such case.', details: [] } };
    // No delegation on record from Anna to Jānis: the register's word alone is no basis.
    expect((await call('GET', path, { as: 'citizen-janis' })).body).to.deep.equal(caseNotFound);
    const days = (
      await stack.db.pool.query<{ d: string; u: string }>('SELECT (current_date + 1)::text AS d, (current_date + 30)::text AS u')
    ).rows[0];
    const given = await call('POST', '/api/v1/me/delegations', {
      as: 'citizen-anna',
      json: { representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš' }, validFrom: days.d, validUntil: days.u, scope: 'all' },
    });
    expect([given.status, given.body.status]).to.deep.equal([201, 'scheduled']);
    expect((await call('GET', path, { as: 'citizen-janis' })).body).to.deep.equal(caseNotFound);
    await setValidity(given.body.id, 0, 30);
    const follows = await traced('GET', path, { as: 'citizen-janis' });
    expect(follows.res.status).to.equal(200);
    expect(follows.audit.map(pick)).to.deep.equal([
      {
        actor_type: 'citizen',
        actor_id: 'citizen-janis',
        actor_agency: null,
        on_behalf_of: `natural:${ANNA}`,
        subject_type: 'natural',
        subject_id: ANNA,
        action: 'read',
        resource: `case:${registered.body.id}`,
        purpose: 'representative:delegation',
        details: { basis: 'delegation', reference: given.body.id },
      },
    ]);
    await setValidity(given.body.id, -10, -1);
    expect((await call('GET', path, { as: 'citizen-janis' })).body).to.deep.equal(caseNotFound);
  });
});
