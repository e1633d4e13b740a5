// Agencies read a person's confirmed contacts and bank account only with a stated purpose and legal basis (the
// query schema requires both: 400 without), each read audited with them so that it shows in the person's "who used
// my data". A covert purpose may carry an embargo date (in the future), itself audited: the policy module's one
// stated-reason implementation, the same as an agency's read of a case.
import type { RouteContext } from '../platform/routing';
import { forbidden } from '../platform/errors';
import { agencyPersonDataRead, checkStatedReason, type StatedReason } from '../platform/auth/policy';
import { audit } from '../../db/audit';
import { contactsOf } from '../../db/profile/contacts';
import { bankAccountOf } from '../../db/profile/bank-account';
import { presentAgencyBankAccount, presentAgencyContacts } from './presenter';
import type { ProfileAgencyBankAccount, ProfileAgencyContacts } from '../../forms/types/api';

/** The query schema requires both the purpose and the legal basis of a profile read. */
type ProfileReadReason = StatedReason & { purpose: string; legalBasis: string };

function entriesFor(ctx: RouteContext, personalCode: string, resource: string, reason: ProfileReadReason) {
  const entries = agencyPersonDataRead(ctx.principal, personalCode, resource, reason, ctx.requestId);
  if (!entries) throw forbidden('Only the staff and systems of an agency read a person’s profile data.');
  checkStatedReason(reason, true);
  return entries;
}

export async function agencyReadsContacts(
  ctx: RouteContext,
  personalCode: string,
  reason: ProfileReadReason,
): Promise<ProfileAgencyContacts> {
  const entries = entriesFor(ctx, personalCode, 'profile:contacts', reason);
  const contacts = await contactsOf(ctx.deps.db.pool, personalCode);
  await audit(ctx.deps.db.pool, entries);
  return presentAgencyContacts(personalCode, contacts);
}

export async function agencyReadsBankAccount(
  ctx: RouteContext,
  personalCode: string,
  reason: ProfileReadReason,
): Promise<ProfileAgencyBankAccount> {
  const entries = entriesFor(ctx, personalCode, 'profile:bank-account', reason);
  const bank = await bankAccountOf(ctx.deps.db.pool, personalCode);
  await audit(ctx.deps.db.pool, entries);
  return presentAgencyBankAccount(personalCode, bank);
}
