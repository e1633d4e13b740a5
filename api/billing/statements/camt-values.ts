// What a value in a camt message must look like for booking: amounts as decimals that fit the ledger (and EUR
// with two decimals), ISO dates and date-times that are real calendar dates.
const DECIMAL = /^(\d{1,18})(?:\.(\d{1,5}))?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?$/;
const MAX_INTEGER_DIGITS = 12; // numeric(14,2) in the ledger

const checkedDates = new Map<string, boolean>(); // a statement has few distinct dates

function isCalendarDate(ymd: string): boolean {
  let ok = checkedDates.get(ymd);
  if (ok === undefined) {
    const [y, m, d] = ymd.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, d));
    ok = y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
    if (checkedDates.size > 10_000) checkedDates.clear();
    checkedDates.set(ymd, ok);
  }
  return ok;
}

export const isIsoDate = (value: string): boolean => DATE.test(value) && isCalendarDate(value.slice(0, 10));
export const isIsoDateTime = (value: string): boolean => DATE_TIME.test(value) && isCalendarDate(value.slice(0, 10));

/** The amount as a decimal without leading zeros, or why it is refused; `currency` is the Ccy of its Amt. */
export function checkAmount(value: string, currency: string | null): { amount: string } | { problem: string } {
  const m = DECIMAL.exec(value);
  if (!m || m[1].length + (m[2]?.length ?? 0) > 18) return { problem: `"${value.slice(0, 40)}" is not a decimal amount.` };
  const int = m[1].replace(/^0+(?=\d)/, '');
  if (int.length > MAX_INTEGER_DIGITS) return { problem: `${value} is too large.` };
  if (currency === 'EUR' && m[2] && /[1-9]/.test(m[2].slice(2))) return { problem: `${value}: EUR has two decimals.` };
  return { amount: m[2] ? `${int}.${m[2]}` : int };
}
