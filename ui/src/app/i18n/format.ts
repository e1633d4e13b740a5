// Money in the current language (dates: ./dates.ts).
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
