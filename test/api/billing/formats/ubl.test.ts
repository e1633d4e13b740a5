// The UBL renderer on its own: Peppol BIS Billing 3.0 ids, element order, parties, VAT breakdown, sums, escaping.
import { expect } from 'chai';
import { renderUbl, escapeXml, UBL_CUSTOMIZATION_ID, UBL_PROFILE_ID } from '../../../../api/billing/formats/ubl';
import { parseUbl, rootChildren, text, cents } from '../../../helpers/ubl';
import { invoiceView, SUPPLIER } from './fixture';
import type { Invoice } from '../../../../forms/types/api';
import { hasValidIso7064CheckDigits } from '../../../helpers/iso7064';

describe('api/billing/formats/ubl', () => {
  it('writes the Peppol BIS Billing 3.0 header with the UBL namespaces', () => {
    const xml = renderUbl(invoiceView(), SUPPLIER);
    expect(
      xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"'),
    ).to.equal(true);
    expect(xml).to.include('xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"');
    expect(xml).to.include('xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"');
    const inv = parseUbl(xml);
    expect(inv.CustomizationID).to.equal(UBL_CUSTOMIZATION_ID);
    expect(inv.ProfileID).to.equal(UBL_PROFILE_ID);
    expect(inv).to.include({
      ID: 'PMLP-2026-10000042',
      IssueDate: '2026-03-02',
      DueDate: '2026-04-01',
      InvoiceTypeCode: '380',
      DocumentCurrencyCode: 'EUR',
      BuyerReference: 'PMLP-2026-10000042',
    });
  });

  it('keeps the element order of the UBL 2.1 Invoice schema', () => {
    expect(rootChildren(renderUbl(invoiceView({ caseId: 'C-2026-000001' }), SUPPLIER))).to.deep.equal([
      'cbc:CustomizationID',
      'cbc:ProfileID',
      'cbc:ID',
      'cbc:IssueDate',
      'cbc:DueDate',
      'cbc:InvoiceTypeCode',
      'cbc:DocumentCurrencyCode',
      'cbc:BuyerReference',
      'cac:AccountingSupplierParty',
      'cac:AccountingCustomerParty',
      'cac:PaymentMeans',
      'cac:PaymentTerms',
      'cac:TaxTotal',
      'cac:LegalMonetaryTotal',
      'cac:InvoiceLine',
      'cac:InvoiceLine',
      'cac:InvoiceLine',
    ]);
  });

  it('names the agency by its registration number and pays by SEPA credit transfer with the RF reference', () => {
    const inv = parseUbl(renderUbl(invoiceView(), SUPPLIER));
    const seller = inv.AccountingSupplierParty.Party;
    expect(seller.EndpointID).to.deep.equal({ '#text': '90000013606', '@_schemeID': '0218' });
    expect(seller.PartyLegalEntity.RegistrationName).to.equal('Pilsonības un migrācijas lietu pārvalde');
    expect(seller.PartyLegalEntity.CompanyID).to.deep.equal({ '#text': '90000013606', '@_schemeID': '0218' });
    expect(seller.PostalAddress.Country.IdentificationCode).to.equal('LV');
    const pm = inv.PaymentMeans[0];
    expect(pm.PaymentMeansCode).to.deep.equal({ '#text': '58', '@_name': 'SEPA credit transfer' });
    expect(pm.PaymentID).to.equal('RF1910000042');
    expect(pm.PayeeFinancialAccount.ID).to.equal('LV07TREL2220000000001');
    expect(pm.PayeeFinancialAccount.FinancialInstitutionBranch.ID).to.equal('TRELLV22');
    // Checked apart from the code under test: the renderer would copy invalid check digits as they are.
    expect(hasValidIso7064CheckDigits(pm.PaymentID), 'RF reference').to.equal(true);
    expect(hasValidIso7064CheckDigits(pm.PayeeFinancialAccount.ID), 'IBAN').to.equal(true);
  });

  it("never writes a natural person's personal code, and identifies a legal person by its registration number", () => {
    const xml = renderUbl(invoiceView(), SUPPLIER);
    expect(xml).not.to.include('15038511239');
    const buyer = parseUbl(xml).AccountingCustomerParty.Party;
    expect(buyer.EndpointID).to.deep.equal({ '#text': '90000013606', '@_schemeID': '0218' });
    expect(buyer.PartyIdentification).to.equal(undefined);
    expect(buyer.PartyLegalEntity).to.deep.equal({ RegistrationName: 'Anna Bērziņa' });
    expect(buyer.PostalAddress).to.deep.equal({
      StreetName: 'Brīvības iela 100 - 5, Rīga, LV-1001',
      Country: { IdentificationCode: 'LV' },
    });

    const legal = parseUbl(
      renderUbl(invoiceView({ payer: { type: 'legal', id: '40003032949', name: 'SIA "Koks & Ko"', address: null } }), SUPPLIER),
    ).AccountingCustomerParty.Party;
    expect(legal.EndpointID).to.deep.equal({ '#text': '40003032949', '@_schemeID': '0218' });
    expect(legal.PartyLegalEntity).to.deep.equal({
      RegistrationName: 'SIA "Koks & Ko"',
      CompanyID: { '#text': '40003032949', '@_schemeID': '0218' },
    });
    expect(legal.PostalAddress).to.deep.equal({ Country: { IdentificationCode: 'LV' } });
  });

  it('breaks VAT down per category and rate, with exemption reasons only where EN 16931 wants them', () => {
    const inv = parseUbl(renderUbl(invoiceView(), SUPPLIER));
    const subs = inv.TaxTotal.TaxSubtotal.map((s: any) => ({
      taxable: cents(s.TaxableAmount),
      tax: cents(s.TaxAmount),
      id: s.TaxCategory.ID,
      percent: s.TaxCategory.Percent,
      reason: s.TaxCategory.TaxExemptionReason,
      code: s.TaxCategory.TaxExemptionReasonCode,
      scheme: s.TaxCategory.TaxScheme.ID,
    }));
    expect(subs).to.deep.equal([
      { taxable: 1007, tax: 211, id: 'S', percent: '21', reason: undefined, code: undefined, scheme: 'VAT' },
      { taxable: 3000, tax: 0, id: 'O', percent: undefined, reason: 'Valsts nodeva: nav PVN objekts', code: 'VATEX-EU-O', scheme: 'VAT' },
    ]);
    expect(cents(inv.TaxTotal.TaxAmount)).to.equal(211);
    // Lines: O carries no rate, S carries its rate.
    expect(inv.InvoiceLine[0].Item.ClassifiedTaxCategory).to.deep.equal({ ID: 'O', TaxScheme: { ID: 'VAT' } });
    expect(inv.InvoiceLine[1].Item.ClassifiedTaxCategory).to.deep.equal({ ID: 'S', Percent: '21', TaxScheme: { ID: 'VAT' } });
  });

  it('states the seller VAT identifier unless the invoice is wholly outside the scope of VAT (BR-O-02)', () => {
    const standard = parseUbl(renderUbl(invoiceView(), SUPPLIER)).AccountingSupplierParty.Party;
    expect(standard.PartyTaxScheme).to.deep.equal({ CompanyID: 'LV90000013606', TaxScheme: { ID: 'VAT' } });
    const fee = invoiceView().lines[0];
    const feeOnly = parseUbl(renderUbl(invoiceView({ lines: [fee], totals: { net: 30, vat: 0, total: 30, paid: 0, due: 30 } }), SUPPLIER));
    expect(feeOnly.AccountingSupplierParty.Party.PartyTaxScheme).to.equal(undefined);
    expect(feeOnly.TaxTotal.TaxSubtotal).to.have.length(1);
  });

  it('has monetary totals that add up, line by line and overall, with the paid amount as prepaid', () => {
    const view = invoiceView({ status: 'partly_paid', totals: { net: 40.07, vat: 2.11, total: 42.18, paid: 12.18, due: 30 } });
    const inv = parseUbl(renderUbl(view, SUPPLIER));
    const m = inv.LegalMonetaryTotal;
    const lineSum = inv.InvoiceLine.reduce((s: number, l: any) => s + cents(l.LineExtensionAmount), 0);
    expect(cents(m.LineExtensionAmount)).to.equal(lineSum).and.to.equal(4007);
    expect(cents(m.TaxExclusiveAmount)).to.equal(4007);
    expect(cents(m.TaxInclusiveAmount))
      .to.equal(cents(m.TaxExclusiveAmount) + cents(inv.TaxTotal.TaxAmount))
      .and.to.equal(4218);
    expect(cents(m.PrepaidAmount)).to.equal(1218);
    expect(cents(m.PayableAmount))
      .to.equal(cents(m.TaxInclusiveAmount) - cents(m.PrepaidAmount))
      .and.to.equal(3000);
    const subs = inv.TaxTotal.TaxSubtotal;
    expect(subs.reduce((s: number, x: any) => s + cents(x.TaxableAmount), 0)).to.equal(cents(m.TaxExclusiveAmount));
    expect(subs.reduce((s: number, x: any) => s + cents(x.TaxAmount), 0)).to.equal(cents(inv.TaxTotal.TaxAmount));
    for (const l of inv.InvoiceLine) {
      expect(l.InvoicedQuantity['@_unitCode']).to.equal('C62');
      expect(Math.round(Number(text(l.InvoicedQuantity)) * cents(l.Price.PriceAmount))).to.equal(cents(l.LineExtensionAmount));
    }
  });

  it('never states more prepaid than the total: an overpayment is not part of the invoice', () => {
    const inv = parseUbl(
      renderUbl(invoiceView({ status: 'paid', totals: { net: 40.07, vat: 2.11, total: 42.18, paid: 50, due: 0 } }), SUPPLIER),
    );
    expect(cents(inv.LegalMonetaryTotal.PrepaidAmount)).to.equal(4218);
    expect(cents(inv.LegalMonetaryTotal.PayableAmount)).to.equal(0);
  });

  it('writes a discount as a negative quantity at a positive price (BR-27)', () => {
    const lines: Invoice['lines'] = [
      {
        lineNo: 1,
        description: 'Pakalpojums',
        quantity: 2,
        unitPrice: 10,
        vatCategory: 'S',
        vatRate: 21,
        vatExemptionReason: null,
        net: 20,
        vat: 4.2,
      },
      {
        lineNo: 2,
        description: 'Atlaide',
        quantity: 1,
        unitPrice: -5,
        vatCategory: 'S',
        vatRate: 21,
        vatExemptionReason: null,
        net: -5,
        vat: -1.05,
      },
    ];
    const inv = parseUbl(renderUbl(invoiceView({ lines, totals: { net: 15, vat: 3.15, total: 18.15, paid: 0, due: 18.15 } }), SUPPLIER));
    expect(text(inv.InvoiceLine[1].InvoicedQuantity)).to.equal('-1');
    expect(cents(inv.InvoiceLine[1].Price.PriceAmount)).to.equal(500);
    expect(cents(inv.InvoiceLine[1].LineExtensionAmount)).to.equal(-500);
    expect(inv.TaxTotal.TaxSubtotal).to.have.length(1);
    expect(cents(inv.TaxTotal.TaxSubtotal[0].TaxAmount)).to.equal(315);
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const nasty = 'Kopija <b>"A&B"</b> \'x\'\u0001\u0008 ]]> ā';
    const lines: Invoice['lines'] = [
      {
        lineNo: 1,
        description: nasty,
        quantity: 1,
        unitPrice: 5,
        vatCategory: 'E',
        vatRate: 0,
        vatExemptionReason: 'Likuma 52. pants & <cits>',
        net: 5,
        vat: 0,
      },
    ];
    const xml = renderUbl(
      invoiceView({
        payer: { type: 'natural', id: '15038511239', name: 'Ann<a> & "Co"', address: 'Iela 1\nRīga' },
        lines,
        totals: { net: 5, vat: 0, total: 5, paid: 0, due: 5 },
      }),
      SUPPLIER,
    );
    const inv = parseUbl(xml);
    expect(inv.InvoiceLine[0].Item.Name).to.equal('Kopija <b>"A&B"</b> \'x\' ]]> ā');
    expect(inv.AccountingCustomerParty.Party.PartyName.Name).to.equal('Ann<a> & "Co"');
    expect(inv.AccountingCustomerParty.Party.PostalAddress.StreetName).to.equal('Iela 1, Rīga');
    expect(inv.TaxTotal.TaxSubtotal[0].TaxCategory).to.deep.include({
      ID: 'E',
      Percent: '0',
      TaxExemptionReason: 'Likuma 52. pants & <cits>',
    });
    expect(escapeXml('a"b<', true)).to.equal('a&quot;b&lt;');
  });

  it('writes no empty elements (PEPPOL-EN16931-R008): no BIC, no address, no case', () => {
    const view = invoiceView({
      creditor: { ...invoiceView().creditor, bic: null },
      payer: { type: 'natural', id: '15038511239', name: 'Anna Bērziņa', address: null },
    });
    const xml = renderUbl(view, SUPPLIER);
    expect(xml).not.to.match(/<([\w:]+)[^>]*>\s*<\/\1>/);
    expect(xml).not.to.match(/<[\w:]+[^>]*\/>/);
    expect(parseUbl(xml).PaymentMeans[0].PayeeFinancialAccount.FinancialInstitutionBranch).to.equal(undefined);
  });
});
