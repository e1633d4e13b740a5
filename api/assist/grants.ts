// Consent first: a citizen gives a short-lived, single-use join code for one session (an application, or the whole
// portal session for a support specialist), choosing `view` or `assist`. Staff redeem it; the citizen may revoke it
// or change its mode at any moment. Every decision here, allowed or refused, is audited.
import crypto from 'node:crypto';
import type { Pool } from 'pg';
import { ApiError, notFound } from '../platform/errors';
import { audit } from '../../db/audit';
import { inTransaction } from '../../db/transaction';
import type { Principal } from '../platform/auth/principal';
import type { PersonRef } from '../../db/domain/person-id';
import { isUuid } from '../../forms/validation';
import {
  findGrantRow,
  insertGrant,
  lockGrantByCode,
  markGrantUsed,
  recentGrantsOfPerson,
  updateGrant,
  type GrantRow,
} from '../../db/assist/grants';
import type { AssistGrant } from '../../forms/types/api';

export const CODE_TTL_MINUTES = 10;
export const SESSION_MAX_HOURS = 4; // a used grant ends by itself after a working session
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I/L: codes are read out over the phone

/** A consent as the API and the co-browsing socket send it: generated from forms/api/assist-grant.schema.json. */
export type Grant = AssistGrant;
export type AssistMode = AssistGrant['mode'];

export const hashCode = (code: string) => crypto.createHash('sha256').update(code.replace(/[\s-]/g, '').toUpperCase()).digest('hex');

