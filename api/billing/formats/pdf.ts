// The invoice for people: an A4 PDF with Latvian and English labels, the lines, the VAT summary, the totals, the
// payment details and the EPC QR code to pay from a banking app. DejaVu Sans covers every Latvian letter, which the
// PDF standard fonts do not (the same fonts as activities/documents/pdf.ts).
import PDFDocument from 'pdfkit';
import { registerPlatformFonts } from '../../../activities/documents/pdf-fonts';
import type { Invoice } from '../../../forms/types/api';
import { formatRfReference } from '../../../db/domain/rf-reference';
import { monetaryTotals, publicPayerId, toCents, vatBreakdown, type SupplierInfo, type VatGroup } from './common';
import { epcQrPng, NothingToPay } from './epc-qr';

const MARGIN = 50;
const PAGE_W = 595.28; // A4
const PAGE_H = 841.89;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const GREY = '#555';

const money = new Intl.NumberFormat('lv-LV', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** "1 234,56 EUR": the Latvian way of writing amounts. */
export const formatEur = (cents: number): string => `${money.format(cents / 100).replace(/\s/g, '\u00a0')}\u00a0EUR`;
const formatQty = (q: number): string => new Intl.NumberFormat('lv-LV', { maximumFractionDigits: 3 }).format(q);

const STATUS: Record<string, string> = {
  issued: 'Izrakstīts / Issued',
  partly_paid: 'Daļēji apmaksāts / Partly paid',
  paid: 'Apmaksāts / Paid',
  overdue: 'Kavēts / Overdue',
  cancelled: 'Anulēts / Cancelled',
};

function vatLabel(g: VatGroup): string {
  switch (g.category) {
    case 'S':
      return `PVN / VAT ${g.rate}%`;
    case 'Z':
      return 'PVN / VAT 0%';
    case 'E':
      return 'Atbrīvots / Exempt';
    case 'AE':
      return 'Apgrieztā maksāšana / Reverse charge';
    case 'O':
      return 'Neapliek ar PVN / Outside the scope of VAT';
    default:
      return g.category;
  }
}
const lineVat = (l: Invoice['lines'][number]) =>
  l.vatCategory === 'O' ? '—' : l.vatCategory === 'S' || l.vatCategory === 'Z' ? `${l.vatRate}%` : `${l.vatCategory} 0%`;

/** Renders the invoice as a PDF. Byte-identical for the same invoice state (fixed creation date). */
export async function renderInvoicePdf(inv: Invoice, supplier: SupplierInfo): Promise<Buffer> {
  let qr: Buffer | null = null;
  try {
    qr = await epcQrPng(inv, { scale: 4 });
  } catch (e) {
    if (!(e instanceof NothingToPay)) throw e;
  }
  const groups = vatBreakdown(inv);
  const totals = monetaryTotals(inv);
  const payerId = publicPayerId(inv);

  return new Promise((resolve, reject) => {
    const pdf = new PDFDocument({
      size: 'A4',
      margin: MARGIN,
      bufferPages: true,
      info: {
        Title: `Rēķins / Invoice ${inv.number}`,
        Author: inv.creditor.name,
        Subject: `${inv.paymentReference}`,
        CreationDate: new Date(`${inv.issueDate}T00:00:00Z`),
      },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    registerPlatformFonts(pdf);

    /**
     * The font size (at most `size`) at which `text` fits `width` on one line in the current font: amounts of a
     * million euro and more are drawn smaller rather than wrapped or cut inside their box.
     */
    const fitSize = (text: string, width: number, size: number): number => {
      const natural = pdf.fontSize(size).widthOfString(text);
      return natural <= width ? size : Math.floor(((size * width) / natural) * 100) / 100;
    };

    /** Starts a new page when `height` does not fit; true when it did. */
    const ensureRoom = (height: number): boolean => {
      if (pdf.y + height <= PAGE_H - MARGIN - 20) return false;
      pdf.addPage();
      pdf.y = MARGIN;
      return true;
    };

    // ---- header: issuer left, title and number right
    const top = MARGIN;
    pdf
      .font('bold')
      .fontSize(13)
      .fillColor('#000')
      .text(inv.creditor.name, MARGIN, top, { width: CONTENT_W * 0.55 });
    pdf
      .font('regular')
      .fontSize(9)
      .fillColor(GREY)
      .text(`Reģ. Nr. / Reg. No. ${supplier.registrationNumber}`, { width: CONTENT_W * 0.55 });
    const leftBottom = pdf.y;
    pdf
      .font('bold')
      .fontSize(20)
      .fillColor('#000')
      .text('Rēķins', MARGIN + CONTENT_W * 0.55, top, { width: CONTENT_W * 0.45, align: 'right' });
    pdf
      .font('regular')
      .fontSize(11)
      .fillColor(GREY)
      .text('Invoice', { width: CONTENT_W * 0.45, align: 'right' });
    pdf
      .font('bold')
      .fontSize(11)
      .fillColor('#000')
      .text(`Nr. / No. ${inv.number}`, { width: CONTENT_W * 0.45, align: 'right' });
    pdf.y = Math.max(pdf.y, leftBottom) + 20;

    // ---- payer left, dates right
    const blockTop = pdf.y;
    const half = CONTENT_W / 2 - 10;
    pdf.font('regular').fontSize(8).fillColor(GREY).text('Maksātājs / Payer', MARGIN, blockTop, { width: half });
    pdf.font('bold').fontSize(11).fillColor('#000').text(inv.payer.name, { width: half });
    pdf.font('regular').fontSize(9);
    if (payerId) pdf.text(`Reģ. Nr. / Reg. No. ${payerId}`, { width: half });
    if (inv.payer.address) pdf.text(inv.payer.address, { width: half });
    const payerBottom = pdf.y;
    const facts: Array<[string, string]> = [
      ['Datums / Issue date', inv.issueDate],
      ['Apmaksāt līdz / Due date', inv.dueDate],
      ['Statuss / Status', STATUS[inv.status] ?? inv.status],
    ];
    if (inv.caseId) facts.push(['Lieta / Case', inv.caseId]);
    let fy = blockTop;
    for (const [label, value] of facts) {
      pdf
        .font('regular')
        .fontSize(8)
        .fillColor(GREY)
        .text(label, MARGIN + half + 20, fy, { width: half * 0.5 });
      pdf
        .font('bold')
        .fontSize(9)
        .fillColor('#000')
        .text(value, MARGIN + half + 20 + half * 0.5, fy, { width: half * 0.5, align: 'right' });
      fy = pdf.y + 3;
    }
    pdf.y = Math.max(payerBottom, fy) + 18;

    // ---- lines
    const cols = [
      { label: 'Nr.\nNo.', w: 28, align: 'left' as const },
      { label: 'Apraksts\nDescription', w: CONTENT_W - 28 - 60 - 75 - 50 - 85, align: 'left' as const },
      { label: 'Daudzums\nQuantity', w: 60, align: 'right' as const, amount: true },
      { label: 'Cena\nUnit price', w: 75, align: 'right' as const, amount: true },
      { label: 'PVN\nVAT', w: 50, align: 'right' as const },
      { label: 'Summa bez PVN\nNet amount', w: 85, align: 'right' as const, amount: true },
    ];
    const header = () =>
      row(
        cols.map((c) => c.label),
        'bold',
        GREY,
        7.5,
      );
    const row = (cells: string[], font: 'regular' | 'bold', colour = '#000', size = 8.5): void => {
      pdf.font(font);
      // Amount cells shrink to fit their column on one line; the labels keep their size.
      const sizes = cells.map((c, i) => (font === 'regular' && 'amount' in cols[i] ? fitSize(c, cols[i].w - 6, size) : size));
      const height = Math.max(
        ...cells.map((c, i) => pdf.fontSize(sizes[i]).heightOfString(c, { width: cols[i].w - 6 })),
        pdf.fontSize(size).currentLineHeight(),
      );
      if (ensureRoom(height + 6) && font === 'regular') {
        header(); // the table goes on: its header again on the new page
        pdf.font(font);
      }
      const y = pdf.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        pdf
          .fontSize(sizes[i])
          .fillColor(colour)
          .text(c, x + 3, y, { width: cols[i].w - 6, align: cols[i].align });
        x += cols[i].w;
      });
      pdf.y = y + height + 4;
      pdf
        .moveTo(MARGIN, pdf.y - 2)
        .lineTo(MARGIN + CONTENT_W, pdf.y - 2)
        .lineWidth(0.5)
        .strokeColor('#ccc')
        .stroke();
    };
    header();
    for (const l of inv.lines) {
      row(
        [String(l.lineNo), l.description, formatQty(l.quantity), formatEur(toCents(l.unitPrice)), lineVat(l), formatEur(toCents(l.net))],
        'regular',
      );
    }
    pdf.y += 12;

    // ---- VAT summary (left) and totals (right)
    ensureRoom(110);
    const sumTop = pdf.y;
    const sumW = CONTENT_W * 0.5;
    pdf.font('bold').fontSize(9).fillColor('#000').text('PVN kopsavilkums / VAT summary', MARGIN, sumTop, { width: sumW });
    pdf.moveDown(0.3);
    for (const g of groups) {
      const y = pdf.y;
      pdf
        .font('regular')
        .fontSize(8.5)
        .fillColor('#000')
        .text(vatLabel(g), MARGIN, y, { width: sumW * 0.5 });
      const labelBottom = pdf.y;
      const amounts = `${formatEur(g.taxableCents)} → ${formatEur(g.vatCents)}`;
      pdf.fontSize(fitSize(amounts, sumW * 0.5, 8.5)).text(amounts, MARGIN + sumW * 0.5, y, { width: sumW * 0.5, align: 'right' });
      pdf.fontSize(8.5);
      pdf.y = Math.max(pdf.y, labelBottom);
      if (g.exemptionReason) pdf.fillColor(GREY).fontSize(7.5).text(g.exemptionReason, MARGIN, pdf.y, { width: sumW });
      pdf.moveDown(0.3);
    }
    const vatBottom = pdf.y;
    const tx = MARGIN + sumW + 15;
    const tw = CONTENT_W - sumW - 15;
    let ty = sumTop;
    const totalRow = (label: string, cents: number, strong = false) => {
      const size = strong ? 10 : 8.5;
      pdf
        .font(strong ? 'bold' : 'regular')
        .fontSize(size)
        .fillColor('#000')
        .text(label, tx, ty, { width: tw * 0.6 });
      const labelBottom = pdf.y;
      const amount = formatEur(cents);
      pdf.fontSize(fitSize(amount, tw * 0.4, size)).text(amount, tx + tw * 0.6, ty, { width: tw * 0.4, align: 'right' });
      ty = Math.max(pdf.y, labelBottom) + 3;
    };
    totalRow('Summa bez PVN / Net total', totals.taxExclusiveCents);
    totalRow('PVN / VAT', totals.taxCents);
    totalRow('Kopā / Total', totals.taxInclusiveCents, true);
    if (totals.prepaidCents > 0) totalRow('Samaksāts / Paid', totals.prepaidCents);
    totalRow('Apmaksājamā summa / Amount due', inv.status === 'cancelled' ? 0 : totals.payableCents, true);
    pdf.y = Math.max(vatBottom, ty) + 20;

    // ---- payment details and the EPC QR code
    const qrSize = 120;
    ensureRoom(qrSize + 40);
    const payTop = pdf.y;
    pdf
      .rect(MARGIN, payTop, CONTENT_W, qrSize + 30)
      .lineWidth(0.8)
      .strokeColor('#999')
      .stroke();
    const px = MARGIN + 12;
    const pw = CONTENT_W - qrSize - 48;
    pdf
      .font('bold')
      .fontSize(10)
      .fillColor('#000')
      .text('Maksājuma rekvizīti / Payment details', px, payTop + 10, { width: pw });
    pdf.moveDown(0.4);
    const detail = (label: string, value: string, strong = false) => {
      pdf.font('regular').fontSize(7.5).fillColor(GREY).text(label, px, pdf.y, { width: pw });
      pdf
        .font(strong ? 'bold' : 'regular')
        .fontSize(strong ? 10.5 : 9)
        .fillColor('#000')
        .text(value, px, pdf.y, { width: pw });
      pdf.moveDown(0.15);
    };
    detail('Saņēmējs / Beneficiary', inv.creditor.name);
    detail(
      `Konts / Account (IBAN)${inv.creditor.bic ? ' · BIC' : ''}`,
      `${inv.creditor.ibanFormatted}${inv.creditor.bic ? ` · ${inv.creditor.bic}` : ''}`,
    );
    detail('Maksājuma mērķis — RF atsauce / Payment reference (RF)', formatRfReference(inv.paymentReference), true);
    detail(
      'Summa / Amount · Apmaksāt līdz / Due by',
      `${formatEur(inv.status === 'cancelled' ? 0 : totals.payableCents)} · ${inv.dueDate}`,
      true,
    );
    const qx = MARGIN + CONTENT_W - qrSize - 12;
    if (qr) {
      pdf.image(qr, qx, payTop + 6, { width: qrSize, height: qrSize });
      pdf
        .font('regular')
        .fontSize(6.5)
        .fillColor(GREY)
        .text('Skenējiet bankas lietotnē / Scan in your banking app', qx - 10, payTop + qrSize + 8, {
          width: qrSize + 20,
          align: 'center',
        });
    } else {
      const word = inv.status === 'cancelled' ? 'ANULĒTS\nCANCELLED' : 'APMAKSĀTS\nPAID';
      pdf
        .font('bold')
        .fontSize(14)
        .fillColor(inv.status === 'cancelled' ? '#a00' : '#070')
        .text(word, qx - 10, payTop + qrSize / 2 - 10, { width: qrSize + 20, align: 'center' });
    }
    pdf.y = payTop + qrSize + 40;
    pdf.x = MARGIN;
    pdf
      .font('regular')
      .fontSize(7.5)
      .fillColor(GREY)
      .text(
        'Maksājot norādiet RF atsauci maksājuma mērķī: tā maksājumu piesaista šim rēķinam. / Quote the RF reference as the payment reference: it matches the payment to this invoice.',
        MARGIN,
        pdf.y,
        { width: CONTENT_W },
      );

    // Page numbers once the page count is known.
    const range = pdf.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      pdf.switchToPage(i);
      pdf.page.margins.bottom = 0; // the footer sits in the bottom margin; without this pdfkit would start a new page
      pdf
        .font('regular')
        .fontSize(7)
        .fillColor(GREY)
        .text(`${inv.number} · ${i + 1}/${range.count}`, MARGIN, PAGE_H - MARGIN + 10, {
          width: CONTENT_W,
          align: 'right',
          lineBreak: false,
        });
    }
    pdf.end();
  });
}
