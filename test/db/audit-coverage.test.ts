// Every read of personal data is audited, lists included, and so is every write (issue 13, section 3): each test
// makes a request with its own X-Request-Id and reads the audit rows that request left.
import crypto from 'node:crypto';
import { expect } from 'chai';
import { stack } from '../setup';
import { waitFor as waitForCondition } from '../helpers/wait';
import { call, type ApiResponse } from '../helpers/http';
import { pmlpCase, uniqueSuffix } from '../helpers/cases';
import { residenceForm } from '../helpers/applications';
import { openPrefilled, ANNA, JANIS, STAFF } from '../helpers/assist';
import { recordMandate } from '../helpers/mandates';

type Row = Record<string, any>;

async function traced(
  method: string,
  path: string,
  opts: { as: string; json?: unknown; body?: string; headers?: Record<string, string> },
): Promise<{ res: ApiResponse; audit: Row[] }> {
  const requestId = `audit-${crypto.randomUUID()}`;
  const res = await call(method, path, { ...opts, headers: { ...(opts.headers ?? {}), 'x-request-id': requestId } });
  const { rows } = await stack.db.pool.query('SELECT * FROM audit_log WHERE request_id = $1 ORDER BY chain_seq', [requestId]);
  return { res, audit: rows };
}

const waitFor = <T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 90_000): Promise<T> =>
  waitForCondition(what, fn, timeoutMs, 250);

const pick = (r: Row) => ({
  actor_type: r.actor_type,
  actor_id: r.actor_id,
  subject_id: r.subject_id,
  action: r.action,
  resource: r.resource,
  purpose: r.purpose,
});
const run = uniqueSuffix();

