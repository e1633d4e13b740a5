// What the platform issues, read back: the text of each kind of PDF an e-service issues (the declared-address
// statement and the residence declaration decision), downloaded through the API as the recipient and as the agency,
// with the audit row each download leaves. Expected values are literals from the simulators' seeded registers and
// the personas, never recomputed by the code under test; the text is read by test/helpers/pdf-text.ts, a reader
// written apart from pdfkit (it inflates the streams and maps glyphs through each font's ToUnicode CMap). Each PDF is
// sealed by the agency (PAdES), checked by Poppler's pdfsig and by OpenSSL against the stack's demo seal CA.
import crypto from 'node:crypto';
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, tokenFor } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { pdfText } from '../../helpers/pdf-text';
import { auditOf, who } from '../../helpers/audit';
import { opensslVerify, pdfsig } from '../../helpers/pdf-signature';
import { englishDate, latvianDate, rigaDate } from '../../../activities/documents/latvian-calendar';
import { dayFromToday } from '../../helpers/dates';

/** The declaration's "from" date (bounded relative to today by the form). */
const FROM = dayFromToday(1);

const ANNA = '15038511239';
const JANIS = '02117814569';
const PMLP = 'Pilsonības un migrācijas lietu pārvalde';
/** The date line of a document issued on the day (in Riga) it was when the test began or ended. */
const dateLine = (day: string) => `Datums / Date: ${latvianDate(day)} / ${englishDate(day)}`;

/** Sealed by PMLP: valid for pdfsig, a PAdES signature, chained to the demo seal CA of the stack's data directory. */
function expectSealedByPmlp(pdf: Buffer) {
  const report = pdfsig(pdf);
  expect(report['Signature Validation'], JSON.stringify(report)).to.equal('Signature is Valid.');
  expect(report['Signature Type']).to.equal('ETSI.CAdES.detached');
  expect(report['Signer Certificate Common Name']).to.equal(PMLP);
  const chain = opensslVerify(pdf, stack.seals.demoAuthorityPem!);
  expect(chain.ok, chain.output).to.equal(true);
}

