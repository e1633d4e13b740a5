// The residence declaration end to end through the API: open (prefilled from the population register), autosave
// with versions, submit with field errors then valid data, address check, officer claim and decision, decision
// document, and one e-address message per status.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf, tokenFor } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dayFromToday } from '../../helpers/dates';

const validForm = (prefilled: Record<string, any>) => ({
  ...prefilled,
  newAddress: { text: 'Elizabetes iela 21 - 7, Rīga, LV-1010' },
  residenceBasis: 'tenant',
  residenceDocument: { kind: 'lease-agreement', number: 'D-2026/7', date: '2026-11-02' },
  declarationDate: dayFromToday(1),
  confirm: true,
});

async function openDeclaration(as = 'citizen-anna') {
  const opened = await call('POST', '/api/v1/applications', { as, json: { eserviceId: 'residence-declaration' } });
  expect(opened.status).to.equal(201);
  const id = opened.body.id as string;
  const prefilled = await waitFor('prefill', async () => {
    const r = await call('GET', `/api/v1/applications/${id}`, { as });
    return r.body.draft.data.applicant?.givenName ? r.body : null;
  });
  return { id, app: prefilled };
}

async function activeTaskOf(caseId: string) {
  return waitFor('task in the inbox', async () => {
    const inbox = await call('GET', '/api/v1/tasks?status=active', { as: 'officer-pmlp' });
    return inbox.body.items.find((t: any) => t.caseId === caseId);
  });
}

