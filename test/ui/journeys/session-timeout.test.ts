// Journey: the idle timeout in the browser. Anna fills in the residence declaration and steps away: two minutes
// before the end a dialog offers to stay signed in (one click extends the session); when she stays away, what she
// typed last is saved before the page leaves for the sign-in page, which says why and brings her back to her form.
// The browser's clock is fast-forwarded (Playwright's clock); the server's session is the real one.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser } from '../browser';
import { discardDrafts } from '../../helpers/my-cases';

describe('journey: idle timeout with a warning, and nothing lost', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    await discardDrafts('citizen-anna', 'residence-declaration'); // starting opens a new draft, not "continue / start again"
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    await page.clock.install();
  });
  after(async () => {
    await browser?.close();
  });

  it('warns before the end, extends with one click, and after the end keeps the typed answer', async () => {
    const base = stack.api.url;
    // Step 1: sign in and open the residence declaration.
    await page.goto(`${base}/sign-in`);
    await page.locator('[data-persona="citizen-anna"]').click();
    await page.locator('h1', { hasText: 'Anna Bērziņa' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Pakalpojumi', exact: true }).click();
    await page.locator('[data-eservice="residence-declaration"]').getByRole('button').click();
    await page.waitForURL(/\/applications\/LV-\d{10}-\d{2}$/);
    const formPath = new URL(page.url()).pathname;
    await page.waitForFunction('document.getElementById("root_applicant_givenName")?.value === "Anna"', null, { timeout: 60_000 });
    await page.locator('#root_newAddress_text').fill('Brīvības iela 137 - 4, Rīga, LV-1012');
    await page.locator('[data-state="saved"]').waitFor();

    // Step 2: thirteen and a half idle minutes later, the warning, focused on its button.
    await page.clock.fastForward('13:30');
    const dialog = page.getByRole('alertdialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).to.match(/izrakstīts pēc 2 minūtēm/);
    expect(await page.evaluate<string | undefined>('document.activeElement?.dataset.testid')).to.equal('stay-signed-in');
    await checkPage(page, 'session-01-warning');

    // Step 3: one click and the session goes on.
    await page.getByRole('button', { name: 'Palikt pieslēgtam' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Step 4: she types an answer and leaves; at the end it is saved, then the sign-in page explains.
    await page.locator('#root_phone').fill('+371 29999999');
    await page.clock.fastForward('14:58');
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('error') === 'session_ended');
    expect(new URL(page.url()).searchParams.get('returnTo')).to.equal(formPath);
    await page.getByRole('alert').filter({ hasText: 'Jūsu sesija beidzās' }).waitFor();
    await checkPage(page, 'session-02-ended');

    // Step 5: signing in again brings her back to the form with her answer.
    await page.locator('[data-persona="citizen-anna"]').click();
    await page.waitForURL((url) => url.pathname === formPath);
    await page.waitForFunction('document.getElementById("root_phone")?.value === "+371 29999999"', null, { timeout: 30_000 });
  });
});
