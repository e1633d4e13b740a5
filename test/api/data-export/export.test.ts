// The export of everything about a person (GDPR right of access): JSON valid against its documented schema
// (forms/api/data-export.schema.json), the same as a PDF (read back with Poppler's pdftotext), audited as `export`,
// and with nothing of another person's.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, tokenFor } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { schemaProblems } from '../../../forms/validation';

const ANNA = '15038511239';

function pdfText(pdf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-export-'));
  try {
    const file = path.join(dir, 'export.pdf');
    fs.writeFileSync(file, pdf);
    const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`pdftotext: ${run.stderr}`);
    return run.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function download(pathAndQuery: string, persona: string, accept?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${await tokenFor(persona)}`, ...(accept ? { accept } : {}) };
  const res = await fetch(`${stack.api.url}${pathAndQuery}`, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: Buffer.from(await res.arrayBuffer()) };
}

describe('api/data-export (my data as JSON and PDF)', function () {
  this.timeout(120_000);
  let caseId: string;
  let vidCaseId: string;

  before(async () => {
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
    expect(opened.status).to.equal(201);
    caseId = opened.body.id;
    // A case VID's own system registered for her: her history has at least this event.
    const vid = await call('POST', '/api/v1/cases', {
      as: 'system-vid',
      json: {
        externalId: `EXPORT-${crypto.randomUUID()}`,
        serviceId: 'income-tax-return',
        channel: 'other',
        recipient: { type: 'natural', id: '15038511239' },
      },
    });
    expect(vid.status, JSON.stringify(vid.body)).to.equal(201);
    vidCaseId = vid.body.id;
    // The registers' pushed reads are in her list.
    await waitFor('the pushed reads', async () => {
      // The State Revenue Service's only: other tests' newer reads of Anna push older ones off a first page.
      const list = await call('GET', '/api/v1/me/data-use?limit=200&institution=90000069281', { as: 'citizen-anna' });
      return list.body.items.some((u: any) => u.purpose.code === 'tax-administration');
    });
  });

  it('exports JSON valid against its schema: cases, applications, delegations, invoices and who used my data', async () => {
    const res = await call('GET', '/api/v1/me/export', { as: 'citizen-anna' });
    expect(res.status).to.equal(200);
    expect(schemaProblems('data-export', res.body)).to.equal(null);
    expect(res.body.person).to.deep.equal({ type: 'natural', id: ANNA, name: 'Anna Bērziņa' });
    const sections = new Map<string, any>(res.body.sections.map((s: any) => [s.key, s]));
    expect([...sections.keys()]).to.deep.equal([
      'profile',
      'register-data',
      'cases',
      'applications',
      'delegations',
      'invoices',
      'data-use',
      'timeline',
    ]);
    expect(sections.get('timeline').data.map((e: any) => e.caseId)).to.include(vidCaseId);
    expect(sections.get('register-data').data.sections.map((r: any) => r.register)).to.include('population');
    expect(sections.get('cases').data.map((c: any) => c.id)).to.include(caseId);
    expect(sections.get('applications').data.map((a: any) => a.id)).to.include(caseId);
    expect(sections.get('data-use').title).to.deep.equal({ lv: 'Kas izmantoja manus datus', en: 'Who used my data' });
    expect(sections.get('data-use').data.map((u: any) => u.purpose.code)).to.include('tax-administration');
    const { rows } = await stack.db.pool.query(
      `SELECT action, details FROM audit_log WHERE subject_id = $1 AND resource = 'me/export' ORDER BY id DESC LIMIT 1`,
      [ANNA],
    );
    expect(rows[0].action).to.equal('export');
    expect(rows[0].details.format).to.equal('json');
  });

  it('exports the same as a PDF (?format=pdf or Accept: application/pdf), in Latvian and English', async () => {
    for (const [query, accept] of [
      ['?format=pdf', undefined],
      ['', 'application/pdf'],
    ] as const) {
      const res = await download(`/api/v1/me/export${query}`, 'citizen-anna', accept);
      expect(res.status).to.equal(200);
      expect(res.type).to.equal('application/pdf');
      expect(res.body.subarray(0, 5).toString()).to.equal('%PDF-');
      const text = pdfText(res.body);
      for (const line of [
        'Mani dati',
        'Anna Bērziņa (15038511239)',
        'Manas lietas / My cases',
        'Kas izmantoja manus datus / Who used my data',
      ])
        expect(text).to.contain(line);
      expect(text).to.contain(caseId);
      expect(text).to.contain('Valsts ieņēmumu dienests / State Revenue Service');
      expect(text).to.contain('Nodokļu inspektors / Tax inspector');
    }
  });

  it("holds nothing of another person's", async () => {
    const res = await call('GET', '/api/v1/me/export', { as: 'citizen-janis' });
    expect(res.status).to.equal(200);
    const text = JSON.stringify(res.body);
    expect(text).to.not.contain(caseId);
    // Anna's code may appear only where she and Jānis are the two sides of a representation, which is his data too:
    // a delegation or mandate between them, its line in his history, and her name as representative on a case of his.
    const outsideRepresentation = res.body.sections.map((section: any) =>
      section.key === 'delegations'
        ? null
        : section.key === 'timeline'
          ? { ...section, data: section.data.filter((e: any) => e.kind !== 'delegation') }
          : section.key === 'cases'
            ? {
                ...section,
                data: section.data.map((c: any) => ({ ...c, representative: c.representative?.id === ANNA ? null : c.representative })),
              }
            : section,
    );
    const holding = outsideRepresentation
      .map((section: any) => JSON.stringify(section ?? null))
      .filter((text: string) => text.includes(ANNA))
      .map((text: string) => text.slice(Math.max(0, text.indexOf(ANNA) - 300), text.indexOf(ANNA) + 60));
    expect(holding, 'the sections holding her code').to.deep.equal([]);
    expect(text).to.not.contain('inheritance-case'); // the notary's read of his data concerned Anna
    const pdf = pdfText((await download('/api/v1/me/export?format=pdf', 'citizen-janis')).body);
    expect(pdf).to.not.contain(caseId);
    expect(pdf).to.contain('Jānis Kalniņš');
  });

  it('is for a person: an officer has no export (403)', async () => {
    expect((await call('GET', '/api/v1/me/export', { as: 'officer-pmlp' })).status).to.equal(403);
  });
});