describe('api/applications', () => {
  it('runs the residence declaration from draft to decision document', async () => {
    const { id, app } = await openDeclaration();
    expect(app.status).to.equal('draft');
    expect(app.draft.data.applicant).to.deep.include({ givenName: 'Anna', familyName: 'Bērziņa', personalCode: '15038511239' });
    // What the population register holds now (seeded: Brīvības iela 100; other tests' approved declarations change it).
    const person = (await (await fetch(`${stack.simulators.urls.populationRegister}/persons/15038511239`)).json()) as {
      residence: { address: string };
    };
    expect(app.draft.data.currentAddress).to.equal(person.residence.address);

    // Autosave with optimistic versions.
    const v = app.draft.version as number;
    const saved = await call('PUT', `/api/v1/applications/${id}/draft`, {
      as: 'citizen-anna',
      json: { version: v, data: { ...app.draft.data, residenceBasis: 'owner' }, step: 'address' },
    });
    expect(saved.status).to.equal(200);
    expect(saved.body.version).to.equal(v + 1);
    const stale = await call('PUT', `/api/v1/applications/${id}/draft`, { as: 'citizen-anna', json: { version: v, data: {} } });
    expect(stale.status).to.equal(409);
    expect(stale.body.error.code).to.equal('stale_version');
    const reloaded = await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-anna' });
    expect(reloaded.body.draft).to.deep.include({ version: v + 1, step: 'address' });
    expect(reloaded.body.draft.data.residenceBasis).to.equal('owner');

    // Another citizen cannot see or touch it.
    expect((await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-janis' })).status).to.equal(404);
    expect(
      (await call('PUT', `/api/v1/applications/${id}/draft`, { as: 'citizen-janis', json: { version: v + 1, data: {} } })).status,
    ).to.equal(404);

    // Submitting an incomplete form: field-level errors.
    const incomplete = await call('POST', `/api/v1/applications/${id}/submit`, { as: 'citizen-anna', json: {} });
    expect(incomplete.status).to.equal(422);
    expect(incomplete.body.error.code).to.equal('form_invalid');
    const paths = incomplete.body.error.details.map((d: any) => d.path);
    expect(paths).to.include.members(['/newAddress', '/declarationDate', '/confirm']);

    const put = await call('PUT', `/api/v1/applications/${id}/draft`, {
      as: 'citizen-anna',
      json: { version: v + 1, data: validForm(reloaded.body.draft.data) },
    });
    expect(put.status).to.equal(200);
    const submitted = await call('POST', `/api/v1/applications/${id}/submit`, { as: 'citizen-anna', json: { version: put.body.version } });
    expect(submitted.status).to.equal(200);
    expect(submitted.body.status).to.equal('submitted');
    const again = await call('POST', `/api/v1/applications/${id}/submit`, { as: 'citizen-anna', json: {} });
    expect(again.status).to.equal(409);

    // The officer's inbox; the Update validator refuses unclaimed completion and other agencies.
    const task = await activeTaskOf(id);
    expect(task.outcomes).to.deep.equal(['approve', 'reject', 'requestInfo']);
    const unclaimed = await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      as: 'officer-pmlp',
      json: { outcome: 'approve' },
    });
    expect(unclaimed.status).to.equal(409);
    expect(unclaimed.body.error.code).to.equal('task_not_claimed');
    // Another agency's inbox: the task is not listed (not even when asked for by service) and cannot be read; to the
    // other agency it is as if it did not exist. Customer-centre staff and citizens have no inbox at all.
    const byService = '/api/v1/tasks?status=active&serviceId=residence-declaration&limit=100';
    const ownInbox = await call('GET', byService, { as: 'officer-pmlp' });
    expect(ownInbox.body.items.map((t: any) => t.caseId)).to.include(id);
    const otherInbox = await call('GET', byService, { as: 'officer-vid' });
    expect(otherInbox.status).to.equal(200);
    expect(otherInbox.body).to.deep.equal({ items: [], nextCursor: null, next: null });
    const otherRead = await call('GET', `/api/v1/tasks/${encodeURIComponent(task.id)}`, { as: 'officer-vid' });
    expect(otherRead.status).to.equal(404);
    expect(errorOf(otherRead)).to.deep.equal({ code: 'not_found', message: 'No such task.', details: [] });
    for (const persona of ['staff-vpvkac-riga', 'citizen-anna']) {
      const noInbox = await call('GET', '/api/v1/tasks', { as: persona });
      expect(noInbox.status, persona).to.equal(403);
      expect(errorOf(noInbox), persona).to.deep.equal({
        code: 'forbidden',
        message: 'This needs one of the roles: agency-officer, agency-admin.',
        details: [],
      });
    }
    const foreign = await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/claim`, { as: 'officer-vid' });
    expect(foreign.status).to.equal(403);
    expect(foreign.body.error.code).to.equal('task_of_other_agency');
    const claim = await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/claim`, { as: 'officer-pmlp' });
    expect(claim.status).to.equal(200);
    const details = await call('GET', `/api/v1/tasks/${encodeURIComponent(task.id)}`, { as: 'officer-pmlp' });
    expect(details.body.submittedData.newAddress.text).to.equal('Elizabetes iela 21 - 7, Rīga, LV-1010');
    const decided = await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      as: 'officer-pmlp',
      json: { outcome: 'approve' },
    });
    expect(decided.status).to.equal(200);
    expect(decided.body.status).to.equal('completed');

    const done = await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-anna' });
    expect(done.body.status).to.equal('completed');
    expect(done.body.history.map((h: any) => h.status)).to.deep.equal(['draft', 'submitted', 'in_progress', 'completed']);
    expect(done.body.documents).to.have.length(1);
    const pdf = await fetch(`${stack.api.url}${done.body.documents[0].href}`, {
      headers: { authorization: `Bearer ${await tokenFor('citizen-anna')}` },
    });
    expect(pdf.status).to.equal(200);
    expect(pdf.headers.get('content-type')).to.equal('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).to.equal('%PDF-');

    // Every status the workflow set reached the e-address mailbox exactly once, plus the "declared" notice.
    const messages = await waitFor('e-address copies', async () => {
      const r = await fetch(`${stack.simulators.urls.eAddress}/messages?recipientType=natural&recipientId=15038511239`);
      const mine = ((await r.json()) as { items: any[] }).items.filter((m) => m.caseId === id);
      return mine.length >= 4 ? mine : null;
    });
    const subjects = messages.map((m: any) => String(m.subject));
    expect(subjects.filter((t) => t.includes('Iesniegts'))).to.have.length(1);
    expect(subjects.filter((t) => t.includes('Apstrādē'))).to.have.length(1);
    expect(subjects.filter((t) => t.includes('Pabeigts'))).to.have.length(1);
    expect(subjects.filter((t) => t.includes('Dzīvesvieta deklarēta'))).to.have.length(1);
  });
});
