// Role: the enterprise register (Uzņēmumu reģistrs): companies and their board members.
import type { CallContext, ConfigCheck } from './common';

export interface BoardMember {
  personalCode: string | null;
  name: string;
  role: string; // e.g. 'chair', 'member'
  since: string; // YYYY-MM-DD
  /**
   * Rights to represent the company: alone (`sole`), only together with the other members who hold rights
   * (`joint`), or none (e.g. a member without representation rights).
   */
  representationRights: RepresentationRights;
}

export type RepresentationRights = 'sole' | 'joint' | 'none';

export interface Company {
  registrationNumber: string; // 11 digits
  name: string;
  legalForm: string; // e.g. 'SIA', 'AS', 'IK'
  status: 'active' | 'liquidation' | 'excluded';
  registeredOn: string; // YYYY-MM-DD
  legalAddress: string;
  boardMembers: BoardMember[];
}

/** A person's share of a limited company's capital (they are its member, dalībnieks). */
export interface Shareholding {
  company: Company;
  sharePercent: number;
  since: string; // YYYY-MM-DD
}

export interface EnterpriseRegister extends ConfigCheck {
  getCompany(registrationNumber: string, ctx: CallContext): Promise<Company | null>;
  /** Companies where the person is a board member (for "my companies"). */
  companiesOfBoardMember(personalCode: string, ctx: CallContext): Promise<Company[]>;
  /** The companies the person holds a share of, with the share (for "My data in the registers"). */
  shareholdingsOf(personalCode: string, ctx: CallContext): Promise<Shareholding[]>;
}
