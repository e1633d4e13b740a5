// Shared by the invoice formats (UBL, EPC QR, PDF): money in cents, the VAT breakdown, the parties as printed.
// Every format renders the same Invoice, so the sums in every format are the sums of the JSON.
import type { Invoice } from '../../../forms/types/api';

/** What the formats need about the issuing agency beyond the Invoice (read from `agencies` by the route). */
export interface SupplierInfo {
  /** The Register of Enterprises unified registration number (11 digits). */
  registrationNumber: string;
}

export const toCents = (eur: number): number => Math.round(eur * 100);
export const eur = (cents: number): string => (cents / 100).toFixed(2);

export interface VatGroup {
  category: string;
  /** Percent; null for O (outside the scope of VAT), which carries no rate at all. */
  rate: number | null;
  taxableCents: number;
  vatCents: number;
  exemptionReason: string | null;
  exemptionReasonCode: string | null;
}

const ORDER = ['S', 'Z', 'E', 'AE', 'O'];
// VATEX codes for the categories that have a generic one; E needs the article of the law, so the text carries it.
const VATEX: Record<string, string> = { O: 'VATEX-EU-O', AE: 'VATEX-EU-AE' };
// EN 16931: an exemption reason is required for E, AE and O and forbidden for S and Z (BR-S-10, BR-Z-10).
const NEEDS_REASON = new Set(['E', 'AE', 'O']);
const DEFAULT_REASON: Record<string, string> = { O: 'Not subject to VAT', AE: 'Reverse charge', E: 'Exempt from VAT' };

/**
 * One group per VAT category and rate. The VAT of a group is the sum of its lines' VAT (as booked, each line
 * rounded to the cent), so the breakdown adds up to the invoice's total VAT exactly.
 */
export function vatBreakdown(inv: Invoice): VatGroup[] {
  const groups = new Map<string, VatGroup>();
  for (const l of inv.lines) {
    const rate = l.vatCategory === 'O' ? null : l.vatRate;
    const key = `${l.vatCategory}:${rate ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        category: l.vatCategory,
        rate,
        taxableCents: 0,
        vatCents: 0,
        exemptionReason: NEEDS_REASON.has(l.vatCategory) ? (l.vatExemptionReason ?? DEFAULT_REASON[l.vatCategory]) : null,
        exemptionReasonCode: VATEX[l.vatCategory] ?? null,
      };
      groups.set(key, g);
    } else if (g.exemptionReason && l.vatExemptionReason && !g.exemptionReason.split('; ').includes(l.vatExemptionReason)) {
      // Lines of one category with different reasons: one breakdown group (EN 16931 allows one per category and
      // rate), naming every reason.
      g.exemptionReason = `${g.exemptionReason}; ${l.vatExemptionReason}`;
    }
    g.taxableCents += toCents(l.net);
    g.vatCents += toCents(l.vat);
  }
  const rank = (c: string) => (ORDER.includes(c) ? ORDER.indexOf(c) : ORDER.length);
  return [...groups.values()].sort((a, b) => rank(a.category) - rank(b.category) || (b.rate ?? 0) - (a.rate ?? 0));
}

export interface MonetaryTotals {
  lineExtensionCents: number;
  taxExclusiveCents: number;
  taxCents: number;
  taxInclusiveCents: number;
  prepaidCents: number;
  payableCents: number;
}

/**
 * The invoice's totals as EN 16931 states them. An overpayment is not part of the invoice (it is refunded or
 * resolved from the suspense list), so the prepaid amount never exceeds the total and the payable amount is
 * never negative: prepaid + payable = total, always.
 */
export function monetaryTotals(inv: Invoice): MonetaryTotals {
  const net = toCents(inv.totals.net);
  const tax = toCents(inv.totals.vat);
  const total = toCents(inv.totals.total);
  const prepaid = Math.min(toCents(inv.totals.paid), total);
  return {
    lineExtensionCents: net,
    taxExclusiveCents: net,
    taxCents: tax,
    taxInclusiveCents: total,
    prepaidCents: prepaid,
    payableCents: total - prepaid,
  };
}

/**
 * The payer's identifier as it may appear on a document that leaves the platform. A legal person's registration
 * number is public (Register of Enterprises) and identifies the buyer; a natural person's personal code is not
 * printed: the invoice is already bound to the payer by the RF reference and the name, and an old-style code
 * reveals the date of birth. The code stays in the platform (JSON for the issuer and the payer, and the audit trail).
 */
export function publicPayerId(inv: Invoice): string | null {
  return inv.payer.type === 'legal' ? inv.payer.id : null;
}

/** The payer's country: Latvian persons and companies are LV; an eIDAS identifier starts with its issuing country. */
export function payerCountry(inv: Invoice): string {
  if (inv.payer.type === 'eidas' && /^[A-Z]{2}\//.test(inv.payer.id)) return inv.payer.id.slice(0, 2);
  return 'LV';
}
