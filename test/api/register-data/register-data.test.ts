// "My data in the registers" and "Something is wrong" (issue 18 §2) against the real stack of test/setup.ts: the
// five registers' simulators read in parallel, each section with its source and read time; a register down (or too
// slow) leaves the others shown; the person sees only their own data; a discrepancy report is a case of the
// register's holder agency in My cases, once per Idempotency-Key; every read and the report are audited.
import { expect } from 'chai';
import crypto from 'node:crypto';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { traced } from '../../helpers/audit';
import { ANNA_CODE, JANIS_CODE } from '../../../simulators/population-register/data';
import { ANNA_COMPANY_REGCODE, SOLE_RIGHTS_REGCODE } from '../../../simulators/enterprise-register/data';
import { registerDataForExport } from '../../../api/register-data/queries';
import { reportId } from '../../../db/register-data/discrepancies';

const ANNA = 'citizen-anna';
const JANIS = 'citizen-janis';

async function setFaults(url: string, faults: Record<string, unknown> | null): Promise<void> {
  const res = await fetch(`${url}/_faults`, {
    method: faults ? 'POST' : 'DELETE',
    ...(faults ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) } : {}),
  });
  expect(res.status).to.equal(200);
}

const section = (body: any, register: string) => body.sections.find((s: any) => s.register === register);
const itemIds = (body: any, register: string) => section(body, register).items.map((i: any) => i.id);

const report = (extra: Record<string, unknown> = {}) => ({
  register: 'vehicle',
  itemId: 'KA-1234',
  field: 'model',
  wrong: 'RAV4',
  correct: 'RAV4 Hybrid',
  comment: 'The registration certificate says hybrid.',
  ...extra,
});

