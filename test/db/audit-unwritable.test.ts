// No audit row, no data: while audit_log takes no rows (the application role's INSERT on it revoked for the test,
// with the owner connection, then granted back), every read of personal data fails in the one error shape, with
// none of the data in the answer, and a co-browsing join is refused and hears nothing of the form afterwards; and a
// write to a citizen's draft by someone else changes nothing when it cannot be put on record.
import { expect } from 'chai';
import { stack } from '../setup';
import { call, errorOf, tokenFor, type ApiResponse } from '../helpers/http';
import { waitFor } from '../helpers/wait';
import { uniqueSuffix } from '../helpers/cases';
import { residenceForm } from '../helpers/applications';
import { APP_ROLE } from '../../db/roles';
import { ANNA, STAFF, closePeers, connectPeer, grantFor, openPrefilled, request, session } from '../helpers/assist';
import { traced } from '../helpers/audit';

async function withAuditUnwritable<T>(fn: () => Promise<T>): Promise<T> {
  await stack.db.pool.query(`REVOKE INSERT ON audit_log FROM ${APP_ROLE}`);
  try {
    return await fn();
  } finally {
    await stack.db.pool.query(`GRANT INSERT ON audit_log TO ${APP_ROLE}`);
  }
}

/** The 500 of the error shape, naming the request, and nothing of Anna's in it. */
function refusedWithoutData(res: ApiResponse, requestId: string, what: string) {
  expect(res.status, what).to.equal(500);
  const error = errorOf(res);
  expect(error.code, what).to.equal('internal_error');
  expect(error.details, what).to.deep.equal([{ code: 'request_id', message: requestId }]);
  const text = JSON.stringify(res.body);
  for (const personal of ['Bērziņa', ANNA, 'Brīvības']) expect(text, what).to.not.include(personal);
}

