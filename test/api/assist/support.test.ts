// The e-service assistant's support specialist view on the real stack: a specialist only ever watches, sensitive
// fields are masked in the snapshot and in live edits and cannot be revealed (refusals audited), and a portal code
// lets a specialist, but not front-office staff, follow the citizen's whole portal session.
import { expect } from 'chai';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import {
  ANNA,
  STAFF,
  SUPPORT,
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
} from '../../helpers/assist';
import { MASK } from '../../../api/assist/masking';

describe('api/assist (e-service assistant): support specialist view and masking', () => {
  afterEach(() => closePeers());

  describe('support specialist', () => {
    it('watches with sensitive fields, e-mail and addresses masked in the snapshot and in live edits, never edits, cannot reveal them', async () => {
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
      // The declared address from the population register: an address, masked like the personal code.
      expect(joined.snapshot.data.currentAddress).to.equal(MASK);
      expect(JSON.stringify(joined)).to.not.include(ANNA).and.not.include('29111111');
      support.load(joined.snapshot);

      await edit(citizen, { applicationId: app.id, pointer: '/phone', value: '+371 29222222' });
      await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'anna@example.lv' });
      const masked = await editArrived(support, 'masked edit', (e) => e.pointer === '/phone');
      expect(masked).to.include({ value: MASK, masked: true });
      await editArrived(support, 'masked e-mail', (e) => e.pointer === '/email' && e.value === MASK && e.masked === true);
      await edit(citizen, { applicationId: app.id, pointer: '/newAddress', value: { text: 'Brīvības iela 1, Rīga' } });
      const address = await editArrived(support, 'masked address', (e) => e.pointer === '/newAddress');
      expect(address.value).to.deep.equal({ text: MASK });
      await edit(citizen, { applicationId: app.id, pointer: '/residenceBasis', value: 'tenant' });
      await editArrived(support, 'plain edit', (e) => e.pointer === '/residenceBasis' && e.value === 'tenant');
      expect(JSON.stringify(support.edits)).to.not.include('anna@example.lv').and.not.include('Brīvības');
      // A whole object that holds a sensitive field is masked inside.
      await edit(citizen, {
        applicationId: app.id,
        pointer: '/applicant',
        value: { givenName: 'Anna', familyName: 'Bērziņa', personalCode: ANNA },
      });
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
      for (const pointer of ['/email', '/newAddress/text', '/currentAddress']) {
        const r = await request(support, 'cobrowse:reveal', { grantId, pointer });
        expect(r.ok, pointer).to.equal(false);
        expect(r.error.code, pointer).to.equal('field_masked');
      }
      const plain = await request(support, 'cobrowse:reveal', { grantId, pointer: '/residenceBasis' });
      expect(plain).to.deep.equal({ ok: true, value: 'tenant' });
      const editRefusal = await auditRows(since, { actor: SUPPORT, purpose: 'edit-refused:view_only', resource: `application:${app.id}` });
      expect(editRefusal).to.have.length(1);
      expect(editRefusal[0]).to.include({ subject_id: ANNA });
      const revealRefusal = await auditRows(since, {
        actor: SUPPORT,
        purpose: 'reveal-refused:field_masked',
        resource: `application:${app.id}`,
      });
      expect(revealRefusal.map((r) => r.details.pointer)).to.include.members(['/phone', '/email', '/newAddress/text']);
      const switched = await call('POST', `/api/v1/assist-grants/${grantId}/mode`, { as: 'citizen-anna', json: { mode: 'assist' } });
      expect(switched.status).to.equal(422);
      expect(switched.body.error.code).to.equal('support_view_only');
    });

    it('watches the whole portal session with a portal code; front-office staff cannot use one', async () => {
      const citizen = await connectPeer('citizen-anna');
      citizen.socket.emit('cobrowse:presence', { page: '/cases', step: null, focus: null, errors: [] });
      const { grantId } = await grantFor(null, 'view', SUPPORT);
      const support = await connectPeer(SUPPORT);
      const joined = await waitFor(
        'portal presence',
        async () => {
          const j = await request(support, 'cobrowse:join', { grantId });
          return j.snapshot?.presence?.page === '/cases' ? j : null;
        },
        WAIT_MS,
        50,
      );
      expect(joined.grant).to.include({ scope: 'portal', caseId: null, mode: 'view' });
      citizen.socket.emit('cobrowse:presence', { page: '/applications/new', step: null, focus: null, errors: [] });
      await arrived(
        support,
        'portal page',
        () => support.presence,
        (p) => p.page === '/applications/new',
      );
      const edited = await edit(support, { grantId, pointer: '/phone', value: 'x' });
      expect(edited.ok).to.equal(false);

      const created = await call('POST', '/api/v1/assist-codes', { as: 'citizen-anna', json: { scope: 'portal', mode: 'view' } });
      const since = await lastAuditId();
      const refused = await call('POST', '/api/v1/assist-sessions', { as: STAFF, json: { code: created.body.code } });
      expect(refused.status).to.equal(403);
      expect(refused.body.error.code).to.equal('wrong_scope');
      expect(
        await auditRows(since, { actor: STAFF, purpose: 'join-refused:wrong_scope', resource: `assist-grant:${created.body.grant.id}` }),
      ).to.have.length(1);
      // A stray application id on a portal code is not a server error.
      const stray = await call('POST', '/api/v1/assist-codes', {
        as: 'citizen-anna',
        json: { scope: 'portal', mode: 'view', applicationId: (await openPrefilled()).id },
      });
      expect(stray.status).to.be.below(500);
    });
  });
});
