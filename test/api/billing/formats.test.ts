// The machine-readable invoice through the API: UBL 2.1 (Peppol BIS Billing 3.0), the EPC QR code as PNG and SVG
// and the PDF, each rendered from the invoice's JSON, to the issuing agency and the payer only.
import { expect } from 'chai';
import { stack } from '../../setup';
import { call, errorOf, tokenFor } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { parseUbl, cents } from '../../helpers/ubl';
import { decodeQrPng } from '../../helpers/qr';
import { pdfText } from '../../helpers/pdf-text';
import { UBL_CUSTOMIZATION_ID, UBL_PROFILE_ID } from '../../../api/billing/formats/ubl';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const ANNA = { type: 'natural', id: '15038511239', name: 'Anna Bērziņa', address: 'Brīvības iela 100 - 5, Rīga, LV-1001' };
const FORMATS = ['ubl.xml', 'qr.png', 'qr.svg', 'invoice.pdf'];

async function issue(extra: Record<string, unknown> = {}): Promise<any> {
  const r = await call('POST', '/api/v1/invoices', {
    as: 'system-pmlp',
    json: {
      idempotencyKey: `formats-${uniqueSuffix()}`,
      payer: ANNA,
      currency: 'EUR',
      dueDate: inDays(30),
      lines: [
        {
          description: 'Pases izsniegšana (atbrīvots no PVN)',
          quantity: 1,
          unitPrice: 30,
          vatExemption: { category: 'E', reason: 'PVN likuma 52. pants' },
        },
        { description: 'Piegāde ar kurjeru <24 h> & SMS', quantity: 3, unitPrice: 1.99, vatRate: 21 },
        { description: 'Fotografēšana', quantity: 1, unitPrice: 4.1, vatRate: 21 },
      ],
      ...extra,
    },
  });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body;
}

