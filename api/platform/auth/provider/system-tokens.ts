// Agency systems at the OpenID Provider: OAuth client credentials with private_key_jwt (each system's public keys
// registered with it), access tokens as JWTs for the platform's API (the resource PUBLIC_URL/api) carrying the
// system's agency and the scopes it was granted, one scope per API area (`api:<area>`, from the route's tag, e.g.
// `api:case-register`). The API accepts them beside its own tokens; an area outside the token's scopes is refused.
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from 'jose';
import type { AppDeps } from '../../deps';
import type { Principal } from '../principal';
import { forbidden, unauthenticated } from '../../errors';
import { issuerOf } from './issuer';
import { signingKeys } from './keys';

/** The platform's API as an OAuth resource server. */
export const apiResource = (deps: Pick<AppDeps, 'config'>) => `${deps.config.publicUrl.replace(/\/+$/, '')}/api`;

/** The scope for the API area a route belongs to (its OpenAPI tag). */
export const areaScope = (tag: string) => `api:${tag.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** Scopes of principals that came with a system access token (a platform token has none: no area limit). */
const grantedScopes = new WeakMap<Principal, Set<string>>();

/** A principal that came with an access token reaches only the API areas among these scopes (api:<area>). */
export function limitToScopes(principal: Principal, scopes: string): Principal {
  grantedScopes.set(principal, new Set(scopes.split(' ').filter(Boolean)));
  return principal;
}

/** Throws 403 when the principal's token does not cover the route's API area. */
export function checkAreaScope(principal: Principal, tag: string): void {
  const scopes = grantedScopes.get(principal);
  if (scopes && !scopes.has(areaScope(tag))) throw forbidden(`This system's token does not carry the scope ${areaScope(tag)}.`);
}

const PRIVATE_PARTS = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi']);

/** A verify function accepting the platform's own tokens and, failing that, the provider's system access tokens. */
export function withSystemTokens(deps: Pick<AppDeps, 'config'>, verifyPlatformToken: (token: string) => Promise<Principal>) {
  // Without configured keys production mounts no provider (index.ts), so there are no system tokens to accept.
  if (deps.config.env === 'production' && !deps.config.oidcProvider?.jwks) return verifyPlatformToken;
  const issuer = issuerOf(deps);
  const keys = createLocalJWKSet({
    keys: signingKeys(deps.config).map((k) => Object.fromEntries(Object.entries(k).filter(([name]) => !PRIVATE_PARTS.has(name)))),
  } as unknown as JSONWebKeySet);
  return async (token: string): Promise<Principal> => {
    try {
      return await verifyPlatformToken(token);
    } catch (err) {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          issuer,
          audience: apiResource(deps),
          typ: 'at+jwt',
          requiredClaims: ['exp', 'client_id'],
        }));
      } catch {
        throw err; // not a system token either: the platform's own refusal
      }
      if (typeof payload.agency !== 'string' || !payload.agency) throw unauthenticated('The system token names no agency.');
      const clientId = String(payload.client_id);
      const principal: Principal = { sub: clientId, name: clientId, roles: ['agency-system'], agency: payload.agency };
      return limitToScopes(principal, String(payload.scope ?? ''));
    }
  };
}
