// Every shape of UBL invoice the platform emits, through the official validators of Peppol BIS Billing 3.0: the UBL
// 2.1 XSD, CEN's EN 16931 rules and the Peppol rules (test/helpers/ubl-validators.ts). The invoices are issued
// through the API and fetched from /ubl.xml (what a payer downloads); shapes the API cannot produce on demand (an
// eIDAS payer from an e-service payment, a cancelled or paid invoice) are rendered from the same Invoice.
import { expect } from 'chai';
import { call } from '../../../helpers/http';
import { uniqueSuffix } from '../../../helpers/cases';
import {
  validateUbl,
  missingValidators,
  verdictText,
  failedAssertIdsBoth,
  EN16931_SCH,
  type UblVerdict,
} from '../../../helpers/ubl-validators';
import { parseUbl } from '../../../helpers/ubl';
import { renderUbl } from '../../../../api/billing/formats/ubl';
import { invoiceView, SUPPLIER } from './fixture';

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const ANNA = { type: 'natural', id: '15038511239', name: 'Anna Bērziņa', address: 'Brīvības iela 100 - 5, Rīga, LV-1001' };
const ANNA_NO_ADDRESS = { type: 'natural', id: '15038511239', name: 'Anna Bērziņa' };
const COMPANY = { type: 'legal', id: '40003032949', name: 'SIA "Koks & Ko"', address: 'Rūpniecības iela 1, Rīga, LV-1010' };
const line = (
  description: string,
  quantity: number,
  unitPrice: number,
  vat: { vatRate: number } | { vatExemption: { category: string; reason: string } },
) => ({ description, quantity, unitPrice, ...vat });

/** Every invoice shape the API issues: payer kind × VAT treatment × line count. */
const ISSUED: Record<string, { payer: object; lines: object[] }> = {
  'natural person, standard rate, several lines': {
    payer: ANNA,
    lines: [line('Piegāde ar kurjeru <24 h> & SMS', 3, 1.99, { vatRate: 21 }), line('Fotografēšana', 1, 4.1, { vatRate: 21 })],
  },
  'natural person without an address': { payer: ANNA_NO_ADDRESS, lines: [line('Izziņa', 1, 5, { vatRate: 21 })] },
  'natural person, state fee outside the scope of VAT': {
    payer: ANNA,
    lines: [
      line('Pases izsniegšana (valsts nodeva)', 1, 30, { vatExemption: { category: 'O', reason: 'Valsts nodeva: nav PVN objekts' } }),
    ],
  },
  'natural person, exempt and several VAT rates': {
    payer: ANNA,
    lines: [
      line('Pases izsniegšana', 1, 30, { vatExemption: { category: 'E', reason: 'PVN likuma 52. pants' } }),
      line('Kopija', 2, 1.5, { vatRate: 21 }),
      line('Grāmata', 1, 12, { vatRate: 12 }),
      line('Avīze', 1, 2, { vatRate: 5 }),
    ],
  },
  'natural person, zero rated': {
    payer: ANNA,
    lines: [line('Eksporta pakalpojums', 1, 10, { vatExemption: { category: 'Z', reason: 'Nulles likme' } })],
  },
  'natural person, zero rate given as 0 %': { payer: ANNA, lines: [line('Pakalpojums', 1, 10, { vatRate: 0 })] },
  'organisation, standard rate': { payer: COMPANY, lines: [line('Reģistrācija', 1, 100, { vatRate: 21 })] },
  'organisation, state fee outside the scope of VAT': {
    payer: COMPANY,
    lines: [line('Valsts nodeva', 1, 30, { vatExemption: { category: 'O', reason: 'Valsts nodeva' } })],
  },
  'organisation, reverse charge': {
    payer: COMPANY,
    lines: [line('Būvdarbi', 1, 1000, { vatExemption: { category: 'AE', reason: 'PVN likuma 143. pants' } })],
  },
  'organisation, reverse charge, standard, exempt and zero-rated lines': {
    payer: COMPANY,
    lines: [
      line('Būvdarbi', 2, 500, { vatExemption: { category: 'AE', reason: 'PVN likuma 143. pants' } }),
      line('Konsultācija', 1, 80, { vatRate: 21 }),
      line('Mācības', 1, 40, { vatExemption: { category: 'E', reason: 'PVN likuma 52. pants' } }),
      line('Eksports', 1, 10, { vatExemption: { category: 'Z', reason: 'Nulles likme' } }),
    ],
  },
  'organisation, a million euro': { payer: COMPANY, lines: [line('Būvniecība', 1, 1500000, { vatRate: 21 })] },
};

