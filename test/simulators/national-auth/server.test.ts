// The national sign-in simulator against openid-client, the relying-party library the platform uses: discovery, the
// code flow with PKCE driven over HTTP through the sign-in page, the ID token's claims, logout, and the refusals.
import crypto, { type webcrypto } from 'node:crypto';
import { expect } from 'chai';
import * as oidc from 'openid-client';
import { startNationalAuthSimulator } from '../../../simulators/national-auth/server';
import { subjectOf } from '../../../simulators/national-auth/accounts';
import { ANNA_CODE, JANIS_CODE } from '../../../simulators/population-register/data';
import type { RunningSimulator } from '../../../simulators/app';
import { TestBrowser, formOf } from '../browser';

const CALLBACK = 'http://rp.test/callback';
const LOGGED_OUT = 'http://rp.test/logged-out';
const SECRET = 'test-client-secret-0123456789';
const HIGH = 'http://eidas.europa.eu/LoA/high';
const SUBSTANTIAL = 'http://eidas.europa.eu/LoA/substantial';

describe('simulators/national-auth', () => {
  let sim: RunningSimulator;
  let keyClient: webcrypto.CryptoKeyPair;

  before(async () => {
    keyClient = (await crypto.subtle.generateKey(
      { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
      true,
      ['sign', 'verify'],
    )) as webcrypto.CryptoKeyPair;
    const publicJwk = await crypto.subtle.exportKey('jwk', keyClient.publicKey);
    sim = await startNationalAuthSimulator({
      clients: [
        { client_id: 'portal', client_secret: SECRET, redirect_uris: [CALLBACK], post_logout_redirect_uris: [LOGGED_OUT] },
        {
          client_id: 'keyed-portal',
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [{ ...publicJwk, kid: 'k1', alg: 'RS256', use: 'sig' }] },
          redirect_uris: [CALLBACK],
        },
      ],
    });
  });
  after(() => sim.close());

  const discover = (clientId = 'portal', auth: oidc.ClientAuth = oidc.ClientSecretBasic(SECRET)) =>
    oidc.discovery(new URL(sim.url), clientId, undefined, auth, {
      execute: [oidc.allowInsecureRequests, oidc.enableNonRepudiationChecks],
    });

  interface Checks {
    verifier: string;
    state: string;
    nonce: string;
  }
  async function authorizationUrl(config: oidc.Configuration, extra: Record<string, string> = {}) {
    const checks: Checks = { verifier: oidc.randomPKCECodeVerifier(), state: oidc.randomState(), nonce: oidc.randomNonce() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: CALLBACK,
      scope: 'openid profile',
      code_challenge: await oidc.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
      ...extra,
    });
    return { url, checks };
  }

  /** GET the authorization URL, fill the sign-in page, follow to the callback; returns the callback URL. */
  async function signIn(browser: TestBrowser, url: URL, choice: { person?: string; method?: string } = {}) {
    const page = await browser.follow(url, CALLBACK);
    expect(page.response?.status, 'the sign-in page').to.equal(200);
    const html = await page.response!.text();
    const form = formOf(html, page.url);
    const posted = await browser.request(form.action, {
      form: {
        ...form.fields,
        ...(choice.person ? { person: choice.person } : {}),
        ...(choice.method ? { method: choice.method } : {}),
        action: 'sign-in',
      },
    });
    expect(posted.status, await posted.clone().text()).to.be.within(300, 399);
    const done = await browser.follow(new URL(posted.headers.get('location')!, form.action), CALLBACK);
    expect(done.response, `stopped at ${done.url}`).to.equal(undefined);
    return new URL(done.url);
  }

  it('publishes its discovery document: code flow, S256, eIDAS acr values, the personal code claim', async () => {
    const config = await discover();
    const meta = config.serverMetadata();
    expect(meta.issuer).to.equal(sim.url);
    expect(meta.response_types_supported).to.deep.equal(['code']);
    expect(meta.code_challenge_methods_supported).to.deep.equal(['S256']);
    expect(meta.acr_values_supported).to.have.members([HIGH, SUBSTANTIAL]);
    expect(meta.claims_supported).to.include.members(['sub', 'personal_code', 'given_name', 'family_name', 'birthdate', 'acr', 'amr']);
    expect(meta.end_session_endpoint).to.be.a('string');
  });

  it('signs a person in through the page: code + PKCE, state and nonce, a signed ID token with the claims and acr', async () => {
    const config = await discover();
    const { url, checks } = await authorizationUrl(config, { login_hint: '150385-11239' });
    const browser = new TestBrowser();
    const page = await browser.follow(url, CALLBACK);
    const html = await page.response!.text();
    expect(html).to.match(/<html lang="lv">/);
    expect(html).to.match(/<h1>[^<]+<\/h1>/);
    expect(html).to.match(/<label for="person">/);
    expect(html).to.match(/<button type="submit"[^>]*>Pieslēgties \/ Sign in<\/button>/);
    expect(formOf(html, page.url).fields.person, 'login_hint preselects the person').to.equal(ANNA_CODE);

    const form = formOf(html, page.url);
    const posted = await browser.request(form.action, { form: { ...form.fields, method: 'eid-card', action: 'sign-in' } });
    const callback = new URL((await browser.follow(new URL(posted.headers.get('location')!, form.action), CALLBACK)).url);
    expect(callback.searchParams.get('state')).to.equal(checks.state);

    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
    });
    const claims = tokens.claims()!;
    expect(claims).to.include({
      iss: sim.url,
      aud: 'portal',
      sub: subjectOf(ANNA_CODE),
      personal_code: ANNA_CODE,
      given_name: 'Anna',
      family_name: 'Bērziņa',
      birthdate: '1985-03-15',
      acr: HIGH,
      nonce: checks.nonce,
    });
    expect(claims.amr).to.deep.equal(['eid-card', 'sc', 'pin', 'mfa']);
    expect(claims.sub).to.not.contain(ANNA_CODE);
  });

  it('gives bank authentication the substantial level, the same sub for the same person, and a code only once', async () => {
    const config = await discover();
    const first = await authorizationUrl(config);
    const callback = await signIn(new TestBrowser(), first.url, { person: JANIS_CODE, method: 'bank' });
    const claims = (
      await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: first.checks.verifier,
        expectedState: first.checks.state,
        expectedNonce: first.checks.nonce,
      })
    ).claims()!;
    expect(claims).to.include({ acr: SUBSTANTIAL, personal_code: JANIS_CODE, given_name: 'Jānis', sub: subjectOf(JANIS_CODE) });
    expect((claims.amr as string[])[0]).to.equal('bank');

    const again = await oidc
      .authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: first.checks.verifier,
        expectedState: first.checks.state,
        expectedNonce: first.checks.nonce,
      })
      .then(
        () => null,
        (err: { error?: string }) => err.error,
      );
    expect(again, 'a code is good for one exchange').to.equal('invalid_grant');
  });

  it('offers only the methods that reach the acr_values asked for, and refuses a lower one', async () => {
    const config = await discover();
    const { url } = await authorizationUrl(config, { acr_values: HIGH });
    const browser = new TestBrowser();
    const page = await browser.follow(url, CALLBACK);
    const html = await page.response!.text();
    expect(html).to.contain('value="eid-card"').and.contain('value="eparaksts-mobile"').and.not.contain('value="bank"');
    const form = formOf(html, page.url);
    const refused = await browser.request(form.action, { form: { ...form.fields, method: 'bank', action: 'sign-in' } });
    expect(refused.status).to.equal(400);
    expect(await refused.text()).to.contain('role="alert"');
  });

  it('signs a client in with private_key_jwt', async () => {
    const config = await discover('keyed-portal', oidc.PrivateKeyJwt({ key: keyClient.privateKey, kid: 'k1' }));
    const { url, checks } = await authorizationUrl(config);
    const callback = await signIn(new TestBrowser(), url, { person: ANNA_CODE, method: 'eparaksts-mobile' });
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: checks.verifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
    });
    expect(tokens.claims()).to.include({ personal_code: ANNA_CODE, acr: HIGH });
  });

  it('is refused by the client when the state or the nonce is not the one sent', async () => {
    const config = await discover();
    for (const wrong of ['state', 'nonce'] as const) {
      const { url, checks } = await authorizationUrl(config);
      const callback = await signIn(new TestBrowser(), url, { person: ANNA_CODE, method: 'eid-card' });
      const failure = await oidc
        .authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: checks.verifier,
          expectedState: wrong === 'state' ? oidc.randomState() : checks.state,
          expectedNonce: wrong === 'nonce' ? oidc.randomNonce() : checks.nonce,
        })
        .then(
          () => null,
          (err: Error) => err,
        );
      expect(`${failure?.message}: ${(failure?.cause as Error | undefined)?.message}`, wrong).to.match(
        wrong === 'state' ? /"state"/ : /"nonce"/,
      );
    }
  });

  it('refuses an authorization request without a PKCE challenge', async () => {
    const config = await discover();
    const url = oidc.buildAuthorizationUrl(config, { redirect_uri: CALLBACK, scope: 'openid', state: 's1', nonce: 'n1' });
    const response = await new TestBrowser().request(url);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).to.equal(CALLBACK);
    expect(location.searchParams.get('error')).to.equal('invalid_request');
    expect(location.searchParams.get('error_description')).to.match(/code_challenge|PKCE/i);
    expect(location.searchParams.has('code')).to.equal(false);
  });

  it('refuses a redirect_uri that is not registered, without redirecting to it', async () => {
    const config = await discover();
    const { url } = await authorizationUrl(config, { redirect_uri: 'http://attacker.test/callback' });
    const response = await new TestBrowser().request(url);
    expect(response.status).to.equal(400);
    expect(response.headers.get('location')).to.equal(null);
    const html = await response.text();
    expect(html)
      .to.match(/<html lang="lv">/)
      .and.contain('redirect_uri');
  });

  it('has its ID token rejected when the signature or the signed content is tampered with', async () => {
    for (const tamper of ['signature', 'payload'] as const) {
      const config = await discover();
      config[oidc.customFetch] = async (url, options) => {
        const response = await fetch(url, options);
        if (!url.endsWith('/token')) return response;
        const body = (await response.json()) as { id_token: string };
        const [header, payload, signature] = body.id_token.split('.');
        if (tamper === 'signature') {
          const bytes = Buffer.from(signature, 'base64url');
          bytes[0] ^= 0xff;
          body.id_token = [header, payload, bytes.toString('base64url')].join('.');
        } else {
          const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
          claims.personal_code = JANIS_CODE;
          body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
        }
        return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
      };
      const { url, checks } = await authorizationUrl(config);
      const callback = await signIn(new TestBrowser(), url, { person: ANNA_CODE, method: 'eid-card' });
      const failure = await oidc
        .authorizationCodeGrant(config, callback, {
          pkceCodeVerifier: checks.verifier,
          expectedState: checks.state,
          expectedNonce: checks.nonce,
        })
        .then(
          () => null,
          (err: Error) => err,
        );
      expect(`${failure?.message}: ${(failure?.cause as Error | undefined)?.message}`, tamper).to.match(/signature/i);
    }
  });

  it('keeps the session for a silent sign-in and ends it on RP-initiated logout', async () => {
    const config = await discover();
    const browser = new TestBrowser();
    const first = await authorizationUrl(config);
    const callback = await signIn(browser, first.url, { person: ANNA_CODE, method: 'eid-card' });
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: first.checks.verifier,
      expectedState: first.checks.state,
      expectedNonce: first.checks.nonce,
    });

    const silent = async () => {
      const { url } = await authorizationUrl(config, { prompt: 'none' });
      return new URL((await browser.follow(url, CALLBACK)).url).searchParams;
    };
    expect((await silent()).has('code'), 'signed in: prompt=none answers with a code').to.equal(true);

    const endSession = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: LOGGED_OUT,
      state: 'bye',
    });
    const page = await browser.follow(endSession, LOGGED_OUT);
    const html = await page.response!.text();
    expect(html)
      .to.match(/<html lang="lv">/)
      .and.contain('form="op.logoutForm"');
    const form = formOf(html, page.url, 'op.logoutForm');
    const confirmed = await browser.request(form.action, { form: { ...form.fields, logout: 'yes' } });
    const after = await browser.follow(new URL(confirmed.headers.get('location')!, form.action), LOGGED_OUT);
    const back = new URL(after.url);
    expect(back.origin + back.pathname).to.equal(LOGGED_OUT);
    expect(back.searchParams.get('state')).to.equal('bye');

    expect((await silent()).get('error'), 'signed out: prompt=none needs a login').to.equal('login_required');
  });

  it('answers 503 everywhere under a simulated outage', async () => {
    await fetch(`${sim.url}/_faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"outage":true}' });
    try {
      expect((await fetch(`${sim.url}/.well-known/openid-configuration`)).status).to.equal(503);
    } finally {
      await fetch(`${sim.url}/_faults`, { method: 'DELETE' });
    }
    expect((await fetch(`${sim.url}/.well-known/openid-configuration`)).status).to.equal(200);
  });
});
