// The e-service assistant end to end on the real stack: consent codes, staff co-browsing a citizen's form over
// Socket.IO (live values, step, focus, errors), edits both ways with field-level versions, autosave, submitting on
// the citizen's behalf (consent, mandate), the support specialist's masked view, every refusal with its audit row,
// revocation and reconnection. No timing is measured; generous timeouts only stop a hung test.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dwellingAddresses } from '../../helpers/applications';
import {
  ANNA, JANIS, STAFF, SUPPORT, WAIT_MS, arrived, auditRows, closePeers, connectPeer, editArrived, grantFor, lastAuditId,
  openPrefilled, request, savedDraft, type Peer,
} from '../../helpers/cobrowse';
import { MASK } from '../../../api/cobrowse/masking';

const ADDRESS = dwellingAddresses[0];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Anna's application open on her screen and a staff member (or specialist) joined to it with a fresh consent. */
async function session(mode: 'view' | 'assist', staffPersona = STAFF) {
  const app = await openPrefilled();
  const citizen = await connectPeer('citizen-anna');
  const opened = await request(citizen, 'cobrowse:open', { applicationId: app.id });
  expect(opened.ok, JSON.stringify(opened)).to.equal(true);
  citizen.load(opened.snapshot);
  const { grantId } = await grantFor(app.id, mode, staffPersona);
  const staff = await connectPeer(staffPersona);
  const joined = await request(staff, 'cobrowse:join', { grantId });
  expect(joined.ok, JSON.stringify(joined)).to.equal(true);
  staff.load(joined.snapshot);
  return { app, citizen, staff, grantId, joined };
}

const edit = (peer: Peer, message: Record<string, unknown>) => request(peer, 'cobrowse:edit', message);

/** The staff socket would have got an edit by the time a peer in the same broadcast got it; a short grace on top. */
async function nothingMoreFor(peer: Peer, countBefore: number, witness: Peer, witnessMatch: (e: Peer['edits'][number]) => boolean) {
  await editArrived(witness, 'the witness edit', witnessMatch);
  await sleep(250);
  expect(peer.edits.slice(countBefore), `${peer.persona} got edits it should not`).to.deep.equal([]);
}

