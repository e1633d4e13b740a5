// An Invoice to render in the unit tests of the formats: the shape loadInvoice returns.
import type { Invoice } from '../../../../forms/types/api';

export const SUPPLIER = { registrationNumber: '90000013606' };

export function invoiceView(over: Partial<Invoice> = {}): Invoice {
  return {
    id: '6f1c2a9e-2b7d-4c1e-9a51-0c2f3d4e5a6b',
    number: 'PMLP-2026-10000042',
    agencyId: 'pmlp',
    status: 'issued',
    currency: 'EUR',
    paymentReference: 'RF1910000042',
    paymentReferenceFormatted: 'RF19 1000 0042',
    issueDate: '2026-03-02',
    dueDate: '2026-04-01',
    payer: { type: 'natural', id: '15038511239', name: 'Anna Bērziņa', address: 'Brīvības iela 100 - 5, Rīga, LV-1001' },
    creditor: {
      name: 'Pilsonības un migrācijas lietu pārvalde',
      iban: 'LV07TREL2220000000001',
      ibanFormatted: 'LV07 TREL 2220 0000 0000 1',
      bic: 'TRELLV22',
    },
    lines: [
      {
        lineNo: 1,
        description: 'Pases izsniegšana (valsts nodeva)',
        quantity: 1,
        unitPrice: 30,
        vatCategory: 'O',
        vatRate: 0,
        vatExemptionReason: 'Valsts nodeva: nav PVN objekts',
        net: 30,
        vat: 0,
      },
      {
        lineNo: 2,
        description: 'Piegāde ar kurjeru',
        quantity: 3,
        unitPrice: 1.99,
        vatCategory: 'S',
        vatRate: 21,
        vatExemptionReason: null,
        net: 5.97,
        vat: 1.25,
      },
      {
        lineNo: 3,
        description: 'Fotografēšana',
        quantity: 1,
        unitPrice: 4.1,
        vatCategory: 'S',
        vatRate: 21,
        vatExemptionReason: null,
        net: 4.1,
        vat: 0.86,
      },
    ],
    totals: { net: 40.07, vat: 2.11, total: 42.18, paid: 0, due: 42.18 },
    caseId: null,
    lastPaidAt: null,
    cancelledAt: null,
    payments: [],
    links: { self: '', ubl: '', qrPng: '', qrSvg: '', pdf: '' }, // the formats do not render the links
    ...over,
  };
}
