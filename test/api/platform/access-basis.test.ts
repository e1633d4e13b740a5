// Access follows the legal basis, at every request (api/platform/auth/policy.ts). Staff acting for a citizen (on a registered
// delegation, a recorded written mandate or a co-browsing consent) and a representative following the case lose
// access at the very next request once the citizen revokes the basis: HTTP read, HTTP write, socket write, socket
// read. Agency staff do not read an unsubmitted draft; the case register does not override a workflow; the audit
// says on what basis and for whom.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { recordMandate, uploadMandateDocument } from '../../helpers/mandates';
import {
  ANNA,
  JANIS,
  STAFF,
  auditRows,
  closePeers,
  connectPeer,
  edit,
  lastAuditId,
  request,
  roundTrip,
  session,
  type Peer,
} from '../../helpers/assist';

async function delegationToJanis(): Promise<string> {
  const until = (await stack.db.pool.query<{ d: string }>('SELECT (current_date + 30)::text AS d')).rows[0].d;
  const today = (await stack.db.pool.query<{ d: string }>('SELECT current_date::text AS d')).rows[0].d;
  const res = await call('POST', '/api/v1/me/delegations', {
    as: 'citizen-anna',
    json: { representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš' }, validFrom: today, validUntil: until, scope: 'all' },
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

async function openAtCounter(recipient: string, basis: Record<string, unknown>) {
  const opened = await call('POST', '/api/v1/assisted-applications', {
    as: STAFF,
    json: { eserviceId: 'residence-declaration', recipient: { type: 'natural', id: recipient }, basis },
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  const id = opened.body.id as string;
  return waitFor('prefill', async () => {
    const r = await call('GET', `/api/v1/applications/${id}`, { as: STAFF });
    return r.body.draft?.data.applicant?.givenName ? r.body : null;
  });
}

/** Each way someone acting for Anna reaches the draft: HTTP read, HTTP write, socket write (draft:save). */
async function staffReach(peer: Peer, app: { id: string }) {
  const as = peer.persona;
  const read = await call('GET', `/api/v1/applications/${app.id}`, { as });
  const version =
    read.body?.draft?.version ??
    (await stack.db.pool.query('SELECT draft_version FROM applications WHERE case_id = $1', [app.id])).rows[0].draft_version;
  const write = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
    as,
    json: { version, data: { ...(read.body?.draft?.data ?? {}), phone: '+371 20000001' } },
  });
  const fresh = write.status === 200 ? write.body.version : version;
  const socketWrite = await request(peer, 'draft:save', {
    applicationId: app.id,
    version: fresh,
    data: { ...(read.body?.draft?.data ?? {}), phone: '+371 20000002' },
  });
  return { read: read.status, write: write.status, socketWrite: socketWrite.ok ? 'ok' : socketWrite.error.code };
}

describe('api/auth/policy: access follows the legal basis', () => {
  afterEach(async () => {
    closePeers();
    await stack.db.pool.query('UPDATE delegations SET revoked_at = now() WHERE principal_id = $1 AND revoked_at IS NULL', [ANNA]);
  });

  it("a revoked delegation ends the counter staff's and the representative's access at the next request", async () => {
    const delegationId = await delegationToJanis();
    const app = await openAtCounter(ANNA, { type: 'delegation', delegationId });
    const staff = await connectPeer(STAFF);
    const janis = await connectPeer('citizen-janis');
    const anna = await connectPeer('citizen-anna');
    expect(await staffReach(staff, app)).to.deep.equal({ read: 200, write: 200, socketWrite: 'ok' });
    // Jānis, the representative on the delegation, may write Anna's draft too, and it is on record as done for her.
    const since = await lastAuditId();
    expect(await staffReach(janis, app)).to.deep.equal({ read: 200, write: 200, socketWrite: 'ok' });
    const wrote = await auditRows(since, { actor: 'citizen-janis', resource: `application:${app.id}/draft` });
    expect(wrote.filter((r) => r.action === 'update').map((r) => [r.purpose, r.on_behalf_of])).to.deep.equal([
      ['representative:delegation', `natural:${ANNA}`],
      ['representative:delegation', `natural:${ANNA}`],
    ]);
    expect((await call('GET', `/api/v1/cases/${app.id}`, { as: 'citizen-janis' })).status).to.equal(200);
    expect((await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-janis' })).status).to.equal(200);
    // On record: the representative's read is not Anna's own, and it was done for Anna.
    expect((await call('GET', '/api/v1/me/cases?limit=200', { as: 'citizen-janis' })).body.items.map((c: any) => c.id)).to.include(app.id);
    const reads = await auditRows(since, { actor: 'citizen-janis', resource: `case:${app.id}` });
    expect(reads).to.have.length(2); // the case, and the case in his list
    for (const r of reads)
      expect(r).to.include({
        actor_type: 'citizen',
        purpose: 'representative:delegation',
        on_behalf_of: `natural:${ANNA}`,
        subject_id: ANNA,
      });

    expect((await call('POST', `/api/v1/me/delegations/${delegationId}/revoke`, { as: 'citizen-anna' })).status).to.equal(200);
    expect(await staffReach(staff, app)).to.deep.equal({ read: 404, write: 404, socketWrite: 'not_found' });
    expect(await staffReach(janis, app)).to.deep.equal({ read: 404, write: 404, socketWrite: 'not_found' });
    expect((await call('GET', `/api/v1/cases/${app.id}`, { as: 'citizen-janis' })).status).to.equal(404);
    const listed = await call('GET', '/api/v1/me/cases?limit=200', { as: 'citizen-janis' });
    expect(listed.body.items.map((c: any) => c.id)).to.not.include(app.id);
    // Socket read: the next status of the case reaches Anna, not Jānis any more.
    const annaHeard: any[] = [];
    const janisHeard: any[] = [];
    anna.socket.on('case:status', (e) => annaHeard.push(e));
    janis.socket.on('case:status', (e) => janisHeard.push(e));
    expect((await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} })).status).to.equal(200);
    await waitFor('Anna hears of the withdrawal', async () => annaHeard.find((e) => e.caseId === app.id && e.status === 'withdrawn'));
    // One emit serves both rooms, so it was sent to Jānis (if at all) before Anna got it; his round trip brings it.
    await roundTrip(janis);
    expect(janisHeard.filter((e) => e.caseId === app.id)).to.deep.equal([]);
  });

  it('a written mandate is a record: the representative checked in the register, the document uploaded, valid now', async () => {
    const mandate = (json: Record<string, unknown>) => call('POST', '/api/v1/mandates', { as: STAFF, json });
    const documentId = await uploadMandateDocument(STAFF);
    const base = {
      principal: { type: 'natural', id: ANNA },
      representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš' },
      documentId,
      validFrom: '2026-01-01',
      scope: 'all',
    };
    const madeUp = await mandate({ ...base, representative: { type: 'natural', id: JANIS, name: 'Pēteris Parauds' } });
    expect([madeUp.status, madeUp.body.error.code]).to.deep.equal([422, 'representative_mismatch']);
    const expired = await mandate({ ...base, validFrom: '2025-01-01', validUntil: '2025-12-31' });
    expect([expired.status, expired.body.error.code, expired.body.error.details[0].code]).to.deep.equal([
      422,
      'invalid_mandate',
      'expired',
    ]);
    const noDocument = await mandate({ ...base, documentId: '00000000-0000-4000-8000-000000000000' });
    expect([noDocument.status, noDocument.body.error.code]).to.deep.equal([422, 'unknown_document']);
    const notHers = await call('POST', '/api/v1/mandate-documents', {
      as: STAFF,
      body: 'x',
      headers: { 'content-type': 'application/x-msdownload' },
    });
    expect(notHers.status).to.equal(415);
    // Another counter cannot record a mandate on a document this staff member uploaded.
    expect((await call('POST', '/api/v1/mandates', { as: 'officer-pmlp', json: base })).body.error.code).to.equal('unknown_document');
    const recorded = await mandate(base);
    expect(recorded.status, JSON.stringify(recorded.body)).to.equal(201);
    expect(recorded.body).to.deep.include({
      principal: { type: 'natural', id: ANNA },
      status: 'active',
      recordedBy: STAFF,
      recordedOffice: 'vpvkac-riga',
    });
    expect(recorded.body.document).to.include({ id: documentId, contentType: 'application/pdf' });
    // A document records one mandate; a mandate is a basis only for whom it was given by.
    expect((await mandate(base)).body.error.code).to.equal('unknown_document');
    const forJanis = await call('POST', '/api/v1/assisted-applications', {
      as: STAFF,
      json: {
        eserviceId: 'residence-declaration',
        recipient: { type: 'natural', id: JANIS },
        basis: { type: 'mandate', mandateId: recorded.body.id },
      },
    });
    expect([forJanis.status, forJanis.body.error.code]).to.deep.equal([422, 'no_mandate']);
    const free = await call('POST', '/api/v1/assisted-applications', {
      as: STAFF,
      json: {
        eserviceId: 'residence-declaration',
        recipient: { type: 'natural', id: ANNA },
        basis: { type: 'mandate', reference: 'Nr. 1' },
      },
    });
    expect(free.status).to.equal(400); // a free-text reference is no basis any more
    expect((await call('GET', '/api/v1/me/mandates', { as: 'citizen-anna' })).body.items.map((m: any) => m.id)).to.include(
      recorded.body.id,
    );
    await call('POST', `/api/v1/me/mandates/${recorded.body.id}/revoke`, { as: 'citizen-anna' });
  });

  it("a revoked written mandate ends the counter staff's access at the next request", async () => {
    const mandateId = await recordMandate(STAFF, ANNA, { id: JANIS, name: 'Jānis Kalniņš' });
    const app = await openAtCounter(ANNA, { type: 'mandate', mandateId });
    const staff = await connectPeer(STAFF);
    expect(await staffReach(staff, app)).to.deep.equal({ read: 200, write: 200, socketWrite: 'ok' });
    const { rows } = await stack.db.pool.query(
      'SELECT representative_id, representative_basis, representative_basis_ref, acting_basis_ref FROM cases WHERE id = $1',
      [app.id],
    );
    expect(rows[0]).to.deep.equal({
      representative_id: JANIS,
      representative_basis: 'mandate',
      representative_basis_ref: mandateId,
      acting_basis_ref: mandateId,
    });
    expect((await call('POST', `/api/v1/me/mandates/${mandateId}/revoke`, { as: 'citizen-janis' })).status).to.equal(404); // not his to revoke
    expect((await call('POST', `/api/v1/me/mandates/${mandateId}/revoke`, { as: 'citizen-anna' })).status).to.equal(200);
    expect(await staffReach(staff, app)).to.deep.equal({ read: 404, write: 404, socketWrite: 'not_found' });
    expect((await call('GET', `/api/v1/cases/${app.id}`, { as: 'citizen-janis' })).status).to.equal(404);
    const submit = await call('POST', `/api/v1/applications/${app.id}/submit-on-behalf`, { as: STAFF, json: {} });
    expect(submit.body.error.code).to.equal('no_basis');
  });

  it("a revoked consent ends the co-browsing staff member's access at the next request, HTTP and socket", async () => {
    const { app, staff, grantId } = await session('assist');
    const since = await lastAuditId();
    expect(await staffReach(staff, app)).to.deep.equal({ read: 200, write: 200, socketWrite: 'ok' });
    const written = [
      ...(await auditRows(since, { actor: STAFF, resource: `application:${app.id}` })),
      ...(await auditRows(since, { actor: STAFF, resource: `application:${app.id}/draft` })),
    ];
    expect(written.map((r) => [r.action, r.purpose, r.on_behalf_of])).to.deep.include.members([
      ['read', 'act-for:consent', `natural:${ANNA}`],
      ['update', 'act-for:consent', `natural:${ANNA}`],
    ]);
    expect((await call('POST', `/api/v1/assist-grants/${grantId}/revoke`, { as: 'citizen-anna' })).status).to.equal(200);
    expect(await staffReach(staff, app)).to.deep.equal({ read: 404, write: 404, socketWrite: 'not_found' });
    expect((await edit(staff, { grantId, pointer: '/phone', value: '+371 20000009' })).error.code).to.equal('no_consent');
    expect((await request(staff, 'cobrowse:reveal', { grantId, pointer: '/phone' })).error.code).to.equal('no_consent');
  });

  it('agency staff do not read an unsubmitted draft; the case register does not override the workflow', async () => {
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
    const id = opened.body.id as string;
    expect((await call('GET', `/api/v1/applications/${id}`, { as: 'officer-pmlp' })).status).to.equal(404);
    expect((await call('GET', `/api/v1/cases/${id}`, { as: 'system-pmlp' })).status).to.equal(404);
    const listed = await call('GET', '/api/v1/cases?limit=200&status=draft', { as: 'officer-pmlp' });
    expect(listed.body.items.map((c: any) => c.id)).to.not.include(id);
    // An agency system cannot move the citizen's draft to submitted (or anywhere): only its workflow does.
    const moved = await call('POST', `/api/v1/cases/${id}/status`, { as: 'system-pmlp', json: { status: 'submitted' } });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(409);
    expect(moved.body.error.code).to.equal('case_managed_by_workflow');
    const { rows } = await stack.db.pool.query('SELECT status FROM cases WHERE id = $1', [id]);
    expect(rows[0].status).to.equal('draft');
    await call('POST', `/api/v1/applications/${id}/withdraw`, { as: 'citizen-anna', json: {} });
  });
});
