// An agency's information system reads a person's contacts with its client-credentials token (private_key_jwt at the
// platform's OpenID Provider) carrying the `api:person-data` scope; a token without that scope is refused (403), and
// the read is audited as the system's, of its agency, with the purpose and legal basis it stated.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import '../../setup';
import type { RunningApi } from '../../../api/platform/server';
import { providerApi, type TestClient } from '../platform/auth/provider-helpers';
import { auditOf } from '../../helpers/audit';

const SYSTEM = 'vsaa-benefits-system';

describe('api/agency: person data with an agency system’s client-credentials token', () => {
  let dataDir: string;
  let api: RunningApi;
  let key: KeyLike;

  before(async () => {
    const pair = await generateKeyPair('ES256');
    key = pair.privateKey;
    const system = {
      client_id: SYSTEM,
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'ES256',
      jwks: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'vsaa-1', use: 'sig', alg: 'ES256' }] },
      agency: 'vsaa',
      scope: 'api:person-data api:case-register',
    };
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-person-data-'));
    api = await providerApi(dataDir, [system as unknown as TestClient]);
  });
  after(async () => {
    await api?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function token(scope: string): Promise<string> {
    const assertion = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: 'vsaa-1' })
      .setIssuer(SYSTEM)
      .setSubject(SYSTEM)
      .setAudience(`${api.url}/oidc/token`)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(key);
    const res = await fetch(`${api.url}/oidc/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
    });
    const body = (await res.json()) as Record<string, string>;
    expect(res.status, JSON.stringify(body)).to.equal(200);
    return body.access_token;
  }

  it('reads with the api:person-data scope (audited), and is refused without it', async () => {
    const requestId = `person-data-${crypto.randomUUID()}`;
    const query = '?purpose=benefit-payment&legalBasis=Valsts%20soci%C4%81lo%20pabalstu%20likums';
    const allowed = await fetch(`${api.url}/api/v1/agency/persons/15038511239/contacts${query}`, {
      headers: { authorization: `Bearer ${await token('api:person-data')}`, 'x-request-id': requestId },
    });
    expect(allowed.status, await allowed.clone().text()).to.equal(200);
    const [row] = await auditOf(requestId);
    expect(row).to.include({
      actor_type: 'system',
      actor_id: SYSTEM,
      actor_agency: 'vsaa',
      subject_id: '15038511239',
      purpose: 'benefit-payment',
    });
    expect(row.details).to.deep.equal({ legalBasis: 'Valsts sociālo pabalstu likums', role: 'agency-system' });

    const refused = await fetch(`${api.url}/api/v1/agency/persons/15038511239/contacts${query}`, {
      headers: { authorization: `Bearer ${await token('api:case-register')}` },
    });
    expect(refused.status).to.equal(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).to.contain('api:person-data');
  });
});
