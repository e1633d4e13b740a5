// Journey: a Latvian citizen signs in through the national sign-in service (its simulator): the portal's sign-in page
// offers Latvija.lv first, the provider's page lets Jānis choose eParaksts mobile, and he lands on his home page with
// his name shown. A cancelled sign-in comes back to the sign-in page with the reason, in Latvian and in English.
// axe checks every page on the way, the provider's included.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser } from '../browser';
import { JANIS_CODE } from '../../../simulators/population-register/data';

describe('journey: national sign-in (Latvija.lv) through the simulator', function () {
  this.timeout(90_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  const openProviderFromSignInPage = async (shot: string) => {
    await page.goto(`${stack.api.url}/sign-in`);
    const national = page.getByRole('link', { name: 'Latvija.lv / valsts eID (eParaksts, eID karte, banka)' });
    await national.waitFor();
    await checkPage(page, `${shot}-00-sign-in`);
    await national.click();
    await page.waitForURL((url) => url.href.startsWith(stack.simulators.urls.nationalAuth));
    await page.locator('#person').waitFor();
    await checkPage(page, `${shot}-01-provider`);
  };

  it('Jānis chooses eParaksts mobile at the national sign-in and arrives signed in, his name shown', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // Step 1: the portal's sign-in page, national sign-in first; step 2: the provider's page.
    await openProviderFromSignInPage('national');
    // Step 3: choose the person and the method, and sign in.
    await page.locator('#person').selectOption(JANIS_CODE);
    await page.locator('input[name="method"][value="eparaksts-mobile"]').check();
    await page.getByRole('button', { name: 'Pieslēgties / Sign in' }).click();

    // Step 4: back through /signed-in to the citizen's home page, signed in.
    await page.waitForURL((url) => url.origin === new URL(stack.api.url).origin && url.pathname === '/');
    await page.locator('h1', { hasText: 'Labdien, Jānis Kalniņš!' }).waitFor();
    await checkPage(page, 'national-02-home');
    const { principal } = await page.evaluate<{ principal: { name: string; acr: string; authMethod: string; person: { id: string } } }>(
      "fetch('/api/v1/auth/session').then((r) => r.json())",
    );
    expect(principal).to.deep.include({ name: 'Jānis Kalniņš', acr: 'http://eidas.europa.eu/LoA/high', authMethod: 'eparaksts-mobile' });
    expect(principal.person.id).to.equal(JANIS_CODE);
    expect(page.url(), 'no code or token left in the address').to.equal(`${stack.api.url}/`);
    const storage = await page.evaluate<string>('JSON.stringify({ ...sessionStorage, ...localStorage }) + document.cookie');
    expect(storage, 'nothing personal readable by scripts: the session cookie is httpOnly').not.to.contain(JANIS_CODE);
    expect(storage).not.to.contain('sdp_session');

    // Step 5: a new tab is signed in too (one session for the browser), and signing out there signs this tab out.
    const tab = await page.context().newPage();
    await tab.goto(`${stack.api.url}/cases`);
    await tab.locator('h1').first().waitFor();
    expect(new URL(tab.url()).pathname, 'a new tab is not sent to the sign-in page').to.equal('/cases');
    await tab.getByRole('button', { name: 'Iziet', exact: true }).click();
    await tab.waitForURL((url) => url.pathname === '/sign-in');
    await tab.close();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(pageErrors).to.deep.equal([]);
  });

  it('a cancelled sign-in returns to the sign-in page with the reason in Latvian and in English', async () => {
    await openProviderFromSignInPage('national-cancel');
    await page.getByRole('button', { name: 'Atcelt / Cancel' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('error') === 'denied');
    await page.getByRole('alert').filter({ hasText: 'Pieslēgšanās tika atcelta.' }).waitFor();
    await checkPage(page, 'national-cancel-02-denied');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('alert').filter({ hasText: 'The sign-in was cancelled.' }).waitFor();
    await checkPage(page, 'national-cancel-03-denied-en');
  });
});
