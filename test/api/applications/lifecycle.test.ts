// Applications beyond the happy path: the information e-service answered at once, a request for more information
// answered with a file, withdrawal, draft expiry with its reminder, and autosave over Socket.IO.
import { expect } from 'chai';
import { io, type Socket } from 'socket.io-client';
import { stack } from '../../setup';
import { call, errorOf, tokenFor } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { uniqueSuffix } from '../../helpers/cases';
import { shippedDefinition } from '../../../scripts/seed/eservices';
import { API_SCHEMA_BASE, createValidator } from '../../../forms/validator';
import { toDetails } from '../../../forms/validation';
import { dayFromToday } from '../../helpers/dates';

// Every draft:save acknowledgement is checked against forms/api/draft-socket.schema.json#/$defs/draftSaveAck.
const draftAck = createValidator({ strict: true, useDefaults: false, schemas: ['api'] }).getSchema(
  `${API_SCHEMA_BASE}draft-socket.schema.json#/$defs/draftSaveAck`,
);

async function openAndPrefill(eserviceId: string, as = 'citizen-anna') {
  const opened = await call('POST', '/api/v1/applications', { as, json: { eserviceId } });
  expect(opened.status).to.equal(201);
  return opened.body;
}

describe('api/applications (lifecycle)', () => {
  it('answers the declared-address statement at once from the register, with a document', async () => {
    const app = await openAndPrefill('declared-address-statement');
    const submit = await call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-anna', json: {} });
    expect(submit.status).to.equal(200, JSON.stringify(submit.body));
    const done = await waitFor('answered', async () => {
      const r = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
      return r.body.status === 'answered' ? r.body : null;
    });
    expect(done.documents).to.have.length(1);
    expect(done.statusLabel.en).to.match(/^The statement is ready\. Declared address: \S/);
    const mine = await call('GET', '/api/v1/me/cases', { as: 'citizen-anna' });
    expect(mine.body.items.find((c: any) => c.id === app.id).status).to.equal('answered');
  });

  it('asks for more information, takes the answer with a file and continues to a decision', async () => {
    const opened = await openAndPrefill('residence-declaration');
    const app = await waitFor('prefill', async () => {
      const r = await call('GET', `/api/v1/applications/${opened.id}`, { as: 'citizen-anna' });
      return r.body.draft.data.applicant?.givenName ? r.body : null;
    });
    const data = {
      ...app.draft.data,
      newAddress: { text: 'Dzirnavu iela 67 - 22, Rīga, LV-1011' },
      residenceBasis: 'other',
      residenceDocument: { kind: 'owner-consent', number: 'PK-2026/5', date: dayFromToday(-3) },
      declarationDate: dayFromToday(15),
      confirm: true,
    };
    const saved = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
      as: 'citizen-anna',
      json: { version: app.draft.version, data },
    });
    expect(
      (await call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-anna', json: { version: saved.body.version } })).status,
    ).to.equal(200);

    const task = await waitFor('task', async () =>
      (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === app.id),
    );
    await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/claim`, { as: 'officer-pmlp' });
    const noMessage = await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      as: 'officer-pmlp',
      json: { outcome: 'requestInfo' },
    });
    expect(noMessage.status).to.equal(422);
    expect(noMessage.body.error.code).to.equal('message_required');
    const asked = await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, {
      as: 'officer-pmlp',
      json: { outcome: 'requestInfo', message: 'Pievienojiet īres līgumu.' },
    });
    expect(asked.body).to.deep.include({ status: 'info_requested', label: 'Pievienojiet īres līgumu.' });

    const upload = await call('POST', `/api/v1/applications/${app.id}/files`, {
      as: 'citizen-anna',
      body: '%PDF-1.4 lease',
      headers: { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('īres līgums.pdf') },
    });
    expect(upload.status).to.equal(201);
    const badType = await call('POST', `/api/v1/applications/${app.id}/files`, {
      as: 'citizen-anna',
      body: 'MZ',
      headers: { 'content-type': 'application/x-msdownload' },
    });
    expect(badType.status).to.equal(415);
    expect(errorOf(badType).code).to.equal('unsupported_media_type');
    const foreignFile = await call('POST', `/api/v1/applications/${app.id}/info`, {
      as: 'citizen-anna',
      json: { data: {}, fileIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(foreignFile.status).to.equal(422);
    expect(errorOf(foreignFile)).to.deep.include({ code: 'unknown_file', message: 'A file id is not a file of this application.' });
    expect(errorOf(foreignFile).details.map((d) => [d.path, d.code])).to.deep.equal([['/fileIds', 'unknown_file']]);
    const answered = await call('POST', `/api/v1/applications/${app.id}/info`, {
      as: 'citizen-anna',
      json: { data: { residenceBasis: 'tenant' }, fileIds: [upload.body.id] },
    });
    expect(answered.status).to.equal(200);
    expect(answered.body.status).to.equal('in_progress');
    const twice = await call('POST', `/api/v1/applications/${app.id}/info`, { as: 'citizen-anna', json: { data: {} } });
    expect(twice.status).to.equal(409);
    expect(errorOf(twice).code).to.equal('info_not_requested');

    const second = await waitFor('second task', async () =>
      (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === app.id && t.id !== task.id),
    );
    const view = await call('GET', `/api/v1/tasks/${encodeURIComponent(second.id)}`, { as: 'officer-pmlp' });
    expect(view.body.files.map((f: any) => f.fileName)).to.deep.equal(['īres līgums.pdf']);
    expect(view.body.submittedData.additionalInformation[0].residenceBasis).to.equal('tenant');
    await call('POST', `/api/v1/tasks/${encodeURIComponent(second.id)}/claim`, { as: 'officer-pmlp' });
    const rejected = await call('POST', `/api/v1/tasks/${encodeURIComponent(second.id)}/complete`, {
      as: 'officer-pmlp',
      json: { outcome: 'reject', message: 'Līgums nav derīgs.' },
    });
    expect(rejected.body.status).to.equal('rejected');
    const withdraw = await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
    expect(withdraw.status).to.equal(409);
    expect(errorOf(withdraw).code).to.equal('application_ended');
  });

  it('lets the citizen withdraw while the application waits for the officer', async () => {
    const opened = await openAndPrefill('residence-declaration', 'citizen-janis');
    const app = await waitFor('prefill', async () => {
      const r = await call('GET', `/api/v1/applications/${opened.id}`, { as: 'citizen-janis' });
      return r.body.draft.data.applicant?.givenName ? r.body : null;
    });
    const data = {
      ...app.draft.data,
      newAddress: { text: 'Purvciema iela 12 - 30, Rīga, LV-1035' },
      residenceBasis: 'owner',
      declarationDate: dayFromToday(20),
      confirm: true,
    };
    await call('PUT', `/api/v1/applications/${app.id}/draft`, { as: 'citizen-janis', json: { version: app.draft.version, data } });
    await call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-janis', json: {} });
    const task = await waitFor('task', async () =>
      (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === app.id),
    );
    const w = await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-janis', json: { reason: 'Pārdomāju' } });
    expect(w.status).to.equal(200);
    expect(w.body.status).to.equal('withdrawn');
    const t = await stack.db.pool.query('SELECT status FROM tasks WHERE id = $1', [task.id]);
    expect(t.rows[0].status).to.equal('cancelled');
    const claim = await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/claim`, { as: 'officer-pmlp' });
    expect(claim.status).to.equal(409);
    // The workflow has ended with the withdrawal: the task cannot be claimed, and the refusal says why.
    expect(errorOf(claim)).to.deep.equal({ code: 'application_ended', message: 'The application is no longer running.', details: [] });
  });

  it('reminds before a draft expires and withdraws it when it does', async () => {
    const id = `test-short-draft-${uniqueSuffix()}`;
    const def = { ...shippedDefinition('declared-address-statement'), id, draft: { ttl: '3 seconds', reminderBefore: '2 seconds' } };
    await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: def });
    expect((await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' })).status).to.equal(201);
    const app = await openAndPrefill(id, 'citizen-janis');
    const expired = await waitFor(
      'expiry',
      async () => {
        const r = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-janis' });
        return r.body.status === 'withdrawn' ? r.body : null;
      },
      30_000,
    );
    expect(expired.statusLabel.en).to.equal('The draft expired');
    const reminders = await stack.db.pool.query('SELECT subject_en FROM notifications WHERE case_id = $1', [app.id]);
    expect(reminders.rows.map((r) => r.subject_en)).to.deep.equal(['Your draft application will expire soon']);
    const late = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
      as: 'citizen-janis',
      json: { version: app.draft.version, data: {} },
    });
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('not_draft');
  });

  it('waits, with the reason shown, while a register is down, and continues when it is back', async function () {
    this.timeout(90_000);
    const faults = `${stack.simulators.urls.addressRegister}/_faults`;
    const opened = await openAndPrefill('residence-declaration', 'citizen-janis');
    const app = await waitFor('prefill', async () => {
      const r = await call('GET', `/api/v1/applications/${opened.id}`, { as: 'citizen-janis' });
      return r.body.draft.data.applicant?.givenName ? r.body : null;
    });
    const data = {
      ...app.draft.data,
      newAddress: { text: 'Āgenskalna iela 18 - 3, Rīga, LV-1046' },
      residenceBasis: 'tenant',
      residenceDocument: { kind: 'lease-agreement', number: 'D-2026/7', date: '2026-11-02' },
      declarationDate: dayFromToday(21),
      confirm: true,
    };
    await call('PUT', `/api/v1/applications/${app.id}/draft`, { as: 'citizen-janis', json: { version: app.draft.version, data } });
    await fetch(faults, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outage: true }) });
    try {
      await call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-janis', json: {} });
      const waiting = await waitFor('waiting for the register', async () => {
        const r = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-janis' });
        return r.body.waitingFor === 'address-register' ? r.body : null;
      });
      expect(waiting.status).to.equal('submitted');
    } finally {
      await fetch(faults, { method: 'DELETE' });
    }
    const task = await waitFor(
      'the check to pass and the task to open',
      async () => (await call('GET', '/api/v1/tasks', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === app.id),
      60_000,
    );
    expect(task.status).to.equal('open');
    const after = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-janis' });
    expect(after.body.waitingFor).to.equal(null);
    expect(after.body.status).to.equal('in_progress');
    await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-janis', json: {} });
  });

  it('waits for payment at a payment step and continues when it is paid, or rejects when it expires', async function () {
    this.timeout(60_000);
    const id = `test-paid-${uniqueSuffix()}`;
    const def = {
      ...shippedDefinition('declared-address-statement'),
      id,
      steps: [
        { id: 'fee', kind: 'payment', amountEur: 7.11, description: { lv: 'Valsts nodeva', en: 'State fee' }, expiresIn: '4 seconds' },
        { id: 'answered', kind: 'setStatus', status: 'answered' },
      ],
    };
    await call('POST', '/api/v1/eservice-definitions', { as: 'admin-pmlp', json: def });
    expect((await call('POST', `/api/v1/eservice-definitions/${id}/publish`, { as: 'admin-pmlp' })).status).to.equal(201);

    const paid = await openAndPrefill(id);
    await call('POST', `/api/v1/applications/${paid.id}/submit`, { as: 'citizen-anna', json: {} });
    await waitFor(
      'awaiting payment',
      async () => (await call('GET', `/api/v1/applications/${paid.id}`, { as: 'citizen-anna' })).body.status === 'awaiting_payment',
    );
    const request = await stack.db.pool.query('SELECT amount_eur, status FROM payment_requests WHERE case_id = $1', [paid.id]);
    expect(request.rows[0]).to.deep.equal({ amount_eur: '7.11', status: 'requested' });
    // The step issued a real invoice to the citizen; paying it at a customer centre moves the application on.
    const invoice = await waitFor('invoice', async () =>
      (await call('GET', '/api/v1/me/invoices', { as: 'citizen-anna' })).body.items.find((i: any) => i.caseId === paid.id),
    );
    expect(invoice).to.deep.include({ status: 'issued', currency: 'EUR' });
    expect(invoice.totals.total).to.equal(7.11);
    expect(invoice.paymentReference).to.match(/^RF[0-9]{2}[0-9A-Z]+$/);
    const counter = await call('POST', `/api/v1/invoices/${invoice.id}/counter-payments`, {
      as: 'staff-vpvkac-riga',
      json: { amountEur: 7.11, receiptNumber: `R-${uniqueSuffix()}` },
    });
    expect(counter.status).to.equal(201);
    await waitFor(
      'answered',
      async () => (await call('GET', `/api/v1/applications/${paid.id}`, { as: 'citizen-anna' })).body.status === 'answered',
    );

    const unpaid = await openAndPrefill(id);
    await call('POST', `/api/v1/applications/${unpaid.id}/submit`, { as: 'citizen-anna', json: {} });
    const expired = await waitFor(
      'payment expiry',
      async () => {
        const r = await call('GET', `/api/v1/applications/${unpaid.id}`, { as: 'citizen-anna' });
        return r.body.status === 'rejected' ? r.body : null;
      },
      30_000,
    );
    expect(expired.statusLabel.en).to.equal('The payment was not received in time');
    const expiredRequest = await stack.db.pool.query('SELECT status FROM payment_requests WHERE case_id = $1', [unpaid.id]);
    expect(expiredRequest.rows[0].status).to.equal('expired');
    await waitFor(
      'invoice cancelled',
      async () =>
        (await stack.db.pool.query('SELECT status FROM invoices WHERE case_id = $1', [unpaid.id])).rows[0]?.status === 'cancelled',
    );
  });

  describe('autosave over Socket.IO', () => {
    let socket: Socket;
    afterEach(() => socket?.disconnect());

    it("saves with versions, refuses stale versions and other people's drafts", async () => {
      const app = await openAndPrefill('declared-address-statement');
      socket = io(stack.api.url, { auth: { token: await tokenFor('citizen-anna') }, transports: ['websocket'] });
      await new Promise<void>((resolve) => socket.once('ready', () => resolve()));
      const save = async (payload: unknown) => {
        const ack = await new Promise<any>((resolve) => socket.emit('draft:save', payload, resolve));
        if (!draftAck) throw new Error('no schema draftSaveAck in forms/api/draft-socket.schema.json');
        expect(draftAck(ack), `draft:save ack off its schema: ${JSON.stringify(toDetails(draftAck.errors))}`).to.equal(true);
        return ack;
      };
      const current = (await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' })).body.draft.version;
      const ok = await save({ applicationId: app.id, version: current, data: { purpose: 'bank' }, step: 'purpose' });
      expect(ok).to.deep.include({ ok: true, version: current + 1 });
      const stale = await save({ applicationId: app.id, version: current, data: { purpose: 'other' } });
      expect(stale.ok).to.equal(false);
      expect(stale.error.code).to.equal('stale_version');
      const bad = await save({ applicationId: app.id, version: 'x', data: {} });
      expect(bad.error.code).to.equal('validation_failed');
      const janisApp = await openAndPrefill('declared-address-statement', 'citizen-janis');
      const foreign = await save({ applicationId: janisApp.id, version: 0, data: {} });
      expect(foreign.error.code).to.equal('not_found');
      const reloaded = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
      expect(reloaded.body.draft).to.deep.include({ version: current + 1, step: 'purpose' });
      expect(reloaded.body.draft.data).to.deep.equal({ purpose: 'bank' });
    });
  });
});
