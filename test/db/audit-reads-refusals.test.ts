// The audit rows of the reads that do not go through an HTTP request id, and of the refused reads, compared whole:
// a co-browsing staff member watching, revealing and leaving over the socket (for the citizen, on their consent),
// a refused redemption of a join code, a representative's name that does not match the population register, and
// the error lines of a case import.
import { expect } from 'chai';
import { stack } from '../setup';
import { call } from '../helpers/http';
import { waitFor } from '../helpers/wait';
import { pmlpCase, uniqueSuffix } from '../helpers/cases';
import { ANNA, JANIS, STAFF, auditRows, closePeers, lastAuditId, request, session } from '../helpers/assist';
import { traced, who } from '../helpers/audit';

const FOR_ANNA = {
  actor_type: 'staff',
  actor_id: STAFF,
  actor_agency: null,
  on_behalf_of: `natural:${ANNA}`,
  subject_type: 'natural',
  subject_id: ANNA,
  action: 'read',
};

describe('audit of reads over the socket and of refused reads, row by row', () => {
  afterEach(() => closePeers());

  it("a co-browsing staff member watching, revealing a field and leaving: each a read of Anna's data, for her", async function () {
    this.timeout(60_000);
    const since = await lastAuditId();
    const { app, staff, grantId } = await session('assist');
    const resource = `application:${app.id}`;
    const watched = await auditRows(since, { actor: STAFF, purpose: 'watch:assist' });
    expect(watched.map(who)).to.deep.equal([{ ...FOR_ANNA, resource, purpose: 'watch:assist' }]);
    expect(watched[0].details).to.deep.equal({ grantId, basis: 'consent', mode: 'assist' });

    const beforeReveal = await lastAuditId();
    const revealed = await request(staff, 'cobrowse:reveal', { grantId, pointer: '/applicant/personalCode' });
    expect(revealed).to.deep.equal({ ok: true, value: ANNA });
    const reveal = await auditRows(beforeReveal, { actor: STAFF });
    expect(reveal.map(who)).to.deep.equal([{ ...FOR_ANNA, resource, purpose: 'reveal' }]);
    expect(reveal[0].details).to.deep.include({ pointer: '/applicant/personalCode' });

    const beforeLeave = await lastAuditId();
    expect((await request(staff, 'cobrowse:leave', { grantId })).ok).to.equal(true);
    expect((await auditRows(beforeLeave, { actor: STAFF })).map(who)).to.deep.equal([{ ...FOR_ANNA, resource, purpose: 'leave' }]);
    await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
  });

  it("a join code redeemed twice: the second is a refused read of Anna's grant, on record without acting for her", async function () {
    this.timeout(60_000);
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'declared-address-statement' } });
    const created = await call('POST', '/api/v1/assist-codes', {
      as: 'citizen-anna',
      json: { scope: 'application', applicationId: opened.body.id, mode: 'view' },
    });
    const first = await call('POST', '/api/v1/assist-sessions', { as: STAFF, json: { code: created.body.code } });
    expect(first.status).to.equal(201);
    const again = await traced('POST', '/api/v1/assist-sessions', { as: STAFF, json: { code: created.body.code } });
    expect(again.res.body.error.code).to.equal('code_used');
    expect(again.audit.map(who)).to.deep.equal([
      {
        ...FOR_ANNA,
        on_behalf_of: null,
        resource: `assist-grant:${first.body.grant.id}`,
        purpose: 'join-refused:code_used',
      },
    ]);
    await call('POST', `/api/v1/applications/${opened.body.id}/withdraw`, { as: 'citizen-anna', json: {} });
  });

  it('a delegation to a name the population register does not give that code: a refused read of that person', async () => {
    const today = (await stack.db.pool.query<{ d: string }>('SELECT current_date::text AS d')).rows[0].d;
    const { res, audit } = await traced('POST', '/api/v1/me/delegations', {
      as: 'citizen-anna',
      json: { representative: { type: 'natural', id: JANIS, name: 'Pēteris Parauds' }, validFrom: today, scope: 'all' },
    });
    expect([res.status, res.body.error.code]).to.deep.equal([422, 'representative_mismatch']);
    expect(audit.map(who)).to.deep.equal([
      {
        actor_type: 'citizen',
        actor_id: 'citizen-anna',
        actor_agency: null,
        on_behalf_of: null,
        subject_type: 'natural',
        subject_id: JANIS,
        action: 'read',
        resource: 'population-register:person',
        purpose: 'delegation:register-refused:representative_mismatch',
      },
    ]);
  });

  it('the error lines of a case import: read by the agency system, case registration', async function () {
    this.timeout(120_000);
    const run = uniqueSuffix();
    const body = [JSON.stringify(pmlpCase(`AUD-R-${run}-1`, 1)), '{not json'].join('\n') + '\n';
    const stored = await call('POST', '/api/v1/case-imports', {
      as: 'system-pmlp',
      body,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(stored.status).to.equal(202);
    await waitFor(
      'the import',
      async () => (await call('GET', `/api/v1/case-imports/${stored.body.id}`, { as: 'system-pmlp' })).body.status === 'completed',
      90_000,
    );
    const { res, audit } = await traced('GET', `/api/v1/case-imports/${stored.body.id}`, { as: 'system-pmlp' });
    expect(res.body.errors.map((e: any) => e.line)).to.deep.equal([2]);
    expect(audit.map(who)).to.deep.equal([
      {
        actor_type: 'system',
        actor_id: 'system-pmlp',
        actor_agency: 'pmlp',
        on_behalf_of: null,
        subject_type: null,
        subject_id: null,
        action: 'read',
        resource: `case-import:${stored.body.id}/errors`,
        purpose: 'case-registration',
      },
    ]);
  });
});
