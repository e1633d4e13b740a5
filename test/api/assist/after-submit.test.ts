// Once an application has left draft, co-browse edits are refused with `not_draft` on both sides (they used to be
// acknowledged and then silently dropped by the autosave): right after a submission on the citizen's behalf or by
// the citizen, after one made by another process (the status notification tells the node), and with a cold store
// (the saved draft tells). Staff refusals are audited; the saved draft and the submitted data do not change.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dwellingAddresses, residenceForm } from '../../helpers/applications';
import {
  STAFF,
  WAIT_MS,
  afterAutosaveRound,
  auditRows,
  closePeers,
  connectPeer,
  grantFor,
  lastAuditId,
  openPrefilled,
  request,
  roundTrip,
  savedDraft,
  type Peer,
} from '../../helpers/assist';
import { applicationWorkflowId, submitUpdate } from '../../../workflows/application/api';

const ADDRESS = dwellingAddresses[2];
const edit = (peer: Peer, message: Record<string, unknown>) => request(peer, 'cobrowse:edit', message);

/** Statuses pushed to a peer as `cobrowse:status`. */
function statuses(peer: Peer): Array<{ applicationId: string; status: string }> {
  const seen: Array<{ applicationId: string; status: string }> = [];
  peer.socket.on('cobrowse:status', (m: { applicationId: string; status: string }) => {
    seen.push(m);
  });
  return seen;
}

async function session() {
  const app = await openPrefilled();
  const citizen = await connectPeer('citizen-anna');
  const opened = await request(citizen, 'cobrowse:open', { applicationId: app.id });
  expect(opened.ok, JSON.stringify(opened)).to.equal(true);
  citizen.load(opened.snapshot);
  const { grantId } = await grantFor(app.id, 'assist');
  const staff = await connectPeer(STAFF);
  const joined = await request(staff, 'cobrowse:join', { grantId });
  expect(joined.ok, JSON.stringify(joined)).to.equal(true);
  staff.load(joined.snapshot);
  return { app, citizen, staff, grantId, citizenSaw: statuses(citizen), staffSaw: statuses(staff) };
}

/** Both sides try to change a field: each is refused with not_draft and the staff refusal is audited. */
async function bothRefused(caseId: string, citizen: Peer, staff: Peer, grantId: string) {
  const since = await lastAuditId();
  const byStaff = await edit(staff, { grantId, pointer: '/phone', value: '+371 29999991' });
  expect(byStaff, 'staff edit').to.deep.include({ ok: false });
  expect(byStaff.error.code).to.equal('not_draft');
  const byCitizen = await edit(citizen, { applicationId: caseId, pointer: '/email', value: 'late@example.lv' });
  expect(byCitizen, 'citizen edit').to.deep.include({ ok: false });
  expect(byCitizen.error.code).to.equal('not_draft');
  const rows = await auditRows(since, { actor: STAFF, purpose: 'edit-refused:not_draft', resource: `application:${caseId}` });
  expect(rows).to.have.length(1);
  expect(rows[0].details).to.deep.include({ grantId, pointer: '/phone' });
}

async function fillIn(staff: Peer, citizen: Peer, caseId: string, grantId: string) {
  for (const [pointer, value] of [
    ['/newAddress/text', ADDRESS.text],
    ['/newAddress/code', ADDRESS.code],
    ['/residenceBasis', 'owner'],
    ['/declarationDate', '2026-12-07'],
  ] as const) {
    expect((await edit(staff, { grantId, pointer, value })).ok).to.equal(true);
  }
  expect((await edit(citizen, { applicationId: caseId, pointer: '/confirm', value: true })).ok).to.equal(true);
}

describe('api/assist: edits after the application left draft', () => {
  afterEach(() => closePeers());

  it("refuses both sides at once after staff submit on the citizen's behalf, and tells both screens", async () => {
    const { app, citizen, staff, grantId, citizenSaw, staffSaw } = await session();
    await fillIn(staff, citizen, app.id, grantId);
    const submitted = await call('POST', `/api/v1/applications/${app.id}/submit-on-behalf`, { as: STAFF, json: { grantId } });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
    const draftThen = await savedDraft(app.id);

    // No waiting: the node that submitted knows before it answers.
    await bothRefused(app.id, citizen, staff, grantId);
    for (const [who, seen] of [
      ['citizen', citizenSaw],
      ['staff', staffSaw],
    ] as const) {
      const news = await waitFor(`${who} told`, async () => seen.find((s) => s.applicationId === app.id), WAIT_MS, 10);
      expect(news.status, who).to.not.equal('draft');
    }
    // Nothing of it reaches the other screen (a round trip on each connection brings whatever was sent before it),
    // the draft or the submitted data.
    await Promise.all([roundTrip(citizen), roundTrip(staff)]);
    expect(citizen.edits.map((e) => e.value)).to.not.include('+371 29999991');
    expect(staff.edits.map((e) => e.value)).to.not.include('late@example.lv');
    await afterAutosaveRound(citizen); // a refused edit that had been queued would be saved by now
    expect(await savedDraft(app.id)).to.deep.equal(draftThen);
    const { rows } = await stack.db.pool.query('SELECT submitted_data FROM applications WHERE case_id = $1', [app.id]);
    expect(rows[0].submitted_data).to.not.have.property('email');
    expect(rows[0].submitted_data.phone).to.not.equal('+371 29999991');
  });

  it('refuses both sides after the citizen submits herself', async () => {
    const { app, citizen, staff, grantId } = await session();
    await fillIn(staff, citizen, app.id, grantId);
    const submitted = await call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-anna', json: {} });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
    await bothRefused(app.id, citizen, staff, grantId);
  });

  it('learns of a submission made by another process from the status notification, and of an old one from the draft', async () => {
    const { app, citizen, staff, grantId, citizenSaw, staffSaw } = await session();
    // Submitted straight through Temporal, as another API node or process would: this node's routes never see it.
    const data = residenceForm(app.draft.data, 2);
    const handle = stack.temporal.client.workflow.getHandle(applicationWorkflowId(app.id));
    await handle.executeUpdate(submitUpdate, { args: [{ data, actor: { type: 'citizen', id: 'citizen-anna', name: 'Anna Bērziņa' } }] });
    await waitFor('status news on both screens', async () => citizenSaw.length > 0 && staffSaw.length > 0, WAIT_MS, 10);
    await bothRefused(app.id, citizen, staff, grantId);

    // Nobody co-browsed this one when it was submitted; opened later, its first edit is refused from the saved draft.
    const quiet = await openPrefilled();
    await stack.temporal.client.workflow.getHandle(applicationWorkflowId(quiet.id)).executeUpdate(submitUpdate, {
      args: [{ data: residenceForm(quiet.draft.data, 3), actor: { type: 'citizen', id: 'citizen-anna', name: 'Anna Bērziņa' } }],
    });
    const later = await connectPeer('citizen-anna');
    expect((await request(later, 'cobrowse:open', { applicationId: quiet.id })).ok).to.equal(true);
    const refused = await edit(later, { applicationId: quiet.id, pointer: '/email', value: 'cold@example.lv' });
    expect(refused.error.code).to.equal('not_draft');
  });

  it('refuses edits after the citizen withdraws her draft', async () => {
    const { app, citizen, staff, grantId } = await session();
    const withdrawn = await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    await bothRefused(app.id, citizen, staff, grantId);
  });
});
