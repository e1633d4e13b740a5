// The journeys' phone-width check (test/ui/browser.ts) itself: it passes a page that fits 375 px and 320 px, fails
// one with an element wider than the screen, naming that element, and gives the page back at the size it had.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { checkPhoneWidth, launchBrowser, PHONE_WIDTH, SMALLEST_PHONE_WIDTH } from './browser';

describe('journey check: no horizontal scrolling at phone width', function () {
  this.timeout(30_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  });
  after(async () => {
    await browser?.close();
  });

  it('passes a fluid page and restores the viewport', async () => {
    await page.setContent(
      '<!doctype html><main><p>A paragraph with a verylongwordthatwouldnotfit-without-wrapping-anywhere-at-all-on-a-phone.</p></main>',
    );
    await page.addStyleTag({ content: 'body { overflow-wrap: anywhere; margin: 0 }' });
    await checkPhoneWidth(page, 'self-test-fluid');
    expect(page.viewportSize()).to.deep.equal({ width: 1024, height: 700 });
  });

  it('fails a page wider than the phone, naming what is too wide', async () => {
    await page.setContent('<!doctype html><main><div class="wide" style="width: 600px">600 px of box</div></main>');
    let failure: Error | null = null;
    try {
      await checkPhoneWidth(page, 'self-test-wide');
    } catch (err) {
      failure = err as Error;
    }
    expect(failure?.message).to.contain(`at ${PHONE_WIDTH} px`);
    expect(failure?.message).to.contain('div.wide "600 px of box"');
    expect(page.viewportSize()).to.deep.equal({ width: 1024, height: 700 });
  });

  it('fails a page that fits 375 px but not the smallest phone', async () => {
    await page.setContent('<!doctype html><body style="margin: 0"><div class="box" style="width: 350px">350 px</div></body>');
    let failure: Error | null = null;
    try {
      await checkPhoneWidth(page, 'self-test-350');
    } catch (err) {
      failure = err as Error;
    }
    expect(failure?.message).to.contain(`at ${SMALLEST_PHONE_WIDTH} px`);
    expect(page.viewportSize()).to.deep.equal({ width: 1024, height: 700 });
  });
});
