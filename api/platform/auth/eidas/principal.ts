// The EU citizen an eIDAS assertion names, as a platform principal. When the population register links the eIDAS
// PersonIdentifier to a Latvian personal code (an EU citizen living in Latvia), the principal IS that natural person
// (person = {natural, code}), keeping the eIDAS identifier beside it: the cases, applications and delegations recorded
// under the personal code are theirs, whichever way they signed in. Otherwise the person is the eIDAS identity itself.
import crypto from 'node:crypto';
import type { AppDeps } from '../../deps';
import type { Principal } from '../principal';
import type { EidasIdentity } from './service-provider';

/** The personal code the population register links to the identifier, or null; throws when the register is down. */
export async function linkedPersonalCodeOf(
  deps: Pick<AppDeps, 'adapters'>,
  eidasIdentifier: string,
  requestId: string,
): Promise<string | null> {
  return deps.adapters.populationRegister.linkedPersonalCode(eidasIdentifier, {
    idempotencyKey: `eidas-link:${eidasIdentifier}`,
    requestId,
  });
}

/** A stable, short subject for the identifier (up to ~200 characters; subjects go into case and audit ids). */
export function eidasSubject(personIdentifier: string): string {
  return `eidas:${crypto.createHash('sha256').update(personIdentifier).digest('base64url').slice(0, 22)}`;
}

export function eidasPrincipal(identity: EidasIdentity, linkedPersonalCode: string | null): Principal {
  const name = [identity.givenName, identity.familyName].filter(Boolean).join(' ') || identity.personIdentifier;
  const principal: Principal = {
    sub: eidasSubject(identity.personIdentifier),
    name,
    roles: ['citizen'],
    person: linkedPersonalCode ? { type: 'natural', id: linkedPersonalCode } : { type: 'eidas', id: identity.personIdentifier },
    acr: identity.acr,
    authMethod: identity.country,
  };
  if (linkedPersonalCode) principal.eidasIdentifier = identity.personIdentifier;
  if (identity.givenName) principal.givenName = identity.givenName;
  if (identity.familyName) principal.familyName = identity.familyName;
  if (identity.dateOfBirth) principal.dateOfBirth = identity.dateOfBirth;
  return principal;
}
