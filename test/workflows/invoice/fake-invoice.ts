// A stand-in for the invoice activities: an in-memory invoice the test pays or cancels, and the list of calls the
// workflow made, each with the virtual instant the server scheduled it at (the activity's own clock is real time).
import { Context } from '@temporalio/activity';

export const DAY = 86_400_000;

export interface FakeCall {
  at: number;
  call: string;
}

export function fakeInvoice(dueDate: string) {
  const calls: FakeCall[] = [];
  let status = 'issued';
  let stateReads = 0;
  let releasePaid: (() => void) | undefined;
  let holdPaid: Promise<void> | undefined;
  let paidBeforeCancel = false;
  const record = (call: string) => calls.push({ at: Context.current().info.currentAttemptScheduledTimestampMs, call });
  const activities = {
    async invoiceState() {
      stateReads += 1;
      return { status, dueDate };
    },
    async markOverdue() {
      record('markOverdue');
      if (status === 'issued' || status === 'partly_paid') status = 'overdue';
      return status;
    },
    async remindPayer(_id: string, key: string) {
      record(`remind:${key}`);
    },
    async cancelInvoice(_id: string, reason: string) {
      record(`cancel:${reason}`);
      if (paidBeforeCancel) status = 'paid';
      if (status !== 'paid') status = 'cancelled';
      return status;
    },
    async invoicePaid() {
      record('paid');
      await holdPaid;
      return { caseId: null, stepId: null, amountEur: 10, reference: 'RF18539007547034' };
    },
  };
  return {
    calls,
    activities,
    names: () => calls.map((c) => c.call),
    stateReads: () => stateReads,
    set: (s: string) => {
      status = s;
    },
    /** A payment is booked in the database just before the cancellation reaches it. */
    paidBeforeCancel: () => {
      paidBeforeCancel = true;
    },
    /** Keeps the workflow inside `invoicePaid` (status paid, not yet ended) until the returned function is called. */
    holdInPaid: () => {
      holdPaid = new Promise((r) => {
        releasePaid = r;
      });
      return () => releasePaid?.();
    },
  };
}

/** The calendar date (UTC) `days` after the virtual instant `nowMs`, as the invoices table stores due dates. */
export function dateAfter(nowMs: number, days: number): string {
  return new Date(nowMs + days * DAY).toISOString().slice(0, 10);
}

/** The end of a due date's day plus `days`, the instant the workflow's timers aim at (due dates end at 23:59:59Z). */
export function endOfDay(date: string, days = 0): number {
  return Date.parse(`${date}T23:59:59Z`) + days * DAY;
}

/** The calls by name and, for each, the instant it aimed at: the virtual clock passes that instant by at most a minute. */
export function callsAt(calls: FakeCall[], expected: Array<[string, number]>): Array<[string, string]> {
  return calls.map((c, i) => {
    const aim = expected[i]?.[1];
    const near = aim !== undefined && c.at >= aim && c.at - aim < 60_000;
    return [c.call, near ? new Date(aim).toISOString() : new Date(c.at).toISOString()];
  });
}
export const iso = (expected: Array<[string, number]>): Array<[string, string]> => expected.map(([c, t]) => [c, new Date(t).toISOString()]);
