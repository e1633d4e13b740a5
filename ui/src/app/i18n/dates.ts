// The one place the UI writes dates and times: in the page's language (never the browser's locale), calendar days
// read as days (no time zone shift), moments in Latvian time. Every page that prints a date uses these.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export type DateLanguage = 'lv' | 'en';
const TIME_ZONE = 'Europe/Riga';
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export const localeOf = (lang: string): string => (lang === 'en' ? 'en-GB' : 'lv-LV');
const languageOf = (lang: string): DateLanguage => (lang === 'en' ? 'en' : 'lv');

/** A calendar day ("2026-12-01") in words: "2026. gada 1. dec." / "1 Dec 2026". A timestamp gives its day in Latvia. */
export function formatDay(day: string | null | undefined, lang: DateLanguage): string {
  if (!day) return '';
  const isDay = ISO_DAY.test(day);
  const d = new Date(isDay ? `${day}T00:00:00Z` : day);
  if (Number.isNaN(d.getTime())) return day;
  return d.toLocaleDateString(localeOf(lang), { dateStyle: 'medium', timeZone: isDay ? 'UTC' : TIME_ZONE });
}

/** A calendar day in digits, as people in Latvia write it: "01.12.2026" (both languages: the form's hint matches). */
export function formatDayNumeric(day: string | null | undefined): string {
  if (!day) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : day;
}

/** A moment ("2026-12-01T08:30:00Z") with its time in Latvia: "2026. gada 1. dec. 10:30" / "1 Dec 2026, 10:30". */
export function formatDateTime(iso: string | null | undefined, lang: DateLanguage, withTime = true): string {
  if (!iso) return '';
  if (ISO_DAY.test(iso)) return formatDay(iso, lang);
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return withTime
    ? d.toLocaleString(localeOf(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE })
    : d.toLocaleDateString(localeOf(lang), { dateStyle: 'medium', timeZone: TIME_ZONE });
}

/** The time of day of a moment in Latvia: "10:30" (with seconds: "10:30:05"). */
export function formatTime(iso: string | null | undefined, lang: DateLanguage, seconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(localeOf(lang), {
    hour: '2-digit',
    minute: '2-digit',
    ...(seconds ? { second: '2-digit' as const } : {}),
    timeZone: TIME_ZONE,
  });
}

/** formatDay in the current language. */
export function useFormatDay(): (day: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  return useCallback((day) => formatDay(day, lang), [lang]);
}

/** formatDateTime in the current language (withTime false: the day only). */
export function useFormatDate(): (iso: string | null | undefined, withTime?: boolean) => string {
  const { i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  return useCallback((iso, withTime = true) => formatDateTime(iso, lang, withTime), [lang]);
}

/** formatTime in the current language. */
export function useFormatTime(): (iso: string | null | undefined, seconds?: boolean) => string {
  const { i18n } = useTranslation();
  const lang = languageOf(i18n.language);
  return useCallback((iso, seconds = false) => formatTime(iso, lang, seconds), [lang]);
}
