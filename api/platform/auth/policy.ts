// Who may do what for whom, and on what basis (DESIGN.md rule 8): the one place every route and socket handler asks
// before it reads or writes a citizen's case or application. Nothing is cached: every question reads the basis as
// it is now, so a revoked delegation, mandate or consent ends access at the very next request. A caller that has
// no basis gets null and answers 404 (it does not learn that the case exists).
import type { Pool } from 'pg';
import { actorType, type Principal } from './principal';
import type { PersonRef } from '../../../db/domain/person-id';
import type { AuditEntry } from '../../../db/audit';
import { findGrant, type Grant } from '../../assist/grants';
import { representationHolds, validDelegationBetween } from '../../../db/delegations/representation';
import { openGrantsRedeemedBy } from '../../../db/assist/grants';
import { findCaseForPolicy } from '../../../db/cases/read-cases';
import { companyStanding } from './company-representation';
import { withStatedReason, type StatedReason } from './stated-reason';

export type Action = 'read' | 'write';
export type BasisKind = 'own' | 'delegation' | 'mandate' | 'consent' | 'legal_representative' | 'enterprise_register' | 'agency';

/** A case or application as the policy needs to see it. */
export interface CaseSubject {
  kind: 'case' | 'application';
  caseId: string;
  agencyId: string;
  status: string;
  recipient: { type: string; id: string };
  /** The e-service of an application; null for a case registered from another channel. */
  eserviceId: string | null;
  representative: { type: string; id: string; basis: string | null; ref: string | null } | null;
  acting: { staffId: string; basis: string | null; ref: string | null } | null;
}

type Row = {
  recipient_type: string;
  recipient_id: string;
  status: string;
  agency_id: string;
  representative_type?: string | null;
  representative_id?: string | null;
  representative_basis?: string | null;
  representative_basis_ref?: string | null;
  acting_staff_id?: string | null;
  acting_basis?: string | null;
  acting_basis_ref?: string | null;
};

function subjectOf(kind: CaseSubject['kind'], caseId: string, eserviceId: string | null, r: Row): CaseSubject {
  return {
    kind,
    caseId,
    agencyId: r.agency_id,
    status: r.status,
    eserviceId,
    recipient: { type: r.recipient_type, id: r.recipient_id },
    representative:
      r.representative_type && r.representative_id
        ? {
            type: r.representative_type,
            id: r.representative_id,
            basis: r.representative_basis ?? null,
            ref: r.representative_basis_ref ?? null,
          }
        : null,
    acting: r.acting_staff_id ? { staffId: r.acting_staff_id, basis: r.acting_basis ?? null, ref: r.acting_basis_ref ?? null } : null,
  };
}

/** An application row (queries/applications.ts) as the policy sees it. */
export const applicationSubject = (r: Row & { case_id: string; definition_id: string }) =>
  subjectOf('application', r.case_id, r.definition_id, r);
/** A case row (db/cases/read-cases.ts) as the policy sees it. */
export const caseSubject = (r: Row & { id: string; eservice_id?: string | null }) => subjectOf('case', r.id, r.eservice_id ?? null, r);

export interface Access {
  /** How the caller relates to the case: its recipient, their representative, staff acting for them, or its agency. */
  as: 'recipient' | 'representative' | 'acting-staff' | 'agency';
  basis: BasisKind;
  /** The delegation, mandate or consent relied on (its id), if any. */
  reference: string | null;
  /** The audit purpose of a read or write on this basis. */
  purpose: string;
  /** The person acted for ("natural:15038511239"), whenever someone acts for someone. */
  onBehalfOf: string | null;
  /** On the enterprise register's basis: the board member's rights (joint ones rest on the confirmation in `reference`). */
  rights?: 'sole' | 'joint';
}

/** Whose account an act concerns: a natural person, a company (`legal`, by registration number) or an eIDAS identity. */
export interface Party {
  type: 'natural' | 'legal' | 'eidas';
  id: string;
}

