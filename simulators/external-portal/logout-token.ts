// Verifying a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.6): signature by the provider's
// published keys, iss, aud, iat, the logout event, sub or sid, no nonce, and a jti not seen before.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export const LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

export interface LogoutClaims {
  sub?: string;
  sid?: string;
  jti: string;
}

export class LogoutTokenError extends Error {}

export function logoutTokenVerifier(opts: { issuer: string; audience: string; jwksUri: () => Promise<URL> }) {
  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  return async (token: string, firstUseOf: (jti: string) => boolean): Promise<LogoutClaims> => {
    keys ??= createRemoteJWKSet(await opts.jwksUri()); // fetched again when an unknown kid appears (rotation)
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: opts.issuer,
        audience: opts.audience,
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: '2 minutes',
        typ: 'logout+jwt',
      }));
    } catch (err) {
      throw new LogoutTokenError(`logout token rejected: ${(err as Error).message}`);
    }
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events || typeof events !== 'object' || typeof events[LOGOUT_EVENT] !== 'object') {
      throw new LogoutTokenError('logout token lacks the back-channel logout event');
    }
    if ('nonce' in payload) throw new LogoutTokenError('a logout token must not carry a nonce');
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    if (!sub && !sid) throw new LogoutTokenError('logout token names neither sub nor sid');
    const jti = String(payload.jti);
    if (!firstUseOf(jti)) throw new LogoutTokenError('logout token replayed');
    return { sub, sid, jti };
  };
}
