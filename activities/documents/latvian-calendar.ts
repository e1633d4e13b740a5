// Dates as a Latvian administrative act writes them, and the working days its time limits are counted in.
// Dates are calendar days (YYYY-MM-DD), never instants: a decision issued at 00:30 in Riga is dated that day.

const MONTHS = {
  // nominative ("2026. gada 4. decembris"), dative ("līdz 2027. gada 4. janvārim"), locative ("2026. gada 2. decembrī")
  nominative: [
    'janvāris',
    'februāris',
    'marts',
    'aprīlis',
    'maijs',
    'jūnijs',
    'jūlijs',
    'augusts',
    'septembris',
    'oktobris',
    'novembris',
    'decembris',
  ],
  dative: [
    'janvārim',
    'februārim',
    'martam',
    'aprīlim',
    'maijam',
    'jūnijam',
    'jūlijam',
    'augustam',
    'septembrim',
    'oktobrim',
    'novembrim',
    'decembrim',
  ],
  locative: [
    'janvārī',
    'februārī',
    'martā',
    'aprīlī',
    'maijā',
    'jūnijā',
    'jūlijā',
    'augustā',
    'septembrī',
    'oktobrī',
    'novembrī',
    'decembrī',
  ],
} as const;
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export type LatvianCase = keyof typeof MONTHS;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(isoDate: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(isoDate);
  const date = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (!m || !date || date.toISOString().slice(0, 10) !== isoDate) throw new RangeError(`not a calendar date: ${isoDate}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** "2026. gada 4. decembris" (or the dative / locative month: "4. decembrim", "4. decembrī"). */
export function latvianDate(isoDate: string, grammaticalCase: LatvianCase = 'nominative'): string {
  const { year, month, day } = parts(isoDate);
  return `${year}. gada ${day}. ${MONTHS[grammaticalCase][month - 1]}`;
}

/** "4 December 2026". */
export function englishDate(isoDate: string): string {
  const { year, month, day } = parts(isoDate);
  return `${day} ${MONTHS_EN[month - 1]} ${year}`;
}

/** Today's date in Riga (Europe/Riga), whatever the server's time zone. */
export function rigaDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

const toIso = (date: Date): string => date.toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number): Date => new Date(Date.UTC(year, month - 1, day));

function addDays(isoDate: string, days: number): string {
  const { year, month, day } = parts(isoDate);
  return toIso(utc(year, month, day + days));
}

/** Western Easter Sunday (the anonymous Gregorian algorithm). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return toIso(utc(year, month, day));
}

/**
 * The public holidays of a year (law "On Public Holidays, Commemoration Days and Celebration Days", section 1):
 * New Year, Good Friday, Easter Sunday and Monday, 1 May, 4 May, Midsummer (23 and 24 June), 18 November,
 * Christmas (24 to 26 December) and New Year's Eve; 4 May and 18 November falling on a weekend move the holiday to
 * the next Monday. Days off that the government moves or declares once (e.g. a transferred working day) are not known.
 */
export function publicHolidays(year: number): Set<string> {
  const easter = easterSunday(year);
  const days = [
    `${year}-01-01`,
    addDays(easter, -2),
    easter,
    addDays(easter, 1),
    `${year}-05-01`,
    `${year}-06-23`,
    `${year}-06-24`,
    `${year}-12-24`,
    `${year}-12-25`,
    `${year}-12-26`,
    `${year}-12-31`,
  ];
  for (const fixed of [`${year}-05-04`, `${year}-11-18`]) {
    days.push(fixed);
    const weekday = new Date(`${fixed}T00:00:00Z`).getUTCDay();
    if (weekday === 6) days.push(addDays(fixed, 2));
    if (weekday === 0) days.push(addDays(fixed, 1));
  }
  return new Set(days);
}

export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(parts(isoDate).year).has(isoDate);
}

/** The n-th working day after a date (the date itself not counted). */
export function workingDaysAfter(isoDate: string, n: number): string {
  let date = isoDate;
  for (let found = 0; found < n;) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) found += 1;
  }
  return date;
}

/** The date itself if it is a working day, else the next working day. */
export function nextWorkingDayFrom(isoDate: string): string {
  let date = isoDate;
  while (!isWorkingDay(date)) date = addDays(date, 1);
  return date;
}

/** The same day n months later, or the last day of that month when it has no such day (31 January → 28 February). */
export function addMonths(isoDate: string, months: number): string {
  const { year, month, day } = parts(isoDate);
  const lastDay = utc(year, month + months + 1, 0).getUTCDate();
  return toIso(utc(year, month + months, Math.min(day, lastDay)));
}
