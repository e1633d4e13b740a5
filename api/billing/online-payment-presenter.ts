// What the API says about an online payment (forms/api/online-payment.schema.json): never the row as is.
import type { OnlinePayment } from '../../forms/types/api';
import type { OnlinePaymentRow } from '../../db/billing/online-payments';

export function presentOnlinePayment(row: OnlinePaymentRow, redirectUrl?: string): OnlinePayment {
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
