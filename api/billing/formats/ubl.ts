// The invoice as UBL 2.1 following Peppol BIS Billing 3.0 (the EN 16931 core invoice), rendered from Invoice.
// A small builder writes the XML: elements in the order the UBL schema requires, every text and attribute escaped,
// characters XML 1.0 cannot carry dropped, and no empty elements (PEPPOL-EN16931-R008).
import type { Invoice } from '../../../forms/types/api';
import { eur, monetaryTotals, payerCountry, publicPayerId, toCents, vatBreakdown, type SupplierInfo } from './common';

export const UBL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const UBL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
const NS = {
  xmlns: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  'xmlns:cac': 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  'xmlns:cbc': 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
};
/** ISO 6523 ICD / Peppol EAS 0218: the Latvian unified registration number (Register of Enterprises). */
const LV_REGISTRATION_SCHEME = '0218';

// ---- a minimal XML builder -------------------------------------------------------------------------------------
interface XmlNode {
  name: string;
  attrs?: Record<string, string>;
  text?: string;
  children?: XmlNode[];
}
type Child = XmlNode | null | undefined | false;

// XML 1.0 Char production: tab, LF, CR and everything from U+0020 except surrogates and U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export function escapeXml(s: string, attribute = false): string {
  const out = s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return attribute
    ? out.replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;')
    : out.replace(/\r/g, '&#13;');
}

/** An element with text; absent when the value is null, undefined or empty (Peppol forbids empty elements). */
function t(name: string, value: string | number | null | undefined, attrs?: Record<string, string>): XmlNode | null {
  if (value === null || value === undefined) return null;
  const text = String(value).replace(NOT_XML_CHAR, '').trim();
  return text ? { name, attrs, text } : null;
}
/** An element with child elements; absent when it would be empty. */
function e(name: string, ...children: Child[]): XmlNode | null {
  const kept = children.filter((c): c is XmlNode => Boolean(c));
  return kept.length ? { name, children: kept } : null;
}
const amount = (name: string, cents: number): XmlNode => ({ name, attrs: { currencyID: 'EUR' }, text: eur(cents) });

function serialise(node: XmlNode, depth = 0): string {
  const pad = '  '.repeat(depth);
  const attrs = Object.entries(node.attrs ?? {})
    .map(([k, v]) => ` ${k}="${escapeXml(v, true)}"`)
    .join('');
  if (node.text !== undefined) return `${pad}<${node.name}${attrs}>${escapeXml(node.text)}</${node.name}>\n`;
  return `${pad}<${node.name}${attrs}>\n${(node.children ?? []).map((c) => serialise(c, depth + 1)).join('')}${pad}</${node.name}>\n`;
}

// ---- the invoice ------------------------------------------------------------------------------------------------
const taxScheme = () => e('cac:TaxScheme', t('cbc:ID', 'VAT'));
const percent = (rate: number | null) => (rate === null ? null : t('cbc:Percent', String(rate)));
const country = (code: string) => e('cac:Country', t('cbc:IdentificationCode', code));

/**
 * Renders the invoice as a Peppol BIS Billing 3.0 UBL Invoice. `supplier` carries what Invoice does not: the
 * issuing agency's registration number. The payer's personal code is never written (see publicPayerId).
 */
