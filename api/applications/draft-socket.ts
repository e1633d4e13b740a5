// Autosave over Socket.IO: `draft:save` does what PUT /api/v1/applications/{id}/draft does, with the same checks
// (the policy module, asked at every message) and the same error shape in the acknowledgement, so a form can save on every change without an HTTP round trip.
import type { Pool } from 'pg';
import type { Principal } from '../platform/auth/principal';
import { ApiError, errorBody, notFound } from '../platform/errors';
import { DomainError } from '../../db/domain/domain-error';
import { validate } from '../platform/validation';
import { saveDraft } from './commands';
import type { Validated } from '../../forms/types/validated';
import { findApplication } from '../../db/applications/reads';
import { isValidCaseId } from '../../db/domain/case-id';
import { accessTo, applicationSubject, auditEntry } from '../platform/auth/policy';

import type { DraftSaveAck, DraftSaveMessage } from '../../forms/types/api';

export async function saveDraftFromSocket(pool: Pool, principal: Principal, message: unknown): Promise<DraftSaveAck> {
  try {
    const m = (message ?? {}) as Partial<DraftSaveMessage>;
    const applicationId = typeof m.applicationId === 'string' ? m.applicationId : '';
    const { applicationId: _ignored, ...change } = m;
    const body = validate<Validated<'draft-save'>>('draft-save', change);
    const row = isValidCaseId(applicationId) ? await findApplication(pool, applicationId) : null;
    // Asked at every message, like every HTTP request: a basis revoked a moment ago is no basis now.
    const access = row ? await accessTo(pool, principal, applicationSubject(row), 'write') : null;
    if (!row || !access) throw notFound('application');
    // As PUT /draft: someone else's write is audited with it, in one transaction.
    const saved = await saveDraft(
      pool,
      applicationId,
      body,
      principal.sub,
      access.as === 'recipient'
        ? undefined
        : (version) =>
            auditEntry(principal, access, applicationSubject(row), 'update', `application:${applicationId}/draft`, undefined, { version }),
    );
    return { ok: true, ...saved };
  } catch (e) {
    if (e instanceof ApiError || e instanceof DomainError) return { ok: false, error: errorBody(e.code, e.message, e.details).error };
    return { ok: false, error: errorBody('internal_error', 'The draft could not be saved; try again.').error };
  }
}
