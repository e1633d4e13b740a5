// Issued documents as PDF. DejaVu Sans covers every Latvian letter (ā, č, ē, ģ, ī, ķ, ļ, ņ, š, ū, ž), which the
// PDF standard fonts do not.
import PDFDocument from 'pdfkit';
import { registerPlatformFonts } from './pdf-fonts';

export interface DocumentContent {
  issuer: string;
  title: { lv: string; en: string };
  reference: string;
  issuedOn: string; // YYYY-MM-DD
  recipient: string;
  body: { lv: string; en: string };
}

export function renderPdf(doc: DocumentContent): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // A fixed creation date keeps a re-rendered document byte-identical.
    const pdf = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: doc.title.lv, Author: doc.issuer, CreationDate: new Date(`${doc.issuedOn}T00:00:00Z`) },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    registerPlatformFonts(pdf);
    pdf.font('regular').fontSize(10).fillColor('#444').text('Latvijas Republika', { align: 'right' }).text(doc.issuer, { align: 'right' });
    pdf.moveDown(2);
    pdf.font('bold').fontSize(18).fillColor('#000').text(doc.title.lv);
    pdf.font('regular').fontSize(12).fillColor('#333').text(doc.title.en);
    pdf.moveDown();
    pdf
      .fontSize(10)
      .fillColor('#000')
      .text(`Lietas numurs / Case number: ${doc.reference}`)
      .text(`Datums / Date: ${doc.issuedOn}`)
      .text(`Saņēmējs / Recipient: ${doc.recipient}`);
    pdf.moveDown(1.5);
    pdf.fontSize(12).text(doc.body.lv);
    pdf.moveDown();
    pdf.fontSize(10).fillColor('#333').text(doc.body.en);
    pdf.end();
  });
}
