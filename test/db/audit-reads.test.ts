// The audit row of each read of personal data that writes one, compared whole (actor, agency, on whose behalf, whose
// data, action, resource, purpose): the citizen's own lists and records, the payer's and the agency's invoice reads,
// the officer's inbox and task, the agency's view of a submitted application, the suspense list, the counter's
// delegation lookup and a co-browsing join. (Cases: test/api/cases/cases.test.ts; documents:
// test/api/applications/issued-documents.test.ts; a representative and staff acting on a basis:
// test/api/platform/access-basis.test.ts and access-over-time.test.ts.)
import { expect } from 'chai';
import { stack } from '../setup';
import { call } from '../helpers/http';
import { waitFor } from '../helpers/wait';
import { uniqueSuffix } from '../helpers/cases';
import { residenceForm } from '../helpers/applications';
import { ANNA, JANIS, STAFF, closePeers, openPrefilled } from '../helpers/assist';
import { recordMandate } from '../helpers/mandates';
import { traced, who } from '../helpers/audit';

const run = uniqueSuffix();
const ANNA_SELF = {
  actor_type: 'citizen',
  actor_id: 'citizen-anna',
  actor_agency: null,
  on_behalf_of: null,
  subject_type: 'natural',
  subject_id: ANNA,
  action: 'read',
};
const OFFICER = { actor_type: 'staff', actor_id: 'officer-pmlp', actor_agency: 'pmlp', on_behalf_of: null };

