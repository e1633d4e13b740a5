// An agency's status change over HTTP: the agency's rules of the one appendStatus (db/cases/append-status.ts).
import type { Pool } from 'pg';
import { appendStatus } from '../../db/cases/append-status';
import type { CaseStatusChange } from '../../forms/types/api';

export interface StatusActor {
  agencyId: string;
  actorType: string;
  actorId: string;
  mayReopen: boolean;
  requestId?: string;
}

export function changeCaseStatus(pool: Pool, caseId: string, change: CaseStatusChange, actor: StatusActor): Promise<{ changed: boolean }> {
  return appendStatus(pool, caseId, {
    status: change.status,
    label: { lv: change.label ?? null, en: null },
    ...(change.at ? { at: new Date(change.at) } : {}),
    ...(change.reopenReason ? { reopenReason: change.reopenReason } : {}),
    by: { kind: 'agency', agencyId: actor.agencyId, mayReopen: actor.mayReopen },
    actor: { type: actor.actorType, id: actor.actorId, agency: actor.agencyId },
    purpose: 'case-handling',
    requestId: actor.requestId,
  });
}
