// Pure mapping from the enterprise register's (UR) wire format to the enterprise-register contract.
import type { BoardMember, Company, RepresentationRights, Shareholding } from '../contracts/enterprise-register';

export interface WireOfficer {
  person_code: string | null;
  name: string;
  /** 'CHAIR_OF_BOARD' | 'BOARD_MEMBER' | 'OWNER' (an individual merchant has an owner, not a board). */
  position: string;
  registered_on: string;
  /** 'INDIVIDUALLY' | 'JOINTLY' (UR open data `rights_of_representation`); absent or null: no representation rights. */
  rights_of_representation?: string | null;
}

export interface WireMember {
  person_code: string | null;
  name: string;
  share_percent: number;
  registered_on: string;
}

export interface WireCompany {
  regcode: string;
  name: string;
  type: string;
  status: string;
  registered: string;
  address: string;
  officers: WireOfficer[];
  members?: WireMember[];
}

const ROLES: Record<string, string> = { CHAIR_OF_BOARD: 'chair', BOARD_MEMBER: 'member', OWNER: 'owner' };
// An unknown value grants nothing: rights are never assumed.
const RIGHTS: Record<string, RepresentationRights> = { INDIVIDUALLY: 'sole', JOINTLY: 'joint' };
const STATUSES: Record<string, Company['status']> = { REGISTERED: 'active', LIQUIDATION: 'liquidation', EXCLUDED: 'excluded' };

export function toBoardMember(wire: WireOfficer): BoardMember {
  return {
    personalCode: wire.person_code ? wire.person_code.replace('-', '') : null,
    name: wire.name,
    role: ROLES[wire.position] ?? wire.position.toLowerCase(),
    since: wire.registered_on,
    representationRights: RIGHTS[wire.rights_of_representation ?? ''] ?? 'none',
  };
}

export function toCompany(wire: WireCompany): Company {
  const status = STATUSES[wire.status];
  // An unknown status must not pass as 'active': treat it as the most restrictive one.
  return {
    registrationNumber: wire.regcode,
    name: wire.name,
    legalForm: wire.type,
    status: status ?? 'excluded',
    registeredOn: wire.registered,
    legalAddress: wire.address,
    boardMembers: wire.officers.map(toBoardMember),
  };
}

/** The person's shareholding in a company the register listed for them; null when it names no share of theirs. */
export function toShareholding(wire: WireCompany, personalCode: string): Shareholding | null {
  const member = wire.members?.find((m) => m.person_code?.replace('-', '') === personalCode);
  return member ? { company: toCompany(wire), sharePercent: member.share_percent, since: member.registered_on } : null;
}
