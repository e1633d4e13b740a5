// Days for test data that e-service forms bound relative to today (e.g. the residence declaration's "from" date: a
// year back to three months ahead): counted from today in Latvia, so the tests do not expire with the calendar.
const RIGA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day `days` from today in Latvia, as ISO (YYYY-MM-DD). */
export function dayFromToday(days = 0): string {
  return RIGA_DAY.format(new Date(Date.now() + days * 86_400_000));
}

/** An ISO day as a person types it on the forms: dd.mm.yyyy. */
export const dotted = (iso: string): string => iso.split('-').reverse().join('.');
