// Journey: "My history" (issue 18 §3). Juris browses his history, filters it by kind, agency and period, reads more
// than a page ("Show more"), in Latvian and in English. A VID officer looks Juris up in "Client history": only VID's
// part of his history; on the tax-administration legal basis (which VID holds) also PMLP's invoice. axe and the
// phone widths are checked on every page.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { checkPage, launchBrowser, signIn } from '../browser';

const JURIS = '22045712114';
const run = uniqueSuffix();
// A day of the past no other test uses (the run's own), so the counts on it are exact.
const day = new Date(Date.UTC(1970, 0, 1) + (parseInt(run, 16) % 7000) * 86_400_000).toISOString().slice(0, 10);
const typedDay = `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
const PMLP_CONSULTATIONS = 15;
const VID_CONSULTATIONS = 10;

async function consultation(as: string, i: number): Promise<void> {
  const res = await call('POST', '/api/v1/consultations', {
    as,
    json: {
      externalId: `H-${run}-${as}-${i}`,
      channel: 'phone',
      topic: `Jautājums ${as} ${i}`,
      durationMinutes: 2,
      person: { type: 'natural', id: JURIS },
      occurredAt: `${day}T${String(6 + Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}:00Z`,
    },
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
}

const events = (page: Page) => page.locator('.history-event');

describe('journey: my history of dealings with the state', function () {
  this.timeout(300_000);
  let browser: Browser;
  let invoiceNumber: string;

  before(async () => {
    browser = await launchBrowser();
    for (let i = 0; i < PMLP_CONSULTATIONS; i += 1) await consultation('system-pmlp', i);
    for (let i = 0; i < VID_CONSULTATIONS; i += 1) await consultation('system-vid', i);
    const invoice = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: {
        idempotencyKey: `H-${run}`,
        payer: { type: 'natural', id: JURIS, name: 'Juris Jansons' },
        currency: 'EUR',
        dueDate: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
        lines: [{ description: 'Pakalpojums', quantity: 1, unitPrice: 7, vatRate: 21 }],
      },
    });
    expect(invoice.status, JSON.stringify(invoice.body)).to.equal(201);
    invoiceNumber = invoice.body.number;
  });
  after(async () => {
    await browser?.close();
  });

  it('Juris browses and filters his history, page by page, in Latvian and English', async () => {
    const page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, stack.api.url, 'citizen-juris');
    await page.getByRole('navigation').getByRole('link', { name: 'Mana vēsture', exact: true }).click();
    await page.locator('h1', { hasText: 'Mana vēsture' }).waitFor();
    await events(page).first().waitFor();
    await page
      .locator('.history-event', { hasText: `Rēķins ${invoiceNumber}` })
      .first()
      .waitFor();
    await checkPage(page, 'history-01-list-lv');

    // Consultations of one day: two pages of 20 and 5.
    await page.getByLabel('Veids').selectOption('consultation');
    await page.getByLabel('No', { exact: true }).fill(typedDay);
    await page.getByLabel('Līdz', { exact: true }).fill(typedDay);
    await page.getByRole('button', { name: 'Rādīt', exact: true }).click();
    await page.waitForURL(/kind=consultation/);
    // The filtered list, not the one before it: 20 events, all consultations.
    await page.waitForFunction(
      'document.querySelectorAll(".history-event").length === 20 && !document.querySelector(".history-event:not([data-kind=consultation])")',
    );
    expect(await page.locator('.history-event:not([data-kind="consultation"])').count()).to.equal(0);
    await checkPage(page, 'history-02-consultations-lv');
    await page.getByRole('button', { name: 'Rādīt vairāk' }).click();
    await page.waitForFunction(`document.querySelectorAll(".history-event").length === ${PMLP_CONSULTATIONS + VID_CONSULTATIONS}`);
    await page.getByText('Tā ir visa vēsture šai atlasei.').waitFor();
    const times = await page
      .locator('.history-event time')
      .evaluateAll((ts) => ts.map((t) => String((t as unknown as { dateTime: string }).dateTime)));
    expect(times).to.deep.equal([...times].sort().reverse());

    // And only VID's.
    await page.getByLabel('Iestāde').selectOption('vid');
    await page.getByRole('button', { name: 'Rādīt', exact: true }).click();
    await page.waitForURL(/agencyId=vid/);
    await page.waitForFunction(
      `document.querySelectorAll(".history-event").length === ${VID_CONSULTATIONS} && !document.querySelector(".history-event:not([data-agency=vid])")`,
    );
    expect(await page.locator('.history-event:not([data-agency="vid"])').count()).to.equal(0);
    await checkPage(page, 'history-03-vid-lv');

    // In English: the same filtered list, every word English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: 'My history' }).waitFor();
    expect(await events(page).first().textContent()).to.contain('Consultation (Phone): Jautājums system-vid');
    expect(await page.getByLabel('Kind').inputValue()).to.equal('consultation');
    await checkPage(page, 'history-04-vid-en');
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.pathname === '/history' && url.search === '');
    await page.locator('.history-event', { hasText: `Invoice ${invoiceNumber} issued` }).waitFor();
    await checkPage(page, 'history-05-list-en');
    expect(errors).to.deep.equal([]);
  });

  it('a VID officer sees only VID’s part of Juris’s history, and PMLP’s invoice only on the tax-administration basis', async () => {
    const page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    await signIn(page, stack.api.url, 'officer-vid');
    await page.getByRole('navigation').getByRole('link', { name: 'Klienta vēsture', exact: true }).click();
    await page.locator('h1', { hasText: 'Klienta vēsture' }).waitFor();
    await checkPage(page, 'history-06-officer-lookup-lv');
    await page.getByLabel('Personas kods').fill(`${JURIS.slice(0, 6)}-${JURIS.slice(6)}`);
    await page.getByRole('button', { name: 'Rādīt vēsturi' }).click();
    await page.waitForURL(`**/officer/clients/${JURIS}`);
    await page.getByTestId('client-history-scope').waitFor();
    await events(page).first().waitFor();
    expect(await page.locator('.history-event:not([data-agency="vid"])').count()).to.equal(0);
    expect(await page.locator('.history-event', { hasText: invoiceNumber }).count()).to.equal(0);
    await checkPage(page, 'history-07-officer-own-lv');

    await page.getByLabel('Tiesiskais pamats').selectOption('tax-administration');
    await page.getByRole('button', { name: 'Rādīt vēsturi' }).click();
    await page.waitForURL(/legalBasis=tax-administration/);
    await page.getByTestId('client-history-scope').filter({ hasText: 'Nodokļu administrēšana' }).waitFor();
    await page.getByLabel('Veids').selectOption('invoice');
    await page.getByRole('button', { name: 'Rādīt', exact: true }).click();
    await page.waitForURL(/kind=invoice/);
    // The filtered list, not the one before it: invoices only, PMLP's among them.
    await page.waitForFunction(
      `document.querySelector(".history-event") && !document.querySelector(".history-event:not([data-kind=invoice])")`,
    );
    await page.locator('.history-event', { hasText: invoiceNumber }).waitFor();
    await checkPage(page, 'history-08-officer-basis-lv');

    // Each view was recorded for Juris, with the basis when there was one.
    const { rows } = await stack.db.pool.query(
      `SELECT details FROM audit_log WHERE actor_id = 'officer-vid' AND subject_id = $1 AND purpose = 'client-timeline' ORDER BY chain_seq DESC LIMIT 1`,
      [JURIS],
    );
    expect(rows[0].details).to.include({ legalBasis: 'tax-administration' });
  });
});
