// The e-service assistant submitting on the citizen's behalf on the real stack: with the citizen's consent while
// co-browsing, or at the counter on a written mandate or a registered delegation. The case records who acted, from
// which office, on what basis and through which channel, and the application then proceeds like any other.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dwellingAddresses } from '../../helpers/applications';
import { recordMandate } from '../../helpers/mandates';
import { ANNA, JANIS, STAFF, auditRows, closePeers, edit, lastAuditId, session } from '../../helpers/assist';
import { dayFromToday } from '../../helpers/dates';

const ADDRESS = dwellingAddresses[0];

describe('api/assist (e-service assistant): submitting on behalf', () => {
  afterEach(() => closePeers());

  describe('submitting on behalf', () => {
    it('records consent, the acting staff member and office, the in-person channel, and the application proceeds', async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      expect(staff.data).to.deep.equal(citizen.data);
      for (const [pointer, value] of [
        ['/newAddress/text', ADDRESS.text],
        ['/newAddress/code', ADDRESS.code],
        ['/residenceBasis', 'owner'],
        ['/declarationDate', dayFromToday(1)],
      ] as const) {
        expect((await edit(staff, { grantId, pointer, value })).ok).to.equal(true);
      }
      // The citizen ticks the box herself, and staff submit at once: the last edit is not lost to the autosave delay.
      expect((await edit(citizen, { applicationId: app.id, pointer: '/confirm', value: true })).ok).to.equal(true);
      const since = await lastAuditId();
      const submitted = await call('POST', `/api/v1/applications/${app.id}/submit-on-behalf`, { as: STAFF, json: { grantId } });
      expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
      expect(submitted.body).to.include({ basis: 'consent' });
      expect(submitted.body.status).to.be.oneOf(['submitted', 'in_progress']);

      const { rows } = await stack.db.pool.query('SELECT * FROM cases WHERE id = $1', [app.id]);
      expect(rows[0]).to.include({
        recipient_id: ANNA,
        acting_staff_id: STAFF,
        acting_staff_name: 'Laura Kļaviņa',
        acting_office_id: 'vpvkac-riga',
        acting_basis: 'consent',
        acting_basis_ref: grantId,
        channel: 'in_person',
        office_id: 'vpvkac-riga',
        municipality_code: '0001000',
      });
      const submittedData = await stack.db.pool.query('SELECT submitted_data FROM applications WHERE case_id = $1', [app.id]);
      expect(submittedData.rows[0].submitted_data).to.deep.include({
        confirm: true,
        residenceBasis: 'owner',
        declarationDate: dayFromToday(1),
      });
      const audited = await auditRows(since, { actor: STAFF, purpose: 'submit-on-behalf:consent', resource: `application:${app.id}` });
      expect(audited).to.have.length(1);
      expect(audited[0]).to.include({ subject_id: ANNA, actor_office: 'vpvkac-riga' });
      expect(audited[0].details).to.deep.equal({ reference: grantId });

      // It goes on like any application: the address is checked and the officer's task opens.
      const task = await waitFor('officer task', async () =>
        (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === app.id),
      );
      expect(task.status).to.equal('open');
      const shown = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
      expect(shown.body.status).to.equal('in_progress');
      const events = await stack.db.pool.query(
        "SELECT actor_type, actor_id FROM case_status_events WHERE case_id = $1 AND status = 'submitted'",
        [app.id],
      );
      expect(events.rows).to.deep.equal([{ actor_type: 'staff', actor_id: STAFF }]);
      // Submitted: a second submission is refused, and the draft no longer changes through co-browsing.
      const twice = await call('POST', `/api/v1/applications/${app.id}/submit-on-behalf`, { as: STAFF, json: { grantId } });
      expect(twice.status).to.equal(409);
      expect(twice.body.error.code).to.equal('not_draft');
      await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
    });

    it('submits at the counter on a recorded written mandate (no consent code) and records basis mandate', async () => {
      const since = await lastAuditId();
      const reference = await recordMandate(STAFF, JANIS, { id: ANNA, name: 'Anna Bērziņa' });
      const opened = await call('POST', '/api/v1/assisted-applications', {
        as: STAFF,
        json: {
          eserviceId: 'residence-declaration',
          recipient: { type: 'natural', id: JANIS },
          basis: { type: 'mandate', mandateId: reference },
        },
      });
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      const id = opened.body.id as string;
      const app = await waitFor('prefill', async () => {
        const r = await call('GET', `/api/v1/applications/${id}`, { as: STAFF });
        return r.body.draft?.data.applicant?.givenName ? r.body : null;
      });
      expect(app.draft.data.applicant).to.deep.include({ givenName: 'Jānis', personalCode: JANIS });
      const data = {
        ...app.draft.data,
        newAddress: { text: ADDRESS.text, code: ADDRESS.code },
        residenceBasis: 'tenant',
        residenceDocument: { kind: 'lease-agreement', number: 'D-2026/7', date: '2026-11-02' },
        declarationDate: dayFromToday(2),
        confirm: true,
      };
      const saved = await call('PUT', `/api/v1/applications/${id}/draft`, { as: STAFF, json: { version: app.draft.version, data } });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      // Someone else at a counter has no basis for this application.
      const other = await call('POST', `/api/v1/applications/${id}/submit-on-behalf`, { as: 'officer-pmlp', json: {} });
      expect(other.status).to.equal(403);
      expect(other.body.error.code).to.equal('no_basis');
      const submitted = await call('POST', `/api/v1/applications/${id}/submit-on-behalf`, { as: STAFF, json: {} });
      expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
      expect(submitted.body.basis).to.equal('mandate');
      const { rows } = await stack.db.pool.query('SELECT * FROM cases WHERE id = $1', [id]);
      expect(rows[0]).to.include({
        recipient_id: JANIS,
        acting_staff_id: STAFF,
        acting_office_id: 'vpvkac-riga',
        acting_basis: 'mandate',
        acting_basis_ref: reference,
        channel: 'in_person',
        office_id: 'vpvkac-riga',
      });
      // Opened, then every read and write for Jānis on the mandate: each on record, with whom it was done for.
      const actedFor = [
        ...(await auditRows(since, { actor: STAFF, purpose: 'act-for:mandate', resource: `application:${id}` })),
        ...(await auditRows(since, { actor: STAFF, purpose: 'act-for:mandate', resource: `application:${id}/draft` })),
      ];
      expect(actedFor.filter((r) => r.action === 'create')).to.have.length(1);
      expect(actedFor.filter((r) => r.action === 'update')).to.have.length(1);
      for (const r of actedFor) expect(r).to.include({ actor_type: 'staff', on_behalf_of: `natural:${JANIS}`, subject_id: JANIS });
      expect(await auditRows(since, { actor: STAFF, purpose: 'submit-on-behalf:mandate', resource: `application:${id}` })).to.have.length(
        1,
      );
      await waitFor('officer task', async () =>
        (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === id),
      );
      // Janis sees it as his own application.
      expect((await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-janis' })).body.status).to.equal('in_progress');

      // A registered delegation is a basis too.
      const delegationId = '6f1c0d3e-6a2b-4c1d-9e8f-0a1b2c3d4e5f';
      await stack.db.pool.query(
        `INSERT INTO delegations (id, principal_type, principal_id, representative_type, representative_id, representative_name, valid_from)
         VALUES ($1, 'natural', $2, 'natural', $3, 'Anna Bērziņa', current_date - 1) ON CONFLICT (id) DO NOTHING`,
        [delegationId, JANIS, ANNA],
      );
      const delegated = await call('POST', '/api/v1/assisted-applications', {
        as: STAFF,
        json: {
          eserviceId: 'residence-declaration',
          recipient: { type: 'natural', id: JANIS },
          basis: { type: 'delegation', delegationId },
        },
      });
      expect(delegated.status, JSON.stringify(delegated.body)).to.equal(201);
      const delegatedCase = await stack.db.pool.query('SELECT acting_basis, acting_basis_ref, acting_staff_id FROM cases WHERE id = $1', [
        delegated.body.id,
      ]);
      expect(delegatedCase.rows[0]).to.deep.equal({ acting_basis: 'delegation', acting_basis_ref: delegationId, acting_staff_id: STAFF });

      const badPerson = await call('POST', '/api/v1/assisted-applications', {
        as: STAFF,
        json: {
          eserviceId: 'residence-declaration',
          recipient: { type: 'natural', id: '15038511230' },
          basis: { type: 'mandate', mandateId: reference },
        },
      });
      expect(badPerson.status).to.equal(422);
      const noDelegation = await call('POST', '/api/v1/assisted-applications', {
        as: STAFF,
        json: {
          eserviceId: 'residence-declaration',
          recipient: { type: 'natural', id: JANIS },
          basis: { type: 'delegation', delegationId: '00000000-0000-4000-8000-000000000000' },
        },
      });
      expect(noDelegation.status).to.equal(422);
      expect(noDelegation.body.error.code).to.equal('no_delegation');
    });
  });
});
