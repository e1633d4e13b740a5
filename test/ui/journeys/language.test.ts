// Journey: the portal speaks Latvian by default; switching to English changes the texts and <html lang>, the
// choice survives a reload, and the English pages pass the accessibility check too.
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
    page = await (await browser.newContext()).newPage();
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
});
