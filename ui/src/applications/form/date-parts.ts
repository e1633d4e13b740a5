// A date typed as day, month and year (GOV.UK pattern), never through the browser's locale-dependent date picker.
// A real, complete date is stored as ISO (YYYY-MM-DD); anything else is kept as typed ("2026-2-31", "2026--1") so the
// draft keeps it and validation can say exactly what to fix.
import { isRealDay } from '../../../../forms/form-rules';

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const EMPTY_PARTS: DateParts = { day: '', month: '', year: '' };
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Only digits, at most `max` of them: what people type into a number field, spaces and dots aside. */
export function digitsOnly(text: string, max: number): string {
  return text.replace(/\D/g, '').slice(0, max);
}

/** The parts shown for a stored value: "2026-12-01" → 1 / 12 / 2026; a kept partial value as it was typed. */
export function partsOf(value: unknown): DateParts {
  if (typeof value !== 'string' || !value) return EMPTY_PARTS;
  const iso = ISO_DAY.exec(value);
  if (iso && isRealDay(value)) return { day: String(Number(iso[3])), month: String(Number(iso[2])), year: iso[1] };
  const [year = '', month = '', day = ''] = value.split('-');
  return { day, month, year };
}

/** The value stored for typed parts: ISO for a real date, the parts as typed otherwise, undefined when all are empty. */
export function valueOf(parts: DateParts): string | undefined {
  const { day, month, year } = parts;
  if (!day && !month && !year) return undefined;
  if (/^\d{4}$/.test(year) && /^\d{1,2}$/.test(month) && /^\d{1,2}$/.test(day)) {
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
    if (isRealDay(iso)) return iso;
  }
  return `${year}-${month}-${day}`;
}

export type DateProblem = 'missingDay' | 'missingMonth' | 'missingYear' | 'missingParts' | 'yearDigits' | 'notReal';

/** What is wrong with a stored date value (null when it is a real date or empty). */
export function dateProblem(value: unknown): DateProblem | null {
  if (typeof value !== 'string' || !value || isRealDay(value)) return null;
  const { day, month, year } = partsOf(value);
  const missing = [!day && 'Day', !month && 'Month', !year && 'Year'].filter(Boolean);
  if (missing.length > 1) return 'missingParts';
  if (missing.length === 1) return `missing${missing[0]}` as DateProblem;
  if (year.length !== 4) return 'yearDigits';
  return 'notReal';
}