describe('api/register-data: my data in the registers', function () {
  this.timeout(30_000);
  afterEach(async () => {
    await setFaults(stack.simulators.urls.vehicleRegister, null);
    await setFaults(stack.simulators.urls.landRegister, null);
  });

  it('shows what each register holds about me, with its source, holder and the time it was read, and audits each read', async () => {
    const before = Date.now();
    const { res, audit } = await traced('GET', '/api/v1/me/register-data', { as: ANNA });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.person).to.deep.equal({ type: 'natural', id: ANNA_CODE });
    expect(res.body.sections.map((s: any) => [s.register, s.status])).to.deep.equal([
      ['population', 'available'],
      ['address', 'available'],
      ['vehicle', 'available'],
      ['real-estate', 'available'],
      ['enterprise', 'available'],
    ]);
    const vehicles = section(res.body, 'vehicle');
    expect(vehicles.source).to.deep.equal({
      register: 'vehicle',
      registerName: { lv: 'Transportlīdzekļu reģistrs', en: 'Vehicle register' },
      holder: { agencyId: 'csdd', name: { lv: 'Ceļu satiksmes drošības direkcija', en: 'Road Traffic Safety Directorate' } },
    });
    expect(Date.parse(vehicles.readAt)).to.be.at.least(before - 1000);
    expect(vehicles.items.map((i: any) => i.id)).to.deep.equal(['KA-1234', 'NT-5678']);
    const rav4 = vehicles.items[0];
    expect(rav4.source).to.deep.equal(vehicles.source);
    expect(rav4.readAt).to.equal(vehicles.readAt);
    expect(rav4.fields.find((f: any) => f.key === 'relation')).to.deep.include({
      value: 'owner',
      display: { lv: 'īpašnieks', en: 'owner' },
    });
    expect(rav4.fields.find((f: any) => f.key === 'inspectionValidUntil')).to.deep.include({ value: '2027-04-30', type: 'date' });

    expect(itemIds(res.body, 'population')).to.deep.equal(['person']);
    expect(section(res.body, 'population').source.holder.agencyId).to.equal('pmlp');
    // The address the population register holds now (seeded: ANNA_ADDRESS_CODE; approved declarations of other tests change it).
    const person = (await (await fetch(`${stack.simulators.urls.populationRegister}/persons/${ANNA_CODE}`)).json()) as {
      residence: { aris_code: string };
    };
    expect(itemIds(res.body, 'address')).to.deep.equal([person.residence.aris_code]);
    expect(section(res.body, 'address').source.holder.agencyId).to.equal('vzd');
    expect(itemIds(res.body, 'real-estate')).to.deep.equal(['01000320145001', '80960040211']);
    const share = section(res.body, 'real-estate').items[0].fields.find((f: any) => f.key === 'share');
    expect(share.value).to.equal('1/2');
    // The company she chairs (and holds 60% of), and the one she only holds a share of.
    expect(itemIds(res.body, 'enterprise')).to.deep.equal([ANNA_COMPANY_REGCODE, SOLE_RIGHTS_REGCODE]);
    const [chaired, shareOnly] = section(res.body, 'enterprise').items.map((i: any) =>
      Object.fromEntries(i.fields.map((f: any) => [f.key, f])),
    );
    expect(chaired.role.display.en).to.equal('chair of the board');
    expect(chaired.capitalShare.value).to.equal('60%');
    expect(shareOnly.role.display.en).to.equal('member (shareholder)');
    expect(shareOnly.capitalShare.value).to.equal('25%');
    expect(shareOnly.since.value).to.equal('2021-06-14');

    const reads = audit.filter((r) => r.purpose === 'my-data-view');
    expect(reads.map((r) => r.resource).sort()).to.deep.equal(
      ['address', 'enterprise', 'population', 'real-estate', 'vehicle'].map((r) => `register-data:${r}`),
    );
    for (const row of reads) {
      expect(row).to.include({ action: 'read', actor_type: 'citizen', actor_id: ANNA, subject_type: 'natural', subject_id: ANNA_CODE });
      expect(row.details).to.include({ outcome: 'read', legalBasis: 'GDPR Art. 15 (right of access)' });
    }
  });

  it('gives the export the same data as plain JSON, and audits its reads', async () => {
    const exported = await registerDataForExport(stack.api.deps, ANNA_CODE, {
      actor: { type: 'citizen', id: ANNA },
      purpose: 'my-data-export',
      requestId: `export-${crypto.randomUUID()}`,
    });
    expect(JSON.parse(JSON.stringify(exported))).to.deep.equal(exported);
    expect(exported.person).to.deep.equal({ type: 'natural', id: ANNA_CODE });
    expect(itemIds(exported, 'vehicle')).to.deep.equal(['KA-1234', 'NT-5678']);
    expect(section(exported, 'real-estate').source.holder.agencyId).to.equal('vzd');
    const rows = await stack.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE purpose = 'my-data-export' AND subject_id = $1",
      [ANNA_CODE],
    );
    expect(rows.rows[0].n).to.be.at.least(5);
  });

  it("shows only my own data: another person's register data is never in my answer and cannot be asked for", async () => {
    const janis = await call('GET', '/api/v1/me/register-data', { as: JANIS });
    expect(janis.status).to.equal(200);
    expect(janis.body.person.id).to.equal(JANIS_CODE);
    expect(JSON.stringify(janis.body)).not.to.include(ANNA_CODE).and.not.to.include('KA-1234');
    expect(itemIds(janis.body, 'vehicle')).to.deep.equal(['JN-4021']);
    const asked = await call('GET', `/api/v1/me/register-data?personalCode=${ANNA_CODE}`, { as: JANIS });
    expect(asked.status).to.equal(400);
    expect(errorOf(asked).code).to.equal('validation_failed');
  });

  it('refuses an account without a Latvian personal code, and anyone not signed in', async () => {
    const marie = await call('GET', '/api/v1/me/register-data', { as: 'citizen-marie' });
    expect(marie.status).to.equal(403);
    expect(errorOf(marie).message).to.match(/personal code/);
    expect((await call('GET', '/api/v1/me/register-data')).status).to.equal(401);
  });

  it('gives the other registers when one is down, and says that one is not available now', async () => {
    await setFaults(stack.simulators.urls.vehicleRegister, { outage: true });
    const { res, audit } = await traced('GET', '/api/v1/me/register-data', { as: ANNA });
    expect(res.status).to.equal(200);
    const vehicles = section(res.body, 'vehicle');
    expect(vehicles).to.deep.include({ status: 'unavailable', readAt: null, items: [] });
    expect(vehicles.message.en).to.match(/not available now.*try again later/i);
    expect(vehicles.source.holder.agencyId).to.equal('csdd');
    expect(res.body.sections.filter((s: any) => s.status === 'available').map((s: any) => s.register)).to.deep.equal([
      'population',
      'address',
      'real-estate',
      'enterprise',
    ]);
    expect(audit.find((r) => r.resource === 'register-data:vehicle')?.details.outcome).to.equal('unavailable');
  });

  it('does not wait for a register that does not answer in time', async () => {
    await setFaults(stack.simulators.urls.landRegister, { latencyMs: 60_000 });
    const res = await call('GET', '/api/v1/me/register-data', { as: ANNA });
    expect(res.status).to.equal(200);
    expect(section(res.body, 'real-estate').status).to.equal('unavailable');
    expect(section(res.body, 'vehicle').status).to.equal('available');
  });
});

