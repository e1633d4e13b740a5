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