function newCode(): string {
  const bytes = crypto.randomBytes(8);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

function present(r: GrantRow): Grant {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const active = !!r.used_at && !r.revoked_at && !r.ended_at && Date.now() - r.used_at.getTime() < SESSION_MAX_HOURS * 3_600_000;
  return {
    id: r.id,
    scope: r.scope,
    caseId: r.case_id,
    person: { type: r.person_type, id: r.person_id },
    mode: r.mode,
    createdAt: r.created_at.toISOString(),
    expiresAt: r.expires_at.toISOString(),
    usedAt: iso(r.used_at),
    usedBy: r.used_by,
    usedByName: r.used_by_name,
    usedByRole: r.used_by_role,
    usedByOffice: r.used_by_office,
    revokedAt: iso(r.revoked_at),
    endedAt: iso(r.ended_at),
    active,
  };
}

const actorOf = (p: Principal) => ({
  type: p.roles.includes('citizen') ? 'citizen' : 'staff',
  id: p.sub,
  agency: p.agency,
  office: p.office,
});

export async function createGrant(
  pool: Pool,
  citizen: Principal,
  input: { scope: 'application' | 'portal'; caseId?: string; mode: AssistMode },
  requestId?: string,
) {
  const person = citizen.person as PersonRef;
  const code = newCode();
  const id = crypto.randomUUID();
  const row = await insertGrant(pool, {
    id,
    scope: input.scope,
    caseId: input.caseId ?? null,
    person,
    mode: input.mode,
    codeHash: hashCode(code),
    createdBy: citizen.sub,
    ttlMinutes: CODE_TTL_MINUTES,
  });
  await audit(pool, {
    actor: actorOf(citizen),
    subject: person,
    action: 'create',
    resource: `assist-grant:${id}`,
    purpose: `consent:${input.mode}`,
    requestId,
    details: { scope: input.scope, caseId: input.caseId ?? null },
  });
  return { code, grant: present(row) };
}

/** Redeems a join code for a staff member. Refusals are audited and answered with a stable code. */
export async function redeemCode(pool: Pool, staff: Principal, code: string, requestId?: string): Promise<Grant> {
  type Refusal = { status: number; code: string; message: string; grantId?: string; person?: PersonRef };
  // Audited once the grant's row lock is given up, then answered.
  const refuse = async (f: Refusal) => {
    await audit(pool, {
      actor: actorOf(staff),
      subject: f.person,
      action: 'read',
      resource: f.grantId ? `assist-grant:${f.grantId}` : 'assist-grant:unknown',
      purpose: `join-refused:${f.code}`,
      requestId,
    });
    return new ApiError(f.status, f.code, f.message);
  };
  if (!code.trim())
    throw await refuse({ status: 400, code: 'code_required', message: 'Ask the citizen for the join code shown in their session.' });
  const outcome = await inTransaction(
    pool,
    async (client): Promise<{ refusal: Refusal } | { row: GrantRow; person: PersonRef; mode: string; caseId: string | null }> => {
      const r = await lockGrantByCode(client, hashCode(code));
      if (!r) return { refusal: { status: 404, code: 'invalid_code', message: 'No such join code. Ask the citizen to read it again.' } };
      const person = { type: r.person_type, id: r.person_id } as PersonRef;
      const refusal = (status: number, errorCode: string, message: string) => ({
        refusal: { status, code: errorCode, message, grantId: r.id, person },
      });
      if (r.revoked_at) return refusal(410, 'code_revoked', 'The citizen has revoked this code.');
      if (r.used_at) return refusal(409, 'code_used', 'This code has been used already; codes work once.');
      if (r.expires_at.getTime() < Date.now())
        return refusal(410, 'code_expired', `Codes expire after ${CODE_TTL_MINUTES} minutes; ask for a new one.`);
      if (r.scope === 'portal' && !staff.roles.includes('support-specialist'))
        return refusal(403, 'wrong_scope', 'This code is for a support specialist.');
      // A support specialist only ever watches, whatever the code allows.
      const mode = staff.roles.includes('support-specialist') ? 'view' : r.mode;
      const role = staff.roles.find((x) => x === 'kac-staff' || x === 'agency-officer' || x === 'support-specialist') ?? staff.roles[0];
      const updated = await markGrantUsed(client, r.id, { sub: staff.sub, name: staff.name, role, office: staff.office ?? null, mode });
      return { row: updated, person, mode, caseId: r.case_id };
    },
  );
  if ('refusal' in outcome) throw await refuse(outcome.refusal);
  const { row, person, mode } = outcome;
  await audit(pool, {
    actor: actorOf(staff),
    onBehalfOf: `${person.type}:${person.id}`,
    subject: person,
    action: 'read',
    resource: `assist-grant:${row.id}`,
    purpose: `join:${mode}`,
    requestId,
    details: { caseId: outcome.caseId, basis: 'consent' },
  });
  return present(row);
}

export async function findGrant(pool: Pool, id: string): Promise<Grant | null> {
  if (!isUuid(id)) return null;
  const row = await findGrantRow(pool, id);
  return row ? present(row) : null;
}

/** The grant if it is active and was redeemed by this staff member. */
export async function activeGrantOf(pool: Pool, id: string, staffSub: string): Promise<Grant | null> {
  const g = await findGrant(pool, id);
  return g && g.active && g.usedBy === staffSub ? g : null;
}

export async function grantsOfPerson(pool: Pool, person: PersonRef, caseId?: string): Promise<Grant[]> {
  return (await recentGrantsOfPerson(pool, person, caseId)).map(present);
}

export async function changeGrant(
  pool: Pool,
  citizen: Principal,
  id: string,
  change: { revoke?: boolean; mode?: AssistMode; end?: boolean },
  requestId?: string,
): Promise<Grant> {
  const g = await findGrant(pool, id);
  const own = g && citizen.person && g.person.type === citizen.person.type && g.person.id === citizen.person.id;
  const staffEnds = g && change.end && g.usedBy === citizen.sub;
  if (!g || !(own || staffEnds)) throw notFound('grant');
  if (change.mode && g.usedByRole === 'support-specialist' && change.mode === 'assist') {
    throw new ApiError(422, 'support_view_only', 'A support specialist can only watch.');
  }
  const row = await updateGrant(pool, id, { revoke: !!change.revoke, end: !!change.end, mode: change.mode ?? null });
  const purpose = change.revoke ? 'revoke' : change.end ? 'leave' : `mode:${change.mode}`;
  await audit(pool, {
    actor: actorOf(citizen),
    subject: g.person,
    action: 'update',
    resource: `assist-grant:${id}`,
    purpose,
    requestId,
    details: { staff: g.usedBy },
  });
  return present(row);
}
