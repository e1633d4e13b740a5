// The catalogue's freshness rule, shared by the agency's list (api/catalog) and the daily reminders (activities).
/** A service is "review due" this many days before its review-by date; reminders go out from then on. */
export const REVIEW_REMINDER_DAYS = 30;
