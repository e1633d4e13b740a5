// The platform's API as a DPoP resource server (RFC 9449 §7) for apps: an app (public client) that the citizen
// allowed gets, for the resource PUBLIC_URL/api, an opaque access token bound to its device key (cnf.jkt). A request
// sends `Authorization: DPoP <token>` and a fresh proof signed with that key; the token is looked up in the provider's
// storage at every request, so revoking the app ("Apps you allowed") ends its access at once. The token acts as the
// citizen, in the API areas among its scopes (api:<area>), never with another role.
import crypto from 'node:crypto';
import type { Request } from 'express';
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { AppDeps } from '../../deps';
import type { Principal } from '../principal';
import { ApiError } from '../../errors';
import { latestPrincipalOf } from '../../../../db/oidc/session-clients';
import { claimOnce } from '../../../../db/oidc/payloads';
import { providerOf } from './index';
import { apiResource, limitToScopes } from './system-tokens';

/** Asymmetric algorithms a device may sign its proofs with (never `none`, never a shared secret). */
export const DPOP_ALGORITHMS = ['ES256', 'ES384', 'EdDSA', 'PS256', 'RS256'];
/** A proof is fresh for this long around its iat (seconds); its jti is remembered as long. */
const PROOF_WINDOW_SECONDS = 120;

const challenge = (error: string) => `DPoP error="${error}", algs="${DPOP_ALGORITHMS.join(' ')}"`;
const invalidProof = (why: string) =>
  new ApiError(401, 'invalid_dpop_proof', `The DPoP proof is not valid: ${why}.`, [], {
    'WWW-Authenticate': challenge('invalid_dpop_proof'),
  });
const invalidToken = (why: string) =>
  new ApiError(401, 'invalid_token', `The access token is not valid here: ${why}.`, [], {
    'WWW-Authenticate': challenge('invalid_token'),
  });

/** The URL the proof must name (htu): the request's, without query and fragment, as the public address spells it. */
function requestUrls(deps: AppDeps, req: Request): Set<string> {
  const path = req.originalUrl.split('?')[0];
  const urls = [new URL(path, deps.config.publicUrl), new URL(path, `${req.protocol}://${req.get('host') ?? 'localhost'}`)];
  return new Set(urls.map((u) => u.href));
}

/** RFC 9449 §4.3: the proof's signature by its own (public) key, typ, htm, htu, a recent iat, ath; answers its key's thumbprint and jti. */
export async function checkProof(deps: AppDeps, req: Request, accessToken: string): Promise<{ thumbprint: string; jti: string }> {
  const proofs = req.headers.dpop;
  if (typeof proofs !== 'string' || !proofs) throw invalidProof('send exactly one DPoP header');
  let payload: JWTPayload;
  let jwk: JWK | undefined;
  try {
    const verified = await jwtVerify(proofs, EmbeddedJWK, { algorithms: DPOP_ALGORITHMS, typ: 'dpop+jwt' });
    payload = verified.payload;
    jwk = verified.protectedHeader.jwk;
  } catch {
    throw invalidProof('its signature does not verify with the key in its header');
  }
  if (!jwk || 'd' in jwk) throw invalidProof('its header must carry a public key only');
  if (typeof payload.jti !== 'string' || !payload.jti || payload.jti.length > 200) throw invalidProof('jti is missing');
  if (typeof payload.iat !== 'number' || Math.abs(Date.now() / 1000 - payload.iat) > PROOF_WINDOW_SECONDS) {
    throw invalidProof('iat is not recent (check the device clock)');
  }
  if (payload.htm !== req.method) throw invalidProof('htm is not the request method');
  let htu: string | undefined;
  try {
    const named = new URL(String(payload.htu));
    named.search = '';
    named.hash = '';
    htu = named.href;
  } catch {
    // not a URL: refused below
  }
  if (!htu || !requestUrls(deps, req).has(htu)) throw invalidProof('htu is not the request URL');
  const ath = crypto.createHash('sha256').update(accessToken).digest('base64url');
  if (payload.ath !== ath) throw invalidProof('ath is not the hash of the access token');
  return { thumbprint: await calculateJwkThumbprint(jwk), jti: payload.jti };
}

/** The citizen an app's DPoP-bound access token acts for, limited to the token's API areas; 401 otherwise. */
export async function appTokenPrincipal(deps: AppDeps, req: Request, accessToken: string): Promise<Principal> {
  const provider = providerOf(deps);
  if (!provider) throw invalidToken('this platform issues no app tokens');
  const proof = await checkProof(deps, req, accessToken);
  const token = await provider.AccessToken.find(accessToken);
  if (!token || !token.accountId) throw invalidToken('unknown, expired or revoked');
  if (token.aud !== apiResource(deps))
    throw invalidToken('it was not issued for this API (request it with resource=' + apiResource(deps) + ')');
  if (!token.jkt || token.jkt !== proof.thumbprint) throw invalidToken('it is bound to another key');
  // Each proof once (RFC 9449 §11.1), remembered in the provider's storage: every API node sees it.
  const proofId = crypto.createHash('sha256').update(`${token.clientId}\n${proof.jti}`).digest('base64url');
  if (!(await claimOnce(deps.db.pool, 'DPoPProof', proofId, 2 * PROOF_WINDOW_SECONDS))) throw invalidProof('this proof was used before');
  const grant = token.grantId ? await provider.Grant.find(token.grantId) : undefined;
  if (!grant || grant.accountId !== token.accountId || grant.clientId !== token.clientId)
    throw invalidToken('the citizen withdrew the app');

  const signedIn = await latestPrincipalOf<Principal>(deps.db.pool, token.accountId);
  if (!signedIn?.roles.includes('citizen') || !signedIn.person) throw invalidToken('it acts for no citizen');
  // The person only: no staff role, agency or office travels with an app, nor the level of a sign-in it did not make.
  const citizen: Principal = {
    sub: signedIn.sub,
    name: signedIn.name,
    roles: ['citizen'],
    person: signedIn.person,
    ...(signedIn.eidasIdentifier ? { eidasIdentifier: signedIn.eidasIdentifier } : {}),
    ...(signedIn.givenName ? { givenName: signedIn.givenName } : {}),
    ...(signedIn.familyName ? { familyName: signedIn.familyName } : {}),
    ...(signedIn.dateOfBirth ? { dateOfBirth: signedIn.dateOfBirth } : {}),
  };
  return limitToScopes(citizen, String(token.scope ?? ''));
}