describe('api/register-data: something is wrong', function () {
  this.timeout(30_000);

  it('opens a case of the holder agency, in My cases, once for the same Idempotency-Key, audited', async () => {
    const key = `rd-${crypto.randomUUID()}`;
    const { res, audit } = await traced('POST', '/api/v1/me/register-data/discrepancies', {
      as: ANNA,
      json: report(),
      headers: { 'idempotency-key': key },
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const caseId = res.body.caseId as string;
    expect(res.headers.get('location')).to.equal(`/api/v1/cases/${caseId}`);
    expect(res.body).to.deep.include({
      register: 'vehicle',
      itemId: 'KA-1234',
      field: 'model',
      wrong: 'RAV4',
      correct: 'RAV4 Hybrid',
      holder: { agencyId: 'csdd', name: { lv: 'Ceļu satiksmes drošības direkcija', en: 'Road Traffic Safety Directorate' } },
      title: { lv: 'Neprecizitāte transportlīdzekļu reģistra datos', en: 'Discrepancy in the vehicle register' },
    });
    expect(audit.map((r) => [r.action, r.resource, r.purpose])).to.deep.include.members([
      ['create', `case:${caseId}`, 'register-discrepancy'],
      ['create', `register-discrepancy:${caseId}`, 'register-discrepancy'],
    ]);
    expect(audit.find((r) => r.resource === `register-discrepancy:${caseId}`)?.details).to.include({ caseId, register: 'vehicle' });

    const again = await call('POST', '/api/v1/me/register-data/discrepancies', {
      as: ANNA,
      json: report(),
      headers: { 'idempotency-key': key },
    });
    expect(again.status).to.equal(200);
    expect(again.body.caseId).to.equal(caseId);
    const count = await stack.db.pool.query(
      'SELECT count(*)::int AS n, min(external_id) AS ext FROM cases WHERE id = $1 OR external_id = $2',
      [caseId, reportId(ANNA_CODE, key)],
    );
    expect(count.rows[0].n).to.equal(1);
    expect(count.rows[0].ext, 'no personal code in the id the agency sees').not.to.include(ANNA_CODE);

    const mine = await call('GET', '/api/v1/me/cases?state=open', { as: ANNA });
    expect(mine.status).to.equal(200);
    const listed = mine.body.items.find((c: any) => c.id === caseId);
    expect(listed, 'the report is in My cases').to.not.equal(undefined);
    expect(listed).to.deep.include({ agencyId: 'csdd', status: 'submitted', channel: 'eservice' });
    expect(listed.serviceTitle).to.deep.equal({
      lv: 'Neprecizitāte transportlīdzekļu reģistra datos',
      en: 'Discrepancy in the vehicle register',
    });
    expect((await call('GET', `/api/v1/cases/${caseId}`, { as: ANNA })).status).to.equal(200);
    expect((await call('GET', `/api/v1/cases/${caseId}`, { as: JANIS })).status, "another person's case").to.equal(404);
  });

  it("lets the register's holder agency read the report of its case, and nobody else", async () => {
    const res = await call('POST', '/api/v1/me/register-data/discrepancies', {
      as: ANNA,
      json: report({
        register: 'population',
        itemId: 'person',
        field: 'birthDate',
        wrong: '1985-03-15',
        correct: '1985-03-16',
        comment: undefined,
      }),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.comment).to.equal(null);
    expect(res.body.holder.agencyId).to.equal('pmlp');
    const path = `/api/v1/cases/${res.body.caseId}/register-discrepancy`;
    const { res: asAgency, audit } = await traced('GET', path, { as: 'system-pmlp' });
    expect(asAgency.status).to.equal(200);
    expect(asAgency.body).to.deep.include({ field: 'birthDate', wrong: '1985-03-15', correct: '1985-03-16' });
    expect(audit.map((r) => [r.action, r.resource, r.subject_id])).to.deep.include([
      'read',
      `register-discrepancy:${res.body.caseId}`,
      ANNA_CODE,
    ]);
    expect((await call('GET', path, { as: ANNA })).status).to.equal(200);
    expect((await call('GET', path, { as: 'system-vid' })).status, 'another agency').to.equal(404);
    expect((await call('GET', path, { as: JANIS })).status, 'another person').to.equal(404);
  });

  it('opens the case at the agency that holds each register', async () => {
    const res = await call('POST', '/api/v1/me/register-data/discrepancies', {
      as: JANIS,
      json: report({ register: 'real-estate', itemId: '09000110333', field: 'area', wrong: '820 m²', correct: '850 m²' }),
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    expect(res.body.holder.agencyId).to.equal('vzd');
    expect(res.body.comment).to.equal('The registration certificate says hybrid.');
  });

  it('refuses an unknown item or field, blank texts and a correction that changes nothing (422), a malformed body (400)', async () => {
    const refused = async (body: Record<string, unknown>) => {
      const res = await call('POST', '/api/v1/me/register-data/discrepancies', { as: ANNA, json: body });
      expect(res.status, JSON.stringify(res.body)).to.equal(422);
      return errorOf(res).details.map((d) => [d.path, d.code]);
    };
    expect(await refused(report({ field: 'colour' }))).to.deep.equal([['/field', 'unknown_field']]);
    expect(await refused(report({ register: 'enterprise', itemId: 'KA-1234', field: 'name' }))).to.deep.equal([
      ['/itemId', 'unknown_item'],
    ]);
    expect(await refused(report({ wrong: '   ', correct: ' ' }))).to.deep.equal([
      ['/wrong', 'blank'],
      ['/correct', 'blank'],
    ]);
    expect(await refused(report({ correct: ' RAV4 ' }))).to.deep.equal([['/correct', 'same_as_wrong']]);
    const malformed = await call('POST', '/api/v1/me/register-data/discrepancies', {
      as: ANNA,
      json: { register: 'vehicles', itemId: 'KA-1234' },
    });
    expect(malformed.status).to.equal(400);
    const badKey = await call('POST', '/api/v1/me/register-data/discrepancies', {
      as: ANNA,
      json: report(),
      headers: { 'idempotency-key': 'bad key!' },
    });
    expect(badKey.status).to.equal(400);
    expect(errorOf(badKey).code).to.equal('invalid_idempotency_key');
  });
});
