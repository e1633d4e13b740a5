// Reads of the "acting for" area that need more than one call: whom a person may act for, and a company's account
// as its representative sees it. Every answer rests on the policy (api/platform/auth/policy.ts).
import type { Pool } from 'pg';
import type { RouteContext } from '../platform/routing';
import { ApiError, forbidden, notFound } from '../platform/errors';
import { accessToParty, auditEntry, personKey, type Access } from '../platform/auth/policy';
import { companiesOfMember, standingIn } from '../platform/auth/company-representation';
import { delegationsGivenOrHeld } from '../../db/delegations/delegations';
import { audit } from '../../db/audit';
import type { PersonRef } from '../../db/domain/person-id';
import type { GetMeRepresentedResponse } from '../../forms/types/api';

type Represented = GetMeRepresentedResponse['items'][number];

export function naturalPersonOf(ctx: RouteContext): PersonRef & { type: 'natural' } {
  const person = ctx.principal.person;
  if (!person || person.type !== 'natural') throw forbidden('Acting for others needs a Latvian personal code.');
  return person as PersonRef & { type: 'natural' };
}

/** The companies the register names the person a board member with rights of, and the delegations they hold now. */
export async function representedParties(pool: Pool, person: PersonRef, requestId: string): Promise<Represented[]> {
  const items: Represented[] = [];
  for (const company of await companiesOfMember(pool, person.id, requestId)) {
    const standing = await standingIn(pool, company, person.id);
    if (!standing) continue;
    items.push({
      party: { type: 'legal', id: company.registrationNumber, name: company.name },
      basis: 'enterprise_register',
      rights: standing.member.representationRights as 'sole' | 'joint',
      represents: standing.represents,
      confirmationId: standing.confirmation?.id ?? null,
    });
  }
  for (const d of await delegationsGivenOrHeld(pool, person)) {
    if (d.given || d.status !== 'active' || (d.principal_type !== 'natural' && d.principal_type !== 'legal')) continue;
    items.push({
      party: { type: d.principal_type, id: d.principal_id, name: d.principal_name ?? d.principal_id },
      basis: 'delegation',
      rights: d.rights,
      represents: true,
      reference: d.id,
    });
  }
  return items;
}

/**
 * The caller's access to the company for this action, or 404 (a citizen never learns whether a company they do not
 * represent has an account here). The read or write is audited by the caller with `auditCompany`.
 */
export async function companyAccess(
  ctx: RouteContext,
  regNo: string,
  action: 'read' | 'write',
  subject?: { kind: 'application'; eserviceId: string },
): Promise<Access> {
  const party = { type: 'legal' as const, id: regNo };
  const access = await accessToParty(ctx.deps.db.pool, ctx.principal, party, action, subject);
  if (access) return access;
  // Outside the representation's scope (e.g. a view-only delegation trying to act): they see the company, so say why.
  if (action === 'write' && (await accessToParty(ctx.deps.db.pool, ctx.principal, party, 'read')))
    throw new ApiError(403, 'outside_representation', 'Your representation of this company lets you view its account, not act.');
  throw notFound('organisation');
}

/** One audit row of an act for the company: the actor, the representative (the actor's person) and the company. */
export async function auditCompany(
  ctx: RouteContext,
  access: Access,
  regNo: string,
  resource: string,
  details?: Record<string, unknown>,
  action: 'read' | 'create' | 'update' = 'read',
) {
  const representative = ctx.principal.person && access.as === 'representative' ? personKey(ctx.principal.person) : undefined;
  await audit(
    ctx.deps.db.pool,
    auditEntry(ctx.principal, access, { recipient: { type: 'legal', id: regNo } }, action, resource, ctx.requestId, {
      ...(representative ? { representative } : {}),
      ...details,
    }),
  );
}
