// Apps at the platform's OpenID Provider (issue 16 §2: mobile and third-party apps): a public client with PKCE asks
// the citizen's consent (Latvian and English), gets DPoP-bound access tokens (RFC 9449: useless with another key or
// as a bearer token) and refresh tokens that rotate (a used one is refused and revokes the grant; one presented with
// another key is refused).
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
  type TestClient,
} from './provider-helpers';

const APP_REDIRECT = 'https://app.example.test/callback';

describe('api/platform/auth/provider: apps (public clients, consent, DPoP, refresh-token rotation)', () => {
  let dataDir: string;
  let api: RunningApi;
  const app: TestClient & { token_endpoint_auth_method: string; client_name: string } = {
    client_id: 'test-app',
    client_secret: '',
    token_endpoint_auth_method: 'none',
    client_name: 'Testa lietotne',
    redirect_uris: [APP_REDIRECT],
    scope: 'openid profile',
  };
  const { client_secret: _none, ...registration } = app;

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-oidc-apps-'));
    api = await providerApi(dataDir, [registration as unknown as TestClient]);
  });
  after(async () => {
    await api?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const token = (key: DeviceKey, form: Record<string, string>) => appToken(api.url, app.client_id, key, form);

  async function userinfo(accessToken: string, scheme: string, key?: DeviceKey) {
    const headers: Record<string, string> = { authorization: `${scheme} ${accessToken}` };
    if (key) headers.dpop = await dpopProof(key, { htm: 'GET', htu: `${api.url}/oidc/me`, accessToken });
    return fetch(`${api.url}/oidc/me`, { headers });
  }

  it('asks consent once, then issues DPoP-bound tokens and rotates refresh tokens', async () => {
    const { browser } = await signedInBrowser(api.url, 'citizen-janis');
    // The first request stops at the consent page, in both languages.
    const first = await authorize(browser, api.url, app);
    expect(first.final.response?.status, first.visited.join('\n')).to.equal(200);
    const html = await first.final.response!.text();
    expect(html).to.contain('Atļaut lietotnei piekļuvi? / Allow the app access?').and.contain('Testa lietotne');
    expect(html).to.contain('Jūsu vārds un uzvārds');
    const form = formOf(html, first.final.url);
    const allowed = await browser.request(form.action, { form: { decision: 'allow' } });
    expect(allowed.status).to.equal(303);
    const back = await followAll(browser, new URL(allowed.headers.get('location')!, form.action).toString(), APP_REDIRECT);
    const code = new URL(back.url).searchParams.get('code')!;
    expect(code, back.visited.join('\n')).to.be.a('string');

    const phone = await deviceKey();
    const issued = await token(phone, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: APP_REDIRECT,
      code_verifier: first.verifier,
    });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(200);
    expect(issued.body.token_type).to.equal('DPoP');
    expect(issued.body.refresh_token).to.be.a('string');

    // The access token works with the phone's key only: not as a bearer token, not with another device's key.
    expect((await userinfo(issued.body.access_token, 'DPoP', phone)).status).to.equal(200);
    expect((await userinfo(issued.body.access_token, 'Bearer')).status).to.equal(401);
    const thief = await deviceKey();
    expect((await userinfo(issued.body.access_token, 'DPoP', thief)).status).to.equal(401);

    // What was allowed is not asked again.
    const second = await authorize(browser, api.url, app);
    expect(second.query.get('code'), second.visited.join('\n')).to.be.a('string');

    // Refresh: a new refresh token each time; the used one and a stolen one with another key are refused.
    expect((await token(thief, { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token })).body.error).to.equal(
      'invalid_grant',
    );
    const refreshed = await token(phone, { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token });
    expect(refreshed.status, JSON.stringify(refreshed.body)).to.equal(200);
    expect(refreshed.body.refresh_token).to.be.a('string').and.not.equal(issued.body.refresh_token);
    const reused = await token(phone, { grant_type: 'refresh_token', refresh_token: issued.body.refresh_token });
    expect(reused.body.error, 'a rotated refresh token is used once').to.equal('invalid_grant');
    const revoked = await token(phone, { grant_type: 'refresh_token', refresh_token: refreshed.body.refresh_token });
    expect(revoked.body.error, 'a reuse revokes the whole grant, the newest refresh token too').to.equal('invalid_grant');
  });

  it('answers access_denied when the citizen does not allow the app', async () => {
    const { browser } = await signedInBrowser(api.url, 'citizen-anna');
    const first = await authorize(browser, api.url, app);
    const form = formOf(await first.final.response!.text(), first.final.url);
    const denied = await browser.request(form.action, { form: { decision: 'deny' } });
    const back = await followAll(browser, new URL(denied.headers.get('location')!, form.action).toString(), APP_REDIRECT);
    expect(new URL(back.url).searchParams.get('error')).to.equal('access_denied');
  });
});
