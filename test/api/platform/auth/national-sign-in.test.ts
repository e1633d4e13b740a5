// Citizens sign in through the national sign-in service: the platform as relying party of the simulator
// (simulators/national-auth), driven over HTTP with the cookie-keeping browser helper. The whole flow (start →
// provider's page → callback → a server-side session in an httpOnly cookie), and each refusal: a wrong state, a
// replayed callback, a denied sign-in, and the provider down.
import { expect } from 'chai';
import { createClient, type RedisClientType } from 'redis';
import { redisOneTimeStore } from '../../../../api/platform/auth/one-time-store';
import { stack } from '../../../setup';
import { call, errorOf } from '../../../helpers/http';
import { TestBrowser, formOf } from '../../../simulators/browser';
import { startApi, type RunningApi } from '../../../../api/platform/server';
import { ANNA_CODE, JANIS_CODE } from '../../../../simulators/population-register/data';

const HIGH = 'http://eidas.europa.eu/LoA/high';
const SUBSTANTIAL = 'http://eidas.europa.eu/LoA/substantial';

async function setOutage(outage: boolean) {
  const res = await fetch(
    `${stack.simulators.urls.nationalAuth}/_faults`,
    outage
      ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outage: true }) }
      : { method: 'DELETE' },
  );
  expect(res.status).to.be.within(200, 299);
}

