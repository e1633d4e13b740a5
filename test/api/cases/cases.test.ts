// The service-delivery case register through the API (issue 2, section 3): registering one case and batches,
// idempotency by (agency, externalId), status changes and reopening, reading by agency and by citizen, mistyped
// and reserved case ids, and the audit of every read. Runs against the real database and API of test/setup.ts.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf, type ApiResponse } from '../../helpers/http';
import { personalCode, uniqueSuffix } from '../../helpers/cases';
import { caseIdFromNumber, isValidCaseId } from '../../../db/domain/case-id';

const ANNA = '15038511239';
const JANIS = '02117814569';
const MARIE = 'FR/LV/7f3a9c2e1b';

const run = uniqueSuffix();
let seq = 0;
const ext = (tag: string) => `T-${run}-${tag}-${(seq += 1)}`;

function pmlp(extra: Record<string, unknown> = {}) {
  return {
    externalId: ext('pmlp'),
    serviceId: 'residence-declaration',
    channel: 'in_person',
    officeId: 'pmlp-riga-1',
    recipient: { type: 'natural', id: ANNA },
    ...extra,
  };
}

function vid(extra: Record<string, unknown> = {}) {
  return {
    externalId: ext('vid'),
    serviceId: 'income-tax-return',
    channel: 'eservice',
    recipient: { type: 'natural', id: ANNA },
    ...extra,
  };
}

