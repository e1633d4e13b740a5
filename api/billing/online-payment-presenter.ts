// What the API says about an online payment (forms/api/online-payment.schema.json): never the row as is.

export interface OnlinePaymentRow {
  id: string;
  invoice_id: string;
  amount: string;
  status: 'initiated' | 'succeeded' | 'failed' | 'expired';
  provider_txn_id: string | null;
  created_by: string;
  created_at: Date;
  completed_at: Date | null;
  /** Joined from the invoice. */
  payment_reference: string;
  currency: string;
  invoice_status: string;
}

export function presentOnlinePayment(row: OnlinePaymentRow, redirectUrl?: string) {
  return {
    id: row.id,
    invoiceId: row.invoice_id,
    status: row.status,
    amount: Number(row.amount),
    currency: row.currency,
    paymentReference: row.payment_reference,
    createdAt: row.created_at.toISOString(),
    completedAt: row.completed_at?.toISOString() ?? null,
    invoiceStatus: row.invoice_status,
    ...(redirectUrl ? { redirectUrl } : {}),
    links: { self: `/api/v1/online-payments/${row.id}`, invoice: `/api/v1/invoices/${row.invoice_id}` },
  };
}
