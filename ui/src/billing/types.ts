// The billing shapes the UI reads from the API (api/billing/presenter.ts, api/billing/online-payment-presenter.ts,
// db/billing/suspense.ts and the agency list in api/billing/invoice-routes.ts): generated from
// forms/api/*.schema.json (npm run generate:types); these names are what the pages call them.
import type {
  GetInvoicesResponse,
  GetMeInvoicesResponse,
  GetSuspenseResponse,
  Invoice,
  InvoiceStatus,
  OnlinePayment,
  PostSuspenseIdResolveResponse,
  SuspenseEntry,
} from '../../../forms/types/api';

export type { Invoice, InvoiceStatus, SuspenseEntry };

/** GET /api/v1/suspense: a page of entries and how many there are. */
export type SuspensePage = GetSuspenseResponse;

/** A row of the agency's list (GET /api/v1/invoices). */
export type AgencyInvoice = GetInvoicesResponse['items'][number];
export type AgencyInvoices = GetInvoicesResponse;
/** GET /api/v1/me/invoices. */
export type MyInvoiceList = GetMeInvoicesResponse;

// expired: left at the bank's page while another payment of the invoice was started (one is in flight at a time).
export type { OnlinePayment };
export type OnlinePaymentStatus = OnlinePayment['status'];

// A suspense entry's source: where the money came from (a statement, or the surplus of an online, counter or
// suspense booking).
export type SuspenseReason = SuspenseEntry['reason'];
export type SuspenseStatus = SuspenseEntry['status'];

/** POST /api/v1/suspense/:id/resolve. */
export type ResolveOutcome = PostSuspenseIdResolveResponse;
