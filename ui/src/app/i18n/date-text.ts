// A date typed as text in the Latvian order, day.month.year ("01.12.2026", hint "dd.mm.gggg"), never through the
// browser's date picker (whose order follows the browser's locale: "01 12 2026" became 12 January on a Latvian page).
// A real date is stored as ISO (YYYY-MM-DD); anything else is kept as typed, so the draft keeps it and validation says
// exactly what to fix. No DOM here: unit-tested in Node (test/ui/form/).
import { isRealDay } from '../../../../forms/form-rules';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Day, month and year with any of . / - or spaces between them; or the ISO order, year first. */
const DAY_FIRST = /^(\d{1,2})[\s./-]+(\d{1,2})[\s./-]+(\d+)\.?$/;
const YEAR_FIRST = /^(\d{4})[\s./-]+(\d{1,2})[\s./-]+(\d{1,2})$/;
const COMPACT = /^(\d{2})(\d{2})(\d{4})$/;

interface Groups {
  day: string;
  month: string;
  year: string;
}

function groupsOf(text: string): Groups | null {
  const t = text.trim();
  let m = YEAR_FIRST.exec(t);
  if (m) return { year: m[1], month: m[2], day: m[3] };
  m = DAY_FIRST.exec(t) ?? COMPACT.exec(t);
  if (m) return { day: m[1], month: m[2], year: m[3] };
  return null;
}

const isoOf = (g: Groups) => `${g.year}-${g.month.padStart(2, '0')}-${g.day.padStart(2, '0')}`;

/** The ISO date a typed text means (day first), or null when it is not a real date written so. */
export function parseDateText(text: string): string | null {
  const g = groupsOf(text);
  if (!g || g.year.length !== 4) return null;
  const iso = isoOf(g);
  return isRealDay(iso) ? iso : null;
}

/** What is stored for a typed text: the ISO date, the text as typed when it is not one, undefined when empty. */
export function valueOfText(text: string): string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return parseDateText(t) ?? t;
}

/** What the field shows for a stored value: "2026-12-01" as 01.12.2026, anything else as it is. */
export function textOfValue(value: unknown): string {
  if (typeof value !== 'string') return '';
  const m = ISO_DAY.exec(value);
  return m && isRealDay(value) ? `${m[3]}.${m[2]}.${m[1]}` : value;
}

export type DateProblem = 'dateFormat' | 'dateYear' | 'dateNotReal';

/** What is wrong with a stored date value (null when it is a real ISO date or empty). */
export function dateProblem(value: unknown): DateProblem | null {
  if (typeof value !== 'string' || !value || isRealDay(value)) return null;
  const g = groupsOf(value);
  if (!g) return 'dateFormat';
  if (g.year.length !== 4) return 'dateYear';
  return 'dateNotReal';
}