/** Shapes rendered from an Invoice: payers and states no single API call produces. */
function rendered(): Record<string, string> {
  const sLines = invoiceView().lines.slice(1);
  const sTotals = { net: 10.07, vat: 2.11, total: 12.18, paid: 0, due: 12.18 };
  return {
    'eIDAS payer from another member state': renderUbl(
      invoiceView({
        payer: { type: 'eidas', id: 'FR/LV/7f3a9c2e1b', name: 'Marie Dupont', address: null },
        lines: sLines,
        totals: sTotals,
      }),
      SUPPLIER,
    ),
    'partly paid invoice': renderUbl(
      invoiceView({ status: 'partly_paid', lines: sLines, totals: { ...sTotals, paid: 5, due: 7.18 } }),
      SUPPLIER,
    ),
    'paid invoice, overpaid': renderUbl(invoiceView({ status: 'paid', lines: sLines, totals: { ...sTotals, paid: 20, due: 0 } }), SUPPLIER),
    'cancelled invoice': renderUbl(
      invoiceView({ status: 'cancelled', cancelledAt: '2026-03-05T10:00:00Z', lines: sLines, totals: sTotals }),
      SUPPLIER,
    ),
    'invoice for a case': renderUbl(invoiceView({ caseId: 'LV-0001000001-67', lines: sLines, totals: sTotals }), SUPPLIER),
  };
}

describe('Peppol BIS Billing 3.0: every UBL invoice passes the UBL 2.1 XSD, EN 16931 and the Peppol rules', function () {
  this.timeout(120_000);
  const documents: Record<string, string> = {};
  let verdicts: Record<string, UblVerdict>;

  before(async function () {
    const missing = missingValidators();
    if (missing.length) throw new Error(`the official validators need: ${missing.join(', ')} (.ci/run installs them)`);
    for (const [name, spec] of Object.entries(ISSUED)) {
      const r = await call('POST', '/api/v1/invoices', {
        as: 'system-pmlp',
        json: { idempotencyKey: `peppol-${uniqueSuffix()}`, currency: 'EUR', dueDate: inDays(30), ...spec },
      });
      expect(r.status, `${name}: ${JSON.stringify(r.body)}`).to.equal(201);
      const ubl = await call('GET', `/api/v1/invoices/${r.body.id}/ubl.xml`, { as: 'system-pmlp' });
      expect(ubl.status, name).to.equal(200);
      documents[name] = ubl.body as string;
    }
    Object.assign(documents, rendered());
    verdicts = validateUbl(documents);
  });

  for (const name of [...Object.keys(ISSUED), ...Object.keys(rendered())]) {
    it(`${name}: valid`, () => {
      const v = verdicts[name];
      expect(verdictText(v), name).to.equal('');
      expect(v.xsd).to.deep.equal([]);
    });
  }

  it('the validators catch what they should: a buyer without an electronic address fires PEPPOL-EN16931-R010', () => {
    const xml = documents['organisation, standard rate'].replace(/<cbc:EndpointID schemeID="0218">40003032949<\/cbc:EndpointID>\s*/, '');
    const broken = xml.replace(
      '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>',
      '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode><cbc:Bogus/>',
    );
    const v = validateUbl({ noEndpoint: xml, notUbl: broken });
    expect(v.noEndpoint.peppol.map((a) => a.id)).to.deep.equal(['PEPPOL-EN16931-R010']);
    expect(v.notUbl.xsd).to.have.length.greaterThan(0);
  });

  it("the schematron compiler that runs the Peppol rules gives CEN's own results on the EN 16931 rules", () => {
    const ok = documents['natural person, exempt and several VAT rates'];
    const broken: Record<string, string> = {
      valid: ok,
      'wrong VAT total': ok.replace(/(<cac:TaxTotal>\s*<cbc:TaxAmount currencyID="EUR">)[0-9.]+/, '$19.99'),
      'wrong line total': ok.replace(/(<cac:LegalMonetaryTotal>\s*<cbc:LineExtensionAmount currencyID="EUR">)[0-9.]+/, '$11.00'),
      'unknown country': ok.replace(
        /<cbc:IdentificationCode>LV<\/cbc:IdentificationCode>/g,
        '<cbc:IdentificationCode>ZZ</cbc:IdentificationCode>',
      ),
      'unknown type code': ok.replace('<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>', '<cbc:InvoiceTypeCode>999</cbc:InvoiceTypeCode>'),
      'wrong rate on a line': ok.replace('<cbc:Percent>21</cbc:Percent>', '<cbc:Percent>20</cbc:Percent>'),
    };
    const results = failedAssertIdsBoth(broken, EN16931_SCH);
    for (const [name, { official, compiled }] of Object.entries(results)) expect(compiled, name).to.deep.equal(official);
    expect(results.valid.official).to.deep.equal([]);
    expect(Object.values(results).filter((r) => r.official.length).length).to.equal(Object.keys(broken).length - 1);
  });

  it('addresses a natural person without writing the personal code', () => {
    const buyer = parseUbl(documents['natural person, standard rate, several lines']).AccountingCustomerParty.Party;
    expect(buyer.EndpointID).to.have.property('@_schemeID');
    expect(documents['natural person, standard rate, several lines']).not.to.include('15038511239');
  });

  it("refuses reverse charge to a natural person (BR-AE-02 needs the buyer's VAT or registration number): 422", async () => {
    const r = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: {
        idempotencyKey: `peppol-${uniqueSuffix()}`,
        currency: 'EUR',
        dueDate: inDays(30),
        payer: ANNA,
        lines: [line('Būvdarbi', 1, 100, { vatExemption: { category: 'AE', reason: 'Apgrieztā maksāšana' } })],
      },
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(422);
    expect(r.body.error.details.map((d: any) => d.code)).to.include('reverse_charge_needs_business_payer');
  });
});
