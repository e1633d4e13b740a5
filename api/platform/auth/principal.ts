// Who is asking. Every request that is not public carries a principal derived from a verified bearer token.
import type { PersonRef } from '../../../db/domain/person-id';
import type { Actor } from '../../../workflows/application/api';

export const ROLES = [
  'citizen',
  'kac-staff',
  'agency-officer',
  'agency-admin',
  'agency-approver',
  'agency-system',
  'ministry-analyst',
  'varam-analyst',
  'catalogue-admin',
  'support-specialist',
  'platform-admin',
] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** Stable subject id of the user or system (e.g. the persona id in development). */
  sub: string;
  name: string;
  roles: Role[];
  /** The agency a staff member or system belongs to. */
  agency?: string;
  /** The sector (ministry) a ministry analyst may see. */
  sector?: string;
  /** The customer-centre office of front-office staff. */
  office?: string;
  /** The natural person (or eIDAS identity) behind a citizen account. */
  person?: PersonRef;
  /** How the person signed in, when through an identity provider: the level of assurance (an eIDAS LoA URI) ... */
  acr?: string;
  /** ... and the method (eparaksts-mobile, eid-card, bank; the eIDAS country), so that a case can record them. */
  authMethod?: string;
  /** An EU citizen whom the population register links to a Latvian personal code: `person` is that natural person,
   * this the eIDAS PersonIdentifier they signed in with (api/platform/auth/eidas/routes.ts). */
  eidasIdentifier?: string;
  /** The given and family name an identity provider asserted (`name` joins them): fill an applicant's fields. */
  givenName?: string;
  familyName?: string;
  /** The date of birth an identity provider asserted (eIDAS DateOfBirth): fills an applicant's fields. */
  dateOfBirth?: string;
  /**
   * The party this principal acts for (an act-for token, RFC 8693 `act`: the token's subject is the party, `sub` here
   * stays the actor). Such a principal reaches only routes that act for a party, and only for this one.
   */
  actingFor?: { type: 'natural' | 'legal' | 'eidas'; id: string; name?: string };
}

export function hasRole(p: Principal, ...roles: Role[]): boolean {
  return p.roles.some((r) => roles.includes(r));
}

/** The audit actor type: an agency's information system is `system`, a citizen `citizen`, anyone else `staff`. */
export function actorType(p: Principal): 'system' | 'citizen' | 'staff' {
  if (p.roles.includes('agency-system')) return 'system';
  if (p.roles.includes('citizen')) return 'citizen';
  return 'staff';
}

/** The principal as the actor a workflow records on what it does (who pressed the button). */
export function actorOf(p: Principal): Actor {
  return {
    type: actorType(p) as Actor['type'],
    id: p.sub,
    name: p.name,
    ...(p.agency ? { agency: p.agency } : {}),
    ...(p.office ? { office: p.office } : {}),
  };
}
