// Bearer JWTs carrying subject, roles, agency, sector, office and the person behind a citizen account.
import { SignJWT, jwtVerify } from 'jose';
import type { SigningKeys } from './keys';
import { ROLES, type Principal, type Role } from './principal';
import { unauthenticated } from '../errors';

export const TOKEN_ISSUER = 'https://sdp.gov.lv';
export const TOKEN_AUDIENCE = 'sdp-api';
const LIFETIME = '8h'; // one working day at the counter
/** A token is refused once issued longer ago than this, whatever its `exp` says. */
export const TOKEN_MAX_AGE_SECONDS = 8 * 3600;
/** Clocks of the issuer and this node may differ this much (an `iat` a little in the future is fine). */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

export async function issueToken(keys: SigningKeys, p: Principal): Promise<string> {
  // acr and amr (RFC 8176) are the registered claims for the level of assurance and the sign-in method.
  const amr = p.authMethod ? [p.authMethod] : undefined;
  return new SignJWT({
    name: p.name,
    roles: p.roles,
    agency: p.agency,
    sector: p.sector,
    office: p.office,
    person: p.person,
    acr: p.acr,
    amr,
  })
    .setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
    .setSubject(p.sub)
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(LIFETIME)
    .sign(keys.privateKey);
}

/** An act-for token lives one hour: the representation behind it is checked at every request anyway. */
const ACT_FOR_LIFETIME = '1h';
export const ACT_FOR_LIFETIME_SECONDS = 3600;

/** The subject of an act-for token: the represented party ("legal:40203145872"). */
export const partySubject = (party: { type: string; id: string }) => `${party.type}:${party.id}`;

/**
 * A token for `actor` acting for `party` (RFC 8693 §4.1): its subject is the party, the `act` claim names the actor
 * (who pressed the button). Issue it only after the policy agreed; verification gives back the actor's principal
 * with `actingFor` set, and the API checks the representation again at every request.
 */
export async function issueActForToken(
  keys: SigningKeys,
  actor: Principal,
  party: { type: 'natural' | 'legal' | 'eidas'; id: string; name?: string },
): Promise<string> {
  return new SignJWT({
    roles: actor.roles,
    party: { type: party.type, id: party.id, ...(party.name ? { name: party.name } : {}) },
    act: { sub: actor.sub, name: actor.name, person: actor.person, acr: actor.acr },
  })
    .setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
    .setSubject(partySubject(party))
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(ACT_FOR_LIFETIME)
    .sign(keys.privateKey);
}

type Claims = Record<string, unknown> & { sub?: string };
const PARTY_TYPES = ['natural', 'legal', 'eidas'];

/** The actor's principal of an act-for token; throws when the claims do not hang together. */
function actingPrincipal(payload: Claims, roles: Role[]): Principal {
  const act = payload.act as Claims | undefined;
  const party = payload.party as { type?: unknown; id?: unknown; name?: unknown } | undefined;
  const person = act?.person as Principal['person'] | undefined;
  if (
    !act ||
    typeof act.sub !== 'string' ||
    !party ||
    typeof party.type !== 'string' ||
    !PARTY_TYPES.includes(party.type) ||
    typeof party.id !== 'string' ||
    payload.sub !== partySubject({ type: party.type, id: party.id }) ||
    !person ||
    typeof person.type !== 'string' ||
    typeof person.id !== 'string'
  )
    throw new Error('act-for token without a consistent actor and party');
  const principal: Principal = {
    sub: act.sub,
    name: String(act.name ?? act.sub),
    roles,
    person: { type: person.type, id: person.id },
    actingFor: {
      type: party.type as 'natural' | 'legal' | 'eidas',
      id: party.id,
      ...(typeof party.name === 'string' ? { name: party.name } : {}),
    },
  };
  if (typeof act.acr === 'string') principal.acr = act.acr;
  return principal;
}

export async function verifyToken(keys: SigningKeys, token: string): Promise<Principal> {
  try {
    // exp and iat are required: a token without exp would never expire, one issued in the future would live longer
    // than its lifetime, and maxTokenAge caps the life of a token whose exp lies too far ahead.
    const { payload } = await jwtVerify(token, keys.publicKey, {
      issuer: TOKEN_ISSUER,
      audience: TOKEN_AUDIENCE,
      algorithms: ['ES256'],
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: TOKEN_MAX_AGE_SECONDS,
      clockTolerance: TOKEN_CLOCK_SKEW_SECONDS,
    });
    const roles = Array.isArray(payload.roles)
      ? payload.roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r as string))
      : [];
    if (!payload.sub || roles.length === 0) throw new Error('token without subject or roles');
    if (payload.act !== undefined) return actingPrincipal(payload, roles);
    const principal: Principal = { sub: payload.sub, name: String(payload.name ?? payload.sub), roles };
    if (typeof payload.agency === 'string') principal.agency = payload.agency;
    if (typeof payload.sector === 'string') principal.sector = payload.sector;
    if (typeof payload.office === 'string') principal.office = payload.office;
    if (typeof payload.acr === 'string') principal.acr = payload.acr;
    if (Array.isArray(payload.amr) && typeof payload.amr[0] === 'string') principal.authMethod = payload.amr[0];
    const person = payload.person as Principal['person'] | undefined;
    if (person && typeof person.type === 'string' && typeof person.id === 'string') principal.person = { type: person.type, id: person.id };
    return principal;
  } catch {
    throw unauthenticated('The bearer token is invalid or expired.');
  }
}
