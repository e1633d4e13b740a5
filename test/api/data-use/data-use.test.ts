// "Who used my data" (issue 18 §2): an officer's view of a citizen's application, the e-service's prefill and register
// check reads, and the reads registers push (the population and enterprise register simulators push theirs) show to
// the citizen with the institution, a role, what and why — never the officer. Embargoed reads stay hidden until their
// date, a read concerning another person shows only to that person, and another citizen sees none of it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { stack } from '../../setup';
import { call, errorOf } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dayFromToday } from '../../helpers/dates';
import { audit } from '../../../db/audit';
import { makePersonalCode } from '../../../db/domain/person-id';
import type { RunningApi } from '../../../api/platform/server';
import { agencyPersonDataRead } from '../../../api/platform/auth/policy';
import { providerApi, type TestClient } from '../platform/auth/provider-helpers';
import { STAFF, closePeers, connectPeer, grantFor, openPrefilled, request } from '../../helpers/assist';

const ANNA = '15038511239';
const KNOWN_ADDRESS = 'Dzirnavu iela 67 - 22, Rīga, LV-1011';

type Use = Record<string, any>;

/** Every use, page after page: the whole full tier reads Anna's data, so one page does not reach the older ones. */
async function usesOf(persona: string, query = ''): Promise<Use[]> {
  const all: Use[] = [];
  let next: string | null = `/api/v1/me/data-use?limit=200${query}`;
  while (next) {
    const res: { status: number; body: any } = await call('GET', next, { as: persona });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    all.push(...(res.body.items as Use[]));
    next = res.body.next;
  }
  return all;
}

