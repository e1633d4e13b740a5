// The platform as an OpenID Provider (issue 16 §2), full stack over HTTP: discovery and JWKS, single sign-on to the
// demo external portal with the platform session as the sign-in (no sign-in page on the way), prompt=none with and
// without a platform session, PKCE required, the personal code only with its scope, back-channel logout reaching the
// portal when the platform session ends, and key rotation without breaking tokens already issued.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { decodeProtectedHeader } from 'jose';
import { stack } from '../../../setup';
import { sweepExpiredSessions } from '../../../../api/platform/auth/session/browser-session';
import { call } from '../../../helpers/http';
import { TestBrowser } from '../../../simulators/browser';
import { promoteSigningKey, stageSigningKey } from '../../../../api/platform/auth/provider/keys';
import type { RunningApi } from '../../../../api/platform/server';
import {
  authorize,
  exchangeCode,
  followAll,
  providerApi,
  signedInBrowser,
  signOut,
  TEST_REDIRECT,
  verifyWithPublishedKeys,
  type TestClient,
} from './provider-helpers';

const ANNA_CODE = '15038511239';

describe('api/platform/auth/provider: the platform as OpenID Provider', () => {
  const api = () => stack.api.url;
  const portal = () => stack.simulators.urls.externalPortal;
  const service = () => `${portal()}/building-permit`;

  async function portalSession(browser: TestBrowser) {
    return (await (await browser.request(`${portal()}/session`)).json()) as { signedIn: boolean; sub?: string; sid?: string };
  }

  it('publishes its discovery document and JWKS (public keys only)', async () => {
    const res = await fetch(`${api()}/oidc/.well-known/openid-configuration`);
    expect(res.status).to.equal(200);
    const meta = (await res.json()) as Record<string, unknown>;
    expect(meta.issuer).to.equal(`${api()}/oidc`);
    expect(meta.authorization_endpoint).to.equal(`${api()}/oidc/auth`);
    expect(meta.code_challenge_methods_supported).to.deep.equal(['S256']);
    expect(meta.backchannel_logout_supported).to.equal(true);
    expect(meta.backchannel_logout_session_supported).to.equal(true);
    expect(meta.scopes_supported).to.include.members(['openid', 'profile', 'personal_code']);
    expect(meta.response_types_supported).to.deep.equal(['code']);
    const jwks = (await (await fetch(String(meta.jwks_uri))).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).to.have.length.greaterThan(0);
    for (const key of jwks.keys) {
      expect(key).to.include({ kty: 'RSA', use: 'sig' });
      expect(key).to.have.property('kid');
      expect(key, 'no private parts').not.to.have.any.keys('d', 'p', 'q', 'dp', 'dq', 'qi');
    }
  });

  it('lists the registered portals with an e-service page for the UI to link to', async () => {
    const res = await call('GET', '/api/v1/auth/portals');
    expect(res.status).to.equal(200);
    expect(res.body.items).to.deep.equal([
      { clientId: 'building-portal', name: 'Būvniecības portāls / Building portal', serviceUrl: service() },
    ]);
  });

  it('signs a citizen with a platform session in to the portal with no sign-in page on the way', async () => {
    const { browser } = await signedInBrowser(api());
    const result = await followAll(browser, service(), 'never:');
    expect(result.response?.status, result.visited.join('\n')).to.equal(200);
    expect(result.url).to.equal(service());
    const html = await result.response!.text();
    expect(html).to.contain('data-testid="portal-user">Anna');
    expect(html, 'the personal code, with the personal_code scope').to.contain(ANNA_CODE);
    expect(
      result.visited.some((url) => new URL(url).pathname === '/sign-in'),
      'no platform sign-in page',
    ).to.equal(false);
    expect(
      result.visited.some((url) => url.startsWith(stack.simulators.urls.nationalAuth)),
      'no national sign-in',
    ).to.equal(false);
    // The silent attempt came first; without a provider session yet it fell back to a normal request.
    const authRequests = result.visited.filter((url) => url.startsWith(`${api()}/oidc/auth?`));
    expect(new URL(authRequests[0]).searchParams.get('prompt')).to.equal('none');
    // A second visit after the portal's own sign-out: the silent request succeeds at once.
    await browser.request(`${portal()}/logout`, { method: 'POST' });
    const again = await followAll(browser, service(), 'never:');
    expect(again.response?.status).to.equal(200);
    expect(again.visited.filter((url) => url.startsWith(`${api()}/oidc/auth`))).to.have.length(1);
  });

  it('sends a citizen without a platform session to the platform sign-in and back to the portal after it', async () => {
    const browser = new TestBrowser();
    const first = await followAll(browser, service(), `${api()}/sign-in`);
    const signIn = new URL(first.url);
    expect(signIn.pathname).to.equal('/sign-in');
    const returnTo = signIn.searchParams.get('returnTo')!;
    expect(returnTo).to.match(/^\/oidc\/interaction\/[A-Za-z0-9_-]+$/);
    await signedInBrowser(api(), 'citizen-anna', browser);
    const back = await followAll(browser, `${api()}${returnTo}`, 'never:');
    expect(back.response?.status, back.visited.join('\n')).to.equal(200);
    expect(back.url).to.equal(service());
    expect((await portalSession(browser)).sub).to.equal('citizen-anna');
  });

  it('answers the portal on platform sign-out with a back-channel logout token that ends its session', async () => {
    const { browser, csrfToken } = await signedInBrowser(api());
    expect((await followAll(browser, service(), 'never:')).response?.status).to.equal(200);
    expect((await portalSession(browser)).signedIn).to.equal(true);
    await signOut(browser, api(), csrfToken);
    expect((await portalSession(browser)).signedIn, 'the portal session ended').to.equal(false);
    // The provider's session went with it: the portal's next visit lands on the platform's sign-in page.
    const next = await followAll(browser, service(), `${api()}/sign-in`);
    expect(new URL(next.url).pathname).to.equal('/sign-in');
  });

  it('logs the portal out when the platform session ends for inactivity, with nobody there to sign out', async () => {
    const { browser } = await signedInBrowser(api(), 'citizen-janis');
    expect((await followAll(browser, service(), 'never:')).response?.status).to.equal(200);
    expect((await portalSession(browser)).signedIn).to.equal(true);
    await stack.db.pool.query(
      `UPDATE browser_sessions SET idle_expires_at = now() - interval '1 second' WHERE subject = 'citizen-janis' AND ended_at IS NULL`,
    );
    expect(await sweepExpiredSessions(stack.api.deps), 'the sweep ends the idle session').to.be.at.least(1);
    expect((await portalSession(browser)).signedIn, 'the portal session ended').to.equal(false);
    const row = await stack.db.pool.query<{ ended_reason: string }>(
      `SELECT ended_reason FROM browser_sessions WHERE subject = 'citizen-janis' ORDER BY created_at DESC LIMIT 1`,
    );
    expect(row.rows[0].ended_reason).to.equal('idle');
  });

  it('signs out on the platform even when the portal cannot be reached, and counts both outcomes', async () => {
    const { browser, csrfToken } = await signedInBrowser(api());
    expect((await followAll(browser, service(), 'never:')).response?.status).to.equal(200);
    const outage = await fetch(`${portal()}/_faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outage: true }),
    });
    expect(outage.status).to.be.within(200, 299);
    try {
      await signOut(browser, api(), csrfToken);
    } finally {
      await fetch(`${portal()}/_faults`, { method: 'DELETE' });
    }
    const metrics = await (await fetch(`${api()}/metrics`)).text();
    expect(metrics).to.match(/oidc_backchannel_logouts_total\{client="building-portal",outcome="failed"\} [1-9]/);
    expect(metrics).to.match(/oidc_backchannel_logouts_total\{client="building-portal",outcome="delivered"\} [1-9]/);
    expect(metrics).to.match(/oidc_authorizations_total\{client="building-portal",outcome="login_required"\} [1-9]/);
    expect(metrics).to.match(/oidc_authorizations_total\{client="building-portal",outcome="success"\} [1-9]/);
  });

  it('logs out of the portal on "sign out everywhere" from another device', async () => {
    const laptop = await signedInBrowser(api(), 'citizen-janis');
    const phone = await signedInBrowser(api(), 'citizen-janis');
    expect((await followAll(laptop.browser, service(), 'never:')).response?.status).to.equal(200);
    expect((await portalSession(laptop.browser)).signedIn).to.equal(true);
    await signOut(phone.browser, api(), phone.csrfToken, true);
    expect((await portalSession(laptop.browser)).signedIn).to.equal(false);
  });

  it('refuses a forged (unsigned) and a malformed logout token at the portal', async () => {
    const forged = [
      Buffer.from(JSON.stringify({ alg: 'none', typ: 'logout+jwt' })).toString('base64url'),
      Buffer.from(JSON.stringify({ iss: `${api()}/oidc`, sub: 'citizen-anna', iat: Math.floor(Date.now() / 1000) })).toString('base64url'),
      '',
    ].join('.');
    for (const token of [forged, 'not-a-jwt']) {
      const res = await fetch(`${portal()}/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ logout_token: token }),
      });
      expect(res.status).to.equal(400);
    }
    const missing = await fetch(`${portal()}/backchannel-logout`, { method: 'POST' });
    expect(missing.status).to.equal(400);
  });

  describe('with a client of the test own (a second API instance)', () => {
    let dataDir: string;
    let second: RunningApi;
    const client: TestClient = {
      client_id: 'test-rp',
      client_secret: crypto.randomBytes(24).toString('base64url'),
      redirect_uris: [TEST_REDIRECT],
      scope: 'openid profile',
    };

    before(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-oidc-'));
      second = await providerApi(dataDir, [client]);
    });

    after(async () => {
      await second?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('prompt=none: a code with a platform session and a provider session, login_required otherwise', async () => {
      const nobody = await authorize(new TestBrowser(), second.url, client, { prompt: 'none' });
      expect(nobody.query.get('error')).to.equal('login_required');

      const { browser, csrfToken } = await signedInBrowser(second.url);
      const first = await authorize(browser, second.url, client);
      expect(first.query.get('code'), first.visited.join('\n')).to.be.a('string');
      const silent = await authorize(browser, second.url, client, { prompt: 'none' });
      expect(silent.query.get('code'), 'prompt=none with the sessions open').to.be.a('string');

      await signOut(browser, second.url, csrfToken);
      const after = await authorize(browser, second.url, client, { prompt: 'none' });
      expect(after.query.get('error'), 'after the platform sign-out').to.equal('login_required');
    });

    it('answers form_post with a page the platform CSP lets post to the client', async () => {
      const { browser } = await signedInBrowser(second.url);
      const { final } = await authorize(browser, second.url, client, { response_mode: 'form_post' });
      expect(final.response?.status).to.equal(200);
      const csp = final.response!.headers.get('content-security-policy')!;
      expect(csp).to.match(/form-action 'self' https:\/\/rp\.example\.test(;|$)/);
      expect(csp).to.match(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
      const html = await final.response!.text();
      expect(html).to.contain(`action="${TEST_REDIRECT}"`);
      expect(html).to.match(/name="code" value="[^"]+"/);
    });

    it('requires PKCE (S256)', async () => {
      const { browser } = await signedInBrowser(second.url);
      const without = await authorize(browser, second.url, client, { code_challenge: undefined, code_challenge_method: undefined });
      expect(without.query.get('error')).to.equal('invalid_request');
      expect(without.query.get('error_description')).to.match(/PKCE/);
      const plain = await authorize(browser, second.url, client, { code_challenge_method: 'plain' });
      expect(plain.query.get('error')).to.equal('invalid_request');
    });

    it('issues an ID token with sub, name and amr, and no personal code without its scope', async () => {
      const { browser } = await signedInBrowser(second.url);
      const { query, verifier } = await authorize(browser, second.url, client, { scope: 'openid profile' });
      const tokens = await exchangeCode(second.url, client, query.get('code')!, verifier);
      expect(tokens.status).to.equal(200);
      const claims = await verifyWithPublishedKeys(second.url, tokens.body.id_token!, client.client_id);
      expect(claims).to.include({ sub: 'citizen-anna', name: 'Anna Bērziņa' });
      expect(claims.amr, 'the development sign-in').to.deep.equal(['dev']);
      expect(claims).not.to.have.property('personal_code');
      // A scope the client is not registered for is refused, not silently granted.
      const refused = await authorize(browser, second.url, client, { scope: 'openid personal_code' });
      expect(refused.query.get('error')).to.equal('invalid_scope');
    });

    it('rotates signing keys without breaking tokens already issued', async () => {
      const { browser } = await signedInBrowser(second.url);
      const before = await authorize(browser, second.url, client);
      const oldToken = (await exchangeCode(second.url, client, before.query.get('code')!, before.verifier)).body.id_token!;
      const oldKid = decodeProtectedHeader(oldToken).kid;

      // Step 1 (staged): every node publishes the next key while the current one still signs.
      const issuer = `${second.url}/oidc`;
      const staged = stageSigningKey(dataDir);
      await second.close();
      second = await providerApi(dataDir, [client], new URL(issuer).origin);
      const publishedStaged = (await (await fetch(`${second.url}/oidc/jwks`)).json()) as { keys: Array<{ kid: string }> };
      expect(publishedStaged.keys.map((k) => k.kid)).to.deep.equal([oldKid, staged[1].kid]);
      const during = await authorize((await signedInBrowser(second.url)).browser, second.url, client);
      const duringToken = (await exchangeCode(second.url, client, during.query.get('code')!, during.verifier)).body.id_token!;
      expect(decodeProtectedHeader(duringToken).kid, 'a staged key does not sign yet').to.equal(oldKid);

      // Step 2 (promoted): the node restarts with the new key first (another port behind the same public address, so
      // the same issuer); the database keeps every session.
      const keys = promoteSigningKey(dataDir);
      expect(keys.map((k) => k.kid)).to.deep.equal([staged[1].kid, oldKid]);
      await second.close();
      second = await providerApi(dataDir, [client], new URL(issuer).origin);

      const published = (await (await fetch(`${second.url}/oidc/jwks`)).json()) as { keys: Array<{ kid: string }> };
      expect(published.keys.map((k) => k.kid)).to.deep.equal([keys[0].kid, oldKid]);
      const claims = await verifyWithPublishedKeys(second.url, oldToken, client.client_id, issuer);
      expect(claims.sub, 'the token signed before the rotation still verifies').to.equal('citizen-anna');

      const again = await signedInBrowser(second.url);
      const after = await authorize(again.browser, second.url, client);
      const newToken = (await exchangeCode(second.url, client, after.query.get('code')!, after.verifier)).body.id_token!;
      expect(decodeProtectedHeader(newToken).kid, 'the newest key signs').to.equal(keys[0].kid);
    });
  });
});
