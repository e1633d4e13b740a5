// Journey: a first-time visitor gets the language the browser prefers (English for an English browser, Latvian for
// a Latvian one and for any other); switching changes the texts and <html lang>, the choice survives a reload and
// wins over the browser's preference from then on, and the English pages pass the accessibility check too.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';

describe('journey: language switch', function () {
  this.timeout(60_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  const lang = () => page.evaluate<string>('document.documentElement.lang');

  it('switches Latvian → English and back, with <html lang>', async () => {
    await signIn(page, stack.api.url, 'citizen-anna');
    await page.locator('h1', { hasText: 'Labdien' }).waitFor();
    expect(await lang()).to.equal('lv');
    expect(await page.getByRole('navigation').textContent()).to.contain('Manas lietas');

    // One click, no form: the declared address from the population register, with the statement to download.
    await page.getByRole('button', { name: 'Saņemt izziņu' }).click();
    await page.locator('[data-testid="address-answer"]', { hasText: 'Izziņa sagatavota' }).waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="address-answer"] button[data-document]').waitFor();
    await checkPage(page, 'lang-00-dashboard-address');

    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: 'Hello' }).waitFor();
    expect(await lang()).to.equal('en');
    expect(await page.getByRole('navigation').textContent()).to.contain('My cases');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).to.equal('true');
    await checkPage(page, 'lang-01-dashboard-en');

    await page.getByRole('navigation').getByRole('link', { name: 'Services', exact: true }).click();
    await page.locator('h1', { hasText: 'Service catalogue' }).waitFor();
    await page.locator('[data-eservice="residence-declaration"]', { hasText: 'Declaration of place of residence' }).waitFor();
    await page.locator('[data-eservice="residence-declaration"] .badge-eservice', { hasText: 'E-service' }).waitFor();
    await checkPage(page, 'lang-02-services-en');
    // The empty result's help in English.
    await page.getByLabel('Search for a service').fill('zzqxw');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.locator('[data-testid="no-results"] h2', { hasText: 'Nothing was found for “zzqxw”' }).waitFor();
    await page.locator('[data-testid="no-results"]', { hasText: 'Unified customer centre, Riga' }).waitFor();
    await checkPage(page, 'lang-02-no-results-en');

    await page.reload();
    await page.locator('h1', { hasText: 'Service catalogue' }).waitFor();
    expect(await lang()).to.equal('en');

    await page.getByRole('button', { name: 'Latviešu' }).click();
    await page.locator('h1', { hasText: 'Pakalpojumu katalogs' }).waitFor();
    expect(await lang()).to.equal('lv');
  });

  /** A first visit in a fresh browser profile whose preferred languages are `languages`. */
  async function firstVisit(locale: string, languages: string[]): Promise<Page> {
    const context = await browser.newContext({ locale, extraHTTPHeaders: { 'accept-language': languages.join(',') } });
    // navigator.languages follows the locale only; the whole ordered list is what a real browser has.
    await context.addInitScript(`Object.defineProperty(navigator, 'languages', { get: () => ${JSON.stringify(languages)} })`);
    const first = await context.newPage();
    await first.goto(`${stack.api.url}/catalog`);
    return first;
  }

  it("gives a first-time visitor the browser's language, and keeps a chosen one", async () => {
    const english = await firstVisit('en-GB', ['en-GB', 'en']);
    await english.locator('h1', { hasText: 'Service catalogue' }).waitFor();
    expect(await english.evaluate<string>('document.documentElement.lang')).to.equal('en');
    await checkPage(english, 'lang-03-first-visit-en');

    // Chosen: Latvian, which stays chosen over the browser's English, after a reload and on a new page.
    await english.getByRole('button', { name: 'Latviešu' }).click();
    await english.locator('h1', { hasText: 'Pakalpojumu katalogs' }).waitFor();
    await english.reload();
    await english.locator('h1', { hasText: 'Pakalpojumu katalogs' }).waitFor();
    const again = await english.context().newPage();
    await again.goto(`${stack.api.url}/sign-in`);
    await again.locator('h1', { hasText: 'Pieslēgties' }).waitFor();
    expect(await again.evaluate<string>('document.documentElement.lang')).to.equal('lv');

    // German first, English second: the first language the portal speaks.
    const germanEnglish = await firstVisit('de-DE', ['de-DE', 'de', 'en-US']);
    await germanEnglish.locator('h1', { hasText: 'Service catalogue' }).waitFor();

    // Neither Latvian nor English: Latvian.
    const german = await firstVisit('de-DE', ['de-DE', 'de']);
    await german.locator('h1', { hasText: 'Pakalpojumu katalogs' }).waitFor();
    expect(await german.evaluate<string>('document.documentElement.lang')).to.equal('lv');

    // Latvian preferred over English.
    const latvian = await firstVisit('lv-LV', ['lv-LV', 'en-US']);
    await latvian.locator('h1', { hasText: 'Pakalpojumu katalogs' }).waitFor();
  });
});
