// The billing shapes the UI reads from the API (api/billing/presenter.ts, api/billing/online-payment-presenter.ts,
// api/billing/statements/suspense.ts and the agency list in api/billing/invoice-routes.ts).
import type { OnlinePayment } from '../../../forms/types/api';

export type InvoiceStatus = 'issued' | 'partly_paid' | 'paid' | 'overdue' | 'cancelled';

export interface Invoice {
  id: string;
  number: string;
  agencyId: string;
  status: InvoiceStatus;
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
  links: { self: string; ubl: string; qrPng: string; qrSvg: string; pdf: string };
}

/** A row of the agency's list (GET /api/v1/invoices). */
export interface AgencyInvoice {
  id: string;
  number: string;
  paymentReference: string;
  payerName: string;
  total: number;
  paid: number;
  status: InvoiceStatus;
  issueDate: string;
  dueDate: string;
}

// Generated from forms/api/online-payment.schema.json. expired: left at the bank's page while another payment of the
// invoice was started (one is in flight at a time).
export type { OnlinePayment };
export type OnlinePaymentStatus = OnlinePayment['status'];

export type SuspenseReason =
  'unknown_reference' | 'no_reference' | 'overpayment' | 'cancelled_invoice' | 'currency' | 'conflicting_direction';
export type SuspenseStatus = 'open' | 'resolved' | 'refunded';

export interface SuspenseEntry {
  /** source: where the money came from (a statement, or the surplus of an online, counter or suspense booking). */
  id: string;
  statementId: string | null;
  source: 'bank_statement' | 'online' | 'counter' | 'suspense' | 'migration';
  reason: SuspenseReason;
  amount: number;
  currency: string;
  reference: string | null;
  remittance: string | null;
  debtorName: string | null;
  bookedAt: string;
  status: SuspenseStatus;
  resolvedInvoiceId: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  note: string | null;
}

export interface ResolveOutcome {
  entry: SuspenseEntry;
  invoice: { id: string; status: InvoiceStatus; amountPaid: number; total: number } | null;
}
