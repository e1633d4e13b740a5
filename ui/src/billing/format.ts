// Money and calendar days in the current language, and small billing rules the pages share.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Invoice, InvoiceStatus } from './types';

const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'lv-LV');

/** Formats an amount with Intl in the current language: "42,35 €" in Latvian, "€42.35" in English. */
export function useMoney(): (amount: number, currency?: string) => string {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useCallback((amount, currency = 'EUR') => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
    } catch {
      return `${amount.toFixed(2)} ${currency}`; // not an ISO 4217 code
    }
  }, [locale]);
}

/** A calendar day ("2026-03-14", no time zone) in the current language; read as UTC so it never shifts a day. */
export function useFormatDay(): (day: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useCallback((day) => {
    if (!day) return '';
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);
    if (Number.isNaN(d.getTime())) return day;
    return d.toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  }, [locale]);
}

const CLOSED: ReadonlySet<InvoiceStatus> = new Set(['paid', 'cancelled']);

/** Something is left to pay: the QR code and the Pay button are offered. */
export function isPayable(inv: Pick<Invoice, 'status' | 'totals'>): boolean {
  return !CLOSED.has(inv.status) && inv.totals.due > 0;
}

/**
 * An Idempotency-Key for one press of "Pay online" (a UUID; crypto.randomUUID needs a secure context, so the
 * random bytes are formatted by hand when it is missing).
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