const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('api/data-use (who used my data)', function () {
  this.timeout(180_000);
  let caseId: string;

  before(async () => {
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
    expect(opened.status).to.equal(201);
    const app = await waitFor('prefill', async () => {
      const r = (await call('GET', `/api/v1/applications/${opened.body.id}`, { as: 'citizen-anna' })).body;
      return r.draft.data.applicant?.givenName ? r : null;
    });
    caseId = app.id;
    const data = {
      ...app.draft.data,
      newAddress: { text: KNOWN_ADDRESS },
      residenceBasis: 'owner',
      declarationDate: dayFromToday(1),
      confirm: true,
    };
    const saved = await call('PUT', `/api/v1/applications/${caseId}/draft`, {
      as: 'citizen-anna',
      json: { version: app.draft.version, data },
    });
    const submitted = await call('POST', `/api/v1/applications/${caseId}/submit`, {
      as: 'citizen-anna',
      json: { version: saved.body.version },
    });
    expect(submitted.status, JSON.stringify(submitted.body)).to.equal(200);
    const task = await waitFor('the officer task', async () =>
      (await call('GET', '/api/v1/tasks?limit=200&sort=-created_at', { as: 'officer-pmlp' })).body.items.find(
        (t: any) => t.caseId === caseId,
      ),
    );
    const view = await call('GET', `/api/v1/tasks/${encodeURIComponent(task.id)}`, { as: 'officer-pmlp' });
    expect(view.status).to.equal(200);
  });

  it("shows the officer's view as the agency, a role, the purpose and the case — never the officer", async () => {
    const res = await call('GET', '/api/v1/me/data-use?limit=200', { as: 'citizen-anna' });
    const view = (res.body.items as Use[]).find(
      (u) => u.purpose.code === 'case-handling' && u.caseId === caseId && u.source === 'platform',
    );
    expect(view, JSON.stringify(res.body.items)).to.not.equal(undefined);
    expect(view!.who).to.deep.equal({ lv: 'Pilsonības un migrācijas lietu pārvalde', en: 'Office of Citizenship and Migration Affairs' });
    expect(view!.role.en).to.equal('Agency officer');
    expect(view!.purpose.text.en).to.equal('Handling the case');
    expect(view!.caseHref).to.equal(`/cases/${caseId}`);
    expect(view!.institution).to.equal('90000094011');
    const text = JSON.stringify(res.body);
    for (const secret of ['officer-pmlp', 'Ilze', 'Ozola', 'pmlp-riga-1']) expect(text).to.not.contain(secret);
    // Her own reads (this list, her application) are not uses by others.
    expect((res.body.items as Use[]).map((u) => u.purpose.code)).to.not.include.members(['own-data-use', 'own-application']);
  });

  it("shows the e-service's prefill and register-check reads of the application", async () => {
    const uses = (await usesOf('citizen-anna')).filter((u) => u.caseId === caseId);
    const prefill = uses.find((u) => u.purpose.code === 'prefill');
    expect(prefill?.what.en).to.equal('Population register: personal data');
    expect(prefill?.role.en).to.equal('E-service (automatic)');
    expect(prefill?.who.en).to.equal('Office of Citizenship and Migration Affairs');
    const check = uses.find((u) => u.purpose.code === 'register-check');
    expect(check?.what.en).to.equal('Address register: address check');
    expect(check?.purpose.text.en).to.equal("Checking the application's data in a register");
  });

  it('shows what the registers pushed: not the embargoed read, and the notary’s read about a relative only to the one it concerns', async () => {
    const uses = await waitFor('the pushed reads', async () => {
      const list = await usesOf('citizen-anna');
      return list.some((u) => u.purpose.code === 'tax-audit') && list.some((u) => u.purpose.code === 'inheritance-case') ? list : null;
    });
    const srs = uses.find((u) => u.purpose.code === 'tax-administration')!;
    expect(srs).to.deep.include({
      source: 'register',
      institution: '90000069281',
      legalBasis: 'Likums "Par nodokļiem un nodevām", 15. pants',
    });
    expect(srs.role).to.deep.equal({ lv: 'Nodokļu inspektors', en: 'Tax inspector' });
    expect(srs.caseId).to.equal('VID-2026-114532');
    expect(srs.caseHref).to.equal(null);
    expect(uses.map((u) => u.purpose.code)).to.not.include('criminal-investigation');
    const janis = await waitFor('Jānis’s pushed reads', async () => {
      const list = await usesOf('citizen-janis');
      return list.some((u) => u.purpose.code === 'insolvency-supervision') ? list : null;
    });
    expect(janis.map((u) => u.purpose.code)).to.not.include('inheritance-case');
    expect(janis.map((u) => u.purpose.code)).to.include('tax-administration');
    // Another citizen never sees Anna's: not her case, not her reads.
    expect(janis.filter((u) => u.caseId === caseId || u.purpose.code === 'tax-audit')).to.deep.equal([]);
  });

  it('shows a read made in the register since, once the register has pushed it', async () => {
    const added = await fetch(`${stack.simulators.urls.populationRegister}/_access-log`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: ANNA,
        agency: { code: '90000099200', name: { lv: 'Valsts policija', en: 'State Police' } },
        role: { lv: 'Patruļpolicists', en: 'Patrol officer' },
        data: { lv: 'Personas dati', en: 'Personal data' },
        purpose: { code: 'identity-check', lv: 'Personas identitātes pārbaude', en: 'Identity check' },
        legalBasis: 'Likums "Par policiju", 12. pants',
      }),
    });
    expect(added.status).to.equal(201);
    const found = await waitFor('the new read', async () =>
      (await usesOf('citizen-anna')).find((u) => u.purpose.code === 'identity-check'),
    );
    expect(found.who.en).to.equal('State Police');
  });

  it("shows an agency system's API read of her case as the agency's information system", async () => {
    const read = await call('GET', `/api/v1/cases/${caseId}`, { as: 'system-pmlp' });
    expect(read.status).to.equal(200);
    const uses = (await usesOf('citizen-anna')).filter((u) => u.caseId === caseId && u.role.en === "The agency's information system");
    expect(uses.map((u) => [u.who.en, u.what.en])).to.deep.include([
      'Office of Citizenship and Migration Affairs',
      `Case ${caseId} and its status history`,
    ]);
  });

  it("keeps an agency's covert read of her case from her until the embargo's day, and records the embargo", async () => {
    const until = isoDay(90);
    const covert = await call(
      'GET',
      `/api/v1/cases/${caseId}?purpose=criminal-investigation&legalBasis=${encodeURIComponent('Kriminālprocesa likums, 190. pants')}&embargoUntil=${until}`,
      { as: 'system-pmlp' },
    );
    expect(covert.status, JSON.stringify(covert.body)).to.equal(200);
    const { rows } = await stack.db.pool.query(
      `SELECT action, purpose, details FROM audit_log WHERE resource IN ($1, $2) AND purpose IN ('criminal-investigation', 'embargo-set') ORDER BY id`,
      [`case:${caseId}`, `embargo:case:${caseId}`],
    );
    expect(rows.map((r) => [r.action, r.purpose, r.details.embargoUntil])).to.deep.equal([
      ['read', 'criminal-investigation', until],
      ['create', 'embargo-set', until],
    ]);
    expect((await usesOf('citizen-anna')).map((u) => u.purpose.code)).to.not.include.members(['criminal-investigation', 'embargo-set']);
    // An embargo needs its grounds and a day ahead; a citizen states nothing.
    const noBasis = await call('GET', `/api/v1/cases/${caseId}?purpose=criminal-investigation&embargoUntil=${until}`, {
      as: 'system-pmlp',
    });
    expect([noBasis.status, errorOf(noBasis).code]).to.deep.equal([400, 'embargo_needs_grounds']);
    const past = await call('GET', `/api/v1/cases/${caseId}?purpose=x&legalBasis=y&embargoUntil=${isoDay(-1)}`, { as: 'system-pmlp' });
    expect([past.status, errorOf(past).code]).to.deep.equal([400, 'invalid_embargo']);
    const citizen = await call('GET', `/api/v1/cases/${caseId}?purpose=curiosity`, { as: 'citizen-anna' });
    expect([citizen.status, errorOf(citizen).code]).to.deep.equal([400, 'purpose_not_for_you']);
    // A stated purpose and legal basis without an embargo show at once.
    await call(
      'GET',
      `/api/v1/cases/${caseId}?purpose=tax-administration&legalBasis=${encodeURIComponent('Likums "Par nodokļiem un nodevām"')}`,
      {
        as: 'system-pmlp',
      },
    );
    const stated = (await usesOf('citizen-anna')).find((u) => u.caseId === caseId && u.purpose.code === 'tax-administration');
    expect(stated?.legalBasis).to.equal('Likums "Par nodokļiem un nodevām"');
    expect(stated?.purpose.text.en).to.equal('Tax administration');
  });

  it('shows a co-browsing join as the customer centre and a role, on the application', async () => {
    const app = await openPrefilled();
    try {
      const citizen = await connectPeer('citizen-anna');
      expect((await request(citizen, 'cobrowse:open', { applicationId: app.id })).ok).to.equal(true);
      const { grantId } = await grantFor(app.id, 'view');
      const staff = await connectPeer(STAFF);
      const joined = await request(staff, 'cobrowse:join', { grantId });
      expect(joined.ok, JSON.stringify(joined)).to.equal(true);
    } finally {
      closePeers();
    }
    const watch = (await usesOf('citizen-anna')).find((u) => u.caseId === app.id && u.purpose.code.startsWith('watch'));
    expect(watch, 'the join').to.not.equal(undefined);
    expect(watch!.who).to.deep.equal({ lv: 'VPVKAC Rīgā', en: 'Unified customer centre, Riga' });
    expect(watch!.role.en).to.equal('Customer centre staff');
    expect(watch!.purpose.text.en).to.equal('Helping you by viewing your screen with you');
    expect(JSON.stringify(watch)).to.not.contain('Laura');
  });

  it("shows the platform's read of a relative's data only to the person it concerns", async () => {
    await audit(stack.db.pool, {
      actor: { type: 'system', id: 'system-vid', agency: 'vid' },
      subject: { type: 'natural', id: '02117814569' },
      action: 'read',
      resource: 'register:population-register/getPerson',
      purpose: 'relative-check',
      details: { concerns: ANNA, legalBasis: 'Likums "Par nodokļiem un nodevām", 15. pants' },
    });
    const anna = (await usesOf('citizen-anna')).find((u) => u.purpose.code === 'relative-check');
    expect(anna?.legalBasis).to.equal('Likums "Par nodokļiem un nodevām", 15. pants');
    expect(anna?.who.en).to.equal('State Revenue Service');
    expect((await usesOf('citizen-janis')).map((u) => u.purpose.code)).to.not.include('relative-check');
  });

  it('hides a read under embargo until its date, and the embargo is audited', async () => {
    const insert = (recordId: string, embargoUntil: string) =>
      stack.db.pool.query(
        `INSERT INTO register_access_logs (register, record_id, at, subject_id, agency_code, agency_name_lv, agency_name_en,
           role_lv, role_en, data_lv, data_en, purpose_code, purpose_lv, purpose_en, legal_basis, embargo_until)
         VALUES ('test-register', $1, now() - interval '1 day', $2, '90000099200', 'Valsts policija', 'State Police', 'Izmeklētājs',
           'Investigator', 'Personas dati', 'Personal data', $3, 'Kriminālprocess', 'Criminal investigation', 'KPL 190', $4)`,
        [recordId, ANNA, `covert-${recordId}`, embargoUntil],
      );
    await insert('past', isoDay(-1));
    await insert('future', isoDay(30));
    // And the platform's own audit rows: one under embargo still, one whose embargo has passed.
    const officer = { type: 'staff', id: 'officer-vid', agency: 'vid' };
    await audit(stack.db.pool, [
      {
        actor: officer,
        subject: { type: 'natural', id: ANNA },
        action: 'read',
        resource: 'case:LV-0000000000-00',
        purpose: 'covert-audit-future',
        details: { embargoUntil: isoDay(10) },
      },
      {
        actor: officer,
        subject: { type: 'natural', id: ANNA },
        action: 'read',
        resource: 'case:LV-0000000000-00',
        purpose: 'covert-audit-past',
        details: { embargoUntil: isoDay(-2) },
      },
    ]);
    const codes = (await usesOf('citizen-anna')).map((u) => u.purpose.code);
    expect(codes).to.include.members(['covert-past', 'covert-audit-past']);
    expect(codes).to.not.include.members(['covert-future']);
    expect(codes).to.not.include('covert-audit-future');
    // The seeded police read under embargo was stored, and its embargo put on record (hidden from her list).
    const { rows } = await stack.db.pool.query(
      `SELECT purpose, details FROM audit_log WHERE subject_id = $1 AND purpose = 'embargo-set' AND details ->> 'recordId' = 'pmlp-seed-police-1'`,
      [ANNA],
    );
    expect(rows).to.have.length(1);
    expect(rows[0].details.embargoUntil).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("hides an agency's embargoed read of her contacts until the embargo's day, then shows it once, as the read", async () => {
    const purpose = 'covert-contacts-read';
    const legalBasis = 'Kriminālprocesa likums, 190. pants';
    const keysOf = async (requestId: string) =>
      (await stack.db.pool.query<{ id: string }>('SELECT id FROM audit_log WHERE request_id = $1 ORDER BY id', [requestId])).rows.map(
        (r) => `a${String(r.id).padStart(19, '0')}`,
      );
    // The read through the API, with an embargo 30 days ahead: the read and the embargo's own record are both held back.
    const during = `embargo-during-${crypto.randomUUID()}`;
    const read = await call(
      'GET',
      `/api/v1/agency/persons/${ANNA}/contacts?purpose=${purpose}&legalBasis=${encodeURIComponent(legalBasis)}&embargoUntil=${isoDay(30)}`,
      { as: 'officer-pmlp', headers: { 'x-request-id': during } },
    );
    expect(read.status, JSON.stringify(read.body)).to.equal(200);
    const duringKeys = await keysOf(during);
    expect(duringKeys).to.have.length(2); // the read, and the embargo put on record
    const shownDuring = (await usesOf('citizen-anna')).filter((u) => duringKeys.includes(u.id));
    expect(shownDuring, 'nothing before the day').to.deep.equal([]);
    // The same read as the policy writes it once the day has passed (the database's clock cannot be moved: the entries
    // of the one implementation, with an embargo that ended yesterday): the read shows, the embargo's record never.
    const after = `embargo-after-${crypto.randomUUID()}`;
    const officer = { sub: 'officer-pmlp', name: 'Officer', roles: ['agency-officer' as const], agency: 'pmlp' };
    const entries = agencyPersonDataRead(officer, ANNA, 'profile:contacts', { purpose, legalBasis, embargoUntil: isoDay(-1) }, after);
    await audit(stack.db.pool, entries ?? []);
    const afterKeys = await keysOf(after);
    expect(afterKeys).to.have.length(2);
    const shownAfter = (await usesOf('citizen-anna')).filter((u) => afterKeys.includes(u.id));
    expect(shownAfter.map((u) => [u.id, u.purpose.code, u.legalBasis])).to.deep.equal([[afterKeys[0], purpose, legalBasis]]);
  });

  it('pages newest first with a cursor, and filters by institution and period', async () => {
    const all = await usesOf('citizen-anna');
    expect(all.length).to.be.greaterThan(4);
    const times = all.map((u) => Date.parse(u.at));
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    const seen: string[] = [];
    let next: string | null = '/api/v1/me/data-use?limit=25';
    while (next) {
      const page: { status: number; body: any } = await call('GET', next, { as: 'citizen-anna' });
      expect(page.body.items.length).to.be.at.most(25);
      seen.push(...page.body.items.map((u: Use) => u.id));
      next = page.body.next;
    }
    expect(seen).to.deep.equal(all.map((u) => u.id));
    const srs = await usesOf('citizen-anna', '&institution=90000069281');
    expect(srs.length).to.be.greaterThan(0);
    expect(srs.every((u) => u.institution === '90000069281')).to.equal(true);
    const lastWeek = await usesOf('citizen-anna', `&from=${isoDay(-6)}&to=${isoDay(0)}`);
    expect(lastWeek.every((u) => Date.parse(u.at) >= Date.parse(`${isoDay(-7)}T00:00:00Z`))).to.equal(true);
    expect(lastWeek.map((u) => u.purpose.code)).to.not.include('administrative-offence'); // 9 days ago
    const bad = await call('GET', '/api/v1/me/data-use?cursor=bm90LWEtY3Vyc29y', { as: 'citizen-anna' });
    expect(bad.status).to.equal(400);
    expect(errorOf(bad).code).to.equal('invalid_cursor');
  });
});

