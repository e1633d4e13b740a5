// Real Chromium for the journey tests: Debian's /usr/bin/chromium driven by playwright-core (never a browser
// download), an axe-core check (WCAG 2.0/2.1 A and AA) that fails on serious or critical violations, a phone-width
// check (no horizontal scrolling at 375 px), and screenshots under test-artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'chai';
import axe from 'axe-core';

export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'journeys');
/** Screenshots of every checked page at phone width. */
export const NARROW_ARTIFACTS = path.join(ARTIFACTS, 'narrow');
/** A common phone's CSS width (iPhone 6–8, SE 2nd gen, many Android phones): the screenshots are taken at it. */
export const PHONE_WIDTH = 375;
/** The narrowest phone the portal is made for (iPhone SE 1st gen, small Android phones): checked, not pictured. */
export const SMALLEST_PHONE_WIDTH = 320;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = axe.source;

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
  fs.mkdirSync(NARROW_ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe on the page as it is now; fails on serious or critical violations, printing them. */
export async function checkAccessibility(page: Page, name: string): Promise<void> {
  // Evaluated over the DevTools protocol, so the page's CSP (no inline scripts) does not block it.
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  // A string, not a function: this runs in the browser, and the Node program has no DOM types.
  const violations = await page.evaluate<AxeViolation[]>(`(async () => {
    const result = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  })()`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of violations) {
    console.log(
      `    axe [${name}] ${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`,
    );
  }
  expect(
    serious.map((v) => `${v.id} (${v.impact}) on ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `accessibility of ${name}`,
  ).to.deep.equal([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

interface WidthReport {
  scrollWidth: number;
  viewportWidth: number;
  /** The innermost elements reaching past the right edge, to say what to fix. */
  wide: string[];
}

/** How wide the page is at the current viewport, and what sticks out. */
async function measureWidth(page: Page): Promise<WidthReport> {
  // Two frames: the resize's layout and anything a resize listener changes.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  return page.evaluate<WidthReport>(`(() => {
    const root = document.documentElement;
    const viewportWidth = root.clientWidth;
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      [...el.classList].map((c) => '.' + c).join('') + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
    const past = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > viewportWidth + 0.5
      && getComputedStyle(el).position !== 'fixed');
    const wide = past.filter((el) => !past.some((other) => other !== el && el.contains(other))).slice(0, 8).map(describe);
    return { scrollWidth: root.scrollWidth, viewportWidth, wide };
  })()`);
}

/**
 * The page at phone width: resized to PHONE_WIDTH (and to SMALLEST_PHONE_WIDTH), no horizontal scrolling at either
 * (the document no wider than the viewport), a full-page screenshot at PHONE_WIDTH under
 * test-artifacts/journeys/narrow/, and the size restored (also on failure).
 */
export async function checkPhoneWidth(page: Page, name: string): Promise<void> {
  const original = page.viewportSize() ?? { width: 1280, height: 720 };
  try {
    for (const width of [PHONE_WIDTH, SMALLEST_PHONE_WIDTH]) {
      await page.setViewportSize({ width, height: original.height });
      const report = await measureWidth(page);
      if (width === PHONE_WIDTH) await page.screenshot({ path: path.join(NARROW_ARTIFACTS, `${name}.png`), fullPage: true });
      expect(
        report.scrollWidth,
        `${name} scrolls sideways at ${width} px (${report.scrollWidth} > ${report.viewportWidth}); too wide: ${report.wide.join('; ')}`,
      ).to.be.at.most(report.viewportWidth);
    }
  } finally {
    await page.setViewportSize(original);
  }
}

/** All three: the check on every page of a journey, at desktop and phone width, and pictures of both. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await checkAccessibility(page, name);
  await checkPhoneWidth(page, name);
}

/** Signs in through the demo sign-in page as a persona. */
export async function signIn(page: Page, baseUrl: string, persona: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator(`[data-persona="${persona}"]`).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}
