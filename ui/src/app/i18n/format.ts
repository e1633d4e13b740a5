// Money and calendar days in the current language.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'lv-LV');

/** Formats an amount with Intl in the current language: "42,35 €" in Latvian, "€42.35" in English. */
export function useMoney(): (amount: number, currency?: string) => string {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useCallback(
    (amount, currency = 'EUR') => {
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
      } catch {
        return `${amount.toFixed(2)} ${currency}`; // not an ISO 4217 code
      }
    },
    [locale],
  );
}

/** A calendar day ("2026-03-14", no time zone) in the current language; read as UTC so it never shifts a day. */
export function useFormatDay(): (day: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useCallback(
    (day) => {
      if (!day) return '';
      const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00Z` : day);
      if (Number.isNaN(d.getTime())) return day;
      return d.toLocaleDateString(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    },
    [locale],
  );
}