async function create(body: Record<string, unknown>, as = 'system-pmlp'): Promise<any> {
  const res = await call('POST', '/api/v1/cases', { as, json: body });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

async function setStatus(id: string, change: Record<string, unknown>, as = 'system-pmlp'): Promise<ApiResponse> {
  return call('POST', `/api/v1/cases/${id}/status`, { as, json: change });
}

async function rowCount(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await stack.db.pool.query<{ n: number }>(sql, params);
  return rows[0].n;
}

const casesWithExternalId = (agency: string, externalId: string) =>
  rowCount('SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND external_id = $2', [agency, externalId]);
const eventsOf = (id: string) => rowCount('SELECT count(*)::int AS n FROM case_status_events WHERE case_id = $1', [id]);

/** A well-formed id with wrong check digits: the last digit changed. */
function mistype(id: string): string {
  const last = Number(id.slice(-1));
  return id.slice(0, -1) + String((last + 1) % 10);
}

describe('api/cases', () => {
  describe('POST /api/v1/cases', () => {
    it('registers a case with a platform id whose check digits are valid, and presents it', async () => {
      const body = pmlp({
        recipient: { type: 'natural', id: '150385-11239', name: 'Anna Bērziņa' },
        priceEur: 0,
        resources: { staffMinutes: 12, waitingMinutes: 7 },
        satisfaction: 5,
        complaint: false,
      });
      const res = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: body });
      expect(res.status).to.equal(201);
      const c = res.body;
      expect(isValidCaseId(c.id), c.id).to.equal(true);
      expect(res.headers.get('location')).to.equal(`/api/v1/cases/${c.id}`);
      expect(c).to.deep.include({
        agencyId: 'pmlp',
        serviceId: 'residence-declaration',
        externalId: body.externalId,
        channel: 'in_person',
        officeId: 'pmlp-riga-1',
        municipalityCode: '0001000',
        status: 'submitted',
        statusLabel: null,
        priceEur: 0,
        satisfaction: 5,
        complaint: false,
        representative: null,
      });
      // The personal code is stored normalised (without the hyphen).
      expect(c.recipient).to.deep.equal({ type: 'natural', id: ANNA, name: 'Anna Bērziņa' });
      expect(c.resources).to.deep.equal({ staffMinutes: 12, waitingMinutes: 7, callMinutes: null });
      expect(c.history).to.have.length(1);
      expect(c.history[0]).to.deep.include({ status: 'submitted', label: null, reason: null });
      expect(c.agencyName.en).to.equal('Office of Citizenship and Migration Affairs');
      expect(c.serviceTitle.en).to.equal('Declaration of place of residence');
      expect(await casesWithExternalId('pmlp', body.externalId as string)).to.equal(1);
    });

    it('answers a resend with the same externalId with 200 and the same case, changing nothing', async () => {
      const body = pmlp({ statusLabel: 'Saņemts' });
      const first = await create(body);
      const again = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: body });
      expect(again.status).to.equal(200);
      expect(again.body.id).to.equal(first.id);
      expect(again.body.history).to.deep.equal(first.history);

      // A resend with other content is still the same case: the first registration stands.
      const changed = await call('POST', '/api/v1/cases', {
        as: 'system-pmlp',
        json: { ...body, channel: 'phone', status: 'in_progress' },
      });
      expect(changed.status).to.equal(200);
      expect(changed.body.id).to.equal(first.id);
      expect(changed.body.channel).to.equal('in_person');
      expect(changed.body.status).to.equal('submitted');
      expect(changed.body.statusLabel).to.equal('Saņemts');

      expect(await casesWithExternalId('pmlp', body.externalId)).to.equal(1);
      expect(await eventsOf(first.id)).to.equal(1);
    });

    it('creates one case when the same case is sent several times at once', async () => {
      const body = pmlp();
      const results = await Promise.all(Array.from({ length: 6 }, () => call('POST', '/api/v1/cases', { as: 'system-pmlp', json: body })));
      expect(results.map((r) => r.status).sort()).to.deep.equal([200, 200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.body.id)).size).to.equal(1);
      expect(await casesWithExternalId('pmlp', body.externalId)).to.equal(1);
      expect(await eventsOf(results[0].body.id)).to.equal(1);
    });

    it('keys idempotency by agency: the same externalId at another agency is another case', async () => {
      const externalId = ext('shared');
      const a = await create(pmlp({ externalId }));
      const b = await create(vid({ externalId }), 'system-vid');
      expect(b.id).to.not.equal(a.id);
      expect(b.agencyId).to.equal('vid');
      expect(await casesWithExternalId('pmlp', externalId)).to.equal(1);
      expect(await casesWithExternalId('vid', externalId)).to.equal(1);
    });

    it('lets an officer of the agency register a case too', async () => {
      const c = await create(pmlp({ channel: 'phone', officeId: undefined, municipalityCode: '0054000' }), 'officer-pmlp');
      expect(c).to.deep.include({ agencyId: 'pmlp', channel: 'phone', officeId: null, municipalityCode: '0054000' });
    });

    it('stores a full status history and its labels', async () => {
      const t0 = new Date(Date.now() - 3 * 86_400_000).toISOString();
      const t1 = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const t2 = new Date(Date.now() - 86_400_000).toISOString();
      const c = await create(
        pmlp({
          registeredAt: t0,
          statusHistory: [
            { status: 'submitted', at: t0 },
            { status: 'in_progress', at: t1, label: 'Pārbauda dokumentus' },
            { status: 'answered', at: t2, label: 'Izziņa nosūtīta' },
          ],
        }),
      );
      expect(c.status).to.equal('answered');
      expect(c.statusLabel).to.equal('Izziņa nosūtīta');
      expect(c.statusAt).to.equal(t2);
      expect(c.registeredAt).to.equal(t0);
      expect(c.history.map((h: any) => [h.status, h.label, h.at])).to.deep.equal([
        ['submitted', null, t0],
        ['in_progress', 'Pārbauda dokumentus', t1],
        ['answered', 'Izziņa nosūtīta', t2],
      ]);
    });

    it('takes a case registered in a later status to have been submitted first', async () => {
      const c = await create(pmlp({ status: 'answered', statusLabel: 'Atbilde sniegta' }));
      expect(c.history.map((h: any) => [h.status, h.label])).to.deep.equal([
        ['submitted', null],
        ['answered', 'Atbilde sniegta'],
      ]);
      const started = await create(pmlp({ status: 'in_progress' }));
      expect(started.history.map((h: any) => h.status)).to.deep.equal(['in_progress']);
    });

    it('refuses a history with a forbidden step, out of time order, or not ending in status', async () => {
      const t1 = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const t2 = new Date(Date.now() - 86_400_000).toISOString();
      const forbidden = await call('POST', '/api/v1/cases', {
        as: 'system-pmlp',
        json: pmlp({
          statusHistory: [
            { status: 'submitted', at: t1 },
            { status: 'completed', at: t2 },
            { status: 'in_progress', at: t2 },
          ],
        }),
      });
      expect(forbidden.status).to.equal(422);
      expect(errorOf(forbidden).code).to.equal('invalid_transition');
      expect(errorOf(forbidden).details[0].path).to.equal('/statusHistory/2');

      const badStart = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlp({ status: 'completed' }) });
      expect(badStart.status).to.equal(201, 'completed is reached through submitted');
      const terminalStart = await call('POST', '/api/v1/cases', {
        as: 'system-pmlp',
        json: pmlp({ statusHistory: [{ status: 'completed', at: t1 }] }),
      });
      expect(terminalStart.status).to.equal(422);
      expect(errorOf(terminalStart).code).to.equal('invalid_transition');

      const disorder = await call('POST', '/api/v1/cases', {
        as: 'system-pmlp',
        json: pmlp({
          statusHistory: [
            { status: 'submitted', at: t2 },
            { status: 'in_progress', at: t1 },
          ],
        }),
      });
      expect(disorder.status).to.equal(422);
      expect(errorOf(disorder).code).to.equal('history_out_of_order');

      const mismatch = await call('POST', '/api/v1/cases', {
        as: 'system-pmlp',
        json: pmlp({ status: 'answered', statusHistory: [{ status: 'submitted', at: t1 }] }),
      });
      expect(mismatch.status).to.equal(422);
      expect(errorOf(mismatch).code).to.equal('status_mismatch');
    });

    it('records a representative and prices with cents', async () => {
      const c = await create(
        pmlp({
          serviceId: 'passport-issue',
          recipient: { type: 'natural', id: personalCode(7) },
          representative: { type: 'natural', id: JANIS, name: 'Jānis Kalniņš', basis: 'legal_representative' },
          priceEur: 19.99,
        }),
      );
      expect(c.representative).to.deep.equal({ type: 'natural', id: JANIS, name: 'Jānis Kalniņš', basis: 'legal_representative' });
      expect(c.priceEur).to.equal(19.99);
      const more = await create(pmlp({ priceEur: 0.07 }));
      expect(more.priceEur).to.equal(0.07);
      const tooFine = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlp({ priceEur: 1.005 }) });
      expect(tooFine.status).to.equal(400);
      expect(errorOf(tooFine).details.map((d) => d.path)).to.deep.equal(['/priceEur']);
    });

    it('accepts legal persons and eIDAS identities as recipients', async () => {
      const legal = await create(
        pmlp({ serviceId: 'declared-address-statement', recipient: { type: 'legal', id: '40003345377', name: 'SIA Piemērs' } }),
      );
      expect(legal.recipient).to.deep.equal({ type: 'legal', id: '40003345377', name: 'SIA Piemērs' });
      const eu = await create(pmlp({ recipient: { type: 'eidas', id: MARIE } }));
      expect(eu.recipient).to.deep.equal({ type: 'eidas', id: MARIE });
    });
  });

  describe('POST /api/v1/cases/batch', () => {
    it('keeps the valid items of a mixed batch and gives each item its own result, in order', async () => {
      const future = new Date(Date.now() + 86_400_000).toISOString();
      const items: unknown[] = [
        pmlp(), // 0 valid
        pmlp({ channel: 'telepathy' }), // 1 schema
        pmlp({ serviceId: 'income-tax-return', officeId: undefined }), // 2 another agency's service
        pmlp({ recipient: { type: 'natural', id: personalCode(3) } }), // 3 valid
        pmlp({ recipient: { type: 'natural', id: '15038511238' } }), // 4 bad check digit
        pmlp({ serviceId: 'passport-issue', channel: 'phone' }), // 5 channel not offered
        pmlp({ registeredAt: future }), // 6 future
        { serviceId: 'residence-declaration' }, // 7 no externalId
        pmlp({ officeId: 'no-such-office' }), // 8 unknown office
        pmlp({ channel: 'post', officeId: undefined }), // 9 valid
      ];
      const res = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases: items } });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.include({ created: 3, existing: 0, failed: 7 });
      const results = res.body.results as any[];
      expect(results.map((r) => r.index)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(results.map((r) => (r.outcome === 'failed' ? r.error.code : r.outcome))).to.deep.equal([
        'created',
        'validation_failed',
        'unknown_service',
        'created',
        'invalid_person_id',
        'channel_not_offered',
        'timestamp_in_future',
        'validation_failed',
        'unknown_office',
        'created',
      ]);
      results.forEach((r, i) => {
        const externalId = (items[i] as { externalId?: string }).externalId;
        if (externalId) expect(r.externalId).to.equal(externalId);
        else expect(r).to.not.have.property('externalId');
        if (r.outcome === 'created') expect(isValidCaseId(r.id)).to.equal(true);
        else expect(r.error.details).to.be.an('array').that.is.not.empty;
      });
      expect(results[1].error.details[0].path).to.equal('/channel');
      expect(results[7].error.details.map((d: any) => d.path)).to.include.members(['/externalId', '/channel', '/recipient']);

      // Exactly the valid items are in the register.
      const stored = await stack.db.pool.query<{ external_id: string; id: string }>(
        'SELECT external_id, id FROM cases WHERE agency_id = $1 AND external_id = ANY($2::text[]) ORDER BY external_id',
        ['pmlp', items.map((i) => (i as { externalId?: string }).externalId).filter(Boolean)],
      );
      expect(stored.rows.map((r) => r.id).sort()).to.deep.equal([results[0].id, results[3].id, results[9].id].sort());
      expect(new Set([results[0].id, results[3].id, results[9].id]).size).to.equal(3);

      // Resending the whole batch creates nothing and returns the same ids.
      const again = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases: items } });
      expect(again.status).to.equal(200);
      expect(again.body).to.deep.include({ created: 0, existing: 3, failed: 7 });
      again.body.results.forEach((r: any, i: number) => {
        if (results[i].outcome === 'failed') expect(r.error.code).to.equal(results[i].error.code);
        else expect(r).to.deep.equal({ ...results[i], outcome: 'existing' });
      });
      const after = await rowCount('SELECT count(*)::int AS n FROM cases WHERE agency_id = $1 AND external_id = ANY($2::text[])', [
        'pmlp',
        items.map((i) => (i as { externalId?: string }).externalId).filter(Boolean),
      ]);
      expect(after).to.equal(3);
      for (const i of [0, 3, 9]) expect(await eventsOf(results[i].id)).to.equal(1);
    });

    it('treats a repeated externalId inside one batch as the same case', async () => {
      const externalId = ext('dup');
      const res = await call('POST', '/api/v1/cases/batch', {
        as: 'system-pmlp',
        json: { cases: [pmlp({ externalId }), pmlp(), pmlp({ externalId, channel: 'phone' })] },
      });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.include({ created: 2, existing: 1, failed: 0 });
      const [a, b, c] = res.body.results;
      expect(a.outcome).to.equal('created');
      expect(c.outcome).to.equal('existing');
      expect(c.id).to.equal(a.id);
      expect(b.id).to.not.equal(a.id);
      expect(await casesWithExternalId('pmlp', externalId)).to.equal(1);
      expect(await eventsOf(a.id)).to.equal(1);
      const stored = await call('GET', `/api/v1/cases/${a.id}`, { as: 'system-pmlp' });
      expect(stored.body.channel).to.equal('in_person');
    });

    it('registers a batch of the maximum 10,000 cases', async function () {
      this.timeout(120_000);
      const tag = ext('max');
      const cases = Array.from({ length: 10_000 }, (_, i) =>
        pmlp({ externalId: `${tag}-${i}`, recipient: { type: 'natural', id: personalCode(i) } }),
      );
      const res = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases } });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.include({ created: 10_000, existing: 0, failed: 0 });
      expect(new Set(res.body.results.map((r: any) => r.id)).size).to.equal(10_000);
      expect(res.body.results[9_999]).to.deep.include({ index: 9_999, externalId: `${tag}-9999`, outcome: 'created' });
      expect(
        await rowCount("SELECT count(*)::int AS n FROM cases WHERE agency_id = 'pmlp' AND external_id LIKE $1", [`${tag}-%`]),
      ).to.equal(10_000);
    });

    it('refuses a batch of 10,001 items, or none, as a whole', async () => {
      const tag = ext('over');
      const cases = Array.from({ length: 10_001 }, (_, i) => pmlp({ externalId: `${tag}-${i}` }));
      const res = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases } });
      expect(res.status).to.equal(400);
      const e = errorOf(res);
      expect(e.code).to.equal('validation_failed');
      expect(e.details).to.deep.include({ path: '/cases', code: 'maxItems', message: 'must NOT have more than 10000 items' });
      expect(
        await rowCount("SELECT count(*)::int AS n FROM cases WHERE agency_id = 'pmlp' AND external_id LIKE $1", [`${tag}-%`]),
      ).to.equal(0);

      const empty = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases: [] } });
      expect(empty.status).to.equal(400);
      expect(errorOf(empty).details[0]).to.deep.include({ path: '/cases', code: 'minItems' });
    });

    it('answers a batch of only invalid items with 200 and an error per item', async () => {
      const res = await call('POST', '/api/v1/cases/batch', {
        as: 'system-pmlp',
        json: { cases: [{}, pmlp({ serviceId: 'trade-permit' })] },
      });
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.include({ created: 0, existing: 0, failed: 2 });
      expect(res.body.results.map((r: any) => r.error.code)).to.deep.equal(['validation_failed', 'unknown_service']);
    });
  });

  describe('POST /api/v1/cases/:id/status', () => {
    it('appends allowed statuses with labels and times to the history', async () => {
      const c = await create(pmlp());
      const steps: Array<[string, string | undefined]> = [
        ['in_progress', 'Pieņemts darbā'],
        ['info_requested', 'Jāiesniedz īres līgums'],
        ['in_progress', undefined],
        ['answered', undefined],
        ['completed', 'Deklarēts'],
      ];
      for (const [status, label] of steps) {
        const res = await setStatus(c.id, label ? { status, label } : { status });
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.status).to.equal(status);
        expect(res.body.statusLabel).to.equal(label ?? null);
      }
      const final = await call('GET', `/api/v1/cases/${c.id}`, { as: 'system-pmlp' });
      expect(final.body.history.map((h: any) => [h.status, h.label])).to.deep.equal([
        ['submitted', null],
        ['in_progress', 'Pieņemts darbā'],
        ['info_requested', 'Jāiesniedz īres līgums'],
        ['in_progress', null],
        ['answered', null],
        ['completed', 'Deklarēts'],
      ]);
      const times = final.body.history.map((h: any) => Date.parse(h.at));
      expect(times).to.deep.equal([...times].sort((x: number, y: number) => x - y));
      const actors = await stack.db.pool.query('SELECT actor_type, actor_id FROM case_status_events WHERE case_id = $1 ORDER BY id', [
        c.id,
      ]);
      expect(actors.rows.every((r) => r.actor_type === 'system' && r.actor_id === 'system-pmlp')).to.equal(true);
    });

    it('refuses a transition that is not allowed with 409 invalid_transition and keeps the status', async () => {
      const c = await create(pmlp({ status: 'draft' }));
      for (const status of ['in_progress', 'completed', 'answered']) {
        const res = await setStatus(c.id, { status });
        expect(res.status).to.equal(409);
        const e = errorOf(res);
        expect(e.code).to.equal('invalid_transition');
        expect(e.details[0]).to.deep.include({ path: '/status', code: 'invalid_transition' });
      }
      expect((await setStatus(c.id, { status: 'submitted' })).status).to.equal(200);
      expect((await setStatus(c.id, { status: 'answered' })).status).to.equal(200);
      for (const status of ['rejected', 'info_requested', 'submitted', 'draft']) {
        const res = await setStatus(c.id, { status });
        expect(res.status, status).to.equal(409);
        expect(errorOf(res).code).to.equal('invalid_transition');
      }
      const now = await call('GET', `/api/v1/cases/${c.id}`, { as: 'system-pmlp' });
      expect(now.body.status).to.equal('answered');
      expect(now.body.history.map((h: any) => h.status)).to.deep.equal(['draft', 'submitted', 'answered']);
    });

    it('treats a resend of the same change as a no-op', async () => {
      const c = await create(pmlp({ registeredAt: new Date(Date.now() - 3_600_000).toISOString() }));
      const at = new Date(Date.now() - 60_000).toISOString();
      const first = await setStatus(c.id, { status: 'in_progress', label: 'Apstrādē', at });
      expect(first.status).to.equal(200);
      const again = await setStatus(c.id, { status: 'in_progress', label: 'Apstrādē', at });
      expect(again.status).to.equal(200);
      expect(again.body.history).to.deep.equal(first.body.history);
      const withoutTime = await setStatus(c.id, { status: 'in_progress', label: 'Apstrādē' });
      expect(withoutTime.status).to.equal(200);
      expect(await eventsOf(c.id)).to.equal(2);

      // A closed case: resending the closing change is also a no-op, not a reopen attempt.
      expect((await setStatus(c.id, { status: 'withdrawn' })).status).to.equal(200);
      const resend = await setStatus(c.id, { status: 'withdrawn' });
      expect(resend.status).to.equal(200);
      expect(resend.body.status).to.equal('withdrawn');
      expect(await eventsOf(c.id)).to.equal(3);
    });

    it('reopens a closed case only for an officer with a reason', async () => {
      const c = await create(pmlp());
      expect((await setStatus(c.id, { status: 'rejected', label: 'Trūkst dokumentu' })).status).to.equal(200);

      const noReason = await setStatus(c.id, { status: 'in_progress' }, 'officer-pmlp');
      expect(noReason.status).to.equal(409);
      expect(errorOf(noReason).code).to.equal('case_closed');
      expect(errorOf(noReason).details[0]).to.deep.include({ path: '/reopenReason', code: 'required_to_reopen' });

      const bySystem = await setStatus(c.id, { status: 'in_progress', reopenReason: 'Pārsūdzēts lēmums' }, 'system-pmlp');
      expect(bySystem.status).to.equal(403);
      expect(errorOf(bySystem).code).to.equal('reopen_not_allowed');

      const byOtherAgency = await setStatus(c.id, { status: 'in_progress', reopenReason: 'Pārsūdzēts lēmums' }, 'officer-vid');
      expect(byOtherAgency.status).to.equal(404);

      const straightToDone = await setStatus(c.id, { status: 'completed', reopenReason: 'Pārsūdzēts lēmums' }, 'officer-pmlp');
      expect(straightToDone.status).to.equal(409);
      expect(errorOf(straightToDone).code).to.equal('invalid_transition');

      const shortReason = await setStatus(c.id, { status: 'in_progress', reopenReason: 'x' }, 'officer-pmlp');
      expect(shortReason.status).to.equal(400);
      expect(errorOf(shortReason).details[0]).to.deep.include({ path: '/reopenReason', code: 'minLength' });

      const byOfficer = await setStatus(c.id, { status: 'in_progress', reopenReason: 'Pārsūdzēts lēmums' }, 'officer-pmlp');
      expect(byOfficer.status).to.equal(200);
      expect(byOfficer.body.status).to.equal('in_progress');
      const last = byOfficer.body.history[byOfficer.body.history.length - 1];
      expect(last).to.deep.include({ status: 'in_progress', reason: 'Pārsūdzēts lēmums' });
      const actor = await stack.db.pool.query(
        'SELECT actor_type, actor_id, reason FROM case_status_events WHERE case_id = $1 ORDER BY id DESC LIMIT 1',
        [c.id],
      );
      expect(actor.rows[0]).to.deep.equal({ actor_type: 'staff', actor_id: 'officer-pmlp', reason: 'Pārsūdzēts lēmums' });

      // Once open again, the usual rules apply, and a reason is refused.
      const openReason = await setStatus(c.id, { status: 'answered', reopenReason: 'Vēlreiz atvērts' }, 'officer-pmlp');
      expect(openReason.status).to.equal(400);
      expect(errorOf(openReason).code).to.equal('not_closed');
      expect((await setStatus(c.id, { status: 'completed' })).status).to.equal(200);
    });

    it('lets an agency admin reopen too', async () => {
      const c = await create(pmlp({ status: 'completed' }));
      const res = await setStatus(c.id, { status: 'info_requested', reopenReason: 'Kļūda izziņā' }, 'admin-pmlp');
      expect(res.status).to.equal(200);
      expect(res.body.status).to.equal('info_requested');
    });

    it('refuses times before the current status or in the future', async () => {
      const c = await create(pmlp());
      const before = await setStatus(c.id, { status: 'in_progress', at: new Date(Date.parse(c.statusAt) - 60_000).toISOString() });
      expect(before.status).to.equal(422);
      expect(errorOf(before).code).to.equal('timestamp_before_current');
      const future = await setStatus(c.id, { status: 'in_progress', at: new Date(Date.now() + 3_600_000).toISOString() });
      expect(future.status).to.equal(422);
      expect(errorOf(future).code).to.equal('timestamp_in_future');
      expect(errorOf(future).details[0]).to.deep.include({ path: '/at', code: 'timestamp_in_future' });
      expect(await eventsOf(c.id)).to.equal(1);
    });

    it('lets an agency touch only its own cases', async () => {
      const c = await create(pmlp());
      for (const as of ['system-vid', 'officer-vid', 'system-riga']) {
        const res = await setStatus(c.id, { status: 'in_progress' }, as);
        expect(res.status, as).to.equal(404);
        expect(errorOf(res).code).to.equal('not_found');
      }
      for (const as of ['citizen-anna', 'staff-vpvkac-riga', 'analyst-varam']) {
        const res = await setStatus(c.id, { status: 'in_progress' }, as);
        expect(res.status, as).to.equal(403);
        expect(errorOf(res).code).to.equal('forbidden');
      }
      const unchanged = await call('GET', `/api/v1/cases/${c.id}`, { as: 'system-pmlp' });
      expect(unchanged.body.status).to.equal('submitted');
      expect(await eventsOf(c.id)).to.equal(1);
    });

    it('answers 404 for a well-formed id that no case has', async () => {
      const res = await setStatus(caseIdFromNumber(9_999_999_901), { status: 'in_progress' });
      expect(res.status).to.equal(404);
      expect(errorOf(res).code).to.equal('not_found');
    });
  });

  describe('GET /api/v1/cases/:id', () => {
    let annaCase: any;
    let representedCase: any;
    before(async () => {
      annaCase = await create(pmlp());
      representedCase = await create(
        pmlp({
          recipient: { type: 'natural', id: personalCode(11) },
          representative: { type: 'natural', id: ANNA, basis: 'mandate' },
        }),
      );
    });

    it('shows a case to its agency', async () => {
      for (const as of ['system-pmlp', 'officer-pmlp', 'admin-pmlp']) {
        const res = await call('GET', `/api/v1/cases/${annaCase.id}`, { as });
        expect(res.status, as).to.equal(200);
        expect(res.body).to.deep.equal(annaCase);
      }
    });

    it('hides it from other agencies as if it did not exist', async () => {
      for (const as of ['system-vid', 'officer-vid', 'system-riga']) {
        const res = await call('GET', `/api/v1/cases/${annaCase.id}`, { as });
        expect(res.status, as).to.equal(404);
        expect(errorOf(res).code).to.equal('not_found');
      }
    });

    it("shows a citizen her own case and the case she represents, and nobody else's", async () => {
      const own = await call('GET', `/api/v1/cases/${annaCase.id}`, { as: 'citizen-anna' });
      expect(own.status).to.equal(200);
      expect(own.body.id).to.equal(annaCase.id);
      expect(own.body.recipient.id).to.equal(ANNA);
      const represented = await call('GET', `/api/v1/cases/${representedCase.id}`, { as: 'citizen-anna' });
      expect(represented.status).to.equal(200);
      expect(represented.body.representative.id).to.equal(ANNA);

      for (const as of ['citizen-janis', 'citizen-marie']) {
        const res = await call('GET', `/api/v1/cases/${annaCase.id}`, { as });
        expect(res.status, as).to.equal(404);
        expect(errorOf(res).code).to.equal('not_found');
      }
    });

    it('refuses roles that do not read cases', async () => {
      for (const as of ['staff-vpvkac-riga', 'analyst-varam', 'catalogue-admin']) {
        const res = await call('GET', `/api/v1/cases/${annaCase.id}`, { as });
        expect(res.status, as).to.equal(403);
      }
    });

    it('tells a mistyped id (400 invalid_check_digits) from a malformed one (400 invalid_case_id) and an unknown one (404)', async () => {
      const typo = mistype(annaCase.id);
      const digits = annaCase.id.slice(3, 13) as string;
      const i = [...digits].findIndex((d, k) => k + 1 < digits.length && d !== digits[k + 1]);
      const swapped = `LV-${digits.slice(0, i)}${digits[i + 1]}${digits[i]}${digits.slice(i + 2)}-${annaCase.id.slice(-2)}`;
      for (const id of [typo, swapped]) {
        for (const res of [
          await call('GET', `/api/v1/cases/${id}`, { as: 'system-pmlp' }),
          await setStatus(id, { status: 'in_progress' }),
        ]) {
          expect(res.status, id).to.equal(400);
          const e = errorOf(res);
          expect(e.code).to.equal('invalid_check_digits');
          expect(e.details[0]).to.deep.include({ path: '/id', code: 'invalid_check_digits' });
        }
      }
      for (const id of ['LV-123', 'lv-0001000001-67', 'LV-0001000001', 'XX-0001000001-67', 'LV-0001000001-6X', 'batch', '%20']) {
        const res = await call('GET', `/api/v1/cases/${id}`, { as: 'citizen-anna' });
        expect(res.status, id).to.equal(400);
        expect(errorOf(res).code).to.equal('invalid_case_id');
      }
      const unknown = await call('GET', `/api/v1/cases/${caseIdFromNumber(9_999_999_902)}`, { as: 'citizen-anna' });
      expect(unknown.status).to.equal(404);
      expect(errorOf(unknown).code).to.equal('not_found');
    });
  });

  describe('GET /api/v1/cases', () => {
    it("lists only the cases of the caller's agency, filtered and paged", async () => {
      const externalId = ext('list');
      const mine = await create(pmlp({ externalId, channel: 'email', officeId: undefined }));
      await create(vid({ externalId }), 'system-vid');

      const own = await call('GET', `/api/v1/cases?externalId=${encodeURIComponent(externalId)}&count=true`, { as: 'system-pmlp' });
      expect(own.status).to.equal(200);
      expect(own.body.total).to.equal(1);
      expect(own.body.items.map((c: any) => c.id)).to.deep.equal([mine.id]);

      const general = await call('GET', '/api/v1/cases?limit=200', { as: 'system-vid' });
      expect(general.status).to.equal(200);
      expect(general.body.items.length).to.be.greaterThan(0);
      expect(general.body.items.every((c: any) => c.agencyId === 'vid')).to.equal(true);
      expect(general.body.items.map((c: any) => c.id)).to.not.include(mine.id);

      const filtered = await call('GET', '/api/v1/cases?channel=email&status=submitted&serviceId=residence-declaration&limit=200', {
        as: 'officer-pmlp',
      });
      expect(filtered.status).to.equal(200);
      expect(filtered.body.items.map((c: any) => c.id)).to.include(mine.id);
      for (const c of filtered.body.items)
        expect(c).to.deep.include({ agencyId: 'pmlp', channel: 'email', status: 'submitted', serviceId: 'residence-declaration' });
    });

    it('pages by cursor (follow `next`) and counts only when asked', async () => {
      const tag = ext('page');
      const res = await call('POST', '/api/v1/cases/batch', {
        as: 'system-pmlp',
        json: {
          cases: Array.from({ length: 5 }, () => pmlp({ serviceId: 'declared-address-statement', channel: 'other', statusLabel: tag })),
        },
      });
      expect(res.body.created).to.equal(5);
      const ids = new Set<string>();
      const pages = [];
      let url: string | null = '/api/v1/cases?serviceId=declared-address-statement&channel=other&limit=2&count=true';
      while (url && pages.length < 3) {
        const page: ApiResponse = await call('GET', url, { as: 'system-pmlp' });
        expect(page.status).to.equal(200);
        pages.push(page.body);
        for (const c of page.body.items) ids.add(c.id);
        url = page.body.next;
      }
      const total = pages[0].total as number;
      expect(total).to.be.at.least(5);
      expect(pages[0].totalExact).to.equal(true);
      expect(pages.slice(1).every((p) => p.total === undefined)).to.equal(true);
      expect(ids.size).to.equal(Math.min(6, total));
      for (const c of res.body.results) expect(ids.has(c.id) || total > 6).to.equal(true);

      // An offset is no longer a way to page: refused.
      const past = await call('GET', '/api/v1/cases?limit=2&offset=2', { as: 'system-pmlp' });
      expect(past.status).to.equal(400);
    });

    it('is not for citizens', async () => {
      const res = await call('GET', '/api/v1/cases', { as: 'citizen-anna' });
      expect(res.status).to.equal(403);
      expect(errorOf(res).code).to.equal('forbidden');
    });
  });

  describe('reserved case ids (POST /api/v1/case-ids)', () => {
    it('reserves 1 to 1000 valid, distinct ids', async () => {
      const one = await call('POST', '/api/v1/case-ids', { as: 'system-pmlp', json: { count: 1 } });
      expect(one.status).to.equal(201);
      expect(one.body.ids).to.have.length(1);
      expect(isValidCaseId(one.body.ids[0])).to.equal(true);

      const many = await call('POST', '/api/v1/case-ids', { as: 'system-vid', json: { count: 1000 } });
      expect(many.status).to.equal(201);
      expect(many.body.ids).to.have.length(1000);
      expect(new Set(many.body.ids).size).to.equal(1000);
      expect(many.body.ids.every(isValidCaseId)).to.equal(true);
      expect(many.body.ids).to.not.include(one.body.ids[0]);
      const stored = await rowCount(
        "SELECT count(*)::int AS n FROM case_id_reservations WHERE agency_id = 'vid' AND case_id = ANY($1::text[])",
        [many.body.ids],
      );
      expect(stored).to.equal(1000);
    });

    it('refuses counts outside 1..1000 and non-integers', async () => {
      for (const count of [0, -1, 1001, 1.5, '5', null]) {
        const res = await call('POST', '/api/v1/case-ids', { as: 'system-pmlp', json: { count } });
        expect(res.status, String(count)).to.equal(400);
        const e = errorOf(res);
        expect(e.code).to.equal('validation_failed');
        expect(e.details[0].path).to.equal('/count');
      }
      const missing = await call('POST', '/api/v1/case-ids', { as: 'system-pmlp', json: {} });
      expect(missing.status).to.equal(400);
      expect(errorOf(missing).details[0]).to.deep.include({ path: '/count', code: 'required' });
    });

    it('is only for agencies', async () => {
      const res = await call('POST', '/api/v1/case-ids', { as: 'citizen-anna', json: { count: 1 } });
      expect(res.status).to.equal(403);
    });

    it('registers a case under a reserved id, once', async () => {
      const reserved = await call('POST', '/api/v1/case-ids', { as: 'system-pmlp', json: { count: 3 } });
      const [id, second] = reserved.body.ids as string[];
      const body = pmlp({ caseId: id });
      const c = await create(body);
      expect(c.id).to.equal(id);
      const resend = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: body });
      expect(resend.status).to.equal(200);
      expect(resend.body.id).to.equal(id);

      const reused = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlp({ caseId: id }) });
      expect(reused.status).to.equal(422);
      expect(errorOf(reused).code).to.equal('case_id_already_used');
      expect(errorOf(reused).details[0].path).to.equal('/caseId');

      // Two new items with one reserved id in one batch: the first gets it.
      const batch = await call('POST', '/api/v1/cases/batch', {
        as: 'system-pmlp',
        json: { cases: [pmlp({ caseId: second }), pmlp({ caseId: second })] },
      });
      expect(batch.status).to.equal(200);
      expect(batch.body.results[0]).to.deep.include({ outcome: 'created', id: second });
      expect(batch.body.results[1].outcome).to.equal('failed');
      expect(batch.body.results[1].error.code).to.equal('case_id_already_used');
      expect(await rowCount('SELECT count(*)::int AS n FROM cases WHERE id = ANY($1::text[])', [[id, second]])).to.equal(2);
      expect(await casesWithExternalId('pmlp', batch.body.results[1].externalId)).to.equal(0);
      expect(await eventsOf(second)).to.equal(1);
    });

    it('treats the same item with a reserved id twice in one batch as one case', async () => {
      const [id] = (await call('POST', '/api/v1/case-ids', { as: 'system-pmlp', json: { count: 1 } })).body.ids as string[];
      const item = pmlp({ caseId: id, status: 'in_progress' });
      const batch = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases: [item, item] } });
      expect(batch.status).to.equal(200);
      expect(batch.body).to.deep.include({ created: 1, existing: 1, failed: 0 });
      expect(batch.body.results.map((r: any) => [r.outcome, r.id])).to.deep.equal([
        ['created', id],
        ['existing', id],
      ]);
      expect(await eventsOf(id)).to.equal(1);
    });

    it('never hands a reserved id to a case registered without one', async () => {
      const reserved = await call('POST', '/api/v1/case-ids', { as: 'system-pmlp', json: { count: 5 } });
      expect(reserved.body.ids).to.have.length(5);
      const res = await call('POST', '/api/v1/cases/batch', { as: 'system-pmlp', json: { cases: [pmlp(), pmlp(), pmlp()] } });
      expect(res.status).to.equal(200);
      // Three cases created, each with a valid id of its own: only then does "none of them reserved" say anything.
      expect(res.body).to.deep.include({ created: 3, existing: 0, failed: 0 });
      const ids = res.body.results.map((r: any) => r.id as string);
      expect(res.body.results.map((r: any) => r.outcome)).to.deep.equal(['created', 'created', 'created']);
      for (const id of ids) expect(isValidCaseId(id), id).to.equal(true);
      expect(new Set(ids).size).to.equal(3);
      for (const id of ids) expect(reserved.body.ids).to.not.include(id);
    });

    it('refuses an id reserved by another agency, or never reserved, or mistyped', async () => {
      const vidIds = (await call('POST', '/api/v1/case-ids', { as: 'system-vid', json: { count: 1 } })).body.ids as string[];
      const foreign = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlp({ caseId: vidIds[0] }) });
      expect(foreign.status).to.equal(422);
      expect(errorOf(foreign).code).to.equal('case_id_not_reserved');
      expect(errorOf(foreign).details[0]).to.deep.include({ path: '/caseId', code: 'case_id_not_reserved' });
      expect(await rowCount('SELECT count(*)::int AS n FROM cases WHERE id = $1', [vidIds[0]])).to.equal(0);
      // The owner can still use it.
      expect((await create(vid({ caseId: vidIds[0] }), 'system-vid')).id).to.equal(vidIds[0]);

      const never = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlp({ caseId: caseIdFromNumber(9_999_999_903) }) });
      expect(never.status).to.equal(422);
      expect(errorOf(never).code).to.equal('case_id_not_reserved');

      const own = (await call('POST', '/api/v1/case-ids', { as: 'system-pmlp', json: { count: 1 } })).body.ids as string[];
      const typo = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlp({ caseId: mistype(own[0]) }) });
      expect(typo.status).to.equal(422);
      expect(errorOf(typo).code).to.equal('invalid_check_digits');
      const malformed = await call('POST', '/api/v1/cases', { as: 'system-pmlp', json: pmlp({ caseId: 'LV-1-2' }) });
      expect(malformed.status).to.equal(400);
      expect(errorOf(malformed).details[0]).to.deep.include({ path: '/caseId', code: 'pattern' });
    });
  });

  describe('GET /api/v1/me/cases', () => {
    const mineExt: string[] = [];
    let pmlpCase: any;
    let representedId: string;
    before(async () => {
      pmlpCase = await create(pmlp({ channel: 'in_person' }));
      const vidCase = await create(vid({ channel: 'eservice' }), 'system-vid');
      const rigaCase = await create(
        { externalId: ext('riga'), serviceId: 'trade-permit', channel: 'phone', recipient: { type: 'natural', id: '150385-11239' } },
        'system-riga',
      );
      const represented = await create(
        pmlp({ recipient: { type: 'natural', id: personalCode(21) }, representative: { type: 'natural', id: ANNA, basis: 'consent' } }),
      );
      representedId = represented.id;
      mineExt.push(pmlpCase.externalId, vidCase.externalId, rigaCase.externalId, represented.externalId);
      await create(pmlp({ recipient: { type: 'natural', id: JANIS } }));
      await create(pmlp({ recipient: { type: 'eidas', id: MARIE } }));
      expect((await setStatus(pmlpCase.id, { status: 'in_progress', label: 'Apstrādē' })).status).to.equal(200);
      expect((await setStatus(pmlpCase.id, { status: 'completed' })).status).to.equal(200);
    });

    it("lists all of the citizen's cases from every agency and channel, with status history", async () => {
      const res = await call('GET', '/api/v1/me/cases?limit=200&count=true', { as: 'citizen-anna' });
      expect(res.status).to.equal(200);
      const items = res.body.items as any[];
      const mine = items.filter((c) => mineExt.includes(c.externalId));
      expect(mine).to.have.length(4);
      expect(mine.map((c) => `${c.agencyId}/${c.channel}`).sort()).to.deep.equal([
        'pmlp/in_person',
        'pmlp/in_person',
        'riga/phone',
        'vid/eservice',
      ]);
      expect(res.body.total).to.be.at.least(items.length);
      for (const c of items) {
        const isRecipient = c.recipient.type === 'natural' && c.recipient.id === ANNA;
        const isRepresentative = c.representative?.type === 'natural' && c.representative.id === ANNA;
        expect(isRecipient || isRepresentative, c.id).to.equal(true);
        expect(c.relation).to.equal(isRecipient ? 'recipient' : 'representative');
        expect(c.history).to.be.an('array').that.is.not.empty;
      }
      const withHistory = items.find((c) => c.id === pmlpCase.id);
      expect(withHistory.status).to.equal('completed');
      expect(withHistory.history.map((h: any) => [h.status, h.label])).to.deep.equal([
        ['submitted', null],
        ['in_progress', 'Apstrādē'],
        ['completed', null],
      ]);
      expect(items.find((c) => c.id === representedId).relation).to.equal('representative');
      // Newest status first.
      const times = items.map((c) => Date.parse(c.statusAt));
      expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    });

    it('shows another citizen only their own cases', async () => {
      const janis = await call('GET', '/api/v1/me/cases?limit=200', { as: 'citizen-janis' });
      expect(janis.status).to.equal(200);
      expect(janis.body.items.length).to.be.greaterThan(0);
      expect(janis.body.items.some((c: any) => mineExt.includes(c.externalId))).to.equal(false);
      expect(janis.body.items.every((c: any) => c.recipient.id === JANIS || c.representative?.id === JANIS)).to.equal(true);

      const marie = await call('GET', '/api/v1/me/cases', { as: 'citizen-marie' });
      expect(marie.status).to.equal(200);
      expect(marie.body.items.length).to.be.greaterThan(0);
      expect(marie.body.items.every((c: any) => c.recipient.type === 'eidas' && c.recipient.id === MARIE)).to.equal(true);
    });

    it('pages by cursor (test/api/cases/my-cases.test.ts pages in full)', async () => {
      const all = await call('GET', '/api/v1/me/cases?limit=200&count=true', { as: 'citizen-anna' });
      const first = await call('GET', '/api/v1/me/cases?limit=2&count=true', { as: 'citizen-anna' });
      const second = await call('GET', first.body.next as string, { as: 'citizen-anna' });
      expect(first.body.items.map((c: any) => c.id)).to.deep.equal(all.body.items.slice(0, 2).map((c: any) => c.id));
      expect(second.body.items.map((c: any) => c.id)).to.deep.equal(all.body.items.slice(2, 4).map((c: any) => c.id));
      expect(first.body.total).to.equal(all.body.total);
      expect(second.body.total, 'the next page is not counted again').to.equal(undefined);
    });

    it('is only for citizens', async () => {
      for (const as of ['system-pmlp', 'officer-pmlp', 'staff-vpvkac-riga']) {
        const res = await call('GET', '/api/v1/me/cases', { as });
        expect(res.status, as).to.equal(403);
      }
      const anonymous = await call('GET', '/api/v1/me/cases');
      expect(anonymous.status).to.equal(401);
    });
  });

  describe('audit of reads', () => {
    const auditRows = async (requestId: string) =>
      (await stack.db.pool.query('SELECT * FROM audit_log WHERE request_id = $1 ORDER BY id', [requestId])).rows;
    let c: any;
    before(async () => {
      c = await create(pmlp());
    });

    it('records a citizen reading her own case', async () => {
      const requestId = `audit-${uniqueSuffix()}`;
      const asked = Date.now();
      const res = await call('GET', `/api/v1/cases/${c.id}`, { as: 'citizen-anna', headers: { 'x-request-id': requestId } });
      const answered = Date.now();
      expect(res.status).to.equal(200);
      expect(res.headers.get('x-request-id')).to.equal(requestId);
      const rows = await auditRows(requestId);
      expect(rows).to.have.length(1);
      expect(rows[0]).to.deep.include({
        actor_type: 'citizen',
        actor_id: 'citizen-anna',
        subject_type: 'natural',
        subject_id: ANNA,
        action: 'read',
        resource: `case:${c.id}`,
        purpose: 'own-case',
      });
      expect(new Date(rows[0].at).getTime(), 'written during the request').to.be.within(asked, answered);
    });

    it('records an agency reading a case, with its agency', async () => {
      const requestId = `audit-${uniqueSuffix()}`;
      await call('GET', `/api/v1/cases/${c.id}`, { as: 'officer-pmlp', headers: { 'x-request-id': requestId } });
      const rows = await auditRows(requestId);
      expect(rows).to.have.length(1);
      expect(rows[0]).to.deep.include({
        actor_type: 'staff',
        actor_id: 'officer-pmlp',
        actor_agency: 'pmlp',
        actor_office: 'pmlp-riga-1',
        subject_type: 'natural',
        subject_id: ANNA,
        resource: `case:${c.id}`,
        purpose: 'case-handling',
      });
    });

    it('records one row per case in an agency list', async () => {
      const requestId = `audit-${uniqueSuffix()}`;
      const res = await call('GET', '/api/v1/cases?limit=7', { as: 'system-pmlp', headers: { 'x-request-id': requestId } });
      expect(res.body.items).to.have.length(7);
      const rows = await auditRows(requestId);
      expect(rows.map((r) => r.resource)).to.deep.equal(res.body.items.map((i: any) => `case:${i.id}`));
      expect(rows.map((r) => r.subject_id)).to.deep.equal(res.body.items.map((i: any) => i.recipient.id));
      expect(rows.every((r) => r.actor_id === 'system-pmlp' && r.actor_type === 'system' && r.action === 'read')).to.equal(true);
    });

    it('records a citizen reading her list', async () => {
      const requestId = `audit-${uniqueSuffix()}`;
      const res = await call('GET', '/api/v1/me/cases?limit=3', { as: 'citizen-anna', headers: { 'x-request-id': requestId } });
      const all = await auditRows(requestId);
      const rows = all.filter((r) => r.resource === 'me/cases');
      expect(rows).to.have.length(1);
      expect(rows[0]).to.deep.include({
        actor_id: 'citizen-anna',
        subject_type: 'natural',
        subject_id: ANNA,
        resource: 'me/cases',
        purpose: 'own-cases',
      });
      expect(rows[0].details).to.deep.equal({ count: res.body.items.length });
      // A case she follows as someone's representative is a read of their data, on that basis, for them.
      const forOthers = all.filter((r) => r.resource !== 'me/cases');
      expect(forOthers.map((r) => r.resource)).to.deep.equal(
        res.body.items.filter((i: any) => i.relation === 'representative').map((i: any) => `case:${i.id}`),
      );
      for (const r of forOthers) {
        expect(r.purpose).to.match(/^representative:/);
        expect(r.on_behalf_of).to.equal(`${r.subject_type}:${r.subject_id}`);
      }
    });

    it('records nothing for a refused read', async () => {
      const requestId = `audit-${uniqueSuffix()}`;
      const res = await call('GET', `/api/v1/cases/${c.id}`, { as: 'citizen-janis', headers: { 'x-request-id': requestId } });
      expect(res.status).to.equal(404);
      expect(await auditRows(requestId)).to.deep.equal([]);
    });
  });
});
