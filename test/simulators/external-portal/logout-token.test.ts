// The demo portal's check of back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.6), against a JWKS
// served on loopback: a good token is accepted once; a replay, another audience or issuer, a missing event, a nonce,
// an ID token's typ, an old token and a signature by a key the provider does not publish are refused.
import http from 'node:http';
import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { LOGOUT_EVENT, logoutTokenVerifier, LogoutTokenError } from '../../../simulators/external-portal/logout-token';

const ISSUER = 'https://platform.example.test/oidc';
const AUDIENCE = 'building-portal';

describe('simulators/external-portal: logout token verification', () => {
  let server: http.Server;
  let jwksUrl: URL;
  let key: KeyLike;
  let stranger: KeyLike;

  before(async () => {
    const pair = await generateKeyPair('RS256');
    key = pair.privateKey;
    ({ privateKey: stranger } = await generateKeyPair('RS256'));
    const published = await exportJWK(pair.publicKey);
    server = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [{ ...published, kid: 'k1', alg: 'RS256', use: 'sig' }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = new URL(`http://127.0.0.1:${(server.address() as { port: number }).port}/jwks`);
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const sign = (claims: JWTPayload, opts: { typ?: string; with?: KeyLike; iat?: number } = {}) =>
    new SignJWT({
      iss: ISSUER,
      aud: AUDIENCE,
      events: { [LOGOUT_EVENT]: {} },
      sid: 'sid-1',
      sub: 'citizen-anna',
      jti: `jti-${Math.random()}`,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: opts.typ ?? 'logout+jwt' })
      .setIssuedAt(opts.iat)
      .sign(opts.with ?? key);

  const verifier = () => logoutTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUri: async () => jwksUrl });
  const refusal = async (token: string, pattern: RegExp) => {
    const seen = new Set<string>();
    const error = await verifier()(token, (jti) => !seen.has(jti) && !!seen.add(jti)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(LogoutTokenError);
    expect((error as Error).message).to.match(pattern);
  };

  it('accepts a good token once and names its sid and sub', async () => {
    const verify = verifier();
    const seen = new Set<string>();
    const firstUse = (jti: string) => !seen.has(jti) && !!seen.add(jti);
    const token = await sign({ jti: 'once' });
    expect(await verify(token, firstUse)).to.deep.equal({ sub: 'citizen-anna', sid: 'sid-1', jti: 'once' });
    const replay = await verify(token, firstUse).then(
      () => null,
      (e: unknown) => e,
    );
    expect((replay as Error).message).to.match(/replayed/);
  });

  it('refuses another audience, another issuer, a foreign key, an ID token and an old token', async () => {
    await refusal(await sign({ aud: 'someone-else' }), /aud/);
    await refusal(await sign({ iss: 'https://evil.example.test' }), /iss/);
    await refusal(await sign({}, { with: stranger }), /signature/);
    await refusal(await sign({}, { typ: 'JWT' }), /typ/);
    await refusal(await sign({}, { iat: Math.floor(Date.now() / 1000) - 600 }), /iat|age/);
  });

  it('refuses a token without the logout event, with a nonce, or naming neither sub nor sid', async () => {
    await refusal(await sign({ events: { 'urn:other': {} } }), /event/);
    await refusal(await sign({ nonce: 'n' }), /nonce/);
    await refusal(await sign({ sub: undefined, sid: undefined }), /neither sub nor sid/);
    await refusal('not.a.jwt', /rejected/);
  });
});
