// Keywords that e-service definitions may use in their form schemas beyond JSON Schema, checked the same way by the
// API (db/eservice-definitions/definitions.ts) and by the browser (ui/src/applications/form/validator.ts):
//   "x-earliest" / "x-latest" on a `format: date` string: the earliest / latest day allowed, an ISO date or relative to
//     today in Latvia: "today", "today-P18Y", "today+P1M" (years, months, weeks, days);
//   "x-address" on an object { text, code }: an address of the state address register, looked up as the person types
//     (the code is the register's address code; the API checks it with the register before a submit); "residential":
//     only an address where residence may be declared (a dwelling, not a garage or a shop).
// Pure code (no Node, no DOM): the UI bundles it.
import type { Ajv2020 } from 'ajv/dist/2020';

export const DATE_TIME_ZONE = 'Europe/Riga';
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const RELATIVE = /^today(?:([+-])P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?)?$/;

/** Whether `s` is a real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isRealDay(s: string): boolean {
  const m = ISO_DAY.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Today's date in Latvia (the platform's calendar), YYYY-MM-DD. */
export function todayInLatvia(now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: DATE_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Shifts a day by years, months and days; the 31st of a shorter month becomes its last day. */
function shift(day: string, sign: number, years: number, months: number, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const totalMonths = y * 12 + (m - 1) + sign * (years * 12 + months);
  const ny = Math.floor(totalMonths / 12);
  const nm = (totalMonths % 12) + 1;
  const base = Date.UTC(ny, nm - 1, Math.min(d, daysInMonth(ny, nm)));
  const t = new Date(base + sign * days * 86_400_000);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** A bound ("2026-01-01", "today", "today-P18Y") as a day, or null when it is neither. */
export function resolveDayBound(bound: string, today: string = todayInLatvia()): string | null {
  if (isRealDay(bound)) return bound;
  const m = RELATIVE.exec(bound);
  if (!m) return null;
  if (!m[1]) return today;
  const [years, months, weeks, days] = [m[2], m[3], m[4], m[5]].map((v) => (v ? Number(v) : 0));
  return shift(today, m[1] === '-' ? -1 : 1, years, months, weeks * 7 + days);
}

type DayError = { keyword: string; message: string; params: { limit: string; relative: string } };

function boundKeyword(keyword: 'x-earliest' | 'x-latest') {
  const validate = (bound: string, data: unknown): boolean => {
    if (typeof data !== 'string' || !isRealDay(data)) return true; // `format: date` speaks for those
    const limit = resolveDayBound(bound);
    if (!limit) return true;
    const ok = keyword === 'x-earliest' ? data >= limit : data <= limit;
    if (!ok) {
      const error: DayError = {
        keyword,
        message: `must be ${keyword === 'x-earliest' ? 'on or after' : 'on or before'} ${limit}`,
        params: { limit, relative: bound.startsWith('today') ? bound : '' },
      };
      (validateFn as { errors?: DayError[] }).errors = [error];
    }
    return ok;
  };
  const validateFn = validate;
  return {
    keyword,
    type: 'string' as const,
    schemaType: 'string' as const,
    errors: true,
    metaSchema: { type: 'string', pattern: '^(\\d{4}-\\d{2}-\\d{2}|today([+-]P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?)?)$' },
    validate: validateFn,
  };
}

/** Adds x-earliest, x-latest and x-address (an annotation: the register check is the API's) to an ajv instance. */
export function addFormRuleKeywords<A extends Pick<Ajv2020, 'addKeyword' | 'getKeyword'>>(ajv: A): A {
  if (!ajv.getKeyword('x-earliest')) ajv.addKeyword(boundKeyword('x-earliest'));
  if (!ajv.getKeyword('x-latest')) ajv.addKeyword(boundKeyword('x-latest'));
  if (!ajv.getKeyword('x-address')) ajv.addKeyword({ keyword: 'x-address', type: 'object', metaSchema: { enum: [true, 'residential'] } });
  return ajv;
}

export interface AddressFieldRule {
  /** JSON Pointer of the field in the form data. */
  pointer: string;
  residential: boolean;
}

/** The address fields (objects marked "x-address") of a form schema. */
export function addressFields(schema: unknown, at = ''): AddressFieldRule[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as { 'x-address'?: unknown; properties?: Record<string, unknown> };
  const mark = node['x-address'];
  if (mark === true || mark === 'residential') return [{ pointer: at, residential: mark === 'residential' }];
  return Object.entries(node.properties ?? {}).flatMap(([name, sub]) => addressFields(sub, `${at}/${name}`));
}
