// Catalogue values in words: an ISO 8601 processing time ("P3D" → "3 dienas" / "3 days") and opening hours grouped
// by equal times ("Pirmdiena–piektdiena 08:30–17:00"), in the current language.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpeningHours } from './types';

const localeOf = (lang: string) => (lang === 'en' ? 'en-GB' : 'lv-LV');
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;
const UNITS = ['year', 'month', 'week', 'day', 'hour', 'minute', 'second'] as const;
export const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

/** "P1W2D" → "1 nedēļa un 2 dienas"; a value that is not a duration is shown as it is. */
export function useDuration(): (iso: string) => string {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  return useCallback(
    (iso) => {
      const m = DURATION.exec(iso);
      if (!m) return iso;
      const parts = UNITS.flatMap((unit, i) => {
        const n = m[i + 1] ? Number(m[i + 1]) : 0;
        return n > 0 ? [new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n)] : [];
      });
      if (parts.length === 0) return iso;
      return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(parts);
    },
    [locale],
  );
}

export interface HoursRow {
  days: string;
  hours: string;
}

/** Consecutive days with the same hours become one row: "Pirmdiena–piektdiena", "08:30–17:00". */
export function useOpeningHours(): (hours: OpeningHours[]) => HoursRow[] {
  const { t } = useTranslation();
  return useCallback(
    (hours) => {
      const sorted = [...hours].sort((a, b) => WEEKDAYS.indexOf(a.day as never) - WEEKDAYS.indexOf(b.day as never));
      const groups: Array<{ first: string; last: string; hours: string }> = [];
      for (const h of sorted) {
        const span = `${h.opens}–${h.closes}`;
        const prev = groups[groups.length - 1];
        const adjacent = prev && WEEKDAYS.indexOf(h.day as never) === WEEKDAYS.indexOf(prev.last as never) + 1;
        if (prev && adjacent && prev.hours === span) prev.last = h.day;
        else groups.push({ first: h.day, last: h.day, hours: span });
      }
      const day = (d: string) => t(`catalog.weekday.${d}`, { defaultValue: d });
      const capital = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1); // Latvian day names are lower case
      return groups.map((g) => ({ days: capital(g.first === g.last ? day(g.first) : `${day(g.first)}–${day(g.last)}`), hours: g.hours }));
    },
    [t],
  );
}

/** A JSON pointer from the API ("/body/description/channels/0/phone") as path segments of the description. */
export function pointerSegments(pointer: string): string[] {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (segments[0] === 'body') segments.shift();
  if (segments[0] === 'description') segments.shift();
  return segments;
}
