// The e-service assistant's live co-browsing over Socket.IO on the real stack: the staff member sees the citizen's
// form (values, step, focus, validation errors), edits go both ways with field-level versions and who made them,
// concurrent edits merge and converge on both screens, and every edit is autosaved into the draft. This is the core
// of the assistant; no timing is measured, generous timeouts only stop a hung test.
import { expect } from 'chai';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dwellingAddresses } from '../../helpers/applications';
import {
  ANNA,
  STAFF,
  WAIT_MS,
  arrived,
  auditRows,
  closePeers,
  connectPeer,
  edit,
  editArrived,
  grantFor,
  lastAuditId,
  openPrefilled,
  request,
  savedDraft,
  session,
} from '../../helpers/assist';

const ADDRESS = dwellingAddresses[0];

describe('api/assist (e-service assistant): live editing and merging', () => {
  afterEach(() => closePeers());

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
      citizen.socket.emit('cobrowse:presence', {
        applicationId: app.id,
        page: `/applications/${app.id}`,
        step: 'address',
        focus: '/newAddress/text',
        errors: [],
      });
      expect(
        (await request(citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/newAddress/text', value: 'Brīvības' })).ok,
      ).to.equal(true);

      const { grantId } = await grantFor(app.id, 'view');
      const staff = await connectPeer(STAFF);
      const joined = await waitFor(
        'the presence saved',
        async () => {
          const j = await request(staff, 'cobrowse:join', { grantId });
          return j.snapshot.presence?.step === 'address' ? j : null;
        },
        WAIT_MS,
        50,
      );
      expect(joined.snapshot.presence).to.include({ page: `/applications/${app.id}`, step: 'address', focus: '/newAddress/text' });
      expect(joined.snapshot.data).to.deep.equal({ ...app.draft.data, newAddress: { text: 'Brīvības' } });
      expect(joined.snapshot.form.schema.required).to.include('newAddress');
      staff.load(joined.snapshot);

      // Live: typing, moving on, an error shown to her.
      await edit(citizen, { applicationId: app.id, pointer: '/newAddress/text', value: 'Brīvības iela 1' });
      const typed = await editArrived(staff, 'typing', (e) => e.value === 'Brīvības iela 1');
      expect(typed).to.deep.include({ applicationId: app.id, pointer: '/newAddress/text', by: { type: 'citizen' } });
      const errors = [{ path: '/phone', code: 'pattern', message: 'Tālrunis: tikai cipari' }];
      citizen.socket.emit('cobrowse:presence', {
        applicationId: app.id,
        page: `/applications/${app.id}`,
        step: 'contacts',
        focus: '/phone',
        errors,
      });
      const seen = await arrived(
        staff,
        'presence',
        () => staff.presence,
        (p) => p.step === 'contacts',
      );
      expect(seen).to.deep.include({ applicationId: app.id, page: `/applications/${app.id}`, focus: '/phone', errors });
      expect(staff.data).to.deep.equal(citizen.data);
      // Another citizen's presence never reaches this staff member.
      const janis = await connectPeer('citizen-janis');
      janis.socket.emit('cobrowse:presence', { applicationId: app.id, page: '/janis', step: 'x', focus: null, errors: [] });
      citizen.socket.emit('cobrowse:presence', {
        applicationId: app.id,
        page: `/applications/${app.id}`,
        step: 'last',
        focus: null,
        errors: [],
      });
      await arrived(
        staff,
        'last presence',
        () => staff.presence,
        (p) => p.step === 'last',
      );
      expect(staff.presence.map((p) => p.page)).to.not.include('/janis');
    });

    it("shows staff edits on the citizen screen marked as made by staff, and the citizen's on the staff screen", async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      const since = await lastAuditId();
      const sent = await edit(staff, { grantId, pointer: '/phone', value: '+371 26000000' });
      expect(sent).to.deep.include({ ok: true });
      expect(sent.version).to.be.a('number');
      const onCitizen = await editArrived(citizen, 'staff edit', (e) => e.pointer === '/phone');
      expect(onCitizen).to.deep.equal({
        applicationId: app.id,
        pointer: '/phone',
        value: '+371 26000000',
        version: sent.version,
        by: { type: 'staff', id: STAFF, name: 'Laura Kļaviņa', office: 'vpvkac-riga' },
      });

      const mine = await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'anna@example.lv' });
      const onStaff = await editArrived(staff, 'citizen edit', (e) => e.pointer === '/email');
      expect(onStaff).to.deep.equal({
        applicationId: app.id,
        pointer: '/email',
        value: 'anna@example.lv',
        version: mine.version,
        by: { type: 'citizen' },
      });
      expect(staff.data).to.deep.equal(citizen.data);

      // Audited with the autosave that stores the edit.
      const audited = await waitFor(
        'edit audited',
        async () => {
          const rows = await auditRows(since, { actor: STAFF, purpose: 'edit', resource: `application:${app.id}` });
          return rows.length ? rows : null;
        },
        WAIT_MS,
        25,
      );
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
        await waitFor(
          `${peer.persona} has both`,
          async () => peer.data.email === 'anna@example.lv' && peer.data.phone === '+371 26000001',
          WAIT_MS,
          10,
        );
      }

      // One field, both typing at once, interleaved without waiting.
      const acks = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          i % 2 === 0
            ? edit(citizen, { applicationId: app.id, pointer: '/newAddress/text', value: `citizen ${i}` })
            : edit(staff, { grantId, pointer: '/newAddress/text', value: `staff ${i}` }),
        ),
      );
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
      const saved = await waitFor(
        'autosave',
        async () => {
          const d = await savedDraft(app.id);
          return d.data.residenceBasis === 'tenant' && d.data.newAddress?.code === ADDRESS.code ? d : null;
        },
        WAIT_MS,
        25,
      );
      expect(saved.data.newAddress).to.deep.equal({ text: ADDRESS.text, code: ADDRESS.code });
      expect(saved.data.applicant).to.deep.equal(app.draft.data.applicant); // the prefill is kept
      expect(Object.keys(saved.versions).sort()).to.deep.equal(['/newAddress/code', '/newAddress/text', '/residenceBasis']);
      const shown = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
      expect(shown.body.draft.data).to.deep.equal(saved.data);
      expect(shown.body.draft.version).to.be.greaterThan(app.draft.version);
      // Autosave by HTTP continues from the co-browsed draft (optimistic versions still hold)...
      const stale = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
        as: 'citizen-anna',
        json: { version: app.draft.version, data: {} },
      });
      expect(stale.status).to.equal(409);
      const put = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
        as: 'citizen-anna',
        json: { version: shown.body.draft.version, data: { ...saved.data, email: 'put@example.lv' } },
      });
      expect(put.status).to.equal(200);
      // ...and co-browse edits after it merge into what it saved.
      await edit(staff, { grantId, pointer: '/declarationDate', value: '2026-12-05' });
      const merged = await waitFor(
        'merged',
        async () => {
          const d = await savedDraft(app.id);
          return d.data.declarationDate === '2026-12-05' ? d : null;
        },
        WAIT_MS,
        25,
      );
      expect(merged.data).to.deep.include({ email: 'put@example.lv', residenceBasis: 'tenant' });
      expect(merged.data.newAddress).to.deep.equal({ text: ADDRESS.text, code: ADDRESS.code });
    });

    it('refuses text PostgreSQL cannot store (U+0000) at once, so the autosave of every other session goes on', async () => {
      const one = await session('assist');
      const other = await session('assist');
      for (const bad of [
        { grantId: one.grantId, pointer: '/phone', value: '+371\u00002' },
        { grantId: one.grantId, pointer: '/contact', value: { ['a\u0000b']: 'x' } },
        { grantId: one.grantId, pointer: '/ph\u0000one', value: '+371 2' },
      ]) {
        const answer = await edit(one.staff, bad);
        expect(answer, JSON.stringify(bad)).to.deep.include({ ok: false });
        expect(answer.error.code).to.equal('validation_failed');
      }
      const byCitizen = await edit(one.citizen, { applicationId: one.app.id, pointer: '/email', value: 'a\u0000@example.lv' });
      expect(byCitizen.error.code).to.equal('validation_failed');
      // Edits of both sessions made with the refused ones are saved.
      await edit(one.staff, { grantId: one.grantId, pointer: '/phone', value: '+371 26000009' });
      await edit(other.citizen, { applicationId: other.app.id, pointer: '/email', value: 'other@example.lv' });
      await waitFor(
        'both saved',
        async () =>
          (await savedDraft(one.app.id)).data.phone === '+371 26000009' &&
          (await savedDraft(other.app.id)).data.email === 'other@example.lv',
        WAIT_MS,
        25,
      );
      expect(one.citizen.data.phone).to.equal('+371 26000009');
    });
  });
});
