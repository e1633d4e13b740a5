// The e-service assistant's revocation and reconnection on the real stack: revoking ends the staff member's access
// at once (no edits either way, nothing submitted), and a dropped Socket.IO connection, the staff member's or the
// citizen's, recovers with nothing lost, while a revocation made during the drop is never undone by the recovery.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import {
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
  roundTrip,
  savedDraft,
  session,
  type Peer,
} from '../../helpers/assist';

/** The witness got the edit, so the node has sent its broadcast; a round trip on the peer's connection then
 * brings anything sent to it before: what it has not got by then, it was never sent. */
async function nothingMoreFor(peer: Peer, countBefore: number, witness: Peer, witnessMatch: (e: Peer['edits'][number]) => boolean) {
  await editArrived(witness, 'the witness edit', witnessMatch);
  await roundTrip(peer);
  expect(peer.edits.slice(countBefore), `${peer.persona} got edits it should not`).to.deep.equal([]);
}

describe('api/assist (e-service assistant): revocation and reconnection', () => {
  afterEach(() => closePeers());

  describe('revocation', () => {
    it("ends the staff member's access at once: ended event, no more edits either way", async () => {
      const { app, citizen, staff, grantId } = await session('assist');
      await edit(staff, { grantId, pointer: '/phone', value: '+371 20000006' });
      const since = await lastAuditId();
      const revoked = await call('POST', `/api/v1/assist-grants/${grantId}/revoke`, { as: 'citizen-anna' });
      expect(revoked.status).to.equal(200);
      expect(revoked.body).to.include({ active: false });
      expect(revoked.body.revokedAt).to.be.a('string');
      // The staff socket hears it at once: by the time the HTTP answer is back, the event is on its way.
      const ended = await arrived(
        staff,
        'ended',
        () => staff.ended,
        (e) => e.grantId === grantId,
      );
      expect(ended.reason).to.equal('revoked');
      await arrived(
        citizen,
        'nobody watches',
        () => citizen.watchers,
        (w) => w.watchers.length === 0,
      );
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
      // The edit made before the revocation is kept: autosaved in the next round, waited for, not assumed.
      await waitFor(
        'the edit before the revocation saved',
        async () => (await savedDraft(app.id)).data.phone === '+371 20000006',
        WAIT_MS,
        50,
      );
    });
  });

  describe('reconnection', () => {
    // The test reconnects the socket itself once everything "while away" is done (the same socket, so it asks for
    // recovery), instead of a reconnection delay that what happens while away has to beat.
    const flaky = { reconnection: false };

    async function dropAndRecover(peer: Peer, whileAway: () => Promise<void>) {
      const disconnected = new Promise<string>((resolve) => peer.socket.once('disconnect', (reason) => resolve(reason)));
      peer.socket.io.engine.close();
      expect(await disconnected).to.be.oneOf(['forced close', 'transport close']);
      await whileAway();
      expect(peer.socket.connected, 'still away').to.equal(false);
      const reconnected = new Promise<void>((resolve) => peer.socket.once('connect', () => resolve()));
      peer.socket.connect();
      await reconnected;
      return peer.socket.recovered;
    }

    it("recovers a staff member's dropped connection with nothing lost", async () => {
      const app = await openPrefilled();
      const citizen = await connectPeer('citizen-anna');
      citizen.load((await request(citizen, 'cobrowse:open', { applicationId: app.id })).snapshot);
      const { grantId } = await grantFor(app.id, 'assist');
      const staff = await connectPeer(STAFF, { io: flaky });
      staff.load((await request(staff, 'cobrowse:join', { grantId })).snapshot);
      await edit(citizen, { applicationId: app.id, pointer: '/email', value: 'before@example.lv' });
      await editArrived(staff, 'before', (e) => e.value === 'before@example.lv');

      const recovered = await dropAndRecover(staff, async () => {
        for (const v of ['a', 'ab', 'abc'])
          await edit(citizen, { applicationId: app.id, pointer: '/newAddress/text', value: `Brīvības ${v}` });
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

    it("recovers the citizen's dropped connection with nothing lost, and she can go on typing", async () => {
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
      await arrived(
        staff,
        'presence after recovery',
        () => staff.presence,
        (p) => p.step === 'after',
      );
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
      await arrived(
        staff,
        'ended',
        () => staff.ended,
        (e) => e.grantId === grantId,
      );
    });
  });
});
