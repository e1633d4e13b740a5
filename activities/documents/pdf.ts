// Issued documents as PDF. DejaVu Sans covers every Latvian letter (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž), which the
// PDF standard fonts do not. A decision is printed as an administrative act (./administrative-act.ts): its legal
// basis and how and by when it can be challenged; each half of the bilingual document dates in its own language.
// Given a seal, the document is signed with it as PAdES-B-B (./seal/pdf-signature.ts).
import PDFDocument from 'pdfkit';
import { registerPlatformFonts } from './pdf-fonts';
import { englishDate, latvianDate } from './latvian-calendar';
import { appealTerms, type AdministrativeActTerms, type BilingualText } from './administrative-act';
import { addSignaturePlaceholder, signPlaceholder } from './seal/pdf-signature';
import type { SealKey } from './seal/cms';

export interface DocumentContent {
  issuer: { name: BilingualText; registrationNumber: string };
  title: BilingualText;
  reference: string;
  issuedOn: string; // YYYY-MM-DD, the day in Riga
  recipient: string;
  body: BilingualText;
  /** Present for a decision: the document is an administrative act. */
  administrativeAct?: AdministrativeActTerms;
}

export interface Sealing {
  key: SealKey;
  /** The signing time the signature dictionary states (/M). */
  signedAt: Date;
}

export function renderPdf(doc: DocumentContent, seal?: Sealing): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    // A fixed creation date keeps a re-rendered unsealed document byte-identical.
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: doc.title.lv, Author: doc.issuer.name.lv, CreationDate: new Date(`${doc.issuedOn}T00:00:00Z`) },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    registerPlatformFonts(pdf);
    pdf
      .font('regular')
      .fontSize(10)
      .fillColor('#444')
      .text('Latvijas Republika', { align: 'right' })
      .text(doc.issuer.name.lv, { align: 'right' })
      .text(`Reģ. Nr. / Reg. No. ${doc.issuer.registrationNumber}`, { align: 'right' });
    pdf.moveDown(2);
    pdf.font('bold').fontSize(18).fillColor('#000').text(doc.title.lv);
    pdf.font('regular').fontSize(12).fillColor('#333').text(doc.title.en);
    pdf.moveDown();
    pdf
      .fontSize(10)
      .fillColor('#000')
      .text(`Lietas numurs / Case number: ${doc.reference}`)
      .text(`Datums / Date: ${latvianDate(doc.issuedOn)} / ${englishDate(doc.issuedOn)}`)
      .text(`Saņēmējs / Recipient: ${doc.recipient}`);
    pdf.moveDown(1.5);
    pdf.fontSize(12).text(doc.body.lv);
    pdf.moveDown();
    pdf.fontSize(10).fillColor('#333').text(doc.body.en);
    if (doc.administrativeAct) {
      const act = doc.administrativeAct;
      pdf.moveDown(1.5);
      pdf.fillColor('#000').fontSize(10).text(`Tiesiskais pamats: ${act.legalBasis.lv}`);
      pdf.fillColor('#333').text(`Legal basis: ${act.legalBasis.en}`);
      const appeal = appealTerms(doc.issuedOn, doc.issuer.name, act.appealTo);
      pdf.moveDown();
      pdf.font('bold').fillColor('#000').text(appeal.heading.lv);
      pdf.font('regular').text(appeal.text.lv);
      pdf.moveDown(0.5);
      pdf.font('bold').fillColor('#333').text(appeal.heading.en);
      pdf.font('regular').text(appeal.text.en);
    }
    if (seal) {
      pdf.moveDown(1.5);
      pdf
        .fontSize(9)
        .fillColor('#444')
        .text(`Dokuments ir parakstīts ar iestādes elektronisko zīmogu (${doc.issuer.name.lv}).`)
        .text(`This document is sealed with the agency's electronic seal (${doc.issuer.name.en}).`);
      addSignaturePlaceholder(pdf, {
        name: doc.issuer.name.lv,
        reason: `${doc.title.lv}, ${doc.reference}`,
        location: 'Latvija',
        signedAt: seal.signedAt,
      });
    }
    pdf.end();
  }).then((rendered) => (seal ? signPlaceholder(rendered, seal.key) : rendered));
}