describe('audit of every personal-data read and write', () => {
  describe('case register', () => {
    it('records the registration of one case, by the agency system, for its recipient', async () => {
      const { res, audit } = await traced('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlpCase(`AUD-${run}-1`, 1) });
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
      expect(audit.map(pick)).to.deep.equal([
        {
          actor_type: 'system',
          actor_id: 'system-pmlp',
          subject_id: res.body.recipient.id,
          action: 'create',
          resource: `case:${res.body.id}`,
          purpose: 'case-registration',
        },
      ]);
      expect(audit[0].actor_agency).to.equal('pmlp');
    });

    it('records every case of a batch (one row per created case, none for a failed or resent item), in one chain run', async () => {
      const again = pmlpCase(`AUD-${run}-1`, 1); // registered by the test above: "existing", nothing written
      const cases = [
        pmlpCase(`AUD-${run}-2`, 2),
        pmlpCase(`AUD-${run}-3`, 3),
        { ...pmlpCase(`AUD-${run}-4`, 4), channel: 'telepathy' },
        again,
        pmlpCase(`AUD-${run}-5`, 5),
      ];
      const { res, audit } = await traced('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases } });
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ created: 3, existing: 1, failed: 1 });
      const created = res.body.results.filter((r: any) => r.outcome === 'created').map((r: any) => `case:${r.id}`);
      expect(audit.map((r) => r.resource).sort()).to.deep.equal(created.sort());
      expect(audit.every((r) => r.action === 'create' && r.actor_id === 'system-pmlp')).to.equal(true);
      const seqs = audit.map((r) => Number(r.chain_seq));
      expect(seqs[seqs.length - 1] - seqs[0]).to.equal(seqs.length - 1); // one insert: consecutive in the chain
    });

    it('records a status change', async () => {
      const created = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlpCase(`AUD-${run}-6`, 6) });
      const { res, audit } = await traced('POST', `/api/v1/cases/${created.body.id}/status`, {
        as: 'system-pmlp',
        json: { status: 'in_progress' },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(audit.map(pick)).to.deep.equal([
        {
          actor_type: 'system',
          actor_id: 'system-pmlp',
          subject_id: created.body.recipient.id,
          action: 'update',
          resource: `case:${created.body.id}`,
          purpose: 'case-handling',
        },
      ]);
      expect(audit[0].details).to.deep.equal({ from: 'submitted', to: 'in_progress' });
    });

    it('records a consultation with a known person, not an anonymous one', async () => {
      const consultation = (n: number, person?: unknown) => ({
        externalId: `AUD-C-${run}-${n}`,
        channel: 'phone',
        topic: 'Deklarēšana',
        durationMinutes: 5,
        ...(person ? { person } : {}),
      });
      const { res, audit } = await traced('POST', '/api/v1/consultations/batch', {
        as: 'system-pmlp',
        json: { consultations: [consultation(1, { type: 'natural', id: ANNA }), consultation(2)] },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(audit.map((r) => [r.subject_id, r.action, r.purpose])).to.deep.equal([[ANNA, 'create', 'consultation-register']]);
    });

    it("records the read of a case import's error lines", async function () {
      this.timeout(120_000);
      const body =
        [
          JSON.stringify(pmlpCase(`AUD-I-${run}-1`, 1)),
          '{not json',
          JSON.stringify({ ...pmlpCase(`AUD-I-${run}-2`, 2), channel: 'telepathy' }),
        ].join('\n') + '\n';
      const stored = await call('POST', '/api/v1/case-imports', {
        as: 'system-pmlp',
        body,
        headers: { 'content-type': 'application/x-ndjson' },
      });
      expect(stored.status).to.equal(202);
      await waitFor(
        'import to complete',
        async () => (await call('GET', `/api/v1/case-imports/${stored.body.id}`, { as: 'system-pmlp' })).body.status === 'completed',
      );
      const { res, audit } = await traced('GET', `/api/v1/case-imports/${stored.body.id}`, { as: 'system-pmlp' });
      expect(res.body.errors.map((e: any) => e.line)).to.deep.equal([2, 3]);
      expect(audit.map((r) => [r.actor_id, r.action, r.resource])).to.deep.equal([
        ['system-pmlp', 'read', `case-import:${stored.body.id}/errors`],
      ]);
      expect(audit[0].details).to.deep.equal({ lines: [2, 3] });
      const imported = await stack.db.pool.query(
        "SELECT count(*)::int AS n FROM audit_log WHERE request_id = $1 AND action = 'create' AND purpose = 'case-import'",
        [`case-import:${stored.body.id}`],
      );
      expect(imported.rows[0].n).to.equal(1); // the one good line's case
    });
  });

  describe('billing', () => {
    it('records the creation of an invoice and one row per invoice in the agency list', async () => {
      const invoice = {
        idempotencyKey: `aud-${run}`,
        payer: { type: 'natural', id: ANNA, name: 'Anna Bērziņa' },
        currency: 'EUR',
        dueDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        lines: [{ description: 'Izziņa', quantity: 1, unitPrice: 10, vatRate: 21 }],
      };
      const created = await traced('POST', '/api/v1/invoices', { as: 'system-pmlp', json: invoice });
      expect(created.res.status, JSON.stringify(created.res.body)).to.equal(201);
      expect(created.audit.map(pick)).to.deep.equal([
        {
          actor_type: 'system',
          actor_id: 'system-pmlp',
          subject_id: ANNA,
          action: 'create',
          resource: `invoice:${created.res.body.id}`,
          purpose: 'billing',
        },
      ]);
      const list = await traced('GET', '/api/v1/invoices', { as: 'officer-pmlp' });
      expect(list.res.status).to.equal(200);
      expect(list.audit).to.have.length(list.res.body.items.length);
      expect(list.audit.map((r) => r.resource)).to.include(`invoice:${created.res.body.id}`);
      expect(list.audit.find((r) => r.resource === `invoice:${created.res.body.id}`)).to.include({
        actor_id: 'officer-pmlp',
        subject_id: ANNA,
        action: 'read',
      });
    });
  });

  describe('applications and the officer inbox', () => {
    it("records opening, submitting, the inbox list, the task and the officer's claim and decision", async function () {
      this.timeout(180_000);
      const opened = await traced('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
      expect(opened.res.status).to.equal(201);
      const id = opened.res.body.id as string;
      expect(opened.audit.map(pick)).to.deep.equal([
        {
          actor_type: 'citizen',
          actor_id: 'citizen-anna',
          subject_id: ANNA,
          action: 'create',
          resource: `application:${id}`,
          purpose: 'own-application',
        },
      ]);
      const app = await waitFor('prefill', async () => {
        const r = await call('GET', `/api/v1/applications/${id}`, { as: 'citizen-anna' });
        return r.body.draft.data.applicant?.givenName ? r.body : null;
      });
      const saved = await call('PUT', `/api/v1/applications/${id}/draft`, {
        as: 'citizen-anna',
        json: { version: app.draft.version, data: residenceForm(app.draft.data, 0) },
      });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
      const submitted = await traced('POST', `/api/v1/applications/${id}/submit`, { as: 'citizen-anna', json: {} });
      expect(submitted.res.status, JSON.stringify(submitted.res.body)).to.equal(200);
      expect(submitted.audit.map((r) => [r.action, r.resource, r.details.step])).to.deep.equal([['update', `application:${id}`, 'submit']]);

      const task = await waitFor('officer task', async () =>
        (await call('GET', '/api/v1/tasks?limit=200', { as: 'officer-pmlp' })).body.items.find((t: any) => t.caseId === id),
      );
      const inbox = await traced('GET', '/api/v1/tasks?limit=200', { as: 'officer-pmlp' });
      expect(inbox.audit).to.have.length(inbox.res.body.items.length);
      expect(inbox.audit.find((r) => r.resource === `task:${task.id}`)).to.include({
        actor_id: 'officer-pmlp',
        subject_id: ANNA,
        action: 'read',
        actor_agency: 'pmlp',
      });

      const claimed = await traced('POST', `/api/v1/tasks/${task.id}/claim`, { as: 'officer-pmlp' });
      expect(claimed.res.status, JSON.stringify(claimed.res.body)).to.equal(200);
      expect(claimed.audit.map((r) => [r.action, r.resource, r.subject_id, r.details.step])).to.deep.equal([
        ['update', `task:${task.id}`, ANNA, 'claim'],
      ]);
      const decided = await traced('POST', `/api/v1/tasks/${task.id}/complete`, { as: 'officer-pmlp', json: { outcome: 'approve' } });
      expect(decided.res.status, JSON.stringify(decided.res.body)).to.equal(200);
      expect(decided.audit.map((r) => [r.action, r.resource, r.details.outcome])).to.deep.equal([['update', `task:${task.id}`, 'approve']]);

      // What the workflow itself wrote: the register's data in the draft, and every status it set.
      const prefill = await stack.db.pool.query(
        "SELECT actor_type, subject_id FROM audit_log WHERE resource = $1 AND purpose = 'prefill'",
        [`application:${id}/draft`],
      );
      expect(prefill.rows).to.deep.equal([{ actor_type: 'system', subject_id: ANNA }]);
      const statuses = await waitFor("the decision's status in the audit log", async () => {
        const { rows } = await stack.db.pool.query(
          "SELECT details->>'to' AS status FROM audit_log WHERE resource = $1 AND purpose = 'e-service' ORDER BY chain_seq",
          [`case:${id}`],
        );
        return rows.some((r) => r.status === decided.res.body.status) ? rows.map((r) => r.status) : null;
      });
      expect(statuses[0]).to.equal('submitted');
      // The approved declaration's update of the population register: Anna's data, on this case, with its legal basis.
      const update = await waitFor('the register update in the audit log', async () => {
        const { rows } = await stack.db.pool.query(
          "SELECT actor_type, subject_id, action, details FROM audit_log WHERE purpose = 'register-update' AND details->>'caseId' = $1",
          [id],
        );
        return rows.length ? rows : null;
      });
      expect(update).to.have.length(1);
      expect(update[0]).to.deep.include({ actor_type: 'system', subject_id: ANNA, action: 'update' });
      expect(update[0].details.legalBasis).to.match(/Dzīvesvietas deklarēšanas likums/);
    });

    it('records a draft written by counter staff for the citizen they act for', async function () {
      this.timeout(120_000);
      const mandateId = await recordMandate(STAFF, JANIS, { id: ANNA, name: 'Anna Bērziņa' }, { documentReference: `Pilnvara AUD-${run}` });
      const opened = await call('POST', '/api/v1/assisted-applications', {
        as: STAFF,
        json: { eserviceId: 'residence-declaration', recipient: { type: 'natural', id: JANIS }, basis: { type: 'mandate', mandateId } },
      });
      expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
      const id = opened.body.id as string;
      const app = await waitFor('prefill', async () => {
        const r = await call('GET', `/api/v1/applications/${id}`, { as: STAFF });
        return r.body.draft?.data.applicant?.givenName ? r.body : null;
      });
      const { res, audit } = await traced('PUT', `/api/v1/applications/${id}/draft`, {
        as: STAFF,
        json: { version: app.draft.version, data: { ...app.draft.data, residenceBasis: 'tenant' } },
      });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(audit.map((r) => [r.actor_id, r.on_behalf_of, r.subject_id, r.action, r.resource, r.purpose])).to.deep.equal([
        [STAFF, `natural:${JANIS}`, JANIS, 'update', `application:${id}/draft`, 'act-for:mandate'],
      ]);
      await call('POST', `/api/v1/applications/${id}/withdraw`, { as: 'citizen-janis', json: {} });
    });

    it("does not audit the citizen's own autosave (a hot path), only someone else's", async function () {
      this.timeout(60_000);
      const app = await openPrefilled('citizen-anna');
      const { res, audit } = await traced('PUT', `/api/v1/applications/${app.id}/draft`, {
        as: 'citizen-anna',
        json: { version: app.draft.version, data: app.draft.data },
      });
      expect(res.status).to.equal(200);
      expect(audit).to.deep.equal([]);
      await call('POST', `/api/v1/applications/${app.id}/withdraw`, { as: 'citizen-anna', json: {} });
    });
  });
});
