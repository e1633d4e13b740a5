// Whether an invoice still asks for money: the pages offer the QR code and the Pay button only then.
import type { Invoice, InvoiceStatus } from './types';

const CLOSED: ReadonlySet<InvoiceStatus> = new Set(['paid', 'cancelled']);

/** Something is left to pay: the QR code and the Pay button are offered. */
export function isPayable(inv: Pick<Invoice, 'status' | 'totals'>): boolean {
  return !CLOSED.has(inv.status) && inv.totals.due > 0;
}
