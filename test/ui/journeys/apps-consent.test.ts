// Journey: a citizen allows an app and revokes it (issue 16 §2). Līga, signed in to the platform, is sent by the demo
// mobile app to the platform's authorization endpoint (code flow with PKCE, the app's loopback redirect URI); she
// sees the consent page, allows, and the app gets its code (the redirect URI is answered by the test in place of the
// app). She opens "Apps you allowed" from the navigation, sees the app, revokes it after a confirmation, and sees the
// empty list; the app's refresh token fails from then on. Once in Latvian, once in English (the consent page is in
// both languages at once); axe checks every page, the consent page and the app's page included.
import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';
import { appToken, deviceKey, pkce } from '../../api/platform/auth/provider-helpers';
import { DEMO_APP_CLIENT_ID } from '../../../scripts/seed/demo-app';

const PERSONA = 'citizen-liga';
const APP_NAME = 'Latvija.lv mobilā lietotne (demo)';
// The app listens on a loopback port of its own choosing (RFC 8252 §7.3); here the test answers in its place.
const REDIRECT = 'http://127.0.0.1:49153/callback';
const APP_PAGE = `<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>Demo lietotne</title></head>
<body><main><h1>Lietotne saņēma atļauju / The app was allowed</h1></main></body></html>`;

const TEXTS = {
  lv: { nav: 'Atļautās lietotnes', revoke: 'Atsaukt', confirm: 'Jā, atsaukt', none: 'Jūs neesat atļāvuši piekļuvi nevienai lietotnei.' },
  en: { nav: 'Apps you allowed', revoke: 'Revoke', confirm: 'Yes, revoke', none: 'You have not allowed any app.' },
};

describe('journey: a citizen allows an app and revokes it', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    await page.route(
      (url) => url.origin === new URL(REDIRECT).origin && url.pathname === '/callback',
      (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: APP_PAGE }),
    );
  });
  after(async () => {
    await browser?.close();
  });

  /** The app's authorization request, as the app opens it in the browser; answers the code it got back. */
  async function allowTheApp(step: string): Promise<{ code: string; verifier: string }> {
    const { verifier, challenge } = pkce();
    const state = crypto.randomBytes(8).toString('hex');
    const params = new URLSearchParams({
      client_id: DEMO_APP_CLIENT_ID,
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'openid profile',
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    await page.goto(`${stack.api.url}/oidc/auth?${params}`);
    await page.locator('h1', { hasText: 'Atļaut lietotnei piekļuvi? / Allow the app access?' }).waitFor();
    expect(await page.getByTestId('consent-client').textContent()).to.equal(APP_NAME);
    await page.locator('li', { hasText: 'Jūsu vārds un uzvārds' }).waitFor();
    expect(await page.getByRole('link', { name: 'Apps you allowed' }).getAttribute('href')).to.equal('/apps');
    await checkPage(page, `${step}-consent`);

    await page.getByRole('button', { name: 'Atļaut / Allow' }).click();
    await page.waitForURL((url) => url.href.startsWith(REDIRECT));
    await page.locator('h1', { hasText: 'The app was allowed' }).waitFor();
    await checkPage(page, `${step}-app`);
    const query = new URL(page.url()).searchParams;
    expect(query.get('state')).to.equal(state);
    expect(query.get('code'), page.url()).to.be.a('string');
    return { code: query.get('code')!, verifier };
  }

  for (const lang of ['lv', 'en'] as const) {
    it(`allows the demo app and revokes it on "${TEXTS[lang].nav}"`, async () => {
      const step = `apps-${lang}`;
      if (lang === 'lv') await signIn(page, stack.api.url, PERSONA);
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));

      const { code, verifier } = await allowTheApp(step);
      // The app takes its tokens (bound to its key): the list shows when it was last used.
      const phone = await deviceKey();
      const tokens = await appToken(stack.api.url, DEMO_APP_CLIENT_ID, phone, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: REDIRECT,
        code_verifier: verifier,
      });
      expect(tokens.status, JSON.stringify(tokens.body)).to.equal(200);

      await page.goto(stack.api.url);
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('navigation').getByRole('link', { name: TEXTS[lang].nav }).click();
      await page.locator('h1', { hasText: TEXTS[lang].nav }).waitFor();
      const row = page.locator(`tr[data-app="${DEMO_APP_CLIENT_ID}"]`);
      await row.locator('th', { hasText: APP_NAME }).waitFor();
      expect(await row.locator('td').nth(0).textContent()).to.contain(lang === 'lv' ? 'vārds un uzvārds' : 'name');
      await checkPage(page, `${step}-list`);

      await row.getByRole('button', { name: new RegExp(`^${TEXTS[lang].revoke}`) }).click();
      await row.getByRole('button', { name: TEXTS[lang].confirm }).waitFor();
      await checkPage(page, `${step}-confirm`);
      await row.getByRole('button', { name: TEXTS[lang].confirm }).click();
      await page.getByTestId('apps-none').filter({ hasText: TEXTS[lang].none }).waitFor();
      await page.getByTestId('apps-notice').waitFor();
      await checkPage(page, `${step}-revoked`);

      // The app's access ended with it.
      const refresh = await appToken(stack.api.url, DEMO_APP_CLIENT_ID, phone, {
        grant_type: 'refresh_token',
        refresh_token: tokens.body.refresh_token,
      });
      expect(refresh.body.error).to.equal('invalid_grant');
      expect(pageErrors).to.deep.equal([]);
    });
  }
});
