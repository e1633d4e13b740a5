// Journey: single sign-on to an external portal (issue 16 §2). Anna signs in to the platform through the national
// sign-in, follows the link on her home page to the demo building portal's e-service and arrives there signed in with
// no second sign-in (neither the platform's sign-in page nor the national sign-in on the way). She signs out on the
// platform, and the portal's session ends too (back-channel logout): its e-service asks for sign-in again, and the
// platform's sign-in (as Jānis now) continues the portal's request.
// axe checks every platform page on the way, and the portal's pages.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser } from '../browser';
import { ANNA_CODE, JANIS_CODE } from '../../../simulators/population-register/data';

describe('journey: single sign-on to an external portal', function () {
  this.timeout(90_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  const portal = () => stack.simulators.urls.externalPortal;
  const isPlatform = (url: URL) => url.origin === new URL(stack.api.url).origin;

  it('Anna follows the link to the building portal, arrives signed in, and is signed out there with the platform', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // Step 1: the national sign-in, as in the national sign-in journey.
    await page.goto(`${stack.api.url}/sign-in`);
    await page.getByRole('link', { name: 'Latvija.lv / valsts eID (eParaksts, eID karte, banka)' }).click();
    await page.locator('#person').waitFor();
    await page.locator('#person').selectOption(ANNA_CODE);
    await page.locator('input[name="method"][value="eid-card"]').check();
    await page.getByRole('button', { name: 'Pieslēgties / Sign in' }).click();
    await page.waitForURL((url) => isPlatform(url) && url.pathname === '/');
    await page.locator('h1', { hasText: 'Labdien, Anna Bērziņa!' }).waitFor();

    // Step 2: the home page links to the portal's e-service.
    const link = page.getByTestId('portal-link');
    await link.waitFor();
    await checkPage(page, 'sso-01-home');
    expect(await link.getAttribute('href')).to.equal(`${portal()}/building-permit`);

    // Step 3: the hand-off. Every page the browser lands on is recorded: no sign-in page may be among them.
    const visited: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) visited.push(frame.url());
    });
    await link.click();
    await page.waitForURL(`${portal()}/building-permit`);
    await page.getByTestId('portal-user').filter({ hasText: 'Anna Bērziņa' }).waitFor();
    await checkPage(page, 'sso-02-portal-signed-in');
    expect(await page.getByTestId('portal-personal-code').textContent()).to.equal(ANNA_CODE);
    expect(
      visited.filter((u) => new URL(u).pathname === '/sign-in' || u.startsWith(stack.simulators.urls.nationalAuth)),
      'no second sign-in',
    ).to.deep.equal([]);

    // Step 4: back on the platform, sign out.
    await page.goto(stack.api.url);
    await page.locator('h1', { hasText: 'Labdien, Anna Bērziņa!' }).waitFor();
    await page.getByRole('button', { name: 'Iziet', exact: true }).click();
    await page.waitForURL((url) => isPlatform(url) && url.pathname === '/sign-in');
    await checkPage(page, 'sso-03-signed-out');

    // Step 5: the portal heard it (back-channel): its session is gone, and its e-service sends Anna to sign in.
    const session = await page.request.get(`${portal()}/session`);
    expect(await session.json()).to.deep.equal({ signedIn: false });
    await page.goto(`${portal()}/building-permit`);
    await page.waitForURL((url) => isPlatform(url) && url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('returnTo')).to.match(/^\/oidc\/interaction\//);
    await page.getByRole('link', { name: 'Latvija.lv / valsts eID (eParaksts, eID karte, banka)' }).waitFor();
    await checkPage(page, 'sso-04-sign-in-again');

    // Step 6: signing in again (as Jānis this time) continues the portal's request: back at the e-service, signed in.
    await page.getByRole('link', { name: 'Latvija.lv / valsts eID (eParaksts, eID karte, banka)' }).click();
    await page.locator('#person').waitFor();
    await page.locator('#person').selectOption(JANIS_CODE);
    await page.getByRole('button', { name: 'Pieslēgties / Sign in' }).click();
    await page.waitForURL(`${portal()}/building-permit`);
    await page.getByTestId('portal-user').filter({ hasText: 'Jānis Kalniņš' }).waitFor();
    expect(pageErrors).to.deep.equal([]);
  });
});