const STAFF_ROLES = ['kac-staff', 'agency-officer'] as const;
const AGENCY_READERS = ['agency-officer', 'agency-admin', 'agency-system'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const personKey = (p: { type: string; id: string }) => `${p.type}:${p.id}`;
const samePerson = (a: { type: string; id: string } | null | undefined, b: { type: string; id: string } | null | undefined) =>
  !!a && !!b && a.type === b.type && a.id === b.id;

/** The audit actor type (one definition, in principal.ts): an agency system is `system`, never `staff`. */
export const actorKind = actorType;

/**
 * A registered delegation or a recorded written mandate that is valid now: given by `principal` to `representative`
 * (any representative when null, for staff acting on it), not revoked, within its dates, covering the e-service.
 */
export async function representationValid(
  pool: Pool,
  basis: 'delegation' | 'mandate',
  id: string | null,
  principal: PersonRef | { type: string; id: string },
  representative: { type: string; id: string } | null,
  eserviceId: string | null,
  action: Action = 'write',
): Promise<boolean> {
  if (!id || !UUID.test(id)) return false;
  return representationHolds(pool, basis, id, principal, representative, eserviceId, action);
}

/** A co-browsing consent this staff member redeemed and may act on now: active, for this case, `assist` to write. */
async function consentOn(pool: Pool, p: Principal, s: CaseSubject, action: Action): Promise<Grant | null> {
  for (const id of await openGrantsRedeemedBy(pool, s.caseId, p.sub)) {
    const g = await findGrant(pool, id);
    if (g && g.active && (action === 'read' || g.mode === 'assist')) return g;
  }
  return null;
}

/** Staff acting for the recipient: at the counter on a mandate or delegation, or co-browsing with their consent. */
async function actingStaff(pool: Pool, p: Principal, s: CaseSubject, action: Action): Promise<Access | null> {
  if (!p.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r))) return null;
  const onBehalfOf = personKey(s.recipient);
  const basis = s.acting?.basis;
  if (
    s.acting?.staffId === p.sub &&
    (basis === 'delegation' || basis === 'mandate') &&
    (await representationValid(pool, basis, s.acting.ref, s.recipient, null, s.eserviceId, action))
  ) {
    return { as: 'acting-staff', basis, reference: s.acting.ref, purpose: `act-for:${basis}`, onBehalfOf };
  }
  const grant = s.kind === 'application' ? await consentOn(pool, p, s, action) : null;
  return grant ? { as: 'acting-staff', basis: 'consent', reference: grant.id, purpose: 'act-for:consent', onBehalfOf } : null;
}

/**
 * The citizen's representative on the case. A delegation or mandate recorded here is checked now; a basis an agency
 * registered with the case from another channel (no record here) lets the representative follow it, never write.
 */
async function representative(pool: Pool, p: Principal, s: CaseSubject, action: Action): Promise<Access | null> {
  const rep = s.representative;
  if (!rep || !samePerson(rep, p.person)) return null;
  const basis = (rep.basis ?? 'legal_representative') as BasisKind;
  const access: Access = {
    as: 'representative',
    basis,
    reference: rep.ref,
    purpose: `representative:${basis}`,
    onBehalfOf: personKey(s.recipient),
  };
  // The record the case names: valid now, or no access at all.
  if (rep.ref && (basis === 'delegation' || basis === 'mandate')) {
    return (await representationValid(pool, basis, rep.ref, s.recipient, rep, s.eserviceId, action)) ? access : null;
  }
  if (action === 'write') return null;
  if (basis !== 'delegation') return access;
  // A delegation an agency's register names without its record: one valid now from the recipient to this person.
  const delegationId = await validDelegationBetween(pool, s.recipient, rep, s.eserviceId);
  return delegationId ? { ...access, reference: delegationId } : null;
}

/**
 * May `p` read or write this case now, and on what basis? Null: no basis (answer 404). An agency reads its own
 * cases, but not a citizen's unsubmitted e-service draft; it writes an application only through its workflow.
 */