describe('audit of each personal-data read, row by row', () => {
  let invoice: any;
  let delegationId: string;

  before(async function () {
    this.timeout(60_000);
    const issued = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: {
        idempotencyKey: `audit-reads-${run}`,
        payer: { type: 'natural', id: ANNA, name: 'Anna Bērziņa' },
        currency: 'EUR',
        dueDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        lines: [{ description: 'Izziņa', quantity: 1, unitPrice: 10, vatRate: 21 }],
      },
    });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
    invoice = issued.body;
    await stack.db.pool.query('UPDATE delegations SET revoked_at = now() WHERE principal_id = $1 AND revoked_at IS NULL', [ANNA]);
    const days = (await stack.db.pool.query<{ d: string; u: string }>('SELECT current_date::text AS d, (current_date + 7)::text AS u'))
      .rows[0];
    const given = await call('POST', '/api/v1/me/delegations', {
      as: 'citizen-anna',
      json: { representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš' }, validFrom: days.d, validUntil: days.u, scope: 'all' },
    });
    expect(given.status, JSON.stringify(given.body)).to.equal(201);
    delegationId = given.body.id;
  });

  after(async () => {
    closePeers();
    await call('POST', `/api/v1/me/delegations/${delegationId}/revoke`, { as: 'citizen-anna' });
  });

  describe("the citizen's own", () => {
    for (const [path, resource, purpose] of [
      ['/api/v1/me/applications', 'me/applications', 'own-applications'],
      ['/api/v1/me/invoices', 'me/invoices', 'own-invoices'],
      ['/api/v1/me/mandates', 'me/mandates', 'own-mandates'],
      ['/api/v1/me/delegations', 'me/delegations', 'own-delegations'],
    ] as const) {
      it(`GET ${path}: one row, ${purpose}`, async () => {
        const { res, audit } = await traced('GET', path, { as: 'citizen-anna' });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(audit.map(who)).to.deep.equal([{ ...ANNA_SELF, resource, purpose }]);
      });
    }

    it("GET a delegation: the giver's data, read by the giver and by the one who holds it", async () => {
      for (const [as, actor] of [
        ['citizen-anna', 'citizen-anna'],
        ['citizen-janis', 'citizen-janis'],
      ]) {
        const { res, audit } = await traced('GET', `/api/v1/me/delegations/${delegationId}`, { as });
        expect(res.status).to.equal(200);
        expect(audit.map(who), as).to.deep.equal([
          { ...ANNA_SELF, actor_id: actor, resource: `delegation:${delegationId}`, purpose: 'own-delegations' },
        ]);
      }
    });

    it('GET /me/mandates counts what it showed', async function () {
      this.timeout(30_000);
      const mandateId = await recordMandate(STAFF, ANNA, { id: JANIS, name: 'Jānis Kalniņš' }, { documentReference: `Pilnvara R-${run}` });
      const { res, audit } = await traced('GET', '/api/v1/me/mandates', { as: 'citizen-anna' });
      expect(audit.map((r) => r.details)).to.deep.equal([{ count: res.body.items.length }]);
      expect(res.body.items.map((m: any) => m.id)).to.include(mandateId);
      await call('POST', `/api/v1/me/mandates/${mandateId}/revoke`, { as: 'citizen-anna' });
    });
  });

  describe('invoices', () => {
    it('the payer reads her invoice (own-invoice); the issuing agency reads it (billing)', async () => {
      const payer = await traced('GET', `/api/v1/invoices/${invoice.id}`, { as: 'citizen-anna' });
      expect(payer.res.status).to.equal(200);
      expect(payer.audit.map(who)).to.deep.equal([
        { ...ANNA_SELF, actor_agency: null, resource: `invoice:${invoice.id}`, purpose: 'own-invoice' },
      ]);
      const agency = await traced('GET', `/api/v1/invoices/${invoice.id}`, { as: 'officer-pmlp' });
      expect(agency.res.status).to.equal(200);
      expect(agency.audit.map(who)).to.deep.equal([
        { ...OFFICER, subject_type: 'natural', subject_id: ANNA, action: 'read', resource: `invoice:${invoice.id}`, purpose: 'billing' },
      ]);
    });

    it('the same invoice sent again is a read of it by the agency system (billing)', async () => {
      const again = await traced('POST', '/api/v1/invoices', {
        as: 'system-pmlp',
        json: {
          idempotencyKey: `audit-reads-${run}`,
          payer: { type: 'natural', id: ANNA, name: 'Anna Bērziņa' },
          currency: 'EUR',
          dueDate: invoice.dueDate,
          lines: [{ description: 'Izziņa', quantity: 1, unitPrice: 10, vatRate: 21 }],
        },
      });
      expect([again.res.status, again.res.body.id]).to.deep.equal([200, invoice.id]);
      expect(again.audit.map(who)).to.deep.equal([
        {
          actor_type: 'system',
          actor_id: 'system-pmlp',
          actor_agency: 'pmlp',
          on_behalf_of: null,
          subject_type: 'natural',
          subject_id: ANNA,
          action: 'read',
          resource: `invoice:${invoice.id}`,
          purpose: 'billing',
        },
      ]);
    });

    it('the agency list: one row per invoice listed, each for its payer', async () => {
      const { res, audit } = await traced('GET', '/api/v1/invoices', { as: 'officer-pmlp' });
      expect(audit).to.have.length(res.body.items.length);
      expect(audit.map((r) => r.resource)).to.deep.equal(res.body.items.map((i: any) => `invoice:${i.id}`));
      expect(
        audit.every(
          (r) => r.purpose === 'billing' && r.action === 'read' && r.actor_id === 'officer-pmlp' && r.details.list === 'invoices',
        ),
      ).to.equal(true);
      expect(who(audit.find((r) => r.resource === `invoice:${invoice.id}`)!)).to.deep.equal({
        ...OFFICER,
        subject_type: 'natural',
        subject_id: ANNA,
        action: 'read',
        resource: `invoice:${invoice.id}`,
        purpose: 'billing',
      });
    });

    it('the suspense list (debtor names): one row for the list, bank-reconciliation', async () => {
      const { res, audit } = await traced('GET', '/api/v1/suspense', { as: 'officer-pmlp' });
      expect(res.status).to.equal(200);
      expect(audit.map(who)).to.deep.equal([
        { ...OFFICER, subject_type: null, subject_id: null, action: 'read', resource: 'suspense', purpose: 'bank-reconciliation' },
      ]);
      expect(audit[0].details).to.deep.include({ count: res.body.items.length });
    });
  });

  describe('the agency and the counter', () => {
    it("the inbox, the task and the submitted application are case handling of the applicant's data", async function () {
      this.timeout(120_000);
      const app = await openPrefilled('citizen-anna');
      const saved = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
        as: 'citizen-anna',
        json: { version: app.draft.version, data: residenceForm(app.draft.data, 2) },
      });
      expect(
        (await call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-anna', json: { version: saved.body.version } })).status,
      ).to.equal(200);
      const task = await waitFor(
        'officer task',
        async () => (await call('GET', '/api/v1/tasks?limit=200', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === app.id),
        90_000,
      );

      const own = await traced('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
      expect(own.audit.map(who)).to.deep.equal([{ ...ANNA_SELF, resource: `application:${app.id}`, purpose: 'own-application' }]);
      const agency = await traced('GET', `/api/v1/applications/${app.id}`, { as: 'officer-pmlp' });
      expect(agency.res.status).to.equal(200);
      expect(agency.audit.map(who)).to.deep.equal([
        {
          ...OFFICER,
          subject_type: 'natural',
          subject_id: ANNA,
          action: 'read',
          resource: `application:${app.id}`,
          purpose: 'case-handling',
        },
      ]);

      const inbox = await traced('GET', '/api/v1/tasks?limit=200', { as: 'officer-pmlp' });
      expect(inbox.audit.map((r) => r.resource)).to.deep.equal(inbox.res.body.items.map((t: any) => `task:${t.id}`));
      expect(who(inbox.audit.find((r) => r.resource === `task:${task.id}`)!)).to.deep.equal({
        ...OFFICER,
        subject_type: 'natural',
        subject_id: ANNA,
        action: 'read',
        resource: `task:${task.id}`,
        purpose: 'case-handling',
      });
      const one = await traced('GET', `/api/v1/tasks/${encodeURIComponent(task.id)}`, { as: 'officer-pmlp' });
      expect(one.res.status).to.equal(200);
      expect(one.audit.map(who)).to.deep.equal([
        { ...OFFICER, subject_type: 'natural', subject_id: ANNA, action: 'read', resource: `task:${task.id}`, purpose: 'case-handling' },
      ]);
      await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
    });

    it("the counter's delegation lookup: Anna's data, whatever the answer", async () => {
      const { res, audit } = await traced('POST', '/api/v1/delegations/lookup', {
        as: STAFF,
        json: { person: { type: 'natural', id: ANNA } },
      });
      expect(res.status).to.equal(200);
      expect(audit.map(who)).to.deep.equal([
        {
          actor_type: 'staff',
          actor_id: STAFF,
          actor_agency: null,
          on_behalf_of: null,
          subject_type: 'natural',
          subject_id: ANNA,
          action: 'read',
          resource: 'delegations',
          purpose: 'counter:delegation-lookup',
        },
      ]);
      expect(audit[0].details.delegationIds).to.deep.equal(res.body.items.map((d: any) => d.id));
    });

    it("joining a co-browsing session: the citizen's data, for the citizen, on their consent", async function () {
      this.timeout(60_000);
      const app = await openPrefilled('citizen-anna');
      const created = await call('POST', '/api/v1/assist-codes', {
        as: 'citizen-anna',
        json: { scope: 'application', applicationId: app.id, mode: 'view' },
      });
      const joined = await traced('POST', '/api/v1/assist-sessions', { as: STAFF, json: { code: created.body.code } });
      expect(joined.res.status, JSON.stringify(joined.res.body)).to.equal(201);
      expect(joined.audit.map(who)).to.deep.equal([
        {
          actor_type: 'staff',
          actor_id: STAFF,
          actor_agency: null,
          on_behalf_of: `natural:${ANNA}`,
          subject_type: 'natural',
          subject_id: ANNA,
          action: 'read',
          resource: `assist-grant:${joined.res.body.grant.id}`,
          purpose: 'join:view',
        },
      ]);
      await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
    });
  });
});
