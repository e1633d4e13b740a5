// Appending a status to a case. The transition must be allowed by the canonical vocabulary; a terminal case is
// reopened only by an officer of the agency with a written reason. Resending the same change is a no-op. A case that
// is an e-service application is not changed here at all (409 case_managed_by_workflow).
import type { Pool } from 'pg';
import { ApiError, conflict, notFound, unprocessable, badRequest } from '../platform/errors';
import { canTransition, isTerminal, type CaseStatus } from '../../db/domain/case-status';
import { publishStatusEvents } from '../../db/case-events';
import { audit } from '../../db/audit';

export interface StatusChange {
  status: CaseStatus;
  label?: string;
  at?: string;
  reopenReason?: string;
}

export interface StatusActor {
  agencyId: string;
  actorType: string;
  actorId: string;
  mayReopen: boolean;
  requestId?: string;
}

const REOPEN_TARGETS: ReadonlySet<CaseStatus> = new Set(['in_progress', 'submitted', 'info_requested']);
const CLOCK_SKEW_MS = 5 * 60_000;

export async function changeCaseStatus(pool: Pool, caseId: string, change: StatusChange, actor: StatusActor): Promise<{ changed: boolean }> {
  const at = change.at ? new Date(change.at) : new Date();
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS) {
    throw unprocessable('timestamp_in_future', 'The status time is in the future.', [{ path: '/at', code: 'timestamp_in_future', message: 'in the future' }]);
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const found = await client.query<{ status: CaseStatus; status_at: Date; status_label: string | null; agency_id: string; recipient_type: string; recipient_id: string; is_application: boolean }>(
      'SELECT status, status_at, status_label, agency_id, recipient_type, recipient_id, EXISTS (SELECT 1 FROM applications WHERE case_id = $1) AS is_application FROM cases WHERE id = $1 FOR UPDATE',
      [caseId],
    );
    const current = found.rows[0];
    // Another agency's case is indistinguishable from a missing one.
    if (!current || current.agency_id !== actor.agencyId) throw notFound('case');
    // An e-service application is changed only by its workflow: a status written from outside would claim a
    // submission (or a decision) that never happened, and lock the citizen out of their draft.
    if (current.is_application) {
      throw conflict('case_managed_by_workflow', 'This case is an e-service application: only its workflow changes its status (officers decide through its tasks).');
    }

    if (current.status === change.status && (change.label ?? null) === current.status_label &&
        (!change.at || current.status_at.getTime() === at.getTime())) {
      await client.query('ROLLBACK');
      return { changed: false }; // the same change sent again
    }
    if (isTerminal(current.status)) {
      if (!change.reopenReason) {
        throw conflict('case_closed', `The case is ${current.status}; an officer can reopen it with a reason.`, [{ path: '/reopenReason', code: 'required_to_reopen', message: 'give a reason to reopen' }]);
      }
      if (!actor.mayReopen) throw new ApiError(403, 'reopen_not_allowed', 'Only an officer of the agency may reopen a closed case.');
      if (!REOPEN_TARGETS.has(change.status)) {
        throw conflict('invalid_transition', `A reopened case goes back to one of: ${[...REOPEN_TARGETS].join(', ')}.`);
      }
    } else {
      if (change.reopenReason) throw badRequest('not_closed', 'reopenReason is only for cases in a terminal status.', [{ path: '/reopenReason', code: 'not_closed', message: 'the case is open' }]);
      if (!canTransition(current.status, change.status)) {
        throw conflict('invalid_transition', `A case in status "${current.status}" cannot move to "${change.status}".`, [{ path: '/status', code: 'invalid_transition', message: `from ${current.status}` }]);
      }
    }
    if (at < current.status_at) {
      throw unprocessable('timestamp_before_current', 'The status time is earlier than the current status.', [{ path: '/at', code: 'timestamp_before_current', message: `current status since ${current.status_at.toISOString()}` }]);
    }
    const ev = await client.query<{ id: number }>(
      `INSERT INTO case_status_events (case_id, status, label, at, actor_type, actor_id, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [caseId, change.status, change.label ?? null, at, actor.actorType, actor.actorId, change.reopenReason ?? null],
    );
    await client.query(
      'UPDATE cases SET status = $2, status_label = $3, status_at = $4, updated_at = now() WHERE id = $1',
      [caseId, change.status, change.label ?? null, at],
    );
    await publishStatusEvents(client, ev.rows[0].id, ev.rows[0].id); // delivered at COMMIT
    await audit(client, {
      actor: { type: actor.actorType, id: actor.actorId, agency: actor.agencyId }, subject: { type: current.recipient_type, id: current.recipient_id },
      action: 'update', resource: `case:${caseId}`, purpose: 'case-handling', requestId: actor.requestId,
      details: { from: current.status, to: change.status, ...(change.reopenReason ? { reopened: true } : {}) },
    });
    await client.query('COMMIT');
    return { changed: true };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
