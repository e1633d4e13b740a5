// The PDF renderer on its own: what a person needs to pay is on the page, in Latvian and English, with the QR code.
import { expect } from 'chai';
import { formatEur, renderInvoicePdf } from '../../../../api/billing/formats/pdf';
import { pdfText } from '../../../helpers/pdf-text';
import { invoiceView, SUPPLIER } from './fixture';
import type { Invoice } from '../../../../forms/types/api';
import { hasValidIso7064CheckDigits } from '../../../helpers/iso7064';

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
const hasImage = (pdf: Buffer) => /\/Subtype \/Image/.test(pdf.toString('latin1'));

describe('api/billing/formats/pdf', () => {
  it('prints issuer, payer, dates, lines, VAT summary, totals and the payment details', async () => {
    const pdf = await renderInvoicePdf(invoiceView({ caseId: 'C-2026-000001' }), SUPPLIER);
    expect(pdf.subarray(0, 5).toString()).to.equal('%PDF-');
    const text = pdfText(pdf);
    for (const s of [
      'Pilsonības un migrācijas lietu',
      'Reģ. Nr. / Reg. No. 90000013606',
      'Rēķins',
      'Invoice',
      'PMLP-2026-10000042',
      'Maksātājs / Payer',
      'Anna Bērziņa',
      'Brīvības iela 100 - 5, Rīga, LV-1001',
      '2026-03-02',
      '2026-04-01',
      'C-2026-000001',
      'Pases izsniegšana (valsts nodeva)',
      'Piegāde ar kurjeru',
      '1,99\u00a0EUR',
      '21%',
      'PVN kopsavilkums / VAT summary',
      'Valsts nodeva: nav PVN objekts',
      '10,07\u00a0EUR → 2,11\u00a0EUR',
      'Kopā / Total',
      '42,18\u00a0EUR',
      'LV07 TREL 2220 0000 0000 1 · TRELLV22',
      'RF19 1000 0042',
      'Skenējiet bankas lietotnē',
    ])
      expect(text, s).to.include(s);
    expect(hasImage(pdf), 'the EPC QR code').to.equal(true);
    // The printed IBAN and RF reference, checked apart from the code under test.
    const printed = /(LV\d\d(?: [0-9A-Z]{1,4}){5}) · TRELLV22[\s\S]*?(RF\d\d(?: [0-9A-Z]{1,4})+)/.exec(text);
    expect(printed, 'IBAN and RF reference on the page').to.not.equal(null);
    expect(hasValidIso7064CheckDigits(printed![1]), `IBAN ${printed![1]}`).to.equal(true);
    expect(hasValidIso7064CheckDigits(printed![2]), `RF ${printed![2]}`).to.equal(true);
  });

  it('prints each fact right after its label: payer, issue date, due date, status, case', async () => {
    const lines = pdfText(await renderInvoicePdf(invoiceView({ caseId: 'C-2026-000001' }), SUPPLIER)).split('\n');
    const after = (label: string) => lines[lines.indexOf(label) + 1];
    expect(after('Maksātājs / Payer')).to.equal('Anna Bērziņa');
    expect(after('Datums / Issue date')).to.equal('2026-03-02');
    expect(after('Apmaksāt līdz / Due date')).to.equal('2026-04-01');
    expect(after('Statuss / Status')).to.equal('Izrakstīts / Issued');
    expect(after('Lieta / Case')).to.equal('C-2026-000001');
  });

  it("does not print a natural person's personal code, but prints a company's registration number", async () => {
    expect(pdfText(await renderInvoicePdf(invoiceView(), SUPPLIER))).not.to.include('15038511239');
    const legal = pdfText(
      await renderInvoicePdf(invoiceView({ payer: { type: 'legal', id: '40003032949', name: 'SIA "Koks"', address: null } }), SUPPLIER),
    );
    expect(legal).to.include('Reģ. Nr. / Reg. No. 40003032949');
  });

  it('shows a paid invoice as paid, without a QR code', async () => {
    const pdf = await renderInvoicePdf(
      invoiceView({ status: 'paid', totals: { net: 40.07, vat: 2.11, total: 42.18, paid: 42.18, due: 0 } }),
      SUPPLIER,
    );
    const text = pdfText(pdf);
    expect(text).to.include('APMAKSĀTS').and.to.include('Samaksāts / Paid');
    expect(hasImage(pdf)).to.equal(false);
  });

  it('runs over several pages with many lines and numbers them', async () => {
    const lines: Invoice['lines'] = Array.from({ length: 100 }, (_, i) => ({
      lineNo: i + 1,
      description: `Pakalpojums nr. ${i + 1}: ${'garš apraksts '.repeat(5)}`,
      quantity: 1,
      unitPrice: 1,
      vatCategory: 'S',
      vatRate: 21,
      vatExemptionReason: null,
      net: 1,
      vat: 0.21,
    }));
    const pdf = await renderInvoicePdf(invoiceView({ lines, totals: { net: 100, vat: 21, total: 121, paid: 0, due: 121 } }), SUPPLIER);
    const pages = pageCount(pdf);
    expect(pages).to.be.greaterThan(1);
    const text = pdfText(pdf);
    expect(text).to.include(`PMLP-2026-10000042 · ${pages}/${pages}`);
    expect(text).to.include('Pakalpojums nr. 100').and.to.include('RF19 1000 0042');
  });

  it('renders the same invoice to the same bytes', async () => {
    const [a, b] = await Promise.all([renderInvoicePdf(invoiceView(), SUPPLIER), renderInvoicePdf(invoiceView(), SUPPLIER)]);
    expect(a.equals(b)).to.equal(true);
  });

  it('fits amounts of a million euro and more into their boxes: each amount is drawn whole, on one line', async () => {
    for (const [unitPrice, quantity] of [
      [1000000, 1],
      [1234567.89, 1000],
      [999999.99, 1000000],
    ]) {
      const net = Math.round(unitPrice * quantity * 100) / 100;
      const vat = Math.round(net * 21) / 100;
      const total = Math.round((net + vat) * 100) / 100;
      const inv = invoiceView({
        lines: [
          { lineNo: 1, description: 'Liela summa', quantity, unitPrice, vatCategory: 'S', vatRate: 21, vatExemptionReason: null, net, vat },
        ],
        totals: { net, vat, total, paid: 0, due: total },
      });
      const lines = pdfText(await renderInvoicePdf(inv, SUPPLIER)).split('\n');
      const eur = (v: number) => formatEur(Math.round(v * 100));
      // pdfkit wraps (or breaks inside a word) any text wider than its box: a whole amount on a line of its own fits.
      for (const amount of [eur(unitPrice), eur(net), eur(vat), eur(total)]) {
        expect(lines, `${amount} whole in its box`).to.include(amount);
      }
      expect(lines, 'the VAT summary line').to.include(`${eur(net)} → ${eur(vat)}`);
    }
  });
});
