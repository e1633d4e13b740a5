// E-services for a company (issue 16 §3): a board member with sole rights opens the commercial-register statement in
// the company's account, fills it in and submits it as the company's representative; the case's recipient is the
// company and it names the representative and the basis; the statement is issued by the workflow from the enterprise
// register. Anyone without a basis gets 404, a view-only delegate 403, a person's e-service is not opened for a
// company nor a company's for a person (422), and a member removed from the register is refused at the next request.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { seedCompanyDemo, DEMO_COMPANY } from '../../../scripts/seed/seed';

const STATEMENT = 'enterprise-register-statement';
const LIGA = '01014811002';
const company = `/api/v1/organisations/${DEMO_COMPANY.id}`;

describe('api/organisations: e-services for a company', function () {
  this.timeout(120_000);

  before(async () => {
    await seedCompanyDemo(stack.db);
  });
  after(async () => {
    // The view-only delegation made below is for this file only (the other organisation tests expect Anna to have none).
    await stack.db.pool.query(
      `UPDATE delegations SET revoked_at = now() WHERE principal_type = 'legal' AND principal_id = $1 AND representative_id = '15038511239' AND revoked_at IS NULL`,
      [DEMO_COMPANY.id],
    );
  });

  it("lists the company's e-services to its representative only", async () => {
    const listed = await call('GET', `${company}/eservices`, { as: 'citizen-liga' });
    expect(listed.status).to.equal(200);
    expect(listed.body.items.map((i: { id: string }) => i.id)).to.deep.equal([STATEMENT]);
    expect(listed.body.items[0].title).to.deep.equal({ lv: 'Izziņa no komercreģistra', en: 'Statement from the commercial register' });
    expect((await call('GET', `${company}/eservices`, { as: 'citizen-janis' })).status).to.equal(404);
  });

  it('opens, fills in and submits the statement as the company; the case names the representative and the basis', async () => {
    const opened = await call('POST', `${company}/applications`, {
      as: 'citizen-liga',
      json: { eserviceId: STATEMENT },
      headers: { 'idempotency-key': 'company-statement-1' },
    });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
    const caseId = opened.body.id as string;
    const again = await call('POST', `${company}/applications`, {
      as: 'citizen-liga',
      json: { eserviceId: STATEMENT },
      headers: { 'idempotency-key': 'company-statement-1' },
    });
    expect(again.status, 'the same key answers the same application').to.equal(200);
    expect(again.body.id).to.equal(caseId);

    const recorded = await stack.db.pool.query(
      `SELECT recipient_type, recipient_id, representative_type, representative_id, representative_basis FROM cases WHERE id = $1`,
      [caseId],
    );
    expect(recorded.rows[0]).to.deep.equal({
      recipient_type: 'legal',
      recipient_id: DEMO_COMPANY.id,
      representative_type: 'natural',
      representative_id: LIGA,
      representative_basis: 'enterprise_register',
    });

    const draft = await call('GET', `/api/v1/applications/${caseId}`, { as: 'citizen-liga' });
    expect(draft.status).to.equal(200);
    expect((await call('GET', `/api/v1/applications/${caseId}`, { as: 'citizen-janis' })).status, 'not his company').to.equal(404);
    const saved = await call('PUT', `/api/v1/applications/${caseId}/draft`, {
      as: 'citizen-liga',
      json: { version: draft.body.draft.version, data: { purpose: 'tender' } },
    });
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect((await call('POST', `/api/v1/applications/${caseId}/submit`, { as: 'citizen-janis', json: {} })).status).to.equal(404);
    const submitted = await call('POST', `/api/v1/applications/${caseId}/submit`, { as: 'citizen-liga', json: {} });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);

    const done = await waitFor('the statement', async () => {
      const r = await call('GET', `/api/v1/applications/${caseId}`, { as: 'citizen-liga' });
      return r.body.status === 'answered' ? r.body : null;
    });
    expect(done.documents).to.have.length(1);
    const cases = await call('GET', `${company}/cases`, { as: 'citizen-liga' });
    expect(cases.body.items.map((c: { id: string }) => c.id)).to.include(caseId);
    const audited = await stack.db.pool.query(
      `SELECT on_behalf_of, purpose FROM audit_log WHERE resource = $1 AND action = 'create' AND actor_id = 'citizen-liga'`,
      [`application:${caseId}`],
    );
    expect(audited.rows).to.deep.equal([{ on_behalf_of: `legal:${DEMO_COMPANY.id}`, purpose: 'representative:enterprise_register' }]);
  });

  it('refuses without a basis (404), with view rights only (403) and the wrong kind of e-service (422)', async () => {
    const open = (as: string, eserviceId = STATEMENT) => call('POST', `${company}/applications`, { as, json: { eserviceId } });
    expect((await open('citizen-janis')).status).to.equal(404);
    await stack.db.pool.query(
      `INSERT INTO delegations (id, principal_type, principal_id, principal_name, representative_type, representative_id, representative_name,
         scope, valid_from, rights)
       VALUES (gen_random_uuid(), 'legal', $1, $2, 'natural', '15038511239', 'Anna Bērziņa', 'all', current_date, 'view')`,
      [DEMO_COMPANY.id, DEMO_COMPANY.name],
    );
    const viewOnly = await open('citizen-anna');
    expect(viewOnly.status).to.equal(403);
    expect(errorOf(viewOnly).code).to.equal('outside_representation');

    const personal = await open('citizen-liga', 'declared-address-statement');
    expect(personal.status).to.equal(422);
    expect(errorOf(personal).code).to.equal('eservice_not_for_companies');
    const forCompanies = await call('POST', '/api/v1/applications', { as: 'citizen-liga', json: { eserviceId: STATEMENT } });
    expect(forCompanies.status).to.equal(422);
    expect(errorOf(forCompanies).code).to.equal('eservice_for_companies');
    expect((await open('citizen-liga', 'no-such-eservice')).status).to.equal(404);
  });
});
