// The platform's API as a DPoP resource server for apps (issue 16 §2, RFC 9449 §7): an app the citizen allowed gets,
// for resource=PUBLIC_URL/api, an access token bound to its device key; the API acts as that citizen in the token's
// API areas only. A stolen token is useless: as a bearer token, with another device's key, with a replayed, stale or
// mismatched proof; a token for the provider's userinfo is not one for the API; revoking the app ends it at once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import '../../../setup';
import { formOf } from '../../../simulators/browser';
import type { RunningApi } from '../../../../api/platform/server';
import {
  appToken,
  authorize,
  deviceKey,
  dpopProof,
  followAll,
  providerApi,
  signedInBrowser,
  type DeviceKey,
  type ProofClaims,
  type TestClient,
} from './provider-helpers';

const APP_REDIRECT = 'https://app.example.test/callback';

describe('api/platform/auth/provider: apps call the API with DPoP-bound tokens (RFC 9449)', () => {
  let dataDir: string;
  let api: RunningApi;
  const app: TestClient & { token_endpoint_auth_method: string; client_name: string } = {
    client_id: 'test-api-app',
    client_secret: '',
    token_endpoint_auth_method: 'none',
    client_name: 'API lietotne',
    redirect_uris: [APP_REDIRECT],
    scope: 'openid profile api:citizen api:e-services',
  };
  const { client_secret: _none, ...registration } = app;
  const resource = () => `${api.url}/api`;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-oidc-app-api-'));
    api = await providerApi(dataDir, [registration as unknown as TestClient]);
  });
  after(async () => {
    await api?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const token = (key: DeviceKey, form: Record<string, string>) => appToken(api.url, app.client_id, key, form);

  /** An API request with the app's token; `dpop` overrides the proof (undefined: none). */
  async function call(
    pathAndQuery: string,
    accessToken: string,
    key: DeviceKey | null,
    overrides: Partial<ProofClaims> = {},
    scheme = 'DPoP',
  ) {
    const url = `${api.url}${pathAndQuery}`;
    const headers: Record<string, string> = { authorization: `${scheme} ${accessToken}` };
    if (key) headers.dpop = await dpopProof(key, { htm: 'GET', htu: url.split('?')[0], accessToken, ...overrides });
    const res = await fetch(url, { headers });
    return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (await res.json()) as Record<string, any> };
  }

  /** The citizen allows the app (consent in both languages) and the phone gets tokens for `requested` (a resource or none). */
  async function allowedApp(persona: string, phone: DeviceKey, requested: { resource?: string; scope: string }) {
    const signedIn = await signedInBrowser(api.url, persona);
    const first = await authorize(signedIn.browser, api.url, app, { scope: requested.scope, resource: requested.resource });
    let back = first.query;
    if (!back.get('code')) {
      const html = await first.final.response!.text();
      const form = formOf(html, first.final.url);
      const allowed = await signedIn.browser.request(form.action, { form: { decision: 'allow' } });
      const hops = await followAll(signedIn.browser, new URL(allowed.headers.get('location')!, form.action).toString(), APP_REDIRECT);
      back = new URL(hops.url).searchParams;
      Object.assign(signedIn, { consentPage: html });
    }
    const issued = await token(phone, {
      grant_type: 'authorization_code',
      code: back.get('code')!,
      redirect_uri: APP_REDIRECT,
      code_verifier: first.verifier,
    });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(200);
    expect(issued.body.token_type).to.equal('DPoP');
    return { ...signedIn, issued: issued.body, consentPage: (signedIn as { consentPage?: string }).consentPage };
  }

  it('acts as the citizen in the allowed API areas, with the device key only', async () => {
    const phone = await deviceKey();
    const janis = await allowedApp('citizen-janis', phone, { resource: resource(), scope: 'openid api:citizen api:e-services' });
    expect(janis.consentPage, 'the consent page names the API areas').to.contain('Skatīt jūsu lietas, pieteikumus un rēķinus');
    expect(janis.consentPage).to.contain('Fill in and submit e-service applications in your name');
    const accessToken = janis.issued.access_token;

    // The same answer the citizen's own browser session gets.
    const viaApp = await call('/api/v1/me/applications', accessToken, phone);
    expect(viaApp.status, JSON.stringify(viaApp.body)).to.equal(200);
    const viaSession = await janis.browser.request(`${api.url}/api/v1/me/applications`);
    expect(viaApp.body).to.deep.equal(await viaSession.json());
    expect((await call('/api/v1/me/cases?limit=5', accessToken, phone)).status).to.equal(200);

    // A stolen token: as a bearer token, with another device's key.
    const asBearer = await call('/api/v1/me/applications', accessToken, null, {}, 'Bearer');
    expect(asBearer.status).to.equal(401);
    const thief = await deviceKey();
    const stolen = await call('/api/v1/me/applications', accessToken, thief);
    expect(stolen.status).to.equal(401);
    expect(stolen.body.error.code).to.equal('invalid_token');
    expect(stolen.challenge).to.match(/^DPoP error="invalid_token"/);
    expect((await call('/api/v1/me/applications', accessToken, null)).status, 'no proof').to.equal(401);

    // A proof is for one request, once, now.
    const jti = crypto.randomUUID();
    expect((await call('/api/v1/me/applications', accessToken, phone, { jti })).status).to.equal(200);
    const replayed = await call('/api/v1/me/applications', accessToken, phone, { jti });
    expect(replayed.status).to.equal(401);
    expect(replayed.body.error.code).to.equal('invalid_dpop_proof');
    expect(replayed.challenge).to.match(/^DPoP error="invalid_dpop_proof", algs="ES256/);
    expect((await call('/api/v1/me/applications', accessToken, phone, { htm: 'POST' })).status, 'htm').to.equal(401);
    expect((await call('/api/v1/me/applications', accessToken, phone, { htu: `${api.url}/api/v1/me/cases` })).status, 'htu').to.equal(401);
    expect((await call('/api/v1/me/applications', accessToken, phone, { age: 600 })).status, 'stale iat').to.equal(401);
    const otherToken = await call('/api/v1/me/applications', accessToken, phone, { accessToken: 'another-token' });
    expect(otherToken.status, 'ath').to.equal(401);

    // The citizen only, in the allowed areas only.
    const delegations = await call('/api/v1/me/delegations', accessToken, phone);
    expect(delegations.status, 'an area outside the scopes').to.equal(403);
    expect(delegations.body.error.message).to.contain('api:delegations');
    expect((await call('/api/v1/tasks', accessToken, phone)).status, 'an officer route').to.equal(403);

    // Refreshed tokens keep the resource and the binding.
    const refreshed = await token(phone, { grant_type: 'refresh_token', refresh_token: janis.issued.refresh_token });
    expect(refreshed.status, JSON.stringify(refreshed.body)).to.equal(200);
    expect((await call('/api/v1/me/applications', refreshed.body.access_token, phone)).status).to.equal(200);

    // Revoking the app in "Apps you allowed" ends its access at the next request.
    const revoked = await janis.browser.request(`${api.url}/api/v1/me/apps/${app.client_id}`, {
      method: 'DELETE',
      headers: { 'x-csrf-token': janis.csrfToken },
    });
    expect(revoked.status).to.equal(204);
    const after = await call('/api/v1/me/applications', refreshed.body.access_token, phone);
    expect(after.status).to.equal(401);
    expect(after.body.error.code).to.equal('invalid_token');
  });

  it('refuses a token issued for the userinfo endpoint rather than the API', async () => {
    const phone = await deviceKey();
    const anna = await allowedApp('citizen-anna', phone, { scope: 'openid profile' });
    const res = await call('/api/v1/me/applications', anna.issued.access_token, phone);
    expect(res.status).to.equal(401);
    expect(res.body.error.message).to.contain('not issued for this API');
  });
});