describe('api/cobrowse (e-service assistant)', () => {
  afterEach(() => closePeers());

  describe('consent', () => {
    it('gives a short-lived single-use code that staff redeem, and shows the citizen who watches', async () => {
      const app = await openPrefilled();
      const since = await lastAuditId();
      const created = await call('POST', '/api/v1/assist-codes', { as: 'citizen-anna', json: { scope: 'application', applicationId: app.id, mode: 'assist' } });
      expect(created.status).to.equal(201);
      expect(created.body.code).to.match(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      const grant = created.body.grant;
      expect(grant).to.include({ scope: 'application', caseId: app.id, mode: 'assist', active: false, usedBy: null });
      const ttl = Date.parse(grant.expiresAt) - Date.parse(grant.createdAt);
      expect(ttl).to.be.within(9 * 60_000, 10 * 60_000 + 1000);

      // Nobody else can give a code for Anna's application.
      const foreign = await call('POST', '/api/v1/assist-codes', { as: 'citizen-janis', json: { scope: 'application', applicationId: app.id, mode: 'assist' } });
      expect(foreign.status).to.equal(404);
      const noApp = await call('POST', '/api/v1/assist-codes', { as: 'citizen-anna', json: { scope: 'application', mode: 'view' } });
      expect(noApp.status).to.equal(422);
      expect(noApp.body.error.code).to.equal('application_required');
      const staffCode = await call('POST', '/api/v1/assist-codes', { as: STAFF, json: { scope: 'portal', mode: 'view' } });
      expect(staffCode.status).to.equal(403);

      const citizen = await connectPeer('citizen-anna');
      expect((await request(citizen, 'cobrowse:open', { applicationId: app.id })).ok).to.equal(true);

      // Read out over the phone: lower case and without the dash works too.
      const redeemed = await call('POST', '/api/v1/assist-sessions', { as: STAFF, json: { code: created.body.code.replace('-', '').toLowerCase() } });
      expect(redeemed.status, JSON.stringify(redeemed.body)).to.equal(201);
      expect(redeemed.body.grant).to.include({ id: grant.id, active: true, usedBy: STAFF, usedByName: 'Laura Kļaviņa', usedByRole: 'kac-staff', usedByOffice: 'vpvkac-riga', mode: 'assist' });
      expect(redeemed.body.application).to.deep.include({ id: app.id, eserviceId: 'residence-declaration', status: 'draft', recipientName: 'Anna Bērziņa' });

      const staff = await connectPeer(STAFF);
      const joined = await request(staff, 'cobrowse:join', { grantId: grant.id });
      expect(joined.ok).to.equal(true);
      expect(joined.grant).to.include({ id: grant.id, mode: 'assist', caseId: app.id });
      const watching = await arrived(citizen, 'watchers', () => citizen.watchers, (w) => w.watchers.length === 1);
      expect(watching.applicationId).to.equal(app.id);
      expect(watching.watchers[0]).to.deep.equal({ grantId: grant.id, name: 'Laura Kļaviņa', role: 'kac-staff', office: 'vpvkac-riga', mode: 'assist' });

      const mine = await call('GET', `/api/v1/me/assist-grants?applicationId=${app.id}`, { as: 'citizen-anna' });
      expect(mine.body.items.map((g: any) => [g.id, g.active, g.usedByName])).to.deep.equal([[grant.id, true, 'Laura Kļaviņa']]);
      const janisSees = await call('GET', '/api/v1/me/assist-grants', { as: 'citizen-janis' });
      expect(janisSees.body.items.map((g: any) => g.id)).to.not.include(grant.id);

      const created1 = await auditRows(since, { actor: 'citizen-anna', purpose: 'consent:assist', resource: `assist-grant:${grant.id}` });
      expect(created1).to.have.length(1);
      expect(created1[0]).to.include({ action: 'create', subject_id: ANNA, actor_type: 'citizen' });
      const join = await auditRows(since, { actor: STAFF, purpose: 'join:assist', resource: `assist-grant:${grant.id}` });
      expect(join).to.have.length(1);
      expect(join[0]).to.include({ subject_id: ANNA, actor_office: 'vpvkac-riga' });
      expect(join[0].details).to.deep.include({ basis: 'consent', caseId: app.id });
      expect(await auditRows(since, { actor: STAFF, purpose: 'watch:assist', resource: `application:${app.id}` })).to.have.length(1);
    });

    it('lets the citizen switch the mode and the staff member leave, both audited and shown live', async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      const since = await lastAuditId();
      const toView = await call('POST', `/api/v1/assist-grants/${grantId}/mode`, { as: 'citizen-anna', json: { mode: 'view' } });
      expect(toView.status).to.equal(200);
      expect(toView.body.mode).to.equal('view');
      await arrived(staff, 'mode view', () => staff.modes, (m) => m.grantId === grantId && m.mode === 'view');
      const refused = await edit(staff, { grantId, pointer: '/phone', value: '+371 20000001' });
      expect(refused.error.code).to.equal('view_only');
      await call('POST', `/api/v1/assist-grants/${grantId}/mode`, { as: 'citizen-anna', json: { mode: 'assist' } });
      await arrived(staff, 'mode assist', () => staff.modes, (m) => m.mode === 'assist');
      expect((await edit(staff, { grantId, pointer: '/phone', value: '+371 20000002' })).ok).to.equal(true);
      expect(await auditRows(since, { actor: 'citizen-anna', purpose: 'mode:view', resource: `assist-grant:${grantId}` })).to.have.length(1);
      expect(await auditRows(since, { actor: 'citizen-anna', purpose: 'mode:assist', resource: `assist-grant:${grantId}` })).to.have.length(1);

      const watchersBefore = citizen.watchers.length;
      const left = await request(staff, 'cobrowse:leave', { grantId });
      expect(left.ok).to.equal(true);
      await arrived(staff, 'ended', () => staff.ended, (e) => e.grantId === grantId && e.reason === 'left');
      const update = await arrived(citizen, 'watchers after leaving', () => citizen.watchers.slice(watchersBefore), (w) => w.watchers.length === 0);
      expect(update.applicationId).to.equal(app.id);
      expect(await auditRows(since, { actor: STAFF, purpose: 'leave', resource: `application:${app.id}` })).to.have.length(1);
      const again = await request(staff, 'cobrowse:join', { grantId });
      expect(again.error.code).to.equal('no_consent');
      const ended = await call('POST', `/api/v1/assist-grants/${grantId}/mode`, { as: 'citizen-anna', json: { mode: 'assist' } });
      expect(ended.status).to.equal(409);
      expect(ended.body.error.code).to.equal('grant_ended');
    });
  });

  describe('co-browsing', () => {
    it('shows the staff member the form as the citizen sees it: values, step, focus, validation errors', async () => {
      const app = await openPrefilled();
      const citizen = await connectPeer('citizen-anna');
      const opened = await request(citizen, 'cobrowse:open', { applicationId: app.id });
      expect(opened.snapshot).to.deep.include({ applicationId: app.id, status: 'draft' });
      expect(opened.snapshot.data.applicant).to.deep.include({ givenName: 'Anna', familyName: 'Bērziņa', personalCode: ANNA });
      expect(opened.snapshot.form.uiSchema.phone['ui:sensitive']).to.equal(true);
      citizen.load(opened.snapshot);
      // Where she is before anyone joins: a staff member who joins later sees it in the snapshot.
      citizen.socket.emit('cobrowse:presence', { applicationId: app.id, page: `/applications/${app.id}`, step: 'address', focus: '/newAddress/text', errors: [] });
      expect((await request(citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/newAddress/text', value: 'Brīvības' })).ok).to.equal(true);

      const { grantId } = await grantFor(app.id, 'view');
      const staff = await connectPeer(STAFF);
      const joined = await waitFor('the presence saved', async () => {
        const j = await request(staff, 'cobrowse:join', { grantId });
        return j.snapshot.presence?.step === 'address' ? j : null;
      }, WAIT_MS, 50);
      expect(joined.snapshot.presence).to.include({ page: `/applications/${app.id}`, step: 'address', focus: '/newAddress/text' });
      expect(joined.snapshot.data).to.deep.equal({ ...app.draft.data, newAddress: { text: 'Brīvības' } });
      expect(joined.snapshot.form.schema.required).to.include('newAddress');
      staff.load(joined.snapshot);

      // Live: typing, moving on, an error shown to her.
      await edit(citizen, { applicationId: app.id, pointer: '/newAddress/text', value: 'Brīvības iela 1' });
      const typed = await editArrived(staff, 'typing', (e) => e.value === 'Brīvības iela 1');
      expect(typed).to.deep.include({ applicationId: app.id, pointer: '/newAddress/text', by: { type: 'citizen' } });
      const errors = [{ path: '/phone', code: 'pattern', message: 'Tālrunis: tikai cipari' }];
      citizen.socket.emit('cobrowse:presence', { applicationId: app.id, page: `/applications/${app.id}`, step: 'contacts', focus: '/phone', errors });
      const seen = await arrived(staff, 'presence', () => staff.presence, (p) => p.step === 'contacts');
      expect(seen).to.deep.include({ applicationId: app.id, page: `/applications/${app.id}`, focus: '/phone', errors });
      expect(staff.data).to.deep.equal(citizen.data);
      // Another citizen's presence never reaches this staff member.
      const janis = await connectPeer('citizen-janis');
      janis.socket.emit('cobrowse:presence', { applicationId: app.id, page: '/janis', step: 'x', focus: null, errors: [] });
      citizen.socket.emit('cobrowse:presence', { applicationId: app.id, page: `/applications/${app.id}`, step: 'last', focus: null, errors: [] });
      await arrived(staff, 'last presence', () => staff.presence, (p) => p.step === 'last');
      expect(staff.presence.map((p) => p.page)).to.not.include('/janis');
    });

    it('shows staff edits on the citizen screen marked as made by staff, and the citizen\'s on the staff screen', async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      const since = await lastAuditId();
      const sent = await edit(staff, { grantId, pointer: '/phone', value: '+371 26000000' });
      expect(sent).to.deep.include({ ok: true });
      expect(sent.version).to.be.a('number');
      const onCitizen = await editArrived(citizen, 'staff edit', (e) => e.pointer === '/phone');
      expect(onCitizen).to.deep.equal({ applicationId: app.id, pointer: '/phone', value: '+371 26000000', version: sent.version, by: { type: 'staff', id: STAFF, name: 'Laura Kļaviņa', office: 'vpvkac-riga' } });

      const mine = await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'anna@example.lv' });
      const onStaff = await editArrived(staff, 'citizen edit', (e) => e.pointer === '/email');
      expect(onStaff).to.deep.equal({ applicationId: app.id, pointer: '/email', value: 'anna@example.lv', version: mine.version, by: { type: 'citizen' } });
      expect(staff.data).to.deep.equal(citizen.data);

      // Audited with the autosave that stores the edit.
      const audited = await waitFor('edit audited', async () => {
        const rows = await auditRows(since, { actor: STAFF, purpose: 'edit', resource: `application:${app.id}` });
        return rows.length ? rows : null;
      }, WAIT_MS, 25);
      expect(audited).to.have.length(1);
      expect(audited[0]).to.include({ action: 'update', subject_id: ANNA, actor_office: 'vpvkac-riga' });
      expect(audited[0].details).to.deep.include({ grantId, basis: 'consent', mode: 'assist', pointer: '/phone', version: sent.version });
    });

    it('merges concurrent edits: different fields both survive, one field converges to one value on both screens', async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      // Different fields at the same moment.
      const [a, b] = await Promise.all([
        edit(citizen, { applicationId: app.id, pointer: '/email', value: 'anna@example.lv' }),
        edit(staff, { grantId, pointer: '/phone', value: '+371 26000001' }),
      ]);
      expect(a.ok && b.ok).to.equal(true);
      for (const peer of [citizen, staff]) {
        await waitFor(`${peer.persona} has both`, async () => peer.data.email === 'anna@example.lv' && peer.data.phone === '+371 26000001', WAIT_MS, 10);
      }

      // One field, both typing at once, interleaved without waiting.
      const acks = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0
        ? edit(citizen, { applicationId: app.id, pointer: '/newAddress/text', value: `citizen ${i}` })
        : edit(staff, { grantId, pointer: '/newAddress/text', value: `staff ${i}` }))));
      const versions = acks.map((x) => x.version as number);
      expect(new Set(versions).size, 'every edit gets its own version').to.equal(12);
      const top = Math.max(...versions);
      const last = versions.indexOf(top);
      const winner = last % 2 === 0 ? `citizen ${last}` : `staff ${last}`;
      for (const peer of [citizen, staff]) {
        await waitFor(`${peer.persona} converged`, async () => peer.versions['/newAddress/text'] === top, WAIT_MS, 10);
        expect((peer.data.newAddress as Record<string, unknown>).text, peer.persona).to.equal(winner);
      }
      // The saved draft converges to the same value, and a late joiner sees it too.
      await waitFor('saved', async () => (await savedDraft(app.id)).versions['/newAddress/text'] === top, WAIT_MS, 50);
      expect((await savedDraft(app.id)).data.newAddress.text).to.equal(winner);
      const again = await request(staff, 'cobrowse:join', { grantId });
      expect(again.snapshot.data.newAddress.text).to.equal(winner);
      expect(again.snapshot.data).to.deep.equal(citizen.data);
    });

    it('autosaves every edit: the draft holds it shortly after and GET /applications/:id shows it', async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      await edit(citizen, { applicationId: app.id, pointer: '/newAddress/text', value: ADDRESS.text });
      await edit(staff, { grantId, pointer: '/newAddress/code', value: ADDRESS.code });
      await edit(staff, { grantId, pointer: '/residenceBasis', value: 'tenant' });
      const saved = await waitFor('autosave', async () => {
        const d = await savedDraft(app.id);
        return d.data.residenceBasis === 'tenant' && d.data.newAddress?.code === ADDRESS.code ? d : null;
      }, WAIT_MS, 25);
      expect(saved.data.newAddress).to.deep.equal({ text: ADDRESS.text, code: ADDRESS.code });
      expect(saved.data.applicant).to.deep.equal(app.draft.data.applicant); // the prefill is kept
      expect(Object.keys(saved.versions).sort()).to.deep.equal(['/newAddress/code', '/newAddress/text', '/residenceBasis']);
      const shown = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
      expect(shown.body.draft.data).to.deep.equal(saved.data);
      expect(shown.body.draft.version).to.be.greaterThan(app.draft.version);
      // Autosave by HTTP continues from the co-browsed draft (optimistic versions still hold)...
      const stale = await call('PUT', `/api/v1/applications/${app.id}/draft`, { as: 'citizen-anna', json: { version: app.draft.version, data: {} } });
      expect(stale.status).to.equal(409);
      const put = await call('PUT', `/api/v1/applications/${app.id}/draft`, { as: 'citizen-anna', json: { version: shown.body.draft.version, data: { ...saved.data, email: 'put@example.lv' } } });
      expect(put.status).to.equal(200);
      // ...and co-browse edits after it merge into what it saved.
      await edit(staff, { grantId, pointer: '/declarationDate', value: '2026-12-05' });
      const merged = await waitFor('merged', async () => {
        const d = await savedDraft(app.id);
        return d.data.declarationDate === '2026-12-05' ? d : null;
      }, WAIT_MS, 25);
      expect(merged.data).to.deep.include({ email: 'put@example.lv', residenceBasis: 'tenant' });
      expect(merged.data.newAddress).to.deep.equal({ text: ADDRESS.text, code: ADDRESS.code });
    });
  });

  describe('submitting on behalf', () => {
    it('records consent, the acting staff member and office, the in-person channel, and the application proceeds', async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      expect(staff.data).to.deep.equal(citizen.data);
      for (const [pointer, value] of [['/newAddress/text', ADDRESS.text], ['/newAddress/code', ADDRESS.code], ['/residenceBasis', 'owner'], ['/declarationDate', '2026-12-01']] as const) {
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
        recipient_id: ANNA, acting_staff_id: STAFF, acting_staff_name: 'Laura Kļaviņa', acting_office_id: 'vpvkac-riga',
        acting_basis: 'consent', acting_basis_ref: grantId, channel: 'in_person', office_id: 'vpvkac-riga', municipality_code: '0001000',
      });
      const submittedData = await stack.db.pool.query('SELECT submitted_data FROM applications WHERE case_id = $1', [app.id]);
      expect(submittedData.rows[0].submitted_data).to.deep.include({ confirm: true, residenceBasis: 'owner', declarationDate: '2026-12-01' });
      const audited = await auditRows(since, { actor: STAFF, purpose: 'submit-on-behalf:consent', resource: `application:${app.id}` });
      expect(audited).to.have.length(1);
      expect(audited[0]).to.include({ subject_id: ANNA, actor_office: 'vpvkac-riga' });
      expect(audited[0].details).to.deep.equal({ reference: grantId });

      // It goes on like any application: the address is checked and the officer's task opens.
      const task = await waitFor('officer task', async () => (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === app.id));
      expect(task.status).to.equal('open');
      const shown = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
      expect(shown.body.status).to.equal('in_progress');
      const events = await stack.db.pool.query("SELECT actor_type, actor_id FROM case_status_events WHERE case_id = $1 AND status = 'submitted'", [app.id]);
      expect(events.rows).to.deep.equal([{ actor_type: 'staff', actor_id: STAFF }]);
      // Submitted: a second submission is refused, and the draft no longer changes through co-browsing.
      const twice = await call('POST', `/api/v1/applications/${app.id}/submit-on-behalf`, { as: STAFF, json: { grantId } });
      expect(twice.status).to.equal(409);
      expect(twice.body.error.code).to.equal('not_draft');
      await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
    });

    it('submits at the counter on a written mandate (no consent code) and records basis mandate', async () => {
      const since = await lastAuditId();
      const reference = 'Pilnvara Nr. 12/2026, 2026-05-04, notārs I. Liepa';
      const opened = await call('POST', '/api/v1/assisted-applications', {
        as: STAFF, json: { eserviceId: 'residence-declaration', recipient: { type: 'natural', id: JANIS }, basis: { type: 'mandate', reference } },
      });
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      const id = opened.body.id as string;
      const app = await waitFor('prefill', async () => {
        const r = await call('GET', `/api/v1/applications/${id}`, { as: STAFF });
        return r.body.draft?.data.applicant?.givenName ? r.body : null;
      });
      expect(app.draft.data.applicant).to.deep.include({ givenName: 'Jānis', personalCode: JANIS });
      const data = { ...app.draft.data, newAddress: { text: ADDRESS.text, code: ADDRESS.code }, residenceBasis: 'tenant', declarationDate: '2026-12-02', confirm: true };
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
        recipient_id: JANIS, acting_staff_id: STAFF, acting_office_id: 'vpvkac-riga', acting_basis: 'mandate', acting_basis_ref: reference,
        channel: 'in_person', office_id: 'vpvkac-riga',
      });
      expect(await auditRows(since, { actor: STAFF, purpose: 'act-for:mandate', resource: `application:${id}` })).to.have.length(1);
      expect(await auditRows(since, { actor: STAFF, purpose: 'submit-on-behalf:mandate', resource: `application:${id}` })).to.have.length(1);
      await waitFor('officer task', async () => (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === id));
      // Janis sees it as his own application.
      expect((await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-janis' })).body.status).to.equal('in_progress');

      // A registered delegation is a basis too.
      const delegationId = '6f1c0d3e-6a2b-4c1d-9e8f-0a1b2c3d4e5f';
      await stack.db.pool.query(
        `INSERT INTO delegations (id, principal_type, principal_id, representative_type, representative_id, representative_name, valid_from)
         VALUES ($1, 'natural', $2, 'natural', $3, 'Anna Bērziņa', current_date - 1) ON CONFLICT (id) DO NOTHING`, [delegationId, JANIS, ANNA]);
      const delegated = await call('POST', '/api/v1/assisted-applications', { as: STAFF, json: { eserviceId: 'residence-declaration', recipient: { type: 'natural', id: JANIS }, basis: { type: 'delegation', delegationId } } });
      expect(delegated.status, JSON.stringify(delegated.body)).to.equal(201);
      const delegatedCase = await stack.db.pool.query('SELECT acting_basis, acting_basis_ref, acting_staff_id FROM cases WHERE id = $1', [delegated.body.id]);
      expect(delegatedCase.rows[0]).to.deep.equal({ acting_basis: 'delegation', acting_basis_ref: delegationId, acting_staff_id: STAFF });

      const badPerson = await call('POST', '/api/v1/assisted-applications', { as: STAFF, json: { eserviceId: 'residence-declaration', recipient: { type: 'natural', id: '15038511230' }, basis: { type: 'mandate', reference } } });
      expect(badPerson.status).to.equal(422);
      const noDelegation = await call('POST', '/api/v1/assisted-applications', { as: STAFF, json: { eserviceId: 'residence-declaration', recipient: { type: 'natural', id: JANIS }, basis: { type: 'delegation', delegationId: '00000000-0000-4000-8000-000000000000' } } });
      expect(noDelegation.status).to.equal(422);
      expect(noDelegation.body.error.code).to.equal('no_delegation');
    });
  });

  describe('support specialist', () => {
    it('watches with sensitive fields masked in the snapshot and in live edits, never edits, cannot reveal them', async () => {
      const app = await openPrefilled();
      const citizen = await connectPeer('citizen-anna');
      await request(citizen, 'cobrowse:open', { applicationId: app.id });
      await edit(citizen, { applicationId: app.id, pointer: '/phone', value: '+371 29111111' });
      // Even an assist code gives a specialist only a view.
      const { grantId } = await grantFor(app.id, 'assist', SUPPORT);
      const support = await connectPeer(SUPPORT);
      const joined = await request(support, 'cobrowse:join', { grantId });
      expect(joined.ok, JSON.stringify(joined)).to.equal(true);
      expect(joined.grant).to.include({ mode: 'view', usedByRole: 'support-specialist' });
      expect(joined.snapshot.data.applicant).to.deep.equal({ givenName: 'Anna', familyName: 'Bērziņa', personalCode: MASK });
      expect(joined.snapshot.data.phone).to.equal(MASK);
      expect(JSON.stringify(joined)).to.not.include(ANNA).and.not.include('29111111');
      support.load(joined.snapshot);

      await edit(citizen, { applicationId: app.id, pointer: '/phone', value: '+371 29222222' });
      await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'anna@example.lv' });
      const masked = await editArrived(support, 'masked edit', (e) => e.pointer === '/phone');
      expect(masked).to.include({ value: MASK, masked: true });
      await editArrived(support, 'plain edit', (e) => e.pointer === '/email' && e.value === 'anna@example.lv');
      // A whole object that holds a sensitive field is masked inside.
      await edit(citizen, { applicationId: app.id, pointer: '/applicant', value: { givenName: 'Anna', familyName: 'Bērziņa', personalCode: ANNA } });
      const whole = await editArrived(support, 'object edit', (e) => e.pointer === '/applicant');
      expect(whole.value).to.deep.equal({ givenName: 'Anna', familyName: 'Bērziņa', personalCode: MASK });
      expect(JSON.stringify(support.edits)).to.not.include(ANNA).and.not.include('29222222');

      const since = await lastAuditId();
      const tried = await edit(support, { grantId, pointer: '/email', value: 'x@example.lv' });
      expect(tried).to.deep.include({ ok: false });
      expect(tried.error.code).to.equal('view_only');
      const revealed = await request(support, 'cobrowse:reveal', { grantId, pointer: '/phone' });
      expect(revealed.ok).to.equal(false);
      expect(revealed.error.code).to.equal('field_masked');
      for (const pointer of ['/applicant/personalCode', '/applicant']) {
        const r = await request(support, 'cobrowse:reveal', { grantId, pointer });
        expect(JSON.stringify(r), pointer).to.not.include(ANNA);
      }
      const plain = await request(support, 'cobrowse:reveal', { grantId, pointer: '/email' });
      expect(plain).to.deep.equal({ ok: true, value: 'anna@example.lv' });
      const editRefusal = await auditRows(since, { actor: SUPPORT, purpose: 'edit-refused:view_only', resource: `application:${app.id}` });
      expect(editRefusal).to.have.length(1);
      expect(editRefusal[0]).to.include({ subject_id: ANNA });
      const revealRefusal = await auditRows(since, { actor: SUPPORT, purpose: 'reveal-refused:field_masked', resource: `application:${app.id}` });
      expect(revealRefusal.map((r) => r.details.pointer)).to.include('/phone');
      const switched = await call('POST', `/api/v1/assist-grants/${grantId}/mode`, { as: 'citizen-anna', json: { mode: 'assist' } });
      expect(switched.status).to.equal(422);
      expect(switched.body.error.code).to.equal('support_view_only');
    });

    it('watches the whole portal session with a portal code; front-office staff cannot use one', async () => {
      const citizen = await connectPeer('citizen-anna');
      citizen.socket.emit('cobrowse:presence', { page: '/cases', step: null, focus: null, errors: [] });
      const { grantId } = await grantFor(null, 'view', SUPPORT);
      const support = await connectPeer(SUPPORT);
      const joined = await waitFor('portal presence', async () => {
        const j = await request(support, 'cobrowse:join', { grantId });
        return j.snapshot?.presence?.page === '/cases' ? j : null;
      }, WAIT_MS, 50);
      expect(joined.grant).to.include({ scope: 'portal', caseId: null, mode: 'view' });
      citizen.socket.emit('cobrowse:presence', { page: '/applications/new', step: null, focus: null, errors: [] });
      await arrived(support, 'portal page', () => support.presence, (p) => p.page === '/applications/new');
      const edited = await edit(support, { grantId, pointer: '/phone', value: 'x' });
      expect(edited.ok).to.equal(false);

      const created = await call('POST', '/api/v1/assist-codes', { as: 'citizen-anna', json: { scope: 'portal', mode: 'view' } });
      const since = await lastAuditId();
      const refused = await call('POST', '/api/v1/assist-sessions', { as: STAFF, json: { code: created.body.code } });
      expect(refused.status).to.equal(403);
      expect(refused.body.error.code).to.equal('wrong_scope');
      expect(await auditRows(since, { actor: STAFF, purpose: 'join-refused:wrong_scope', resource: `assist-grant:${created.body.grant.id}` })).to.have.length(1);
      // A stray application id on a portal code is not a server error.
      const stray = await call('POST', '/api/v1/assist-codes', { as: 'citizen-anna', json: { scope: 'portal', mode: 'view', applicationId: (await openPrefilled()).id } });
      expect(stray.status).to.be.below(500);
    });
  });

  describe('refusals: a clear error and an audit row each', () => {
    async function code(applicationId: string, mode: 'view' | 'assist' = 'assist') {
      const created = await call('POST', '/api/v1/assist-codes', { as: 'citizen-anna', json: { scope: 'application', applicationId, mode } });
      return { code: created.body.code as string, grantId: created.body.grant.id as string };
    }
    const redeem = (c: string) => call('POST', '/api/v1/assist-sessions', { as: STAFF, json: { code: c } });

    it('refuses joining without a code, with an unknown, expired, used or revoked code', async () => {
      const app = await openPrefilled();
      const staff = await connectPeer(STAFF);
      let since = await lastAuditId();
      for (const message of [{}, { grantId: 42 }, { grantId: '00000000-0000-4000-8000-000000000000' }]) {
        const r = await request(staff, 'cobrowse:join', message);
        expect(r.ok, JSON.stringify(message)).to.equal(false);
        expect(r.error).to.include({ code: 'no_consent' });
        expect(r.error.message).to.be.a('string').and.not.empty;
      }
      expect(await auditRows(since, { actor: STAFF, purpose: 'join-refused:no_consent' })).to.have.length(3);

      // Redeeming nothing is refused and audited like any other refusal; so is a malformed code.
      since = await lastAuditId();
      const noCode = await call('POST', '/api/v1/assist-sessions', { as: STAFF, json: {} });
      expect(noCode.status).to.equal(400);
      expect(noCode.body.error.code).to.equal('code_required');
      expect(await auditRows(since, { actor: STAFF, purpose: 'join-refused:code_required', resource: 'assist-grant:unknown' })).to.have.length(1);
      since = await lastAuditId();
      expect((await redeem('not a code!')).body.error.code).to.equal('invalid_code');
      expect(await auditRows(since, { actor: STAFF, purpose: 'join-refused:invalid_code' })).to.have.length(1);

      since = await lastAuditId();
      const unknown = await redeem('ABCD-EFGH');
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error.code).to.equal('invalid_code');
      expect(await auditRows(since, { actor: STAFF, purpose: 'join-refused:invalid_code', resource: 'assist-grant:unknown' })).to.have.length(1);

      const expired = await code(app.id);
      await stack.db.pool.query("UPDATE assist_grants SET expires_at = now() - interval '1 second' WHERE id = $1", [expired.grantId]);
      since = await lastAuditId();
      const late = await redeem(expired.code);
      expect(late.status).to.equal(410);
      expect(late.body.error.code).to.equal('code_expired');
      const lateAudit = await auditRows(since, { actor: STAFF, purpose: 'join-refused:code_expired', resource: `assist-grant:${expired.grantId}` });
      expect(lateAudit).to.have.length(1);
      expect(lateAudit[0].subject_id).to.equal(ANNA);
      // A code that was never redeemed does not open a session either.
      expect((await request(staff, 'cobrowse:join', { grantId: expired.grantId })).error.code).to.equal('no_consent');

      const used = await code(app.id);
      expect((await redeem(used.code)).status).to.equal(201);
      since = await lastAuditId();
      const twice = await redeem(used.code);
      expect(twice.status).to.equal(409);
      expect(twice.body.error.code).to.equal('code_used');
      expect(await auditRows(since, { actor: STAFF, purpose: 'join-refused:code_used', resource: `assist-grant:${used.grantId}` })).to.have.length(1);
      const bySupport = await call('POST', '/api/v1/assist-sessions', { as: SUPPORT, json: { code: used.code } });
      expect(bySupport.status).to.equal(409);

      const revoked = await code(app.id);
      expect((await call('POST', `/api/v1/assist-grants/${revoked.grantId}/revoke`, { as: 'citizen-anna' })).status).to.equal(200);
      since = await lastAuditId();
      const gone = await redeem(revoked.code);
      expect(gone.status).to.equal(410);
      expect(gone.body.error.code).to.equal('code_revoked');
      expect(await auditRows(since, { actor: STAFF, purpose: 'join-refused:code_revoked', resource: `assist-grant:${revoked.grantId}` })).to.have.length(1);

      // Another citizen's consent is not this staff member's to revoke or end, nor another staff member's to use.
      expect((await call('POST', `/api/v1/assist-grants/${used.grantId}/revoke`, { as: 'citizen-janis' })).status).to.equal(404);
      const officer = await connectPeer('officer-pmlp');
      since = await lastAuditId();
      expect((await request(officer, 'cobrowse:join', { grantId: used.grantId })).error.code).to.equal('no_consent');
      expect((await edit(officer, { grantId: used.grantId, pointer: '/phone', value: 'x' })).error.code).to.equal('no_consent');
      expect(await auditRows(since, { actor: 'officer-pmlp' })).to.have.length(2);
      expect((await call('POST', `/api/v1/assist-grants/${used.grantId}/end`, { as: 'officer-pmlp' })).status).to.equal(404);
    });

    it('refuses a consent for one application used for another, and edits in view mode', async () => {
      const appA = await openPrefilled();
      const appB = await openPrefilled();
      const citizen = await connectPeer('citizen-anna');
      await request(citizen, 'cobrowse:open', { applicationId: appB.id });
      const { grantId } = await grantFor(appA.id, 'assist');
      const staff = await connectPeer(STAFF);
      let since = await lastAuditId();
      const join = await request(staff, 'cobrowse:join', { grantId, applicationId: appB.id });
      expect(join.ok).to.equal(false);
      expect(join.error.code).to.equal('wrong_session');
      const into = await edit(staff, { grantId, applicationId: appB.id, pointer: '/phone', value: '+371 20000003' });
      expect(into.ok).to.equal(false);
      expect(into.error.code).to.equal('wrong_session');
      const wrong = await auditRows(since, { actor: STAFF, purpose: 'join-refused:wrong_session' });
      expect(wrong).to.have.length(1);
      expect(wrong[0].details).to.deep.include({ grantId, applicationId: appB.id });
      expect(await auditRows(since, { actor: STAFF, purpose: 'edit-refused:wrong_session' })).to.have.length(1);
      const submit = await call('POST', `/api/v1/applications/${appB.id}/submit-on-behalf`, { as: STAFF, json: { grantId } });
      expect(submit.status).to.equal(403);
      expect(submit.body.error.code).to.equal('no_basis');
      expect(await auditRows(since, { actor: STAFF, purpose: 'submit-refused:no_basis', resource: `application:${appB.id}` })).to.have.length(1);
      const draftB = await savedDraft(appB.id);
      expect(draftB.data.phone).to.equal(undefined);
      expect(citizen.edits).to.deep.equal([]);

      // View mode: seeing, not editing.
      const view = await grantFor(appB.id, 'view');
      expect((await request(staff, 'cobrowse:join', { grantId: view.grantId })).ok).to.equal(true);
      since = await lastAuditId();
      const refused = await edit(staff, { grantId: view.grantId, pointer: '/phone', value: '+371 20000004' });
      expect(refused.error.code).to.equal('view_only');
      const rows = await auditRows(since, { actor: STAFF, purpose: 'edit-refused:view_only', resource: `application:${appB.id}` });
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ subject_id: ANNA });
      expect(rows[0].details).to.deep.include({ grantId: view.grantId, basis: 'consent', mode: 'view', pointer: '/phone' });
      const viewSubmit = await call('POST', `/api/v1/applications/${appB.id}/submit-on-behalf`, { as: STAFF, json: { grantId: view.grantId } });
      expect(viewSubmit.body.error.code).to.equal('no_basis');
    });

    it('refuses submission by a staff member without a basis', async () => {
      const app = await openPrefilled();
      const since = await lastAuditId();
      const r = await call('POST', `/api/v1/applications/${app.id}/submit-on-behalf`, { as: STAFF, json: {} });
      expect(r.status).to.equal(403);
      expect(r.body.error.code).to.equal('no_basis');
      expect(r.body.error.message).to.match(/consent|mandate|delegation/);
      const rows = await auditRows(since, { actor: STAFF, purpose: 'submit-refused:no_basis', resource: `application:${app.id}` });
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ subject_id: ANNA, actor_office: 'vpvkac-riga' });
      const support = await call('POST', `/api/v1/applications/${app.id}/submit-on-behalf`, { as: SUPPORT, json: {} });
      expect(support.status).to.equal(403);
      const shown = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
      expect(shown.body.status).to.equal('draft');
    });

    it('never falls over on malformed messages', async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      const bad: Array<[Peer, string, unknown]> = [
        [citizen, 'cobrowse:open', null], [citizen, 'cobrowse:open', { applicationId: 'LV-0000000001-00' }],
        [citizen, 'cobrowse:edit', null], [citizen, 'cobrowse:edit', { applicationId: app.id, pointer: 'phone', value: 1 }],
        [citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/x', value: 'y'.repeat(20_000) }],
        [citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/__proto__/polluted', value: 1 }],
        [staff, 'cobrowse:join', null], [staff, 'cobrowse:edit', null], [staff, 'cobrowse:reveal', { grantId }], [staff, 'cobrowse:reveal', null],
        [staff, 'cobrowse:leave', null], [staff, 'cobrowse:edit', { grantId, pointer: 42, value: 1 }],
      ];
      for (const [peer, event, payload] of bad) {
        const answer = await request(peer, event, payload);
        expect(answer.ok, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).to.equal(false);
        expect(answer.error.code).to.be.a('string');
      }
      // An edit that descends into a string replaces it; the session still works for both.
      await edit(citizen, { applicationId: app.id, pointer: '/phone', value: '+371 20000005' });
      expect((await edit(staff, { grantId, pointer: '/phone/deeper', value: 'x' })).ok).to.equal(true);
      const again = await request(staff, 'cobrowse:join', { grantId });
      expect(again.snapshot.data.phone).to.deep.equal({ deeper: 'x' });
      expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
      expect((await call('GET', '/healthz')).status).to.equal(200);
    });
  });

  describe('revocation', () => {
    it('ends the staff member\'s access at once: ended event, no more edits either way', async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      await edit(staff, { grantId, pointer: '/phone', value: '+371 20000006' });
      const since = await lastAuditId();
      const revoked = await call('POST', `/api/v1/assist-grants/${grantId}/revoke`, { as: 'citizen-anna' });
      expect(revoked.status).to.equal(200);
      expect(revoked.body).to.include({ active: false });
      expect(revoked.body.revokedAt).to.be.a('string');
      // The staff socket hears it at once: by the time the HTTP answer is back, the event is on its way.
      const ended = await arrived(staff, 'ended', () => staff.ended, (e) => e.grantId === grantId);
      expect(ended.reason).to.equal('revoked');
      await arrived(citizen, 'nobody watches', () => citizen.watchers, (w) => w.watchers.length === 0);
      expect(await auditRows(since, { actor: 'citizen-anna', purpose: 'revoke', resource: `assist-grant:${grantId}` })).to.have.length(1);

      const before = staff.edits.length;
      await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'after@example.lv' });
      await nothingMoreFor(staff, before, citizen, (e) => e.value === 'after@example.lv');
      const after = await edit(staff, { grantId, pointer: '/phone', value: '+371 20000007' });
      expect(after.ok).to.equal(false);
      expect(after.error.code).to.equal('no_consent');
      expect(citizen.edits.map((e) => e.value)).to.not.include('+371 20000007');
      expect((await request(staff, 'cobrowse:join', { grantId })).error.code).to.equal('no_consent');
      expect((await request(staff, 'cobrowse:reveal', { grantId, pointer: '/email' })).ok).to.equal(false);
      const submit = await call('POST', `/api/v1/applications/${app.id}/submit-on-behalf`, { as: STAFF, json: { grantId } });
      expect(submit.body.error.code).to.equal('no_basis');
      expect(await auditRows(since, { actor: STAFF, purpose: 'edit-refused:no_consent' })).to.have.length(1);
      // The edit made before the revocation is kept: autosaved within a round (500 ms), waited for, not assumed.
      await waitFor('the edit before the revocation saved', async () => (await savedDraft(app.id)).data.phone === '+371 20000006', WAIT_MS, 50).catch(() => undefined);
      expect((await savedDraft(app.id)).data.phone).to.equal('+371 20000006');
    });
  });

  describe('reconnection', () => {
    const flaky = { reconnection: true, reconnectionDelay: 1500, reconnectionDelayMax: 1500, randomizationFactor: 0 };

    async function dropAndRecover(peer: Peer, whileAway: () => Promise<void>) {
      const disconnected = new Promise<string>((resolve) => peer.socket.once('disconnect', (reason) => resolve(reason)));
      const reconnected = new Promise<void>((resolve) => peer.socket.once('connect', () => resolve()));
      peer.socket.io.engine.close();
      expect(await disconnected).to.be.oneOf(['forced close', 'transport close']);
      await whileAway();
      await reconnected;
      return peer.socket.recovered;
    }

    it('recovers a staff member\'s dropped connection with nothing lost', async () => {
      const app = await openPrefilled();
      const citizen = await connectPeer('citizen-anna');
      citizen.load((await request(citizen, 'cobrowse:open', { applicationId: app.id })).snapshot);
      const { grantId } = await grantFor(app.id, 'assist');
      const staff = await connectPeer(STAFF, { io: flaky });
      staff.load((await request(staff, 'cobrowse:join', { grantId })).snapshot);
      await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'before@example.lv' });
      await editArrived(staff, 'before', (e) => e.value === 'before@example.lv');

      const recovered = await dropAndRecover(staff, async () => {
        for (const v of ['a', 'ab', 'abc']) await edit(citizen, { applicationId: app.id, pointer: '/newAddress/text', value: `Brīvības ${v}` });
        citizen.socket.emit('cobrowse:presence', { applicationId: app.id, page: 'p', step: 'while-away', focus: null, errors: [] });
        await edit(citizen, { applicationId: app.id, pointer: '/phone', value: '+371 20000008' });
      });
      expect(recovered, 'connection state recovered').to.equal(true);
      await editArrived(staff, 'missed edit', (e) => e.pointer === '/phone');
      // Missed keystrokes are not replayed one by one: the recovered connection gets each field's current value.
      const caughtUp = staff.edits.filter((e) => e.pointer === '/newAddress/text' && e.by.type === 'catch-up');
      expect(caughtUp.map((e) => e.value)).to.deep.equal(['Brīvības abc']);
      expect(staff.data.newAddress).to.deep.include({ text: 'Brīvības abc' });
      expect(staff.data.phone).to.equal('+371 20000008');
      // …so the server keeps no keystrokes for recovery, only the other events (presence here).
      const kept = (stack.api.realtime.io.of('/').adapter as unknown as { packets?: Array<{ data: unknown[] }> }).packets ?? [];
      expect(kept.filter((p) => p.data[0] === 'cobrowse:edit')).to.deep.equal([]);
      expect(kept.some((p) => p.data[0] === 'cobrowse:presence')).to.equal(true);
      // Still in the session: live edits both ways.
      expect((await edit(staff, { grantId, pointer: '/residenceBasis', value: 'tenant' })).ok).to.equal(true);
      await editArrived(citizen, 'after recovery', (e) => e.pointer === '/residenceBasis');
      await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'after@example.lv' });
      await editArrived(staff, 'after recovery', (e) => e.value === 'after@example.lv');
      // A resync from the server's saved state agrees with what the screen pieced together.
      const resync = await request(staff, 'cobrowse:join', { grantId });
      expect(resync.snapshot.data).to.deep.equal(staff.data);
      expect(resync.snapshot.presence.step).to.equal('while-away');
      expect(staff.data).to.deep.equal(citizen.data);
    });

    it('recovers the citizen\'s dropped connection with nothing lost, and she can go on typing', async () => {
      const { app, citizen: first, grantId } = await session('assist');
      first.close();
      const citizen = await connectPeer('citizen-anna', { io: flaky });
      citizen.load((await request(citizen, 'cobrowse:open', { applicationId: app.id })).snapshot);
      const staff = await connectPeer(STAFF);
      staff.load((await request(staff, 'cobrowse:join', { grantId })).snapshot);
      await edit(staff, { grantId, pointer: '/email', value: 'before@example.lv' });
      await editArrived(citizen, 'before', (e) => e.value === 'before@example.lv');

      const recovered = await dropAndRecover(citizen, async () => {
        await edit(staff, { grantId, pointer: '/phone', value: '+371 20000009' });
        await edit(staff, { grantId, pointer: '/residenceBasis', value: 'owner' });
      });
      expect(recovered).to.equal(true);
      await editArrived(citizen, 'missed', (e) => e.pointer === '/residenceBasis');
      expect(citizen.data).to.deep.include({ phone: '+371 20000009', residenceBasis: 'owner' });
      // Her own edits are accepted without opening the application again, and reach the staff member.
      const mine = await edit(citizen, { applicationId: app.id, pointer: '/declarationDate', value: '2026-12-03' });
      expect(mine.ok, JSON.stringify(mine)).to.equal(true);
      await editArrived(staff, 'after recovery', (e) => e.pointer === '/declarationDate');
      citizen.socket.emit('cobrowse:presence', { applicationId: app.id, page: 'p', step: 'after', focus: null, errors: [] });
      await arrived(staff, 'presence after recovery', () => staff.presence, (p) => p.step === 'after');
      const resync = await request(citizen, 'cobrowse:open', { applicationId: app.id });
      expect(resync.snapshot.data).to.deep.equal(citizen.data);
      expect(staff.data).to.deep.equal(citizen.data);
    });

    it('does not hand a staff member edits made after a revocation while their connection was down', async () => {
      const app = await openPrefilled();
      const citizen = await connectPeer('citizen-anna');
      await request(citizen, 'cobrowse:open', { applicationId: app.id });
      const { grantId } = await grantFor(app.id, 'assist');
      const staff = await connectPeer(STAFF, { io: flaky });
      await request(staff, 'cobrowse:join', { grantId });
      await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'before@example.lv' });
      await editArrived(staff, 'before', (e) => e.value === 'before@example.lv');
      await dropAndRecover(staff, async () => {
        await call('POST', `/api/v1/assist-grants/${grantId}/revoke`, { as: 'citizen-anna' });
        await edit(citizen, { applicationId: app.id, pointer: '/phone', value: '+371 20000010' });
      });
      const before = staff.edits.length;
      await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'later@example.lv' });
      await nothingMoreFor(staff, before, citizen, (e) => e.value === 'later@example.lv');
      expect(staff.edits.map((e) => e.value)).to.deep.equal(['before@example.lv']);
      await arrived(staff, 'ended', () => staff.ended, (e) => e.grantId === grantId);
    });
  });
});
