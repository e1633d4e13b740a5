// Agency systems at the platform's OpenID Provider (issue 16 §2): client credentials with private_key_jwt (the
// system's public key registered with it), a JWT access token for the platform's API with the system's agency and
// its scopes per API area; the API accepts it for the areas granted and refuses the others, and refuses a client
// assertion signed with a key not registered.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { decodeJwt, exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import '../../../setup';
import type { RunningApi } from '../../../../api/platform/server';
import { providerApi, type TestClient } from './provider-helpers';

describe('api/platform/auth/provider: agency systems (client credentials, private_key_jwt, scopes per API area)', () => {
  let dataDir: string;
  let api: RunningApi;
  let systemKey: KeyLike;

  before(async () => {
    const pair = await generateKeyPair('ES256');
    systemKey = pair.privateKey;
    const system = {
      client_id: 'pmlp-case-system',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'pmlp-1', use: 'sig', alg: 'ES256' }] },
      agency: 'PMLP',
      scope: 'api:case-register',
    };
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-oidc-systems-'));
    api = await providerApi(dataDir, [system as unknown as TestClient]);
  });
  after(async () => {
    await api?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** RFC 7523 client assertion: iss = sub = client_id, aud = the token endpoint, short-lived, one jti. */
  const assertion = (key: KeyLike) =>
    new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: 'pmlp-1' })
      .setIssuer('pmlp-case-system')
      .setSubject('pmlp-case-system')
      .setAudience(`${api.url}/oidc/token`)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(key);

  async function tokenRequest(key: KeyLike, scope: string) {
    const res = await fetch(`${api.url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await assertion(key),
      }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  }

  it('issues an access token for the API with the agency and the area scope, which the API accepts for that area only', async () => {
    const issued = await tokenRequest(systemKey, 'api:case-register');
    expect(issued.status, JSON.stringify(issued.body)).to.equal(200);
    const claims = decodeJwt(issued.body.access_token);
    expect(claims).to.include({ aud: `${api.url}/api`, client_id: 'pmlp-case-system', agency: 'PMLP', scope: 'api:case-register' });

    const bearer = { authorization: `Bearer ${issued.body.access_token}` };
    const cases = await fetch(`${api.url}/api/v1/cases?limit=5`, { headers: bearer });
    expect(cases.status, await cases.clone().text()).to.equal(200);
    // Billing is another API area: its scope was not granted.
    const accounts = await fetch(`${api.url}/api/v1/agency-accounts`, { headers: bearer });
    expect(accounts.status).to.equal(403);
    expect(((await accounts.json()) as { error: { message: string } }).error.message).to.contain('api:billing');
  });

  it('grants no scope the system is not registered for, and refuses an assertion signed with another key', async () => {
    // A scope the system is not registered for is not granted (OAuth ignores it): its token opens no area.
    const wrongScope = await tokenRequest(systemKey, 'api:billing');
    expect(decodeJwt(wrongScope.body.access_token)).not.to.have.property('scope');
    const headers = { authorization: `Bearer ${wrongScope.body.access_token}` };
    expect((await fetch(`${api.url}/api/v1/agency-accounts`, { headers })).status).to.equal(403);
    expect((await fetch(`${api.url}/api/v1/cases?limit=5`, { headers })).status).to.equal(403);
    const { privateKey: stranger } = await generateKeyPair('ES256');
    const forged = await tokenRequest(stranger, 'api:case-register');
    expect(forged.status).to.equal(401);
    expect(forged.body.error).to.equal('invalid_client');
  });

  it('refuses at the API a token signed with keys the provider does not publish', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const fake = await new SignJWT({ client_id: 'pmlp-case-system', agency: 'PMLP', scope: 'api:case-register' })
      .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt' })
      .setIssuer(`${api.url}/oidc`)
      .setAudience(`${api.url}/api`)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);
    const res = await fetch(`${api.url}/api/v1/cases?limit=5`, { headers: { authorization: `Bearer ${fake}` } });
    expect(res.status).to.equal(401);
  });
});