/** The document's bytes and the audit rows its download wrote (found by the request's own id). */
async function download(href: string, as: string) {
  const requestId = `doc-${crypto.randomUUID()}`;
  const res = await fetch(`${stack.api.url}${href}`, {
    headers: { authorization: `Bearer ${await tokenFor(as)}`, 'x-request-id': requestId },
  });
  expect(res.status, href).to.equal(200);
  expect(res.headers.get('content-type')).to.equal('application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  return { pdf, audit: await auditOf(requestId), disposition: res.headers.get('content-disposition') };
}

/** pdfkit wraps long paragraphs into one text object per line: the lines, and the page's prose joined back up. */
function read(pdf: Buffer) {
  expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
  const lines = pdfText(pdf).split('\n');
  return { lines, prose: lines.join(' ').replace(/\s+/g, ' ') };
}

async function settled(id: string, as: string, status: string) {
  return waitFor(
    `application ${id} ${status}`,
    async () => {
      const r = await call('GET', `/api/v1/applications/${id}`, { as });
      return r.body.status === status ? r.body : null;
    },
    90_000,
  );
}

describe('issued documents: the PDFs read back', () => {
  it("the declared-address statement names Anna, her personal code, the case, the date and the register's address", async function () {
    this.timeout(120_000);
    const before = rigaDate();
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'declared-address-statement' } });
    expect(opened.status).to.equal(201);
    const caseId = opened.body.id as string;
    expect((await call('POST', `/api/v1/applications/${caseId}/submit`, { as: 'citizen-anna', json: {} })).status).to.equal(200);
    const done = await settled(caseId, 'citizen-anna', 'answered');
    const after = rigaDate();
    expect(done.documents).to.have.length(1);

    const { pdf, audit, disposition } = await download(done.documents[0].href, 'citizen-anna');
    expect(disposition).to.equal(`attachment; filename="declared-address-statement-${caseId}.pdf"`);
    const { lines, prose } = read(pdf);
    expect(lines.slice(0, 5)).to.deep.equal([
      'Latvijas Republika',
      'Pilsonības un migrācijas lietu pārvalde',
      'Reģ. Nr. / Reg. No. 90000094011',
      'Izziņa par deklarēto dzīvesvietu',
      'Statement of declared address',
    ]);
    expect(lines).to.include(`Lietas numurs / Case number: ${caseId}`);
    expect(lines).to.include('Saņēmējs / Recipient: Anna Bērziņa');
    expect([dateLine(before), dateLine(after)], 'issued today (in Riga)').to.include(lines.find((l) => l.startsWith('Datums / Date: ')));
    // The population register simulator's record of Anna as it stands now (seeded: Brīvības iela 100 - 12 since
    // 2016-08-01; an approved residence declaration of another test changes it).
    const { residence } = (await (await fetch(`${stack.simulators.urls.populationRegister}/persons/${ANNA}`)).json()) as {
      residence: { address: string; declared_from: string };
    };
    expect(prose).to.include(
      `Personai Anna Bērziņa (personas kods 15038511239) deklarētā dzīvesvieta ir ${residence.address} kopš ${residence.declared_from}.`,
    );
    expect(prose).to.include(
      `The declared place of residence of Anna Bērziņa (personal code 15038511239) is ${residence.address} since ${residence.declared_from}.`,
    );
    // A statement is sealed too, but is no administrative act: nothing to contest.
    expectSealedByPmlp(pdf);
    expect(prose).to.include(`Dokuments ir parakstīts ar iestādes elektronisko zīmogu (${PMLP}).`);
    expect(prose).not.to.include('Apstrīdēšanas kārtība');

    expect(audit.map(who)).to.deep.equal([
      {
        actor_type: 'citizen',
        actor_id: 'citizen-anna',
        actor_agency: null,
        on_behalf_of: null,
        subject_type: 'natural',
        subject_id: ANNA,
        action: 'read',
        resource: `document:${done.documents[0].id}`,
        purpose: 'own-application',
      },
    ]);
    // Someone else does not get it, and is not recorded as having read it.
    const foreign = await call('GET', done.documents[0].href, { as: 'citizen-janis' });
    expect([foreign.status, foreign.body.error.code]).to.deep.equal([404, 'not_found']);
  });

  it('the residence declaration decision names Jānis, the case, the date, the new address and its register code; his agency reads it too', async function () {
    this.timeout(180_000);
    const as = 'citizen-janis';
    const before = rigaDate();
    const opened = await call('POST', '/api/v1/applications', { as, json: { eserviceId: 'residence-declaration' } });
    expect(opened.status).to.equal(201);
    const caseId = opened.body.id as string;
    const app = await waitFor('prefill', async () => {
      const r = await call('GET', `/api/v1/applications/${caseId}`, { as });
      return r.body.draft.data.applicant?.givenName ? r.body : null;
    });
    const form = {
      ...app.draft.data,
      newAddress: { text: 'Elizabetes iela 21 - 7, Rīga, LV-1010' },
      residenceBasis: 'tenant',
      residenceDocument: { kind: 'lease-agreement', number: 'D-2026/7', date: '2026-11-02' },
      declarationDate: FROM,
      confirm: true,
    };
    const saved = await call('PUT', `/api/v1/applications/${caseId}/draft`, { as, json: { version: app.draft.version, data: form } });
    expect((await call('POST', `/api/v1/applications/${caseId}/submit`, { as, json: { version: saved.body.version } })).status).to.equal(
      200,
    );
    const task = await waitFor(
      'the officer task',
      async () =>
        (await call('GET', '/api/v1/tasks?status=active&limit=200', { as: 'officer-pmlp' })).body.items.find(
          (t: any) => t.caseId === caseId,
        ),
      90_000,
    );
    expect((await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/claim`, { as: 'officer-pmlp' })).status).to.equal(200);
    expect(
      (await call('POST', `/api/v1/tasks/${encodeURIComponent(task.id)}/complete`, { as: 'officer-pmlp', json: { outcome: 'approve' } }))
        .status,
    ).to.equal(200);
    const done = await settled(caseId, as, 'completed');
    const after = rigaDate();
    expect(done.documents).to.have.length(1);

    const mine = await download(done.documents[0].href, as);
    expect(mine.disposition).to.equal(`attachment; filename="residence-declaration-decision-${caseId}.pdf"`);
    const { lines, prose } = read(mine.pdf);
    expect(lines.slice(0, 5)).to.deep.equal([
      'Latvijas Republika',
      'Pilsonības un migrācijas lietu pārvalde',
      'Reģ. Nr. / Reg. No. 90000094011',
      'Lēmums par dzīvesvietas deklarēšanu',
      'Decision on the declaration of residence',
    ]);
    expect(lines).to.include(`Lietas numurs / Case number: ${caseId}`);
    expect(lines).to.include('Saņēmējs / Recipient: Jānis Kalniņš');
    expect([dateLine(before), dateLine(after)], 'issued today (in Riga)').to.include(lines.find((l) => l.startsWith('Datums / Date: ')));
    // The address register simulator's code for Elizabetes iela 21 - 7 is 105124308.
    expect(prose).to.include(
      `Jānis Kalniņš deklarētā dzīvesvieta no ${FROM} ir Elizabetes iela 21 - 7, Rīga, LV-1010. Adreses kods: 105124308.`,
    );
    expect(prose).to.include(
      `The declared place of residence of Jānis Kalniņš from ${FROM} is Elizabetes iela 21 - 7, Rīga, LV-1010. Address code: 105124308.`,
    );
    // An administrative act: its legal basis (the definition's) and whom to contest it with, by when.
    expect(prose).to.include('Tiesiskais pamats: Dzīvesvietas deklarēšanas likums; Administratīvā procesa likuma 67. pants');
    expect(prose).to.include(`Šo lēmumu var apstrīdēt, iesniedzot iesniegumu iestādes vadītājam (${PMLP}), viena mēneša laikā`);
    expect(prose).to.match(/Iesniegumu var iesniegt līdz \d{4}\. gada \d{1,2}\. \p{L}+im \(ieskaitot\)/u);
    expect(prose).to.include(
      'You may contest this decision by applying to the head of the agency (Office of Citizenship and Migration Affairs)',
    );
    expectSealedByPmlp(mine.pdf);
    expect(mine.audit.map(who)).to.deep.equal([
      {
        actor_type: 'citizen',
        actor_id: 'citizen-janis',
        actor_agency: null,
        on_behalf_of: null,
        subject_type: 'natural',
        subject_id: JANIS,
        action: 'read',
        resource: `document:${done.documents[0].id}`,
        purpose: 'own-application',
      },
    ]);

    // The deciding agency downloads the same bytes, on record as case handling for Jānis's data.
    const agency = await download(done.documents[0].href, 'officer-pmlp');
    expect(agency.pdf.equals(mine.pdf)).to.equal(true);
    expect(agency.audit.map(who)).to.deep.equal([
      {
        actor_type: 'staff',
        actor_id: 'officer-pmlp',
        actor_agency: 'pmlp',
        on_behalf_of: null,
        subject_type: 'natural',
        subject_id: JANIS,
        action: 'read',
        resource: `document:${done.documents[0].id}`,
        purpose: 'case-handling',
      },
    ]);
    const otherAgency = await call('GET', done.documents[0].href, { as: 'officer-vid' });
    expect([otherAgency.status, otherAgency.body.error.code]).to.deep.equal([404, 'not_found']);
  });
});
