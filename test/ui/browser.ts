// Real Chromium for the journey tests: Debian's /usr/bin/chromium driven by playwright-core (never a browser
// download), an axe-core check (WCAG 2.0/2.1 A and AA) that fails on serious or critical violations, and
// screenshots under test-artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'chai';
import axe from 'axe-core';

export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'journeys');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = axe.source;

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
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

/** Both: the check on every page of a journey, and a picture of it. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await checkAccessibility(page, name);
}

/** Signs in through the demo sign-in page as a persona. */
export async function signIn(page: Page, baseUrl: string, persona: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator(`[data-persona="${persona}"]`).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}
