// The issued-document renderer on its own (activities/documents/pdf.ts): every field lands on its labelled line,
// read back by test/helpers/pdf-text.ts (a reader written apart from pdfkit). And the text layer of a document does
// not depend on what the same process rendered before: the fonts are parsed once per process and shared.
import { expect } from 'chai';
import { renderPdf, type DocumentContent } from '../../../activities/documents/pdf';
import type { renderInvoicePdf } from '../../../api/billing/formats/pdf';
import { pdfText } from '../../helpers/pdf-text';
import { invoiceView, SUPPLIER } from '../../api/billing/formats/fixture';

const DECISION: DocumentContent = {
  issuer: {
    name: { lv: 'Pilsonības un migrācijas lietu pārvalde', en: 'Office of Citizenship and Migration Affairs' },
    registrationNumber: '90000013606',
  },
  title: { lv: 'Lēmums par dzīvesvietas deklarēšanu', en: 'Decision on the declaration of residence' },
  reference: 'C-2026-004217',
  issuedOn: '2026-11-30',
  recipient: 'Jānis Kalniņš',
  body: {
    lv: 'Deklarētā dzīvesvieta ir Lielā iela 5 - 3, Jelgava, LV-3001.',
    en: 'The declared place of residence is Lielā iela 5 - 3, Jelgava, LV-3001.',
  },
};

describe('activities/documents/pdf', () => {
  it('prints the issuer, the title in both languages, the case number, the date, the recipient and the body, in that order', async () => {
    const pdf = await renderPdf(DECISION);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    expect(pdfText(pdf).split('\n')).to.deep.equal([
      'Latvijas Republika',
      'Pilsonības un migrācijas lietu pārvalde',
      'Reģ. Nr. / Reg. No. 90000013606',
      'Lēmums par dzīvesvietas deklarēšanu',
      'Decision on the declaration of residence',
      'Lietas numurs / Case number: C-2026-004217',
      // The date as a Latvian document writes it, and as an English one.
      'Datums / Date: 2026. gada 30. novembris / 30 November 2026',
      'Saņēmējs / Recipient: Jānis Kalniņš',
      'Deklarētā dzīvesvieta ir Lielā iela 5 - 3, Jelgava, LV-3001.',
      'The declared place of residence is Lielā iela 5 - 3, Jelgava, LV-3001.',
    ]);
  });

  it('prints a decision as an administrative act: its legal basis, and whom to contest it with and by when, in both languages', async () => {
    // Issued on Monday 30 November 2026: it takes effect on the second working day after, Wednesday 2 December; one
    // month from then is Saturday 2 January 2027, so the time limit ends on the next working day, Monday 4 January.
    const text = pdfText(
      await renderPdf({
        ...DECISION,
        administrativeAct: {
          legalBasis: { lv: 'Dzīvesvietas deklarēšanas likums', en: 'Residence Declaration Law' },
          appealTo: 'agencyHead',
        },
      }),
    ).replace(/\s+/g, ' ');
    expect(text).to.include('Tiesiskais pamats: Dzīvesvietas deklarēšanas likums').and.include('Legal basis: Residence Declaration Law');
    expect(text).to.include('Apstrīdēšanas kārtība').and.include('iestādes vadītājam (Pilsonības un migrācijas lietu pārvalde)');
    expect(text).to.include('stājas spēkā otrajā darbdienā pēc tā nosūtīšanas — 2026. gada 2. decembrī');
    expect(text).to.include('līdz 2027. gada 4. janvārim (ieskaitot)');
    expect(text).to.include('the head of the agency (Office of Citizenship and Migration Affairs)');
    expect(text)
      .to.include('takes effect on the second working day after it was sent: 2 December 2026')
      .and.include('Apply by 4 January 2027');
    expect(text).to.include('Administratīvā procesa likuma 76. un 79. pants');

    const court = pdfText(
      await renderPdf({ ...DECISION, administrativeAct: { legalBasis: { lv: 'Likums', en: 'Law' }, appealTo: 'court' } }),
    ).replace(/\s+/g, ' ');
    expect(court).to.include('Pārsūdzēšanas kārtība').and.include('pārsūdzēt Administratīvajā rajona tiesā');
    expect(court).to.include('to the Administrative District Court').and.not.include('iestādes vadītājam');
    // A statement (not an administrative act) says nothing of appeals.
    expect(pdfText(await renderPdf(DECISION))).not.to.include('Apstrīdēšanas');
  });

  it('dates the document itself by its issue date, so a re-rendered document is byte-identical', async () => {
    const pdf = await renderPdf(DECISION);
    expect(pdf.toString('latin1'))
      .to.match(/\/CreationDate (\d+) 0 R/)
      .and.to.include('(D:20261130000000Z)');
    expect(pdf.equals(await renderPdf(DECISION))).to.equal(true);
  });

  it('keeps every letter in the text layer of a document rendered after one with ņ (a shared font once lost the n)', async () => {
    // The fonts are parsed once per process: load the renderers afresh, so this process's earlier documents (which
    // may have cached the n properly) do not hide the fault.
    for (const m of ['../../../activities/documents/pdf-fonts', '../../../activities/documents/pdf', '../../../api/billing/formats/pdf'])
      delete require.cache[require.resolve(m)];
    /* eslint-disable @typescript-eslint/no-require-imports */
    const fresh = require('../../../activities/documents/pdf') as { renderPdf: typeof renderPdf };
    const freshInvoice = require('../../../api/billing/formats/pdf') as { renderInvoicePdf: typeof renderInvoicePdf };
    /* eslint-enable @typescript-eslint/no-require-imports */
    // The n of ņ is a part of a composite glyph: subsetting the first document used to cache it with no code point.
    await fresh.renderPdf({ ...DECISION, title: { lv: 'Izziņa', en: 'Statement' }, recipient: 'Anna Bērziņa' });
    const lines = pdfText(await fresh.renderPdf(DECISION)).split('\n');
    expect(lines[3]).to.equal('Lēmums par dzīvesvietas deklarēšanu');
    expect(lines).to.include('Saņēmējs / Recipient: Jānis Kalniņš');
    // The invoices share the fonts with the documents.
    const invoice = pdfText(await freshInvoice.renderInvoicePdf(invoiceView(), SUPPLIER));
    expect(invoice).to.include('Pases izsniegšana (valsts nodeva)').and.to.include('Pilsonības un migrācijas lietu');
    // A ligature glyph (fi) reads back as the letters that were typed, not as the presentation form U+FB01.
    expect(invoice).to.include('Saņēmējs / Beneficiary');
  });
});
