// What the officer sees of an application (issue 17): the register checks the workflow made, what the citizen changed
// in each answer (previous and new value), the files she sent, downloadable by the citizen, her representative and
// the agency only (audited, as attachments with safe headers); and a task re-opened by her answer goes back to the
// officer who asked.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf, tokenFor } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { submitPastAddressCheck } from '../../helpers/applications';
import { auditRows, lastAuditId } from '../../helpers/assist';
import { dayFromToday } from '../../helpers/dates';

const ANNA = '15038511239';
const JANIS = '02117814569';
const UNKNOWN_ADDRESS = 'Nekurienes iela 1, Rīga';
const KNOWN_ADDRESS = 'Dzirnavu iela 67 - 22, Rīga, LV-1011';

async function application(id: string) {
  return (await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-anna' })).body;
}

async function download(path: string, as?: string) {
  const headers: Record<string, string> = as ? { authorization: `Bearer ${await tokenFor(as)}` } : {};
  const res = await fetch(`${stack.api.url}${path}`, { headers });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

describe('api/applications (the officer’s view: changes, register checks, attachments)', function () {
  this.timeout(120_000);
  let caseId: string;
  let taskId: string;
  let lease: { id: string; href: string };

  before(async () => {
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
    expect(opened.status).to.equal(201);
    const app = await waitFor('prefill', async () => {
      const r = await application(opened.body.id);
      return r.draft.data.applicant?.givenName ? r : null;
    });
    caseId = app.id;
    const data = {
      ...app.draft.data,
      newAddress: { text: UNKNOWN_ADDRESS },
      residenceBasis: 'other',
      residenceDocument: { kind: 'owner-consent', number: 'D-2026/7', date: '2026-11-02' },
      declarationDate: dayFromToday(15),
      confirm: true,
    };
    const saved = await call('PUT', `/api/v1/applications/${caseId}/draft`, {
      as: 'citizen-anna',
      json: { version: app.draft.version, data },
    });
    await submitPastAddressCheck(stack.simulators.urls.addressRegister, () =>
      call('POST', `/api/v1/applications/${caseId}/submit`, { as: 'citizen-anna', json: { version: saved.body.version } }),
    );
    // The address check fails: Anna is asked; she corrects the address and sends a text file with it.
    await waitFor('the address check to ask', async () => (await application(caseId)).status === 'info_requested');
    const upload = await call('POST', `/api/v1/applications/${caseId}/files`, {
      as: 'citizen-anna',
      body: 'Īres līgums\n<script>alert(1)</script>\n',
      headers: { 'content-type': 'text/plain', 'x-file-name': 'lease.txt' },
    });
    expect(upload.status).to.equal(201);
    const answered = await call('POST', `/api/v1/applications/${caseId}/info`, {
      as: 'citizen-anna',
      json: { data: { newAddress: { text: KNOWN_ADDRESS } }, fileIds: [upload.body.id] },
    });
    expect(answered.status, JSON.stringify(answered.body)).to.equal(200);
    const task = await waitFor('the task', async () =>
      (await call('GET', '/api/v1/tasks?limit=200&sort=-created_at', { as: 'officer-pmlp' })).body.items.find(
        (t: any) => t.caseId === caseId,
      ),
    );
    taskId = task.id;
  });

  it('shows the register checks, what the citizen changed (previous and new value) and her files with links', async () => {
    const view = await call('GET', `/api/v1/tasks/${encodeURIComponent(taskId)}`, { as: 'officer-pmlp' });
    expect(view.status).to.equal(200);
    expect(view.body.registerChecks.map((c: any) => [c.stepId, c.attempt, c.register, c.operation, c.passed])).to.deep.equal([
      ['check-address', 1, 'address-register', 'validate', false],
      ['check-address', 2, 'address-register', 'validate', true],
    ]);
    expect(view.body.registerChecks[1].result.valid).to.equal(true);
    expect(view.body.changes).to.have.length(1);
    expect(view.body.changes[0].fields).to.deep.equal([{ pointer: '/newAddress/text', previous: UNKNOWN_ADDRESS, value: KNOWN_ADDRESS }]);
    expect(view.body.currentData.newAddress).to.deep.equal({ text: KNOWN_ADDRESS });
    expect(view.body.currentData).to.not.have.property('additionalInformation');
    expect(view.body.submittedData.newAddress.text, 'as submitted').to.equal(UNKNOWN_ADDRESS);
    const [file] = view.body.files;
    expect(file).to.deep.include({
      fileName: 'lease.txt',
      contentType: 'text/plain',
      href: `/api/v1/applications/${caseId}/files/${file.id}`,
    });
    expect(view.body.changes[0].fileIds).to.deep.equal([file.id]);
    lease = file;
  });

  it('lets the officer of the agency open the file: an attachment, its type, nosniff, audited as a read', async () => {
    const since = await lastAuditId();
    const res = await download(lease.href, 'officer-pmlp');
    expect(res.status).to.equal(200);
    expect(res.body.toString('utf8')).to.equal('Īres līgums\n<script>alert(1)</script>\n');
    expect(res.headers.get('content-type')).to.equal('text/plain; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.equal('attachment; filename="lease.txt"');
    expect(res.headers.get('x-content-type-options')).to.equal('nosniff');
    expect(res.headers.get('content-security-policy')).to.contain('sandbox');
    expect(res.headers.get('cache-control')).to.contain('no-store');
    const audited = await auditRows(since, { actor: 'officer-pmlp', resource: `application-file:${lease.id}` });
    expect(audited.map((r) => [r.action, r.purpose, r.subject_id])).to.deep.equal([['read', 'case-handling', ANNA]]);
  });

  it('lets the citizen and her representative open it; everyone else gets 404 (or 403 by role)', async () => {
    expect((await download(lease.href, 'citizen-anna')).status).to.equal(200);
    const stranger = await call('GET', lease.href, { as: 'citizen-janis' });
    expect(stranger.status).to.equal(404);
    expect(errorOf(stranger).code).to.equal('not_found');
    // Jānis, named on the case as her legal representative, follows it and may open the file (on record for Anna).
    await stack.db.pool.query(
      "UPDATE cases SET representative_type = 'natural', representative_id = $2, representative_basis = 'legal_representative' WHERE id = $1",
      [caseId, JANIS],
    );
    try {
      const since = await lastAuditId();
      expect((await download(lease.href, 'citizen-janis')).status).to.equal(200);
      const audited = await auditRows(since, { actor: 'citizen-janis', resource: `application-file:${lease.id}` });
      expect(audited.map((r) => [r.purpose, r.on_behalf_of])).to.deep.equal([['representative:legal_representative', `natural:${ANNA}`]]);
    } finally {
      await stack.db.pool.query(
        'UPDATE cases SET representative_type = NULL, representative_id = NULL, representative_basis = NULL WHERE id = $1',
        [caseId],
      );
    }
    expect((await call('GET', lease.href, { as: 'citizen-janis' })).status, 'no longer named').to.equal(404);
    expect((await call('GET', lease.href, { as: 'officer-vid' })).status, 'another agency').to.equal(404);
    expect((await call('GET', lease.href, { as: 'staff-vpvkac-riga' })).status, 'counter staff').to.equal(403);
    expect((await call('GET', lease.href)).status, 'signed out').to.equal(401);
    const unknown = await call('GET', `/api/v1/applications/${caseId}/files/00000000-0000-4000-8000-000000000000`, { as: 'officer-pmlp' });
    expect(unknown.status).to.equal(404);
    const malformed = await call('GET', `/api/v1/applications/${caseId}/files/not-a-uuid`, { as: 'officer-pmlp' });
    expect(malformed.status).to.equal(404);
    const badCase = await call('GET', `/api/v1/applications/LV-123/files/${lease.id}`, { as: 'officer-pmlp' });
    expect(badCase.status).to.equal(400);
    expect(errorOf(badCase).code).to.equal('invalid_case_id');
  });

  it('a task re-opened by the answer goes back to the officer who asked, and lists both answers', async () => {
    await call('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/claim`, { as: 'officer-pmlp' });
    const asked = await call('POST', `/api/v1/tasks/${encodeURIComponent(taskId)}/complete`, {
      as: 'officer-pmlp',
      json: { outcome: 'requestInfo', message: 'Norādiet tiesisko pamatu.' },
    });
    expect(asked.body.status).to.equal('info_requested');
    const answered = await call('POST', `/api/v1/applications/${caseId}/info`, {
      as: 'citizen-anna',
      json: { data: { residenceBasis: 'tenant' }, fileIds: [] },
    });
    expect(answered.status).to.equal(200);
    const reopened = await waitFor('the re-opened task, claimed', async () => {
      const items = (await call('GET', '/api/v1/tasks?limit=200&mine=true', { as: 'officer-pmlp' })).body.items;
      return items.find((t: any) => t.caseId === caseId && t.id !== taskId && t.status === 'claimed');
    });
    expect(reopened.claimedBy).to.equal('officer-pmlp');
    const other = await call('POST', `/api/v1/tasks/${encodeURIComponent(reopened.id)}/claim`, { as: 'officer-vid' });
    expect(other.status, 'another agency').to.be.oneOf([403, 404]);
    const view = await call('GET', `/api/v1/tasks/${encodeURIComponent(reopened.id)}`, { as: 'officer-pmlp' });
    expect(view.body.changes.map((c: any) => c.fields)).to.deep.equal([
      [{ pointer: '/newAddress/text', previous: UNKNOWN_ADDRESS, value: KNOWN_ADDRESS }],
      [{ pointer: '/residenceBasis', previous: 'other', value: 'tenant' }],
    ]);
    expect(view.body.currentData.residenceBasis).to.equal('tenant');
    const approved = await call('POST', `/api/v1/tasks/${encodeURIComponent(reopened.id)}/complete`, {
      as: 'officer-pmlp',
      json: { outcome: 'approve' },
    });
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  });
});