export function renderUbl(inv: Invoice, supplier: SupplierInfo): string {
  const groups = vatBreakdown(inv);
  const totals = monetaryTotals(inv);
  const reg = supplier.registrationNumber;
  const categories = new Set(groups.map((g) => g.category));
  // The seller's VAT identifier (LV + the registration number) is required with S, Z, E and AE lines
  // (BR-S-02 and the like) and forbidden on an invoice that is wholly outside the scope of VAT (BR-O-02).
  const sellerVatId = [...categories].some((c) => c !== 'O') ? `LV${reg}` : null;
  const payerId = publicPayerId(inv);

  const supplierParty = e(
    'cac:AccountingSupplierParty',
    e(
      'cac:Party',
      t('cbc:EndpointID', reg, { schemeID: LV_REGISTRATION_SCHEME }),
      e('cac:PartyIdentification', t('cbc:ID', reg, { schemeID: LV_REGISTRATION_SCHEME })),
      e('cac:PartyName', t('cbc:Name', inv.creditor.name)),
      e('cac:PostalAddress', country('LV')),
      sellerVatId !== null && e('cac:PartyTaxScheme', t('cbc:CompanyID', sellerVatId), taxScheme()),
      e(
        'cac:PartyLegalEntity',
        t('cbc:RegistrationName', inv.creditor.name),
        t('cbc:CompanyID', reg, { schemeID: LV_REGISTRATION_SCHEME }),
      ),
    ),
  );

  // A legal person is addressed by its registration number. A natural person is no Peppol participant and has no
  // public identifier (the personal code never leaves the platform): the issuing agency hands a consumer invoice
  // over itself (portal, e-address mailbox), so the buyer's electronic address (BT-49, mandatory by
  // PEPPOL-EN16931-R010) names the agency's own endpoint, the one place the document is held for the payer.
  const customerParty = e(
    'cac:AccountingCustomerParty',
    e(
      'cac:Party',
      t('cbc:EndpointID', payerId ?? reg, { schemeID: LV_REGISTRATION_SCHEME }),
      payerId !== null && e('cac:PartyIdentification', t('cbc:ID', payerId, { schemeID: LV_REGISTRATION_SCHEME })),
      e('cac:PartyName', t('cbc:Name', inv.payer.name)),
      e('cac:PostalAddress', t('cbc:StreetName', inv.payer.address?.replace(/\s*[\r\n]+\s*/g, ', ')), country(payerCountry(inv))),
      e(
        'cac:PartyLegalEntity',
        t('cbc:RegistrationName', inv.payer.name),
        payerId !== null && t('cbc:CompanyID', payerId, { schemeID: LV_REGISTRATION_SCHEME }),
      ),
    ),
  );

  const paymentMeans = e(
    'cac:PaymentMeans',
    t('cbc:PaymentMeansCode', '58', { name: 'SEPA credit transfer' }),
    t('cbc:PaymentID', inv.paymentReference),
    e(
      'cac:PayeeFinancialAccount',
      t('cbc:ID', inv.creditor.iban),
      t('cbc:Name', inv.creditor.name),
      e('cac:FinancialInstitutionBranch', t('cbc:ID', inv.creditor.bic)),
    ),
  );

  const taxTotal = e(
    'cac:TaxTotal',
    amount('cbc:TaxAmount', totals.taxCents),
    ...groups.map((g) =>
      e(
        'cac:TaxSubtotal',
        amount('cbc:TaxableAmount', g.taxableCents),
        amount('cbc:TaxAmount', g.vatCents),
        e(
          'cac:TaxCategory',
          t('cbc:ID', g.category),
          percent(g.rate),
          t('cbc:TaxExemptionReasonCode', g.exemptionReasonCode),
          t('cbc:TaxExemptionReason', g.exemptionReason),
          taxScheme(),
        ),
      ),
    ),
  );

  const monetary = e(
    'cac:LegalMonetaryTotal',
    amount('cbc:LineExtensionAmount', totals.lineExtensionCents),
    amount('cbc:TaxExclusiveAmount', totals.taxExclusiveCents),
    amount('cbc:TaxInclusiveAmount', totals.taxInclusiveCents),
    amount('cbc:PrepaidAmount', totals.prepaidCents),
    amount('cbc:PayableAmount', totals.payableCents),
  );

  const lines = inv.lines.map((l) => {
    // EN 16931 forbids a negative item price (BR-27): a discount line is a negative quantity at a positive price.
    const sign = l.unitPrice < 0 ? -1 : 1;
    return e(
      'cac:InvoiceLine',
      t('cbc:ID', l.lineNo),
      t('cbc:InvoicedQuantity', String(sign * l.quantity), { unitCode: 'C62' }),
      amount('cbc:LineExtensionAmount', toCents(l.net)),
      e(
        'cac:Item',
        t('cbc:Name', l.description),
        e('cac:ClassifiedTaxCategory', t('cbc:ID', l.vatCategory), percent(l.vatCategory === 'O' ? null : l.vatRate), taxScheme()),
      ),
      e('cac:Price', amount('cbc:PriceAmount', Math.abs(toCents(l.unitPrice)))),
    );
  });

  const note =
    inv.status === 'cancelled'
      ? `Rēķins anulēts${inv.cancelledAt ? ` ${inv.cancelledAt.slice(0, 10)}` : ''}. / The invoice is cancelled.`
      : null;
  const invoice: XmlNode = {
    name: 'Invoice',
    attrs: NS,
    children: [
      t('cbc:CustomizationID', UBL_CUSTOMIZATION_ID),
      t('cbc:ProfileID', UBL_PROFILE_ID),
      t('cbc:ID', inv.number),
      t('cbc:IssueDate', inv.issueDate),
      t('cbc:DueDate', inv.dueDate),
      t('cbc:InvoiceTypeCode', '380'),
      t('cbc:Note', note),
      t('cbc:DocumentCurrencyCode', inv.currency),
      // Peppol needs a buyer reference or an order reference (PEPPOL-EN16931-R003): the case the invoice is for,
      // else the invoice number, which the payer quotes in any correspondence.
      t('cbc:BuyerReference', inv.caseId ?? inv.number),
      supplierParty,
      customerParty,
      paymentMeans,
      e(
        'cac:PaymentTerms',
        t(
          'cbc:Note',
          `Apmaksāt līdz ${inv.dueDate}, maksājuma mērķī norādot ${inv.paymentReference}. / Pay by ${inv.dueDate} quoting ${inv.paymentReference}.`,
        ),
      ),
      taxTotal,
      monetary,
      ...lines,
    ].filter((c): c is XmlNode => Boolean(c)),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${serialise(invoice)}`;
}
