// The invoice as JSON (forms/api/invoice.schema.json): the machine-readable form every other format (UBL, EPC QR,
// PDF) is rendered from.
import type { Pool, PoolClient } from 'pg';
import type { Invoice } from '../../forms/types/api';
import { formatRfReference } from '../../db/domain/rf-reference';
import { formatIban } from '../../db/domain/iban';
import { findInvoice, type InvoiceRecord } from '../../db/billing/invoice-reads';
import { isUuid } from '../../forms/validation';

export type { Invoice };

export async function loadInvoice(pool: Pool | PoolClient, id: string): Promise<Invoice | null> {
  if (!isUuid(id)) return null;
  const found = await findInvoice(pool, id);
  return found ? presentInvoice(found) : null;
}

export function presentInvoice({ invoice: inv, lines, payments }: InvoiceRecord): Invoice {
  const n = (v: string) => Number(v);
  const total = n(inv.total);
  const paid = n(inv.amount_paid);
  const base = `/api/v1/invoices/${inv.id}`;
  return {
    id: inv.id,
    number: inv.number,
    agencyId: inv.agency_id,
    status: inv.status,
    currency: 'EUR',
    paymentReference: inv.payment_reference,
    paymentReferenceFormatted: formatRfReference(inv.payment_reference),
    issueDate: String(inv.issue_date),
    dueDate: String(inv.due_date),
    payer: { type: inv.payer_type, id: inv.payer_id, name: inv.payer_name, address: inv.payer_address },
    creditor: { name: inv.creditor_name, iban: inv.creditor_iban, ibanFormatted: formatIban(inv.creditor_iban), bic: inv.creditor_bic },
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      description: l.description,
      quantity: n(l.quantity),
      unitPrice: n(l.unit_price),
      vatCategory: l.vat_category,
      vatRate: n(l.vat_rate),
      vatExemptionReason: l.vat_exemption_reason,
      net: n(l.net),
      vat: n(l.vat),
    })),
    totals: { net: n(inv.total_net), vat: n(inv.total_vat), total, paid, due: Math.max(0, Math.round((total - paid) * 100) / 100) },
    caseId: inv.case_id,
    lastPaidAt: inv.last_paid_at?.toISOString() ?? null,
    cancelledAt: inv.cancelled_at?.toISOString() ?? null,
    payments: payments.map((p) => ({ source: p.source, amount: n(p.amount), bookedAt: p.booked_at.toISOString() })),
    links: { self: base, ubl: `${base}/ubl.xml`, qrPng: `${base}/qr.png`, qrSvg: `${base}/qr.svg`, pdf: `${base}/invoice.pdf` },
  };
}
