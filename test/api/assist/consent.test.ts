// The e-service assistant's consent on the real stack: the citizen's short-lived single-use code, staff redeeming it
// and joining, mode switches and leaving, and every refusal (bad, expired, used or revoked codes, a consent used for
// another application, edits in view mode, submitting without a basis, malformed messages) with its audit row.
// Consent is what every other assist-*.test.ts relies on, so its edges are pinned down here in one place.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import {
  ANNA,
  STAFF,
  SUPPORT,
  arrived,
  auditRows,
  closePeers,
  connectPeer,
  edit,
  grantFor,
  lastAuditId,
  openPrefilled,
  request,
  savedDraft,
  session,
  type Peer,
} from '../../helpers/assist';

describe('api/assist (e-service assistant): consent, joining and refusals', () => {
  afterEach(() => closePeers());

  describe('consent', () => {
    it('gives a short-lived single-use code that staff redeem, and shows the citizen who watches', async () => {
      const app = await openPrefilled();
      const since = await lastAuditId();
      const created = await call('POST', '/api/v1/assist-codes', {
        as: 'citizen-anna',
        json: { scope: 'application', applicationId: app.id, mode: 'assist' },
      });
      expect(created.status).to.equal(201);
      expect(created.body.code).to.match(/^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
      const grant = created.body.grant;
      expect(grant).to.include({ scope: 'application', caseId: app.id, mode: 'assist', active: false, usedBy: null });
      const ttl = Date.parse(grant.expiresAt) - Date.parse(grant.createdAt);
      expect(ttl).to.be.within(9 * 60_000, 10 * 60_000 + 1000);

      // Nobody else can give a code for Anna's application.
      const foreign = await call('POST', '/api/v1/assist-codes', {
        as: 'citizen-janis',
        json: { scope: 'application', applicationId: app.id, mode: 'assist' },
      });
      expect(foreign.status).to.equal(404);
      const noApp = await call('POST', '/api/v1/assist-codes', { as: 'citizen-anna', json: { scope: 'application', mode: 'view' } });
      expect(noApp.status).to.equal(422);
      expect(noApp.body.error.code).to.equal('application_required');
      const staffCode = await call('POST', '/api/v1/assist-codes', { as: STAFF, json: { scope: 'portal', mode: 'view' } });
      expect(staffCode.status).to.equal(403);

      const citizen = await connectPeer('citizen-anna');
      expect((await request(citizen, 'cobrowse:open', { applicationId: app.id })).ok).to.equal(true);

      // Read out over the phone: lower case and without the dash works too.
      const redeemed = await call('POST', '/api/v1/assist-sessions', {
        as: STAFF,
        json: { code: created.body.code.replace('-', '').toLowerCase() },
      });
      expect(redeemed.status, JSON.stringify(redeemed.body)).to.equal(201);
      expect(redeemed.body.grant).to.include({
        id: grant.id,
        active: true,
        usedBy: STAFF,
        usedByName: 'Laura Kļaviņa',
        usedByRole: 'kac-staff',
        usedByOffice: 'vpvkac-riga',
        mode: 'assist',
      });
      expect(redeemed.body.application).to.deep.include({
        id: app.id,
        eserviceId: 'residence-declaration',
        status: 'draft',
        recipientName: 'Anna Bērziņa',
      });

      const staff = await connectPeer(STAFF);
      const joined = await request(staff, 'cobrowse:join', { grantId: grant.id });
      expect(joined.ok).to.equal(true);
      expect(joined.grant).to.include({ id: grant.id, mode: 'assist', caseId: app.id });
      const watching = await arrived(
        citizen,
        'watchers',
        () => citizen.watchers,
        (w) => w.watchers.length === 1,
      );
      expect(watching.applicationId).to.equal(app.id);
      expect(watching.watchers[0]).to.deep.equal({
        grantId: grant.id,
        name: 'Laura Kļaviņa',
        role: 'kac-staff',
        office: 'vpvkac-riga',
        mode: 'assist',
      });

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
      await arrived(
        staff,
        'mode view',
        () => staff.modes,
        (m) => m.grantId === grantId && m.mode === 'view',
      );
      const refused = await edit(staff, { grantId, pointer: '/phone', value: '+371 20000001' });
      expect(refused.error.code).to.equal('view_only');
      await call('POST', `/api/v1/assist-grants/${grantId}/mode`, { as: 'citizen-anna', json: { mode: 'assist' } });
      await arrived(
        staff,
        'mode assist',
        () => staff.modes,
        (m) => m.mode === 'assist',
      );
      expect((await edit(staff, { grantId, pointer: '/phone', value: '+371 20000002' })).ok).to.equal(true);
      expect(await auditRows(since, { actor: 'citizen-anna', purpose: 'mode:view', resource: `assist-grant:${grantId}` })).to.have.length(
        1,
      );
      expect(await auditRows(since, { actor: 'citizen-anna', purpose: 'mode:assist', resource: `assist-grant:${grantId}` })).to.have.length(
        1,
      );

      const watchersBefore = citizen.watchers.length;
      const left = await request(staff, 'cobrowse:leave', { grantId });
      expect(left.ok).to.equal(true);
      await arrived(
        staff,
        'ended',
        () => staff.ended,
        (e) => e.grantId === grantId && e.reason === 'left',
      );
      const update = await arrived(
        citizen,
        'watchers after leaving',
        () => citizen.watchers.slice(watchersBefore),
        (w) => w.watchers.length === 0,
      );
      expect(update.applicationId).to.equal(app.id);
      expect(await auditRows(since, { actor: STAFF, purpose: 'leave', resource: `application:${app.id}` })).to.have.length(1);
      const again = await request(staff, 'cobrowse:join', { grantId });
      expect(again.error.code).to.equal('no_consent');
      const ended = await call('POST', `/api/v1/assist-grants/${grantId}/mode`, { as: 'citizen-anna', json: { mode: 'assist' } });
      expect(ended.status).to.equal(409);
      expect(ended.body.error.code).to.equal('grant_ended');
    });
  });

  describe('refusals: a clear error and an audit row each', () => {
    async function code(applicationId: string, mode: 'view' | 'assist' = 'assist') {
      const created = await call('POST', '/api/v1/assist-codes', {
        as: 'citizen-anna',
        json: { scope: 'application', applicationId, mode },
      });
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
      expect(
        await auditRows(since, { actor: STAFF, purpose: 'join-refused:code_required', resource: 'assist-grant:unknown' }),
      ).to.have.length(1);
      since = await lastAuditId();
      expect((await redeem('not a code!')).body.error.code).to.equal('invalid_code');
      expect(await auditRows(since, { actor: STAFF, purpose: 'join-refused:invalid_code' })).to.have.length(1);

      since = await lastAuditId();
      const unknown = await redeem('ABCD-EFGH');
      expect(unknown.status).to.equal(404);
      expect(unknown.body.error.code).to.equal('invalid_code');
      expect(
        await auditRows(since, { actor: STAFF, purpose: 'join-refused:invalid_code', resource: 'assist-grant:unknown' }),
      ).to.have.length(1);

      const expired = await code(app.id);
      await stack.db.pool.query("UPDATE assist_grants SET expires_at = now() - interval '1 second' WHERE id = $1", [expired.grantId]);
      since = await lastAuditId();
      const late = await redeem(expired.code);
      expect(late.status).to.equal(410);
      expect(late.body.error.code).to.equal('code_expired');
      const lateAudit = await auditRows(since, {
        actor: STAFF,
        purpose: 'join-refused:code_expired',
        resource: `assist-grant:${expired.grantId}`,
      });
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
      expect(
        await auditRows(since, { actor: STAFF, purpose: 'join-refused:code_used', resource: `assist-grant:${used.grantId}` }),
      ).to.have.length(1);
      const bySupport = await call('POST', '/api/v1/assist-sessions', { as: SUPPORT, json: { code: used.code } });
      expect(bySupport.status).to.equal(409);

      const revoked = await code(app.id);
      expect((await call('POST', `/api/v1/assist-grants/${revoked.grantId}/revoke`, { as: 'citizen-anna' })).status).to.equal(200);
      since = await lastAuditId();
      const gone = await redeem(revoked.code);
      expect(gone.status).to.equal(410);
      expect(gone.body.error.code).to.equal('code_revoked');
      expect(
        await auditRows(since, { actor: STAFF, purpose: 'join-refused:code_revoked', resource: `assist-grant:${revoked.grantId}` }),
      ).to.have.length(1);

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
      expect(
        await auditRows(since, { actor: STAFF, purpose: 'submit-refused:no_basis', resource: `application:${appB.id}` }),
      ).to.have.length(1);
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
      const viewSubmit = await call('POST', `/api/v1/applications/${appB.id}/submit-on-behalf`, {
        as: STAFF,
        json: { grantId: view.grantId },
      });
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
        [citizen, 'cobrowse:open', null],
        [citizen, 'cobrowse:open', { applicationId: 'LV-0000000001-00' }],
        [citizen, 'cobrowse:edit', null],
        [citizen, 'cobrowse:edit', { applicationId: app.id, pointer: 'phone', value: 1 }],
        [citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/x', value: 'y'.repeat(20_000) }],
        [citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/__proto__/polluted', value: 1 }],
        [staff, 'cobrowse:join', null],
        [staff, 'cobrowse:edit', null],
        [staff, 'cobrowse:reveal', { grantId }],
        [staff, 'cobrowse:reveal', null],
        [staff, 'cobrowse:leave', null],
        [staff, 'cobrowse:edit', { grantId, pointer: 42, value: 1 }],
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
});
