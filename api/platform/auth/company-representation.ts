// Representation of a company as the enterprise register says it now (part of the policy, ./policy.ts): a board
// member with sole rights represents the company; one with joint rights only once every other member who holds
// rights has confirmed an open request (db/delegations/confirmations.ts). A company in liquidation or excluded is
// represented by nobody here. The register is asked at every check (nothing cached), so a member removed from the
// board loses access at the next request.
import type { Pool } from 'pg';
import type { BoardMember, Company, EnterpriseRegister } from '../../../activities/adapters/contracts/enterprise-register';
import { SystemUnavailableError } from '../../../activities/adapters/contracts/common';
import { openConfirmationsFor, type ConfirmationRow } from '../../../db/delegations/confirmations';
import { ApiError } from '../errors';

// The policy is asked with a database pool (api/platform/auth/policy.ts), so the register AppDeps holds is bound to
// the pool where the app is composed (api/platform/server.ts); nothing here reads the environment.
const bound = new WeakMap<Pool, EnterpriseRegister>();

/**
 * Binds the enterprise register the policy asks for this database (startApi, with AppDeps' adapter; tests bind their
 * own). Returns the undo, which puts back the register bound before, for an API that closes while others run on.
 */
export function useEnterpriseRegister(pool: Pool, register: EnterpriseRegister): () => void {
  const before = bound.get(pool);
  bound.set(pool, register);
  return () => {
    if (bound.get(pool) !== register) return;
    if (before) bound.set(pool, before);
    else bound.delete(pool);
  };
}

export function enterpriseRegisterFor(pool: Pool): EnterpriseRegister {
  const register = bound.get(pool);
  if (!register) throw new Error('No enterprise register is bound to this database pool: start the API with startApi.');
  return register;
}

const unavailable = () =>
  new ApiError(503, 'temporarily_unavailable', 'The enterprise register does not answer; try again in a moment.', [], {
    'Retry-After': '5',
  });

async function ask<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof SystemUnavailableError) throw unavailable();
    throw e;
  }
}

export async function companyFromRegister(pool: Pool, regNo: string, requestId?: string): Promise<Company | null> {
  return ask(() => enterpriseRegisterFor(pool).getCompany(regNo, { idempotencyKey: `company:${regNo}`, requestId }));
}

export async function companiesOfMember(pool: Pool, personalCode: string, requestId?: string): Promise<Company[]> {
  return ask(() =>
    enterpriseRegisterFor(pool).companiesOfBoardMember(personalCode, { idempotencyKey: `member:${personalCode}`, requestId }),
  );
}

/** The other members whose confirmation a joint representative needs: every other member holding rights, by code. */
export function requiredConfirmers(company: Company, memberCode: string): BoardMember[] {
  return company.boardMembers.filter((m) => m.personalCode !== memberCode && m.representationRights !== 'none');
}

export interface CompanyStanding {
  company: Company;
  member: BoardMember;
  /** The confirmation a joint representative acts on; null with sole rights (or none yet). */
  confirmation: ConfirmationRow | null;
  /** Whether the member may represent the company now. */
  represents: boolean;
}

/** Where the person stands with the company now; null when they are not a member with rights of an active company. */
export async function companyStanding(
  pool: Pool,
  personalCode: string,
  regNo: string,
  requestId?: string,
): Promise<CompanyStanding | null> {
  const company = await companyFromRegister(pool, regNo, requestId);
  return company ? standingIn(pool, company, personalCode) : null;
}

/** The same, for a company the register has just answered with. */
export async function standingIn(pool: Pool, company: Company, personalCode: string): Promise<CompanyStanding | null> {
  const member = company.boardMembers.find((m) => m.personalCode === personalCode && m.representationRights !== 'none');
  if (!member || company.status !== 'active') return null;
  if (member.representationRights === 'sole') return { company, member, confirmation: null, represents: true };
  const others = requiredConfirmers(company, personalCode);
  // A joint representative with nobody to confirm (or a board member abroad without a personal code) cannot act here.
  const confirmable = others.length > 0 && others.every((m) => m.personalCode !== null);
  const open = await openConfirmationsFor(pool, company.registrationNumber, personalCode);
  const confirmed = confirmable ? open.find((c) => others.every((m) => c.confirmed_by.includes(m.personalCode as string))) : undefined;
  return { company, member, confirmation: confirmed ?? open[0] ?? null, represents: !!confirmed };
}
