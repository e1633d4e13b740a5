// Journey: the public service page shows a new publication at once. A visitor has the service page open (the
// browser has its description cached); the agency publishes a new version; the visitor opens the page again within
// the minute and sees the new title: the description is revalidated on every load (Cache-Control: no-cache with its
// ETag, a 304 while unchanged) instead of being kept for 60 s by the browser.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { checkPage, launchBrowser } from '../browser';
import { demoDescription } from '../../../scripts/seed/catalog';
import { services } from '../../../scripts/seed/demo-data';
import { publishDescription } from '../../helpers/catalog';

describe('journey: a new publication shows on the public service page at once', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;
  const id = `test-ferry-${uniqueSuffix()}`;
  const first = {
    ...demoDescription(services.find((s) => s.id === 'residence-declaration')!),
    id,
    relatedServices: [],
    title: { lv: 'Prāmja biļetes', en: 'Ferry tickets' },
  };

  before(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  it('shows version 2 on the next visit, without waiting for a cache to expire', async () => {
    await publishDescription(first, 1);
    const servicePath = `/api/v1/catalog/services/${id}`;

    await page.goto(`${stack.api.url}/catalog/${id}`);
    await page.locator('h1', { hasText: 'Prāmja biļetes' }).waitFor();
    await checkPage(page, 'catalog-fresh-01-v1');

    // Visited again while unchanged: revalidated (the server answers 304, the browser shows its copy).
    await page.goto(`${stack.api.url}/catalog`);
    await page.locator('h1', { hasText: 'Pakalpojumu katalogs' }).waitFor();
    await page.goBack();
    await page.locator('h1', { hasText: 'Prāmja biļetes' }).waitFor();

    await publishDescription({ ...first, title: { lv: 'Prāmja un laivas biļetes', en: 'Ferry and boat tickets' } }, 2);
    // The API process learns of the publication (its validator cache follows the database's notifications).
    await waitFor('the API to serve version 2', async () => {
      const res = await fetch(`${stack.api.url}${servicePath}`);
      return ((await res.json()) as { version: number }).version === 2;
    });

    // Within the minute the old header let the browser keep its copy: a new visit shows the new version.
    await page.goto(`${stack.api.url}/catalog/${id}`);
    await page.locator('h1', { hasText: 'Prāmja un laivas biļetes' }).waitFor();
    await checkPage(page, 'catalog-fresh-02-v2');
    expect(await page.title()).to.contain('Prāmja un laivas biļetes');
  });
});
