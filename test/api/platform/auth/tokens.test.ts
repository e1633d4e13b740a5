// Bearer tokens carry their own limits: a token without `exp`, issued in the future (beyond a minute of clock skew)
// or issued longer ago than the maximum age is refused with 401, even when it is signed with the platform's key.
import { expect } from 'chai';
import { SignJWT, type JWTPayload } from 'jose';
import { stack } from '../../../setup';
import { call, errorOf } from '../../../helpers/http';
import { loadOrCreateKeys } from '../../../../api/platform/auth/keys';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, TOKEN_MAX_AGE_SECONDS } from '../../../../api/platform/auth/tokens';

const now = () => Math.floor(Date.now() / 1000);

/** Signs claims with the real signing key; iat and exp only when given. */
async function forge(claims: { iat?: number; exp?: number }): Promise<string> {
  const keys = await loadOrCreateKeys(stack.dataDir);
  const payload: JWTPayload = { roles: ['agency-system'], agency: 'pmlp', ...claims };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'ES256', kid: keys.kid, typ: 'JWT' })
    .setSubject('system-pmlp')
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .sign(keys.privateKey);
}

async function answer(token: string) {
  return call('GET', '/api/v1/cases?limit=1', { headers: { authorization: `Bearer ${token}` } });
}

describe('api/platform/auth/tokens', () => {
  it('accepts a token issued now that expires later, and one issued a little in the future (clock skew)', async () => {
    expect((await answer(await forge({ iat: now(), exp: now() + 3600 }))).status).to.equal(200);
    expect((await answer(await forge({ iat: now() + 30, exp: now() + 3600 }))).status).to.equal(200);
  });

  it('refuses tokens without exp, with iat in the future, without iat, or older than the maximum age', async () => {
    const forged: Record<string, string> = {
      'no exp': await forge({ iat: now() }),
      'no exp, no iat': await forge({}),
      'iat an hour ahead': await forge({ iat: now() + 3600, exp: now() + 7200 }),
      'no iat': await forge({ exp: now() + 3600 }),
      'older than the maximum age, exp far ahead': await forge({ iat: now() - TOKEN_MAX_AGE_SECONDS - 600, exp: now() + 3600 * 24 * 365 }),
    };
    for (const [kind, token] of Object.entries(forged)) {
      const res = await answer(token);
      expect(res.status, kind).to.equal(401);
      expect(errorOf(res).code, kind).to.equal('unauthenticated');
    }
  });
});
