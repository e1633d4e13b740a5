// Journey: a citizen on a phone (375 px wide, touch). The header's navigation is folded behind a menu button that
// says whether it is open (aria-expanded) and which list it opens (aria-controls); opening it shows the links, a
// link leads to its page with the menu folded again, and the invoice list is drawn as stacked rows, each value
// led by its column's heading. The keyboard works the menu too (Enter opens, Escape folds). axe and the width check on every page.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { checkPage, launchBrowser, signIn } from '../browser';

const janis = { type: 'natural', id: '02117814569', name: 'Jānis Kalniņš' };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('journey: on a phone', function () {
  this.timeout(90_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'lv-LV', viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    page = await context.newPage();
  });
  after(async () => {
    await browser?.close();
  });

  it('folds the navigation behind a menu button and stacks table rows', async () => {
    const issued = await call('POST', '/api/v1/invoices', {
      as: 'admin-pmlp',
      json: {
        idempotencyKey: `phone-${uniqueSuffix()}`,
        payer: janis,
        currency: 'EUR',
        dueDate: inDays(14),
        lines: [
          { description: 'Pases izgatavošana', quantity: 1, unitPrice: 20, vatExemption: { category: 'O', reason: 'Valsts nodeva' } },
        ],
      },
    });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
    await signIn(page, stack.api.url, 'citizen-janis');
    await page.locator('h1', { hasText: 'Labdien' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Galvenā navigācija' });
    const menu = nav.getByRole('button', { name: 'Izvēlne' });
    expect(await menu.getAttribute('aria-expanded')).to.equal('false');
    expect(await menu.getAttribute('aria-controls')).to.equal('main-nav-list');
    expect(await nav.getByRole('link', { name: 'Mani rēķini' }).isVisible()).to.equal(false);
    await checkPage(page, 'phone-01-dashboard');

    await menu.tap();
    expect(await menu.getAttribute('aria-expanded')).to.equal('true');
    await nav.getByRole('link', { name: 'Mani rēķini' }).waitFor({ state: 'visible' });
    await checkPage(page, 'phone-02-menu-open');
    await nav.getByRole('link', { name: 'Mani rēķini' }).tap();
    await page.waitForURL(`${stack.api.url}/invoices`);
    await page.locator('h1', { hasText: 'Mani rēķini' }).waitFor();
    expect(await menu.getAttribute('aria-expanded')).to.equal('false');

    // Stacked rows: the table's cells one under another, each with its column's heading before the value.
    const firstRow = page.locator('table.invoices tbody tr').first();
    await firstRow.waitFor();
    const cells = firstRow.locator('td, th');
    const labels = await page.evaluate<Array<string | null>>(
      `[...document.querySelector('table.invoices tbody tr').cells].map((cell) => cell.getAttribute('data-label'))`,
    );
    const headings = await page.locator('table.invoices thead th').allTextContents();
    expect(labels).to.deep.equal(headings.map((h) => h.trim()));
    const [a, b] = await Promise.all([cells.nth(0).boundingBox(), cells.nth(1).boundingBox()]);
    expect(b!.y, 'the second cell is below the first').to.be.at.least(a!.y + a!.height - 1);
    // Still a table to a screen reader: rows, cells and column headings, though drawn as cards.
    const table = page.getByRole('table').first();
    expect(await table.getByRole('columnheader').count()).to.equal(headings.length);
    expect(await table.getByRole('row').nth(1).getByRole('cell').count()).to.be.at.least(1);
    await checkPage(page, 'phone-03-invoices');

    // The keyboard: Enter on the menu button opens it, and the first link is next in the tab order.
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).to.equal('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).to.equal('Sākums');
    // Escape folds it again, the focus back on the button.
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).to.equal('false');
    expect(await page.evaluate<string>('document.activeElement.className')).to.equal('menu-button');
  });
});
