// The electronic seal on issued documents (issue 17): a PAdES-B-B signature by the agency's seal certificate,
// checked by verifiers that share nothing with the signing code: Poppler's pdfsig and OpenSSL's cms -verify
// (test/helpers/pdf-signature.ts). A changed byte breaks it; the chain leads to the demo seal CA, and only to it.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { renderPdf, type DocumentContent } from '../../../activities/documents/pdf';
import { openSealStore, SealConfigurationError, type SealStore } from '../../../activities/documents/seal/seal-store';
import { createDemoAuthority, issueDemoSeal } from '../../../activities/documents/seal/certificates';
import { pdfText } from '../../helpers/pdf-text';
import { opensslPrint, opensslVerify, pdfsig, signatureParts } from '../../helpers/pdf-signature';

const AGENCY = { id: 'pmlp', name: 'Pilsonības un migrācijas lietu pārvalde', registrationNumber: '90000013606' };
const DECISION: DocumentContent = {
  issuer: { name: { lv: AGENCY.name, en: 'Office of Citizenship and Migration Affairs' }, registrationNumber: AGENCY.registrationNumber },
  title: { lv: 'Lēmums par dzīvesvietas deklarēšanu', en: 'Decision on the declaration of residence' },
  reference: 'C-2026-004217',
  issuedOn: '2026-12-04',
  recipient: 'Jānis Kalniņš',
  body: {
    lv: 'Deklarētā dzīvesvieta ir Lielā iela 5 - 3, Jelgava, LV-3001.',
    en: 'The declared place of residence is Lielā iela 5 - 3, Jelgava, LV-3001.',
  },
  administrativeAct: { legalBasis: { lv: 'Dzīvesvietas deklarēšanas likums', en: 'Residence Declaration Law' }, appealTo: 'agencyHead' },
};
const SIGNED_AT = new Date('2026-12-04T10:15:00Z');

/** The PDF with one byte changed at `offset`. */
function flipped(pdf: Buffer, offset: number): Buffer {
  const copy = Buffer.from(pdf);
  copy[offset] ^= 0x01;
  return copy;
}