export async function accessTo(pool: Pool, p: Principal, s: CaseSubject, action: Action): Promise<Access | null> {
  // An act-for principal reaches the cases of its party only, on the basis it acts on now.
  if (p.actingFor) return samePerson(s.recipient, p.actingFor) ? partyAccess(pool, p, p.actingFor, action, s) : null;
  if (samePerson(s.recipient, p.person) && p.roles.includes('citizen')) {
    return {
      as: 'recipient',
      basis: 'own',
      reference: null,
      purpose: s.kind === 'application' ? 'own-application' : 'own-case',
      onBehalfOf: null,
    };
  }
  const acting = await actingStaff(pool, p, s, action);
  if (acting) return acting;
  if (p.roles.includes('citizen')) {
    const named = await representative(pool, p, s, action);
    // A company's cases: its representatives (enterprise register, or a delegation or mandate it gave) follow them.
    if (named || s.recipient.type !== 'legal') return named;
    return partyAccess(pool, p, s.recipient as Party, action, s);
  }
  const ofAgency = p.agency === s.agencyId && p.roles.some((r) => (AGENCY_READERS as readonly string[]).includes(r));
  const draft = s.eserviceId !== null && s.status === 'draft';
  if (ofAgency && action === 'read' && !draft)
    return { as: 'agency', basis: 'agency', reference: null, purpose: 'case-handling', onBehalfOf: null };
  return null;
}

/**
 * May `p` open a file the citizen uploaded for the application, and on what basis? The citizen (or whoever acts as
 * the applicant for a company), their representative, or an officer of the case's agency once it is submitted. Staff
 * co-browsing or acting at a counter see the form, never the attachments. Null: no basis (answer 404).
 */
export async function accessToApplicationFile(pool: Pool, p: Principal, s: CaseSubject): Promise<Access | null> {
  const access = await accessTo(pool, p, s, 'read');
  return access && (access.as === 'recipient' || access.as === 'representative' || access.as === 'agency') ? access : null;
}

/**
 * May citizen `p` act for `party` (its own account: cases, invoices, e-address messages), and on what basis? Own;
 * a registered delegation or recorded written mandate the party gave them (valid now, covering the e-service, `view`
 * rights for reads only); or, for a company, the enterprise register (sole rights, or joint rights confirmed by the
 * other members). Null: no basis (answer 404). `subject`: the case or application the act concerns, if any.
 */
export async function accessToParty(
  pool: Pool,
  p: Principal,
  party: Party,
  action: Action,
  subject?: Pick<CaseSubject, 'kind' | 'eserviceId'>,
): Promise<Access | null> {
  if (p.actingFor && !samePerson(p.actingFor, party)) return null;
  return partyAccess(pool, p, party, action, subject);
}

async function partyAccess(
  pool: Pool,
  p: Principal,
  party: Party,
  action: Action,
  subject?: Pick<CaseSubject, 'kind' | 'eserviceId'>,
): Promise<Access | null> {
  if (!p.person || !p.roles.includes('citizen')) return null;
  if (samePerson(party, p.person)) {
    return {
      as: 'recipient',
      basis: 'own',
      reference: null,
      purpose: subject?.kind === 'application' ? 'own-application' : 'own-case',
      onBehalfOf: null,
    };
  }
  const onBehalfOf = personKey(party);
  const eserviceId = subject?.eserviceId ?? null;
  for (const basis of ['delegation', 'mandate'] as const) {
    const id = await validDelegationBetween(pool, party, p.person, eserviceId, action, basis);
    if (id) return { as: 'representative', basis, reference: id, purpose: `representative:${basis}`, onBehalfOf };
  }
  if (party.type !== 'legal' || p.person.type !== 'natural') return null;
  const standing = await companyStanding(pool, p.person.id, party.id);
  if (!standing?.represents) return null;
  const rights = standing.member.representationRights as 'sole' | 'joint';
  return {
    as: 'representative',
    basis: 'enterprise_register',
    reference: standing.confirmation?.id ?? null,
    purpose: 'representative:enterprise_register',
    onBehalfOf,
    rights,
  };
}