describe('api/platform/auth: national sign-in (relying party of the national sign-in service)', () => {
  const api = () => stack.api.url;
  const callbackPrefix = () => `${api()}/api/v1/auth/national/callback`;

  /** From /start to the provider's sign-in page; returns the page's form. */
  async function openProviderPage(browser: TestBrowser, query = '') {
    const started = await browser.request(`${api()}/api/v1/auth/national/start${query}`);
    expect(started.status, 'start redirects to the provider').to.equal(302);
    const location = started.headers.get('location')!;
    expect(location.startsWith(stack.simulators.urls.nationalAuth), location).to.equal(true);
    const cookie = started.headers.getSetCookie().find((c) => c.startsWith('sdp_national_sign_in='));
    expect(cookie, 'the pending sign-in cookie')
      .to.match(/HttpOnly/i)
      .and.match(/SameSite=Lax/i)
      .and.match(/Path=\/api\/v1\/auth\/national/);
    const page = await browser.follow(location, callbackPrefix());
    expect(page.response?.status, 'the provider sign-in page').to.equal(200);
    return { authorizeUrl: new URL(location), form: formOf(await page.response!.text(), page.url) };
  }

  /** Submits the provider's page (sign in or cancel) and follows it back to the platform's callback (not fetched). */
  async function submitProviderPage(browser: TestBrowser, form: ReturnType<typeof formOf>, fields: Record<string, string>) {
    const posted = await browser.request(form.action, { form: { ...form.fields, ...fields } });
    expect(posted.status).to.be.within(300, 399);
    const back = await browser.follow(new URL(posted.headers.get('location')!, form.action), callbackPrefix());
    expect(back.response, `stopped at ${back.url}`).to.equal(undefined);
    return back.url;
  }

  /** GETs the callback with the browser's cookie; returns where the platform sends the browser. */
  async function callback(browser: TestBrowser, url: string) {
    const res = await browser.request(url);
    expect(res.status, await res.clone().text()).to.equal(302);
    return new URL(res.headers.get('location')!, api());
  }

  async function signIn(person: string, method: string, query = '') {
    const browser = new TestBrowser();
    const { authorizeUrl, form } = await openProviderPage(browser, query);
    const callbackUrl = await submitProviderPage(browser, form, { person, method, action: 'sign-in' });
    const landed = await callback(browser, callbackUrl);
    return { browser, authorizeUrl, callbackUrl, landed };
  }

  it('signs Anna in with the eID card: code + PKCE, a server-side session, her principal with acr and method', async () => {
    const { browser, authorizeUrl, landed } = await signIn(ANNA_CODE, 'eid-card', '?returnTo=%2Fcases');
    expect(authorizeUrl.searchParams.get('code_challenge_method')).to.equal('S256');
    expect(authorizeUrl.searchParams.get('response_type')).to.equal('code');
    for (const param of ['state', 'nonce', 'code_challenge']) expect(authorizeUrl.searchParams.get(param), param).to.have.length.above(20);
    expect(authorizeUrl.searchParams.get('redirect_uri')).to.equal(callbackPrefix());
    expect(landed.pathname, 'nothing secret travels in a URL: the session is a cookie').to.equal('/signed-in');
    expect(landed.searchParams.get('returnTo')).to.equal('/cases');
    expect([...landed.searchParams.keys()]).to.deep.equal(['returnTo']);

    const session = await browser.request(`${api()}/api/v1/auth/session`);
    const body = (await session.json()) as { signedIn: boolean; principal: Record<string, unknown>; csrfToken: string };
    expect(body.signedIn).to.equal(true);
    expect(body.principal).to.deep.include({
      name: 'Anna Bērziņa',
      roles: ['citizen'],
      person: { type: 'natural', id: ANNA_CODE },
      acr: HIGH,
      authMethod: 'eid-card',
    });
    expect(body.principal.sub).to.match(/^national:/);
    const applications = await browser.request(`${api()}/api/v1/me/applications`);
    expect(applications.status, 'the session works on the citizen routes').to.equal(200);

    const audited = await stack.db.pool.query<{ actor_id: string; subject_id: string; details: Record<string, string> }>(
      `SELECT actor_id, subject_id, details FROM audit_log WHERE resource = 'auth/national' AND actor_id = $1`,
      [body.principal.sub],
    );
    expect(audited.rows.map((r) => ({ subject: r.subject_id, ...r.details }))).to.deep.include({
      subject: ANNA_CODE,
      acr: HIGH,
      method: 'eid-card',
    });
  });

  it('asks for a minimum level of assurance: acr=substantial admits the bank, recorded as substantial', async () => {
    const { browser, authorizeUrl, landed } = await signIn(JANIS_CODE, 'bank', `?acr=${encodeURIComponent(SUBSTANTIAL)}`);
    expect(authorizeUrl.searchParams.get('acr_values')).to.equal(SUBSTANTIAL);
    const session = (await (await browser.request(`${api()}/api/v1/auth/session`)).json()) as { principal: Record<string, unknown> };
    expect(session.principal).to.deep.include({ name: 'Jānis Kalniņš', acr: SUBSTANTIAL, authMethod: 'bank' });
    expect(landed.search, 'no returnTo: the home page').to.equal('');
  });

  it('refuses a returnTo that leaves the site, and an unknown acr, before anything starts', async () => {
    for (const query of [
      '?returnTo=https%3A%2F%2Fevil.example%2F',
      '?returnTo=%2F%2Fevil.example',
      '?returnTo=%2F%5Cevil.example',
      '?acr=low',
    ]) {
      const res = await call('GET', `/api/v1/auth/national/start${query}`);
      expect(res.status, query).to.equal(400);
      expect(errorOf(res).code, query).to.equal('validation_failed');
    }
  });

  it('sends a callback with a wrong state, without the browser cookie, or replayed, back to the sign-in page (expired)', async () => {
    const browser = new TestBrowser();
    const { form } = await openProviderPage(browser);
    const callbackUrl = new URL(await submitProviderPage(browser, form, { person: ANNA_CODE, method: 'eid-card', action: 'sign-in' }));
    const forged = new URL(callbackUrl);
    forged.searchParams.set('state', 'not-the-state-this-browser-was-given');
    expect((await callback(browser, forged.href)).href).to.equal(`${api()}/sign-in?error=expired`);

    const signedIn = await signIn(ANNA_CODE, 'eid-card');
    expect(signedIn.landed.pathname).to.equal('/signed-in');
    expect((await callback(signedIn.browser, signedIn.callbackUrl)).href, 'the same callback again').to.equal(
      `${api()}/sign-in?error=expired`,
    );
    expect((await callback(new TestBrowser(), signedIn.callbackUrl)).href, 'another browser').to.equal(`${api()}/sign-in?error=expired`);
  });

  it('sends a cancelled sign-in back to the sign-in page (denied)', async () => {
    const browser = new TestBrowser();
    const { form } = await openProviderPage(browser);
    const callbackUrl = await submitProviderPage(browser, form, { action: 'cancel' });
    expect(new URL(callbackUrl).searchParams.get('error')).to.equal('access_denied');
    expect((await callback(browser, callbackUrl)).href).to.equal(`${api()}/sign-in?error=denied`);
  });

  it('with the provider down at the callback, sends the browser to the sign-in page with a retryable reason (unavailable)', async () => {
    const browser = new TestBrowser();
    const { form } = await openProviderPage(browser);
    const callbackUrl = await submitProviderPage(browser, form, { person: ANNA_CODE, method: 'eid-card', action: 'sign-in' });
    await setOutage(true);
    try {
      expect((await callback(browser, callbackUrl)).href).to.equal(`${api()}/sign-in?error=unavailable`);
    } finally {
      await setOutage(false);
    }
  });

  describe('with the provider down before its metadata is known', () => {
    let fresh: RunningApi;
    before(async () => {
      fresh = await startApi(stack.config, { db: stack.appDb, adapters: stack.adapters });
    });
    after(() => fresh.close());

    it('answers the API call 503 in the one error shape with Retry-After, a browser a page, and tries again later', async () => {
      await setOutage(true);
      try {
        const asApi = await fetch(`${fresh.url}/api/v1/auth/national/start`, {
          redirect: 'manual',
          headers: { accept: 'application/json' },
        });
        expect(asApi.status).to.equal(503);
        expect(asApi.headers.get('retry-after')).to.equal('30');
        expect(errorOf({ status: 503, body: await asApi.json(), headers: asApi.headers }).code).to.equal('national_sign_in_unavailable');
        const asPage = await fetch(`${fresh.url}/api/v1/auth/national/start`, { redirect: 'manual', headers: { accept: 'text/html' } });
        expect(asPage.status).to.equal(302);
        expect(asPage.headers.get('location')).to.equal('/sign-in?error=unavailable');
      } finally {
        await setOutage(false);
      }
      const recovered = await fetch(`${fresh.url}/api/v1/auth/national/start`, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(recovered.status, 'a failed discovery is not cached').to.equal(302);
      expect(recovered.headers.get('location')!.startsWith(stack.simulators.urls.nationalAuth)).to.equal(true);
    });
  });

  describe('the one-time store in Redis (several API nodes, REDIS_URL)', () => {
    let redis: RedisClientType;
    before(async () => {
      redis = createClient({ url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
      await redis.connect();
    });
    after(() => redis.quit());

    it('keeps a value under the deployment prefix with its time to live, and gives it once', async () => {
      const prefix = `sdp:test-${Date.now().toString(36)}`;
      const store = redisOneTimeStore(redis, prefix);
      await store.put('k1', { state: 's' }, 600);
      const ttl = await redis.ttl(`${prefix}:sign-in:k1`);
      expect(ttl).to.be.within(590, 600);
      expect(await store.take('k1')).to.deep.equal({ state: 's' });
      expect(await store.take('k1'), 'single use').to.equal(undefined);
      expect(await redis.exists(`${prefix}:sign-in:k1`)).to.equal(0);
    });
  });

  it('counts sign-ins per provider, method and outcome in /metrics', async () => {
    const metrics = await fetch(`${api()}/metrics`);
    const text = await metrics.text();
    expect(text).to.match(/sign_ins_total\{provider="national",method="eid-card",outcome="success"\} [1-9]/);
    expect(text).to.match(/sign_ins_total\{provider="national",method="unknown",outcome="denied"\} [1-9]/);
  });
});
