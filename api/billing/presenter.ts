// The invoice as JSON: the machine-readable form every other format (UBL, EPC QR, PDF) is rendered from.
import type { Pool, PoolClient } from 'pg';
import { formatRfReference } from '../../db/domain/rf-reference';
import { formatIban } from '../../db/domain/iban';
import { isUuid } from '../../forms/validation';

export interface InvoiceView {
  id: string;
  number: string;
  agencyId: string;
  status: string;
  currency: 'EUR';
  paymentReference: string;
  paymentReferenceFormatted: string;
  issueDate: string;
  dueDate: string;
  payer: { type: string; id: string; name: string; address: string | null };
  creditor: { name: string; iban: string; ibanFormatted: string; bic: string | null };
  lines: Array<{
    lineNo: number;
    description: string;
    quantity: number;
    unitPrice: number;
    vatCategory: string;
    vatRate: number;
    vatExemptionReason: string | null;
    net: number;
    vat: number;
  }>;
  totals: { net: number; vat: number; total: number; paid: number; due: number };
  caseId: string | null;
  lastPaidAt: string | null;
  cancelledAt: string | null;
  payments: Array<{ source: string; amount: number; bookedAt: string }>;
  links: Record<string, string>;
}

export async function loadInvoice(pool: Pool | PoolClient, id: string): Promise<InvoiceView | null> {
  if (!isUuid(id)) return null;
  const inv = (await pool.query('SELECT * FROM invoices WHERE id = $1', [id])).rows[0];
  if (!inv) return null;
  const [lines, payments] = await Promise.all([
    pool.query('SELECT * FROM invoice_lines WHERE invoice_id = $1 ORDER BY line_no', [id]),
    pool.query('SELECT source, amount, booked_at FROM payments WHERE invoice_id = $1 ORDER BY booked_at', [id]),
  ]);
  const n = (v: string) => Number(v);
  const total = n(inv.total);
  const paid = n(inv.amount_paid);
  const base = `/api/v1/invoices/${id}`;
  return {
    id,
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
    lines: lines.rows.map((l) => ({
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
    payments: payments.rows.map((p) => ({ source: p.source, amount: n(p.amount), bookedAt: p.booked_at.toISOString() })),
    links: { self: base, ubl: `${base}/ubl.xml`, qrPng: `${base}/qr.png`, qrSvg: `${base}/qr.svg`, pdf: `${base}/invoice.pdf` },
  };
}