describe('audit: a read whose audit row cannot be written fails', () => {
  let statement: { id: string; documentHref: string };
  let invoiceId: string;
  let declarationId: string;

  before(async function () {
    this.timeout(120_000);
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'declared-address-statement' } });
    expect((await call('POST', `/api/v1/applications/${opened.body.id}/submit`, { as: 'citizen-anna', json: {} })).status).to.equal(200);
    const done = await waitFor(
      'the statement',
      async () => {
        const r = await call('GET', `/api/v1/applications/${opened.body.id}`, { as: 'citizen-anna' });
        return r.body.status === 'answered' ? r.body : null;
      },
      90_000,
    );
    statement = { id: opened.body.id, documentHref: done.documents[0].href };
    const invoice = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: {
        idempotencyKey: `unwritable-${uniqueSuffix()}`,
        payer: { type: 'natural', id: ANNA, name: 'Anna Bērziņa', address: 'Brīvības iela 100 - 12, Rīga, LV-1011' },
        currency: 'EUR',
        dueDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        lines: [{ description: 'Izziņa', quantity: 1, unitPrice: 10, vatRate: 21 }],
      },
    });
    expect(invoice.status, JSON.stringify(invoice.body)).to.equal(201);
    invoiceId = invoice.body.id;
    // A task in the inbox, so that the inbox has someone's name to show.
    const declaration = await openPrefilled('citizen-anna');
    const saved = await call('PUT', `/api/v1/applications/${declaration.id}/draft`, {
      as: 'citizen-anna',
      json: { version: declaration.draft.version, data: residenceForm(declaration.draft.data, 4) },
    });
    expect(
      (await call('POST', `/api/v1/applications/${declaration.id}/submit`, { as: 'citizen-anna', json: { version: saved.body.version } }))
        .status,
    ).to.equal(200);
    await waitFor(
      'a task in the inbox',
      async () =>
        (await call('GET', '/api/v1/tasks?limit=200', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === declaration.id),
      90_000,
    );
    declarationId = declaration.id;
  });

  after(async () => {
    closePeers();
    await call('POST', `/api/v1/applications/${declarationId}/withdraw`, { as: 'citizen-anna', json: {} });
  });

  it('answers 500 internal_error with the request id and none of the data, for each kind of read', async () => {
    const reads: Array<[string, string, string, unknown?]> = [
      ['citizen-anna', 'GET', `/api/v1/applications/${statement.id}`],
      ['citizen-anna', 'GET', statement.documentHref],
      ['citizen-anna', 'GET', `/api/v1/cases/${statement.id}`],
      ['citizen-anna', 'GET', '/api/v1/me/cases'],
      ['citizen-anna', 'GET', '/api/v1/me/applications'],
      ['citizen-anna', 'GET', '/api/v1/me/invoices'],
      ['citizen-anna', 'GET', '/api/v1/me/delegations'],
      ['citizen-anna', 'GET', '/api/v1/me/mandates'],
      ['citizen-anna', 'GET', `/api/v1/invoices/${invoiceId}`],
      ['citizen-anna', 'GET', `/api/v1/invoices/${invoiceId}/invoice.pdf`],
      ['citizen-anna', 'GET', `/api/v1/invoices/${invoiceId}/qr.svg`],
      ['officer-pmlp', 'GET', `/api/v1/applications/${statement.id}`],
      ['officer-pmlp', 'GET', '/api/v1/cases?limit=5'],
      ['officer-pmlp', 'GET', '/api/v1/invoices'],
      ['officer-pmlp', 'GET', '/api/v1/tasks?limit=5'],
      ['officer-pmlp', 'GET', '/api/v1/suspense'],
      [STAFF, 'POST', '/api/v1/delegations/lookup', { person: { type: 'natural', id: ANNA } }],
    ];
    for (const as of new Set(reads.map((r) => r[0]))) await tokenFor(as); // signing in is audited too: before
    const answers = await withAuditUnwritable(async () => {
      const out: Array<{ what: string; res: ApiResponse; requestId: string }> = [];
      for (const [as, method, path, json] of reads) {
        const { res, audit } = await traced(method, path, { as, ...(json ? { json } : {}) });
        expect(audit, path).to.deep.equal([]);
        out.push({ what: `${as} ${method} ${path}`, res, requestId: res.headers.get('x-request-id') ?? '' });
      }
      return out;
    });
    for (const a of answers) refusedWithoutData(a.res, a.requestId, a.what);

    // Audit writable again: the same read answers, and is on record.
    const again = await traced('GET', `/api/v1/applications/${statement.id}`, { as: 'citizen-anna' });
    expect(again.res.status).to.equal(200);
    expect(again.audit.map((r) => [r.actor_id, r.subject_id, r.purpose])).to.deep.equal([['citizen-anna', ANNA, 'own-application']]);
  });

  it("refuses a co-browsing join, which then hears none of the citizen's typing", async function () {
    this.timeout(60_000);
    const app = await openPrefilled('citizen-anna');
    const citizen = await connectPeer('citizen-anna');
    expect((await request(citizen, 'cobrowse:open', { applicationId: app.id })).ok).to.equal(true);
    const { grantId } = await grantFor(app.id, 'view');
    const staff = await connectPeer(STAFF);
    const joined = await withAuditUnwritable(() => request(staff, 'cobrowse:join', { grantId }));
    expect(joined).to.deep.equal({
      ok: false,
      error: { code: 'internal_error', message: 'Something went wrong on our side; try again.', details: [] },
    });
    expect(joined.snapshot).to.equal(undefined);

    // The citizen types; a screen that joined properly would get it (the same edit reaches her own second screen).
    const second = await connectPeer('citizen-anna');
    expect((await request(second, 'cobrowse:open', { applicationId: app.id })).ok).to.equal(true);
    expect((await request(citizen, 'cobrowse:edit', { applicationId: app.id, pointer: '/phone', value: '+371 29999999' })).ok).to.equal(
      true,
    );
    await waitFor('the edit on her second screen', async () => second.edits.find((e) => e.pointer === '/phone'));
    expect(staff.edits).to.deep.equal([]);
    await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
  });

  it("keeps the draft as it was when someone else's write to it cannot be put on record (HTTP and socket)", async function () {
    this.timeout(60_000);
    const { app, staff } = await session('assist');
    const before = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
    const version = before.body.draft.version as number;
    const change = { version, data: { ...before.body.draft.data, phone: '+371 20000077' } };
    const [http, socket] = await withAuditUnwritable(async () => [
      await call('PUT', `/api/v1/applications/${app.id}/draft`, { as: STAFF, json: change }),
      await request(staff, 'draft:save', { applicationId: app.id, ...change }),
    ]);
    expect([http.status, errorOf(http).code]).to.deep.equal([500, 'internal_error']);
    expect(socket).to.deep.equal({
      ok: false,
      error: { code: 'internal_error', message: 'The draft could not be saved; try again.', details: [] },
    });
    const after = await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' });
    expect(after.body.draft.version).to.equal(version);
    expect(after.body.draft.data.phone).to.equal(before.body.draft.data.phone);
    // Audit writable again: the same write goes through, on record.
    const { res, audit } = await traced('PUT', `/api/v1/applications/${app.id}/draft`, { as: STAFF, json: change });
    expect(res.status).to.equal(200);
    expect(audit.map((r) => [r.actor_id, r.action, r.resource, r.purpose])).to.deep.equal([
      [STAFF, 'update', `application:${app.id}/draft`, 'act-for:consent'],
    ]);
    await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
  });
});