describe('api/data-use: the registers’ push API (POST /api/v1/registers/access-logs)', function () {
  this.timeout(120_000);
  let api: RunningApi;
  let dataDir: string;
  const keys: Record<string, KeyLike> = {};

  async function systemClient(clientId: string, scope: string) {
    const pair = await generateKeyPair('ES256');
    keys[clientId] = pair.privateKey;
    return {
      client_id: clientId,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: `${clientId}-1`, use: 'sig', alg: 'ES256' }] },
      agency: 'pmlp',
      scope,
    };
  }

  async function tokenOf(clientId: string, scope: string): Promise<string> {
    const assertion = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: `${clientId}-1` })
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(`${api.url}/oidc/token`)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(keys[clientId]);
    const res = await fetch(`${api.url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    expect(res.status).to.equal(200);
    return ((await res.json()) as { access_token: string }).access_token;
  }

  const push = (body: unknown, token?: string) =>
    fetch(`${api.url}/api/v1/registers/access-logs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

  const person = makePersonalCode(14, 7, 1990, 412);
  const record = (recordId: string, extra: Record<string, unknown> = {}) => ({
    recordId,
    at: new Date(Date.now() - 3_600_000).toISOString(),
    subject: person,
    agency: { code: '90000069281', name: { lv: 'Valsts ieņēmumu dienests', en: 'State Revenue Service' } },
    role: { lv: 'Nodokļu inspektors', en: 'Tax inspector' },
    data: { lv: 'Deklarētā dzīvesvieta', en: 'Declared place of residence' },
    purpose: { code: 'tax-administration', lv: 'Nodokļu administrēšana', en: 'Tax administration' },
    legalBasis: 'Likums "Par nodokļiem un nodevām", 15. pants',
    ...extra,
  });

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-access-logs-'));
    const clients = [
      await systemClient('test-register', 'api:register-access-logs'),
      await systemClient('case-system', 'api:case-register'),
    ];
    api = await providerApi(dataDir, clients as unknown as TestClient[]);
  });
  after(async () => {
    await api?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a call without a token (401) and a token without the area’s scope (403)', async () => {
    const batch = { register: 'test-register', records: [record('auth-1')] };
    expect((await push(batch)).status).to.equal(401);
    const wrong = await push(batch, await tokenOf('case-system', 'api:case-register'));
    expect(wrong.status).to.equal(403);
    expect(wrong.body.error.message).to.contain('api:register-access-logs');
  });

  it('stores a batch once: a repeat stores nothing twice, and each stored record is audited', async () => {
    const token = await tokenOf('test-register', 'api:register-access-logs');
    const batch = { register: 'test-register', records: [record('idem-1'), record('idem-2', { caseReference: 'VID-1' })] };
    expect((await push(batch, token)).body).to.deep.equal({ received: 2, stored: 2, duplicates: 0 });
    expect((await push(batch, token)).body).to.deep.equal({ received: 2, stored: 0, duplicates: 2 });
    const { rows } = await stack.db.pool.query(
      `SELECT count(*)::int AS n FROM register_access_logs WHERE register = 'test-register' AND record_id LIKE 'idem-%'`,
    );
    expect(rows[0].n).to.equal(2);
    const audited = await stack.db.pool.query(
      `SELECT actor_id, purpose FROM audit_log WHERE subject_id = $1 AND resource LIKE 'register-access-log:test-register/idem-%'`,
      [person],
    );
    expect(audited.rows.map((r) => [r.actor_id, r.purpose])).to.deep.equal([
      ['test-register', 'access-log-received'],
      ['test-register', 'access-log-received'],
    ]);
  });

  it('refuses a batch with bad records whole (422), naming each line', async () => {
    const token = await tokenOf('test-register', 'api:register-access-logs');
    const res = await push(
      {
        register: 'test-register',
        records: [
          record('bad-0'),
          record('bad-1', { subject: '15038511230' }),
          record('bad-2', { at: 'yesterday' }),
          { recordId: 'bad-3' },
        ],
      },
      token,
    );
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('invalid_records');
    const paths = (res.body.error.details as Array<{ path: string }>).map((d) => d.path);
    expect(paths).to.include('/records/1/subject');
    expect(paths.some((p) => p.startsWith('/records/2/at'))).to.equal(true);
    expect(paths.some((p) => p.startsWith('/records/3'))).to.equal(true);
    expect(paths.some((p) => p.startsWith('/records/0'))).to.equal(false);
    const { rows } = await stack.db.pool.query(`SELECT count(*)::int AS n FROM register_access_logs WHERE record_id LIKE 'bad-%'`);
    expect(rows[0].n).to.equal(0);
    const malformed = await push({ register: 'test-register', records: 'none' }, token);
    expect(malformed.status).to.equal(400);
  });
});
