// The one write of a case status, wherever it comes from: an agency over HTTP (api/cases) or an e-service workflow
// (activities/application.ts). One transaction locks the case, checks the transition (db/domain/case-status),
// appends the event, moves the case, announces the event (delivered at COMMIT) and writes the audit row last.
// The two sources keep their own rules, chosen by `by`:
//   agency   — only its own cases (another agency's is not found), never an e-service application (its workflow owns
//              it), the same change sent again is a no-op, a terminal case is reopened only by an officer with a
//              reason, the time may be given but neither in the future nor before the current status;
//   workflow — at most once per idempotency key (a retried activity), a new label on the same status is allowed.
import type { Pool } from 'pg';
import { canTransition, isTerminal, type CaseStatus } from '../domain/case-status';
import { DomainError, notFoundError } from '../domain/domain-error';
import { publishStatusEvents } from './status-events';
import { audit } from '../audit';
import { inTransaction } from '../transaction';

export type StatusSource = { kind: 'agency'; agencyId: string; mayReopen: boolean } | { kind: 'workflow'; idempotencyKey: string };

export interface StatusAppend {
  status: CaseStatus;
  label: { lv: string | null; en: string | null };
  at?: Date;
  reopenReason?: string;
  by: StatusSource;
  actor: { type: string; id: string; agency?: string | undefined; office?: string | undefined };
  /** Why the audit row is written ('case-handling', 'e-service') and the request (or idempotency key) behind it. */
  purpose: string;
  requestId?: string | undefined;
}

const REOPEN_TARGETS: ReadonlySet<CaseStatus> = new Set(['in_progress', 'submitted', 'info_requested']);
const CLOCK_SKEW_MS = 5 * 60_000;

interface CurrentCase {
  registered_at: Date;
  status: CaseStatus;
  status_at: Date;
  status_label: string | null;
  agency_id: string;
  recipient_type: string;
  recipient_id: string;
  is_application: boolean;
}

/** Appends the status; `changed` is false when nothing was written (a repeat, by content or by idempotency key). */
export async function appendStatus(pool: Pool, caseId: string, change: StatusAppend): Promise<{ changed: boolean }> {
  const at = change.at ?? new Date();
  if (change.at && at.getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw new DomainError('timestamp_in_future', 'The status time is in the future.', [
      { path: '/at', code: 'timestamp_in_future', message: 'in the future' },
    ]);
  }
  return inTransaction(pool, async (client) => {
    // The case's quarter first, from case_keys: the lock below then names it, so only that partition is planned,
    // probed and locked (a custom plan prunes the other quarters before it is made).
    const key = await client.query<{ registered_at: Date }>('SELECT registered_at FROM case_keys WHERE id = $1', [caseId]);
    if (!key.rows[0]) throw notFoundError('case');
    const found = await client.query<CurrentCase>(
      `SELECT c.registered_at, c.status, c.status_at, c.status_label, c.agency_id, c.recipient_type, c.recipient_id,
              EXISTS (SELECT 1 FROM applications WHERE case_id = $1) AS is_application
         FROM cases c WHERE c.id = $1 AND c.registered_at = $2 FOR UPDATE OF c`,
      [caseId, key.rows[0].registered_at],
    );
    const current = found.rows[0];
    if (!current) throw notFoundError('case');
    const by = change.by;
    if (by.kind === 'agency') {
      if (!checkAgencyChange(current, change, by, at)) return { changed: false };
    } else {
      // The key is unique per case (its index includes the case): the case's row lock makes the check and the insert one.
      const seen = await client.query(
        'SELECT 1 FROM case_status_events WHERE case_id = $1 AND case_registered_at = $2 AND idempotency_key = $3',
        [caseId, current.registered_at, by.idempotencyKey],
      );
      if (seen.rowCount) return { changed: false }; // recorded by an earlier attempt
      if (current.status !== change.status && !canTransition(current.status, change.status))
        throw invalidTransition(current.status, change.status);
    }
    const idempotencyKey = by.kind === 'workflow' ? by.idempotencyKey : null;
    const ev = await client.query<{ id: number }>(
      `INSERT INTO case_status_events (case_id, status, label, label_en, at, actor_type, actor_id, reason, idempotency_key,
         case_registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        caseId,
        change.status,
        change.label.lv,
        change.label.en,
        at,
        change.actor.type,
        change.actor.id,
        change.reopenReason ?? null,
        idempotencyKey,
        current.registered_at,
      ],
    );
    await client.query(
      `UPDATE cases SET status = $2, status_label = $3, status_label_en = $4, status_at = $5, updated_at = now()
        WHERE id = $1 AND registered_at = $6`,
      [caseId, change.status, change.label.lv, change.label.en, at, current.registered_at],
    );
    await publishStatusEvents(client, ev.rows[0].id, ev.rows[0].id); // delivered at COMMIT
    await audit(client, {
      // last: the audit chain's lock is held until the commit
      actor: change.actor,
      subject: { type: current.recipient_type, id: current.recipient_id },
      action: 'update',
      resource: `case:${caseId}`,
      purpose: change.purpose,
      requestId: change.requestId,
      details: { from: current.status, to: change.status, ...(change.reopenReason ? { reopened: true } : {}) },
    });
    return { changed: true };
  });
}

function invalidTransition(from: CaseStatus, to: CaseStatus): DomainError {
  return new DomainError('invalid_transition', `A case in status "${from}" cannot move to "${to}".`, [
    { path: '/status', code: 'invalid_transition', message: `from ${from}` },
  ]);
}

/** The agency's rules; false when the change is the current status sent again (nothing to write). */
function checkAgencyChange(current: CurrentCase, change: StatusAppend, by: { agencyId: string; mayReopen: boolean }, at: Date): boolean {
  // Another agency's case is indistinguishable from a missing one.
  if (current.agency_id !== by.agencyId) throw notFoundError('case');
  // An e-service application is changed only by its workflow: a status written from outside would claim a
  // submission (or a decision) that never happened, and lock the citizen out of their draft.
  if (current.is_application) {
    throw new DomainError(
      'case_managed_by_workflow',
      'This case is an e-service application: only its workflow changes its status (officers decide through its tasks).',
    );
  }
  if (
    current.status === change.status &&
    change.label.lv === current.status_label &&
    (!change.at || current.status_at.getTime() === at.getTime())
  ) {
    return false; // the same change sent again
  }
  if (isTerminal(current.status)) {
    if (!change.reopenReason) {
      throw new DomainError('case_closed', `The case is ${current.status}; an officer can reopen it with a reason.`, [
        { path: '/reopenReason', code: 'required_to_reopen', message: 'give a reason to reopen' },
      ]);
    }
    if (!by.mayReopen) throw new DomainError('reopen_not_allowed', 'Only an officer of the agency may reopen a closed case.');
    if (!REOPEN_TARGETS.has(change.status)) {
      throw new DomainError('invalid_transition', `A reopened case goes back to one of: ${[...REOPEN_TARGETS].join(', ')}.`);
    }
  } else {
    if (change.reopenReason)
      throw new DomainError('not_closed', 'reopenReason is only for cases in a terminal status.', [
        { path: '/reopenReason', code: 'not_closed', message: 'the case is open' },
      ]);
    if (!canTransition(current.status, change.status)) throw invalidTransition(current.status, change.status);
  }
  if (at < current.status_at) {
    throw new DomainError('timestamp_before_current', 'The status time is earlier than the current status.', [
      { path: '/at', code: 'timestamp_before_current', message: `current status since ${current.status_at.toISOString()}` },
    ]);
  }
  return true;
}