/** Live status for a representative ("natural:0211…"): only while the basis they follow the case on is valid now. */
export async function representativeMayRead(pool: Pool, caseId: string, representativeKey: string): Promise<boolean> {
  const row = await findCaseForPolicy(pool, caseId);
  const [type, ...rest] = representativeKey.split(':');
  const person = { type, id: rest.join(':') } as PersonRef;
  const asRepresentative: Principal = { sub: `person:${representativeKey}`, name: '', roles: ['citizen'], person };
  return !!row && (await representative(pool, asRepresentative, caseSubject(row), 'read')) !== null;
}

/**
 * The consent a staff member's co-browsing message relies on, read now: active, redeemed by them. Null otherwise.
 * (Whether it covers the session and allows editing is the caller's to check against the message.)
 */
export async function activeConsent(pool: Pool, p: Principal, grantId: unknown): Promise<{ grant: Grant | null; valid: boolean }> {
  const grant = typeof grantId === 'string' ? await findGrant(pool, grantId) : null;
  return { grant, valid: !!grant && grant.active && grant.usedBy === p.sub };
}

/** The audit entry of an access: the accurate actor type, the basis as purpose, and whom it was done for. */
export function auditEntry(
  p: Principal,
  access: Access,
  s: Pick<CaseSubject, 'recipient'>,
  action: AuditEntry['action'],
  resource: string,
  requestId?: string,
  details?: Record<string, unknown>,
): AuditEntry {
  return {
    actor: { type: actorKind(p), id: p.sub, agency: p.agency, office: p.office },
    onBehalfOf: access.onBehalfOf ?? undefined,
    subject: s.recipient,
    action,
    resource,
    purpose: access.purpose,
    requestId,
    details:
      access.reference || access.rights || details
        ? {
            ...(access.reference || access.rights ? { basis: access.basis } : {}),
            ...(access.reference ? { reference: access.reference } : {}),
            ...(access.rights ? { rights: access.rights } : {}),
            ...details,
          }
        : undefined,
  };
}

/**
 * Whose register data ("My data in the registers", and its discrepancy reports) the principal may see: only their
 * own, as a natural person with a Latvian personal code (the registers are kept by it). Null otherwise: an eIDAS
 * citizen without a linked code, a staff member or a system has none here.
 */
export function ownRegisterDataSubject(p: Principal): string | null {
  return p.roles.includes('citizen') && p.person?.type === 'natural' ? p.person.id : null;
}

/** The signed-in citizen's own profile: their personal code; null (404) for anyone else, or acting for someone else. */
export function ownProfileOf(p: Principal): string | null {
  return p.roles.includes('citizen') && !p.actingFor && p.person?.type === 'natural' ? p.person.id : null;
}

/**
 * An agency's read of a person's contacts or bank account: its staff or its systems (client-credentials tokens),
 * for a stated purpose on a stated legal basis (./stated-reason.ts checks them and writes them into the audit). The
 * audit entries of the read: who (the agency and the role, never shown as a named officer), whose data, why; an
 * embargo is a second entry of its own. Null: not an agency's caller.
 */
export function agencyPersonDataRead(
  p: Principal,
  personalCode: string,
  resource: string,
  reason: StatedReason & { purpose: string; legalBasis: string },
  requestId: string,
): AuditEntry[] | null {
  const role = AGENCY_READERS.find((r) => p.roles.includes(r));
  if (!role || !p.agency || p.actingFor) return null;
  const actor = { type: actorKind(p), id: p.sub, agency: p.agency, office: p.office };
  const read: AuditEntry = {
    actor,
    subject: { type: 'natural', id: personalCode },
    action: 'read',
    resource,
    purpose: reason.purpose,
    requestId,
    details: { role },
  };
  return withStatedReason(read, reason);
}

// What an agency states for its read (purpose, legal basis, embargo): one implementation, for cases and profiles.
export { checkStatedReason, withStatedReason, EMBARGO_SET, type StatedReason } from './stated-reason';
// What an agency sees of a client's history (issue 18 §3): its own events, widened by a recorded legal basis.
export { clientTimelineScope, TIMELINE_LEGAL_BASES, type TimelineLegalBasis } from './client-timeline';
