// The canonical status vocabulary of a service-delivery case and the transitions allowed between statuses.
// Terminal statuses end a case; only an officer may reopen one, and only with a written reason.

import common from '../../forms/api/common.schema.json';
import type { CaseStatus, Channel } from '../../forms/types/api';

export type { CaseStatus, Channel };

// The vocabulary is the enums of forms/api/common.schema.json (what the API validates), types generated from them;
// the foundation migration repeats the statuses in a SQL CHECK.
export const CASE_STATUSES = common.$defs.caseStatus.enum as readonly CaseStatus[];
export const CHANNELS = common.$defs.channel.enum as readonly Channel[];

export const TERMINAL_STATUSES: ReadonlySet<CaseStatus> = new Set(['rejected', 'completed', 'withdrawn']);

const WORKING: CaseStatus[] = [
  'in_progress',
  'info_requested',
  'awaiting_payment',
  'answered',
  'licence_issued',
  'rejected',
  'completed',
  'withdrawn',
];

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  draft: ['submitted', 'withdrawn'],
  submitted: WORKING,
  in_progress: WORKING.filter((s) => s !== 'in_progress'),
  info_requested: ['submitted', 'in_progress', 'rejected', 'withdrawn', 'completed'],
  awaiting_payment: ['in_progress', 'answered', 'licence_issued', 'rejected', 'completed', 'withdrawn'],
  answered: ['completed', 'in_progress'],
  licence_issued: ['completed', 'in_progress'],
  rejected: [],
  completed: [],
  withdrawn: [],
};

/** The statuses a case may start its life with when an agency registers it. */
export const INITIAL_STATUSES: ReadonlySet<CaseStatus> = new Set(['draft', 'submitted', 'in_progress']);

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT[from].includes(to);
}

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/** Checks a whole history (oldest first); returns the index of the first step that is not allowed, or -1. */
export function firstInvalidStep(history: readonly CaseStatus[]): number {
  if (history.length === 0) return 0;
  if (!INITIAL_STATUSES.has(history[0])) return 0;
  for (let i = 1; i < history.length; i += 1) {
    if (!canTransition(history[i - 1], history[i])) return i;
  }
  return -1;
}

/** How people read the statuses (the words of the original platform plan). */
export const STATUS_NAMES: Record<CaseStatus, { lv: string; en: string }> = {
  draft: { lv: 'Melnraksts', en: 'Draft' },
  submitted: { lv: 'Iesniegts', en: 'Submitted' },
  in_progress: { lv: 'Apstrādē', en: 'In progress' },
  info_requested: { lv: 'Paprasīta papildu informācija', en: 'More information requested' },
  awaiting_payment: { lv: 'Gaida maksājumu', en: 'Awaiting payment' },
  answered: { lv: 'Sniegta atbilde', en: 'Answered' },
  licence_issued: { lv: 'Izsniegta licence', en: 'Licence issued' },
  rejected: { lv: 'Atteikts', en: 'Rejected' },
  completed: { lv: 'Pabeigts', en: 'Completed' },
  withdrawn: { lv: 'Atsaukts', en: 'Withdrawn' },
};

/** How people read the channels. */
export const CHANNEL_NAMES: Record<Channel, { lv: string; en: string }> = {
  eservice: { lv: 'E-pakalpojums', en: 'E-service' },
  in_person: { lv: 'Klātienē', en: 'In person' },
  phone: { lv: 'Tālrunis', en: 'Phone' },
  email: { lv: 'E-pasts', en: 'E-mail' },
  post: { lv: 'Pasts', en: 'Post' },
  other: { lv: 'Cits', en: 'Other' },
};

/**
 * A case the citizen has nothing more to wait for: ended, or answered (a statement or licence given; the agency may
 * still close it formally). "My cases" files these under "closed", the dashboard does not count them as open.
 */
export const CLOSED_FOR_CITIZEN: readonly CaseStatus[] = ['answered', 'licence_issued', 'rejected', 'completed', 'withdrawn'];
/** Being handled: what "open" means in "My cases" (a draft is neither: it has not been sent yet). */
export const OPEN_FOR_CITIZEN: readonly CaseStatus[] = ['submitted', 'in_progress', 'info_requested', 'awaiting_payment'];
