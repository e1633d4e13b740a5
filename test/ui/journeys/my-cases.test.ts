// Journey: "My cases" leads to every outcome, in Latvian and in English. Līga's residence declaration was submitted
// for her at VPVKAC Rīgā on a mandate to Jānis and approved: her list links its application and decision and says it
// was submitted at a client service centre (never who). A VID case delivered by VID's own system opens its register
// page with the link to VID's system. Filters and pages narrow a long list. In English every status, agency and
// channel is English. Starting an e-service she has a draft of offers "continue / start again" (no second draft);
// Anna's declared-address card shows the register's answer, which is not an open case. axe checks every page.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { counterCaseWithDecision, discardDrafts } from '../../helpers/my-cases';
import { checkPage, launchBrowser, signIn } from '../browser';

const LIGA = '01014811002';
const JANIS = '02117814569';
const run = uniqueSuffix();
let seq = 0;

async function register(body: Record<string, unknown>, as: string): Promise<string> {
  const res = await call('POST', '/api/v1/cases', { as, json: { externalId: `J-${run}-${(seq += 1)}`, ...body } });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.id as string;
}

async function caseIds(page: Page): Promise<Array<string | null>> {
  return Promise.all((await page.locator('.case').all()).map((c) => c.getAttribute('data-case')));
}