/** GET a format as raw bytes (the JSON helper would decode the body as text). */
async function fetchFormat(url: string, as: string): Promise<{ status: number; type: string; headers: Headers; bytes: Buffer; json: any }> {
  const res = await fetch(`${stack.api.url}${url}`, { headers: { authorization: `Bearer ${await tokenFor(as)}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return {
    status: res.status,
    type,
    headers: res.headers,
    bytes,
    json: type.startsWith('application/json') ? JSON.parse(bytes.toString('utf8')) : undefined,
  };
}

const expectedEpc = (inv: any) =>
  [
    'BCD',
    '002',
    '1',
    'SCT',
    inv.creditor.bic ?? '',
    inv.creditor.name.slice(0, 70),
    inv.creditor.iban,
    `EUR${inv.totals.due.toFixed(2)}`,
    '',
    inv.paymentReference,
    '',
    inv.number,
  ].join('\n');

async function registrationNumber(agencyId: string): Promise<string> {
  const { rows } = await stack.db.pool.query('SELECT registration_number FROM agencies WHERE id = $1', [agencyId]);
  return rows[0].registration_number;
}

describe('api/billing/formats (routes)', () => {
  let inv: any;
  before(async () => {
    inv = await issue();
  });

  it('names every format URL in the invoice JSON', () => {
    expect(inv.links).to.include({
      ubl: `/api/v1/invoices/${inv.id}/ubl.xml`,
      qrPng: `/api/v1/invoices/${inv.id}/qr.png`,
      qrSvg: `/api/v1/invoices/${inv.id}/qr.svg`,
      pdf: `/api/v1/invoices/${inv.id}/invoice.pdf`,
    });
  });

  for (const as of ['citizen-anna', 'system-pmlp', 'officer-pmlp']) {
    it(`serves UBL 2.1 with the Peppol ids, the RF reference and sums equal to the JSON (as ${as})`, async () => {
      const r = await fetchFormat(inv.links.ubl, as);
      expect(r.status).to.equal(200);
      expect(r.type).to.match(/^application\/xml/);
      expect(r.headers.get('cache-control')).to.equal('private, no-store');
      const xml = r.bytes.toString('utf8');
      const ubl = parseUbl(xml);
      expect(ubl.CustomizationID).to.equal(UBL_CUSTOMIZATION_ID);
      expect(ubl.ProfileID).to.equal(UBL_PROFILE_ID);
      expect(ubl).to.include({
        ID: inv.number,
        IssueDate: inv.issueDate,
        DueDate: inv.dueDate,
        InvoiceTypeCode: '380',
        DocumentCurrencyCode: 'EUR',
      });
      expect(ubl.PaymentMeans[0].PaymentMeansCode['#text']).to.equal('58');
      expect(ubl.PaymentMeans[0].PaymentID).to.equal(inv.paymentReference);
      expect(ubl.PaymentMeans[0].PayeeFinancialAccount.ID).to.equal(inv.creditor.iban);
      expect(ubl.PaymentMeans[0].PayeeFinancialAccount.FinancialInstitutionBranch.ID).to.equal(inv.creditor.bic);
      const reg = await registrationNumber('pmlp');
      expect(ubl.AccountingSupplierParty.Party.PartyLegalEntity.CompanyID).to.deep.equal({ '#text': reg, '@_schemeID': '0218' });
      expect(ubl.AccountingCustomerParty.Party.PartyLegalEntity).to.deep.equal({ RegistrationName: 'Anna Bērziņa' });
      expect(xml, 'the personal code stays out of the document').not.to.include(ANNA.id);

      const m = ubl.LegalMonetaryTotal;
      expect(cents(m.LineExtensionAmount)).to.equal(Math.round(inv.totals.net * 100));
      expect(cents(m.TaxExclusiveAmount)).to.equal(Math.round(inv.totals.net * 100));
      expect(cents(ubl.TaxTotal.TaxAmount)).to.equal(Math.round(inv.totals.vat * 100));
      expect(cents(m.TaxInclusiveAmount)).to.equal(Math.round(inv.totals.total * 100));
      expect(cents(m.PrepaidAmount)).to.equal(Math.round(inv.totals.paid * 100));
      expect(cents(m.PayableAmount)).to.equal(Math.round(inv.totals.due * 100));
      expect(ubl.InvoiceLine.reduce((s: number, l: any) => s + cents(l.LineExtensionAmount), 0)).to.equal(cents(m.LineExtensionAmount));
      expect(ubl.TaxTotal.TaxSubtotal.reduce((s: number, t: any) => s + cents(t.TaxAmount), 0)).to.equal(cents(ubl.TaxTotal.TaxAmount));
      const byCategory = Object.fromEntries(ubl.TaxTotal.TaxSubtotal.map((t: any) => [t.TaxCategory.ID, t.TaxCategory]));
      expect(byCategory.S).to.deep.include({ Percent: '21' });
      expect(byCategory.E).to.deep.include({ TaxExemptionReason: 'PVN likuma 52. pants' });
      expect(ubl.InvoiceLine[1].Item.Name).to.equal('Piegāde ar kurjeru <24 h> & SMS');
    });

    it(`serves the EPC QR code as PNG and SVG carrying the exact EPC069-12 payload (as ${as})`, async () => {
      const png = await fetchFormat(inv.links.qrPng, as);
      expect(png.status).to.equal(200);
      expect(png.type).to.equal('image/png');
      expect(decodeQrPng(png.bytes)).to.equal(expectedEpc(inv));
      expect(expectedEpc(inv)).to.include('\nEUR42.18\n\nRF');
      const svg = await fetchFormat(inv.links.qrSvg, as);
      expect(svg.status).to.equal(200);
      expect(svg.type).to.match(/^image\/svg\+xml/);
      expect(svg.bytes.toString('utf8')).to.match(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*<\/svg>\s*$/);
    });

    it(`serves the PDF with the RF reference, the payment details and the QR code (as ${as})`, async () => {
      const r = await fetchFormat(inv.links.pdf, as);
      expect(r.status).to.equal(200);
      expect(r.type).to.equal('application/pdf');
      expect(r.bytes.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
      const text = pdfText(r.bytes);
      expect(text).to.include(inv.paymentReferenceFormatted);
      expect(text).to.include(inv.creditor.ibanFormatted);
      expect(text).to.include(inv.number).and.to.include('Anna Bērziņa').and.to.include('42,18\u00a0EUR');
      expect(text).not.to.include(ANNA.id);
      expect(/\/Subtype \/Image/.test(r.bytes.toString('latin1')), 'the QR image').to.equal(true);
    });
  }

  it('answers 404 in the error shape to anyone but the issuer and the payer, for every format', async () => {
    for (const as of ['citizen-janis', 'system-vid']) {
      for (const f of FORMATS) {
        const r = await fetchFormat(`/api/v1/invoices/${inv.id}/${f}`, as);
        expect(r.status, `${as} ${f}`).to.equal(404);
        expect(errorOf({ status: r.status, body: r.json, headers: r.headers }).code).to.equal('not_found');
      }
    }
    for (const f of FORMATS) {
      expect((await call('GET', `/api/v1/invoices/${inv.id}/${f}`)).status, f).to.equal(401);
      expect((await call('GET', `/api/v1/invoices/00000000-0000-4000-8000-000000000000/${f}`, { as: 'citizen-anna' })).status, f).to.equal(
        404,
      );
    }
  });

  it('identifies a legal payer by its registration number in the UBL', async () => {
    const company = await issue({
      payer: { type: 'legal', id: '40003032949', name: 'SIA "Koks & Ko"' },
      lines: [{ description: 'Izziņa', quantity: 2, unitPrice: 7.5, vatRate: 21 }],
    });
    const ubl = parseUbl((await fetchFormat(company.links.ubl, 'system-pmlp')).bytes.toString('utf8'));
    const buyer = ubl.AccountingCustomerParty.Party;
    expect(buyer.EndpointID).to.deep.equal({ '#text': '40003032949', '@_schemeID': '0218' });
    expect(buyer.PartyLegalEntity).to.deep.equal({
      RegistrationName: 'SIA "Koks & Ko"',
      CompanyID: { '#text': '40003032949', '@_schemeID': '0218' },
    });
    expect(ubl.AccountingSupplierParty.Party.PartyTaxScheme.CompanyID).to.equal(`LV${await registrationNumber('pmlp')}`);
    expect(cents(ubl.LegalMonetaryTotal.PayableAmount)).to.equal(1815);
  });

  it('asks for the amount still due once part is paid, and has nothing to pay (409) once all is paid', async () => {
    const target = await issue();
    const pay = async (amountEur: number) => {
      const r = await call('POST', `/api/v1/invoices/${target.id}/counter-payments`, {
        as: 'officer-pmlp',
        json: { amountEur, receiptNumber: `R-${uniqueSuffix()}` },
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      return r.body.invoice;
    };
    const partly = await pay(35.07);
    expect(partly.totals.due).to.equal(7.11);
    const png = await fetchFormat(target.links.qrPng, 'citizen-anna');
    expect(decodeQrPng(png.bytes)).to.equal(expectedEpc(partly));
    expect(decodeQrPng(png.bytes).split('\n')[7]).to.equal('EUR7.11');
    const partlyUbl = parseUbl((await fetchFormat(target.links.ubl, 'citizen-anna')).bytes.toString('utf8'));
    expect(cents(partlyUbl.LegalMonetaryTotal.PrepaidAmount)).to.equal(3507);
    expect(cents(partlyUbl.LegalMonetaryTotal.PayableAmount)).to.equal(711);

    const paid = await pay(7.11);
    expect(paid.status).to.equal('paid');
    for (const f of ['qr.png', 'qr.svg']) {
      const r = await fetchFormat(`/api/v1/invoices/${target.id}/${f}`, 'citizen-anna');
      expect(r.status, f).to.equal(409);
      expect(errorOf({ status: r.status, body: r.json, headers: r.headers }).code).to.equal('nothing_to_pay');
    }
    const pdf = await fetchFormat(target.links.pdf, 'citizen-anna');
    expect(pdf.status).to.equal(200);
    expect(pdfText(pdf.bytes)).to.include('APMAKSĀTS').and.to.include(target.paymentReferenceFormatted);
    expect(/\/Subtype \/Image/.test(pdf.bytes.toString('latin1')), 'no QR code on a paid invoice').to.equal(false);
    const ubl = parseUbl((await fetchFormat(target.links.ubl, 'system-pmlp')).bytes.toString('utf8'));
    expect(cents(ubl.LegalMonetaryTotal.PrepaidAmount)).to.equal(4218);
    expect(cents(ubl.LegalMonetaryTotal.PayableAmount)).to.equal(0);
  });

  it('has nothing to pay (409) on a cancelled invoice', async function () {
    this.timeout(60_000);
    const target = await issue();
    const cancelled = await call('POST', `/api/v1/invoices/${target.id}/cancel`, {
      as: 'system-pmlp',
      json: { reason: 'Iesniegums atsaukts' },
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).to.equal(200);
    const r = await fetchFormat(target.links.qrPng, 'citizen-anna');
    expect(r.status).to.equal(409);
    expect(errorOf({ status: r.status, body: r.json, headers: r.headers }).code).to.equal('nothing_to_pay');
    expect(pdfText((await fetchFormat(target.links.pdf, 'citizen-anna')).bytes)).to.include('ANULĒTS');
  });

  it('audits every read of a format as a read of the invoice', async () => {
    const target = await issue();
    await fetchFormat(target.links.pdf, 'citizen-anna');
    await fetchFormat(target.links.ubl, 'system-pmlp');
    const { rows } = await stack.db.pool.query('SELECT actor_id, subject_id, action FROM audit_log WHERE resource = $1', [
      `invoice:${target.id}`,
    ]);
    expect(rows).to.deep.include({ actor_id: 'citizen-anna', subject_id: ANNA.id, action: 'read' });
    expect(rows).to.deep.include({ actor_id: 'system-pmlp', subject_id: ANNA.id, action: 'read' });
  });
});