describe('activities/documents/seal', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-seal-'));
    dirs.push(dir);
    return dir;
  };
  let store: SealStore;
  let sealed: Buffer;

  before(async () => {
    store = openSealStore({ dataDir: tempDir() });
    sealed = await renderPdf(DECISION, { key: store.sealFor(AGENCY), signedAt: SIGNED_AT });
  });
  after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('signs the whole document as PAdES (ETSI.CAdES.detached), valid for pdfsig, by the agency named in its seal', () => {
    const report = pdfsig(sealed);
    expect(report['Signature Validation'], JSON.stringify(report)).to.equal('Signature is Valid.');
    expect(report['Signature Type']).to.equal('ETSI.CAdES.detached');
    expect(report['Signer Certificate Common Name']).to.equal(AGENCY.name);
    expect(report['Signer full Distinguished Name']).to.include('NTRLV-90000013606').and.include('C=LV');
    expect(report['Signing Hash Algorithm']).to.equal('SHA-256');
    // The signed range is the whole file but the signature itself.
    const { byteRange } = signatureParts(sealed);
    expect(byteRange[0]).to.equal(0);
    expect(byteRange[2] + byteRange[3]).to.equal(sealed.length);
    // Still a readable document: both text readers read it, with the seal stated on the page.
    const text = pdfText(sealed).replace(/\s+/g, ' ');
    expect(text).to.include("This document is sealed with the agency's electronic seal (Office of Citizenship and Migration Affairs).");
    expect(text).to.include('Dokuments ir parakstīts ar iestādes elektronisko zīmogu (Pilsonības un migrācijas lietu pārvalde).');
  });

  it('breaks when any signed byte changes, before or after the signature', () => {
    const { byteRange } = signatureParts(sealed);
    const text = sealed.toString('latin1');
    const inFirstRange = text.indexOf('/Type /Sig') + 2; // the signature dictionary's own bytes are signed too
    const inProducer = text.indexOf('(PDFKit') + 1; // the document information, written after the signature dictionary
    const inTheMiddle = Math.floor((byteRange[2] + sealed.length) / 2);
    expect(inFirstRange).to.be.greaterThan(0).and.lessThan(byteRange[1]);
    expect(inProducer).to.be.greaterThan(byteRange[2]);
    for (const offset of [inFirstRange, inTheMiddle, inProducer]) {
      const report = pdfsig(flipped(sealed, offset));
      expect(report['Signature Validation'], `byte ${offset}: ${JSON.stringify(report)}`).to.equal('Digest Mismatch.');
      expect(opensslVerify(flipped(sealed, offset), store.demoAuthorityPem!).ok, `byte ${offset}`).to.equal(false);
    }
  });

  it('chains to the demo seal CA of this data directory, and to no other CA', () => {
    const verified = opensslVerify(sealed, store.demoAuthorityPem!);
    expect(verified.ok, verified.output).to.equal(true);
    const other = openSealStore({ dataDir: tempDir() });
    const stranger = opensslVerify(sealed, other.demoAuthorityPem!);
    expect(stranger.ok).to.equal(false);
    expect(stranger.output).to.match(/certificate verify error|unable to get local issuer certificate/);
  });

  it('carries the PAdES-B-B signed attributes: content type, message digest and the signing certificate; no signing time', () => {
    const cms = opensslPrint(sealed);
    expect(cms).to.include('contentType').and.include('messageDigest').and.include('id-smime-aa-signingCertificateV2');
    expect(cms, 'PAdES puts the time in the signature dictionary (/M), not in the CMS').not.to.include('signingTime');
    expect(cms)
      .to.include('eContentType: pkcs7-data')
      .and.match(/eContent: <ABSENT>/); // detached
    const dictionary = sealed.toString('latin1');
    expect(dictionary).to.include('/SubFilter /ETSI.CAdES.detached').and.include('/M (D:20261204101500Z)');
    expect(dictionary).to.match(/\/SigFlags 3/);
  });

  it('makes the demo CA once per data directory and one seal per agency, kept owner-only and reused after a restart', () => {
    const dataDir = tempDir();
    const first = openSealStore({ dataDir });
    const seal = first.sealFor(AGENCY);
    const again = openSealStore({ dataDir });
    expect(again.source).to.equal('demo');
    expect(again.demoAuthorityPem).to.equal(first.demoAuthorityPem);
    expect(again.sealFor(AGENCY).certificates[0].equals(seal.certificates[0])).to.equal(true);
    for (const file of ['demo-ca.pem', 'pmlp.pem'])
      expect(fs.statSync(path.join(dataDir, 'keys', 'seals', file)).mode & 0o777, file).to.equal(0o600);
    const certificate = new crypto.X509Certificate(seal.certificates[0]);
    const authority = new crypto.X509Certificate(first.demoAuthorityPem!);
    expect(certificate.verify(authority.publicKey)).to.equal(true);
    expect(certificate.ca).to.equal(false);
    expect(authority.ca).to.equal(true);
    expect(certificate.subject).to.include(`O=${AGENCY.name}`);
    expect(() => first.sealFor({ ...AGENCY, id: '../escape' })).to.throw(SealConfigurationError);
  });

  it("uses a configured directory's seals (production's), checking each key against its certificate", async () => {
    const authority = createDemoAuthority(); // stands for a trust service provider here
    const issued = issueDemoSeal(authority, AGENCY);
    const directory = tempDir();
    const pem = `${issued.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}${issued.certificate.pem}${authority.certificate.pem}`;
    fs.writeFileSync(path.join(directory, 'pmlp.pem'), pem);
    const configured = openSealStore({ dataDir: tempDir(), documentSeals: { directory } });
    expect(configured.source).to.equal('configured');
    expect(configured.demoAuthorityPem).to.equal(null);
    const pdf = await renderPdf(DECISION, { key: configured.sealFor(AGENCY), signedAt: SIGNED_AT });
    expect(pdfsig(pdf)['Signature Validation']).to.equal('Signature is Valid.');
    expect(opensslVerify(pdf, authority.certificate.pem).ok).to.equal(true);
    expect(() => configured.sealFor({ ...AGENCY, id: 'vid' })).to.throw(
      SealConfigurationError,
      /no electronic seal is configured for agency vid/,
    );
    // Added while the worker runs: the activity's next attempt finds it, without a restart.
    const vid = issueDemoSeal(authority, { id: 'vid', name: 'Valsts ieņēmumu dienests', registrationNumber: '90000069281' });
    fs.writeFileSync(
      path.join(directory, 'vid.pem'),
      `${vid.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}${vid.certificate.pem}`,
    );
    expect(new crypto.X509Certificate(configured.sealFor({ ...AGENCY, id: 'vid' }).certificates[0]).subject).to.include(
      'Valsts ieņēmumu dienests',
    );
    expect(() => configured.sealFor({ ...AGENCY, id: '../pmlp' })).to.throw(SealConfigurationError, /not an agency id/);
    fs.rmSync(path.join(directory, 'vid.pem'));

    // Another key than the certificate's: refused when the store opens (the worker's start), not at the first decision.
    const wrongKey = crypto
      .generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    fs.writeFileSync(path.join(directory, 'pmlp.pem'), `${wrongKey}${issued.certificate.pem}`);
    expect(() => openSealStore({ dataDir: tempDir(), documentSeals: { directory } })).to.throw(
      SealConfigurationError,
      /not the private key's/,
    );
    fs.rmSync(path.join(directory, 'pmlp.pem'));
    expect(() => openSealStore({ dataDir: tempDir(), documentSeals: { directory } })).to.throw(
      SealConfigurationError,
      /holds no <agency id>.pem/,
    );
    expect(() => openSealStore({ dataDir: tempDir(), documentSeals: { directory: path.join(directory, 'missing') } })).to.throw(
      SealConfigurationError,
      /is not a directory/,
    );
  });

  it('signs with an RSA seal certificate that OpenSSL issued (not this code), as a trust service provider would', async () => {
    const directory = tempDir();
    const [key, certificate] = [path.join(directory, 'key.pem'), path.join(directory, 'cert.pem')];
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:3072',
        '-nodes',
        '-keyout',
        key,
        '-out',
        certificate,
        '-days',
        '30',
        '-subj',
        '/C=LV/O=Valsts ieņēmumu dienests/CN=VID seal',
        '-utf8',
      ],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(made.status, made.stderr).to.equal(0);
    const certificatePem = fs.readFileSync(certificate, 'utf8');
    fs.writeFileSync(path.join(directory, 'vid.pem'), `${fs.readFileSync(key, 'utf8')}${certificatePem}`);
    fs.rmSync(key);
    fs.rmSync(certificate);
    const configured = openSealStore({ dataDir: tempDir(), documentSeals: { directory } });
    const pdf = await renderPdf(DECISION, { key: configured.sealFor({ ...AGENCY, id: 'vid' }), signedAt: SIGNED_AT });
    const report = pdfsig(pdf);
    expect(report['Signature Validation'], JSON.stringify(report)).to.equal('Signature is Valid.');
    expect(report['Signer Certificate Common Name']).to.equal('VID seal');
    expect(opensslVerify(pdf, certificatePem).ok).to.equal(true);
    expect(pdfsig(flipped(pdf, Math.floor(pdf.length - 100)))['Signature Validation']).to.equal('Digest Mismatch.');
  });
});