describe('journey: my cases lead to every outcome', function () {
  this.timeout(300_000);
  let browser: Browser;
  let page: Page;
  let counterCase: string;
  let vidCase: string;
  let answeredCase: string;

  before(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    counterCase = await counterCaseWithDecision(LIGA, { id: JANIS, name: 'Jānis Kalniņš' });
    vidCase = await register(
      {
        serviceId: 'income-tax-return',
        channel: 'other',
        recipient: { type: 'natural', id: LIGA },
        statusLabel: 'Saņemts',
        url: `https://eds.vid.gov.lv/lietas/${run}`,
      },
      'system-vid',
    );
    answeredCase = await register(
      {
        serviceId: 'declared-address-statement',
        channel: 'phone',
        recipient: { type: 'natural', id: LIGA },
        statusHistory: [
          { status: 'submitted', at: '2026-11-02T08:00:00Z' },
          { status: 'answered', at: '2026-11-02T09:00:00Z' },
        ],
      },
      'system-pmlp',
    );
    // Enough older cases for more than one page.
    for (let i = 0; i < 10; i += 1) {
      await register(
        {
          serviceId: 'residence-declaration',
          channel: 'in_person',
          officeId: 'pmlp-riga-1',
          recipient: { type: 'natural', id: LIGA },
          statusHistory: [{ status: 'submitted', at: `2025-0${1 + (i % 9)}-1${i % 10}T10:00:00Z` }],
          registeredAt: `2025-0${1 + (i % 9)}-1${i % 10}T10:00:00Z`,
        },
        'system-pmlp',
      );
    }
  });
  after(async () => {
    await browser?.close();
  });

  it('Līga finds the counter case with its decision, the VID case in VID’s system, filters and pages; in both languages', async () => {
    const base = stack.api.url;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, base, 'citizen-liga');
    await page.getByRole('navigation').getByRole('link', { name: 'Manas lietas', exact: true }).click();
    await page.locator('h1', { hasText: 'Manas lietas' }).waitFor();
    const counter = page.locator(`[data-case="${counterCase}"]`);
    await counter.waitFor();
    await checkPage(page, 'my-cases-01-list-lv');
    const total = (await call('GET', '/api/v1/me/cases?limit=1&count=true', { as: 'citizen-liga' })).body.total as number;
    expect(total).to.be.greaterThan(10);
    // Latvian plurals: 12 lietu, 21 lieta, 13 lietas… never "no cases" for a full list.
    expect(await page.getByTestId('case-count').textContent()).to.match(new RegExp(`^${total} liet(u|a|as)$`));

    // Submitted for her at the counter: who acted by role and office, the decision, the application.
    expect(await counter.getByTestId('acted-for').textContent()).to.contain('vienotajā klientu apkalpošanas centrā');
    expect(await counter.textContent()).not.to.contain('Laura');
    await counter.locator('button[data-document]').first().waitFor();
    const download = page.waitForEvent('download');
    await counter.locator('button[data-document]').first().click();
    expect((await download).suggestedFilename()).to.match(/\.pdf$/);
    await counter.getByRole('link', { name: `Atvērt lietu ${counterCase}` }).click();
    await page.waitForURL(`**/applications/${counterCase}`);
    await page.locator('button[data-document]').first().waitFor();
    await checkPage(page, 'my-cases-02-counter-application-lv');
    await page.goBack();

    // Filters: closed cases only (an answered statement is closed).
    await page.getByLabel('Statuss').selectOption('closed');
    await page.getByRole('button', { name: 'Rādīt lietas' }).click();
    await page.waitForURL(/state=closed/);
    await page.waitForFunction(
      "document.querySelector('.case') && ![...document.querySelectorAll('.case')].some((e) => e.getAttribute('data-status') === 'submitted')",
    );
    await page.locator(`[data-case="${answeredCase}"]`).waitFor();
    expect(await page.locator(`[data-case="${vidCase}"]`).count()).to.equal(0);
    expect(await page.locator('.case[data-status="submitted"]').count()).to.equal(0);
    await checkPage(page, 'my-cases-03-closed-lv');
    await page.getByRole('link', { name: 'Notīrīt filtrus' }).click();
    await page.locator(`[data-case="${vidCase}"]`).waitFor();
    expect(await page.locator('.case').count()).to.equal(10);

    // Pages: the next page continues the list, and back to the first. Only the first page asks for the total; the
    // next one shows the same total without counting again.
    const listRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/me/cases')) listRequests.push(r.url());
    });
    const firstIds = await caseIds(page);
    await page.getByRole('navigation', { name: 'Lietu lapas' }).getByRole('link', { name: 'Nākamā lapa' }).click();
    await page.waitForURL(/cursor=/);
    await page.locator('h1', { hasText: 'Manas lietas' }).waitFor();
    await page.waitForFunction(`document.querySelector('.case')?.getAttribute('data-case') !== ${JSON.stringify(firstIds[0])}`);
    const secondIds = await caseIds(page);
    expect(secondIds.filter((id) => firstIds.includes(id))).to.deep.equal([]);
    expect(await page.getByTestId('case-count').textContent()).to.match(new RegExp(`^${total} liet(u|a|as)$`));
    const pageTwo = listRequests.filter((u) => u.includes('cursor='));
    expect(pageTwo, listRequests.join('\n')).to.have.length.greaterThan(0);
    expect(
      pageTwo.some((u) => u.includes('count=')),
      'page 2 does not count',
    ).to.equal(false);
    await checkPage(page, 'my-cases-04-page-2-lv');
    await page.getByRole('link', { name: 'Pirmā lapa' }).click();

    // The VID case: its own page from the case register, and the way to VID's system.
    await page
      .locator(`[data-case="${vidCase}"]`)
      .getByRole('link', { name: `Atvērt lietu ${vidCase}` })
      .click();
    await page.waitForURL(`**/cases/${vidCase}`);
    await page.locator('h1', { hasText: 'Iedzīvotāju ienākuma' }).or(page.locator('h1')).first().waitFor();
    expect(await page.getByTestId('agency-system-link').getAttribute('href')).to.equal(`https://eds.vid.gov.lv/lietas/${run}`);
    await page.locator('main', { hasText: 'Saņemts' }).waitFor(); // the status history comes with the page's data
    await checkPage(page, 'my-cases-05-vid-case-lv');

    // In English: the same page and the list say everything in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Agency', { exact: true }).waitFor();
    const caseText = (await page.locator('main').textContent()) ?? '';
    expect(caseText).to.contain('State Revenue Service');
    expect(caseText).to.contain('Submitted');
    expect(caseText).not.to.contain('Saņemts');
    expect(caseText).not.to.contain('Valsts ieņēmumu dienests');
    await checkPage(page, 'my-cases-06-vid-case-en');
    await page.getByRole('link', { name: 'Back to my cases' }).click();
    await page.locator('h1', { hasText: 'My cases' }).waitFor();
    const vid = page.locator(`[data-case="${vidCase}"]`);
    await vid.waitFor();
    const listed = (await vid.textContent()) ?? '';
    expect(listed).to.contain('State Revenue Service');
    expect(listed).not.to.contain('Saņemts');
    expect(await page.locator(`[data-case="${counterCase}"]`).count()).to.be.at.most(1);
    await checkPage(page, 'my-cases-07-list-en');

    // On a 375 px phone: no page scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    for (const [path, name] of [
      ['/cases', 'my-cases-08-list-375'],
      [`/cases/${vidCase}`, 'my-cases-09-vid-case-375'],
    ]) {
      await page.goto(`${base}${path}`);
      await page.locator('h1').first().waitFor();
      await page.locator('.case, .case-summary').first().waitFor();
      const widths = await page.evaluate<{ scroll: number; client: number }>(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      );
      expect(widths.scroll, name).to.be.at.most(widths.client);
      await checkPage(page, name);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(errors).to.deep.equal([]);
  });

  it('offers to continue a saved draft instead of opening a second one (English)', async () => {
    const base = stack.api.url;
    await discardDrafts('citizen-liga', 'residence-declaration'); // other tests' drafts of hers: the first start opens one
    await page.goto(`${base}/`);
    if ((await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')) !== 'true') {
      await page.getByRole('button', { name: 'English' }).click();
    }
    await page.locator('h1', { hasText: 'Hello' }).waitFor();
    await page.goto(`${base}/services?start=residence-declaration`);
    await page.waitForURL(/\/applications\/LV-/);
    const first = /applications\/(LV-[0-9-]+)/.exec(page.url())?.[1] as string;
    await page.goto(`${base}/services?start=residence-declaration`);
    await page.locator('h1', { hasText: 'You have a saved draft' }).waitFor();
    await checkPage(page, 'my-cases-10-draft-choice-en');
    await page.getByRole('button', { name: 'Start again' }).click();
    await page.waitForURL((url) => /\/applications\/LV-/.test(url.pathname) && !url.pathname.endsWith(first));
    const second = /applications\/(LV-[0-9-]+)/.exec(page.url())?.[1] as string;
    const old = await call('GET', `/api/v1/applications/${first}`, { as: 'citizen-liga' });
    expect(old.body.status).to.equal('withdrawn');
    // From the catalogue's own "Start" button too.
    await page.goto(`${base}/catalog?q=dzivesvieta`);
    await page.locator('[data-eservice="residence-declaration"]').getByRole('button').click();
    await page.locator('h1', { hasText: 'You have a saved draft' }).waitFor();
    await page.getByRole('button', { name: 'Continue the draft' }).click();
    await page.waitForURL(`**/applications/${second}`);
    const drafts = await call('GET', '/api/v1/me/applications?status=draft', { as: 'citizen-liga' });
    expect(drafts.body.items.filter((d: any) => d.eserviceId === 'residence-declaration').map((d: any) => d.id)).to.deep.equal([second]);
    // The discarded draft is not a case of hers.
    const closed = await call('GET', '/api/v1/me/cases?state=closed&limit=200', { as: 'citizen-liga' });
    expect(closed.body.items.map((c: any) => c.id)).not.to.include(first);
  });

  it('shows the declared address on the card, and an answered statement is not an open case (Latvian)', async () => {
    const anna = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    await signIn(anna, stack.api.url, 'citizen-anna');
    await anna.locator('h1', { hasText: 'Labdien' }).waitFor();
    const openBefore = (await call('GET', '/api/v1/me/cases?state=open&limit=1&count=true', { as: 'citizen-anna' })).body.total as number;
    await anna.getByRole('button', { name: 'Saņemt izziņu' }).click();
    await anna.locator('[data-testid="address-answer"]', { hasText: 'Deklarētā dzīvesvieta:' }).waitFor({ timeout: 60_000 });
    await anna.locator('[data-testid="address-answer"] button[data-document]').waitFor();
    await checkPage(anna, 'my-cases-11-address-card-lv');
    // After a reload the answer is still on the card; the open count did not grow.
    await anna.reload();
    await anna.locator('[data-testid="address-answer"]', { hasText: 'Deklarētā dzīvesvieta:' }).waitFor({ timeout: 30_000 });
    expect(Number(await anna.getByTestId('open-cases').textContent())).to.equal(openBefore);
    await checkPage(anna, 'my-cases-12-dashboard-reload-lv');
  });
});
