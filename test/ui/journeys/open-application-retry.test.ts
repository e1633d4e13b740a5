// Journey: Anna opens an e-service while Temporal is unreachable (issue 13, section 7). The page says the service is
// temporarily unavailable; her second click sends the same Idempotency-Key, so however often she tries, one draft
// case exists; once Temporal answers again, the next click opens exactly that case.
import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';
import { apiFor } from '../../helpers/api-instance';
import { discardDrafts } from '../../helpers/my-cases';
import type { RunningApi } from '../../../api/platform/server';

async function draftsSince(since: Date): Promise<string[]> {
  const { rows } = await stack.db.pool.query(
    "SELECT id FROM cases WHERE external_id LIKE 'eservice:residence-declaration:%' AND created_at >= $1 ORDER BY id",
    [since],
  );
  return rows.map((r) => r.id as string);
}

describe('journey: opening an e-service while Temporal is down', function () {
  this.timeout(120_000);
  let browser: Browser;
  let api: RunningApi;
  let page: Page;

  before(async () => {
    // An API (serving the UI) whose Temporal is a closed port.
    api = await apiFor('127.0.0.1:1', `journey-down-${crypto.randomBytes(4).toString('hex')}`);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    await discardDrafts('citizen-anna', 'residence-declaration'); // starting opens a new draft, not "continue / start again"
  });
  after(async () => {
    await browser?.close();
    await api?.close();
  });

  it('retries keep one Idempotency-Key: one draft case, opened once Temporal is back', async () => {
    const since = (await stack.db.pool.query<{ now: Date }>('SELECT now()')).rows[0].now;
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/applications') keys.push(r.headers()['idempotency-key']);
    });
    await signIn(page, api.url, 'citizen-anna');
    await page.goto(`${api.url}/services`);
    const start = page.locator('[data-eservice="residence-declaration"]').getByRole('button');
    const clickAndAnswer = async () => {
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/applications'),
        start.click(),
      ]);
      return res.status();
    };

    expect(await clickAndAnswer()).to.equal(503);
    await page.getByText('Pakalpojums īslaicīgi nav pieejams').waitFor();
    await checkPage(page, 'open-application-unavailable');
    await page.locator('[data-eservice="residence-declaration"] button:not([disabled])').waitFor();
    expect(await clickAndAnswer()).to.equal(503); // the second click, still down
    expect(keys).to.have.length(2);
    expect(keys[1]).to.equal(keys[0]);
    const drafts = await draftsSince(since);
    expect(drafts, 'one case however often she clicks').to.have.length(1);

    // Temporal answers again: the same key opens that very case.
    api.deps.temporal = async () => stack.temporal.client;
    await page.locator('[data-eservice="residence-declaration"] button:not([disabled])').waitFor();
    expect(await clickAndAnswer()).to.be.oneOf([200, 201]);
    await page.waitForURL(/\/applications\/LV-\d{10}-\d{2}$/);
    expect(page.url().split('/').pop()).to.equal(drafts[0]);
    expect(keys).to.have.length(3);
    expect(keys[2]).to.equal(keys[0]);
    expect(await draftsSince(since)).to.deep.equal(drafts);
  });
});
