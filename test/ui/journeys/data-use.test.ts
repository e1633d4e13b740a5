// Journey (issue 18 §2): Anna submits a residence declaration; the officer opens its task in the console; Anna,
// following "Who used my data" from the navigation, sees within a minute the officer's view (the agency and a role,
// never the officer's name) and the e-service's register reads of her application, with the registers' pushed reads;
// filters by institution, pages with "Show more", and downloads her data as JSON and PDF. In Latvian and English;
// axe and the phone-width check on every page.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { ARTIFACTS, checkPage, launchBrowser, signIn } from '../browser';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dayFromToday } from '../../helpers/dates';
import { schemaProblems } from '../../../forms/validation';
import { lv } from '../../../ui/src/app/i18n/lv';
import { en } from '../../../ui/src/app/i18n/en';

const ANNA = '15038511239';
const KNOWN_ADDRESS = 'Dzirnavu iela 67 - 22, Rīga, LV-1011';
const TEXTS = { lv, en };

/** Anna's application, submitted: the register checks pass and the officer's task opens. */
async function submittedApplication(): Promise<string> {
  const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
  const app = await waitFor('prefill', async () => {
    const r = await call('GET', `/api/v1/applications/${opened.body.id}`, { as: 'citizen-anna' });
    return r.body.draft.data.applicant?.givenName ? r.body : null;
  });
  const data = {
    ...app.draft.data,
    newAddress: { text: KNOWN_ADDRESS },
    residenceBasis: 'owner',
    declarationDate: dayFromToday(1),
    confirm: true,
  };
  const saved = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
    as: 'citizen-anna',
    json: { version: app.draft.version, data },
  });
  const submitted = await call('POST', `/api/v1/applications/${app.id}/submit`, {
    as: 'citizen-anna',
    json: { version: saved.body.version },
  });
  expect(submitted.status).to.equal(200);
  return app.id as string;
}

async function useLanguage(page: Page, lang: 'lv' | 'en') {
  const button = page.getByRole('button', { name: lang === 'lv' ? 'Latviešu' : 'English', exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.waitForFunction(`document.documentElement.lang === '${lang}'`);
}

/** Reloads the list until the uses are there (new reads appear within a minute). */
async function pollUntilShown(page: Page, selectors: string[]) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.locator('[data-testid="data-use"], [data-testid="data-use-none"]').first().waitFor();
    const counts = await Promise.all(selectors.map((s) => page.locator(s).count()));
    if (counts.every((n) => n > 0)) return;
    if (Date.now() > deadline) throw new Error(`not shown within 60 s: ${selectors.filter((_, i) => counts[i] === 0).join(', ')}`);
    await page.reload();
  }
}

function pdfText(file: string): string {
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`pdftotext: ${run.stderr}`);
  return run.stdout;
}

describe('journey: who used my data, and my data exported', function () {
  this.timeout(240_000);
  let browser: Browser;
  let caseId: string;

  before(async () => {
    browser = await launchBrowser();
    caseId = await submittedApplication();
    // More reads than one page holds: the Central Statistical Bureau's sample survey, read in the register.
    for (let i = 0; i < 21; i += 1) {
      const added = await fetch(`${stack.simulators.urls.populationRegister}/_access-log`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          subject: ANNA,
          at: `${dayFromToday(-30 - i)}T09:00:00Z`,
          agency: { code: '90000075543', name: { lv: 'Centrālā statistikas pārvalde', en: 'Central Statistical Bureau' } },
          role: { lv: 'Statistiķis', en: 'Statistician' },
          data: { lv: 'Deklarētā dzīvesvieta', en: 'Declared place of residence' },
          purpose: { code: 'statistics', lv: 'Statistikas apsekojums', en: 'Statistical survey' },
          legalBasis: 'Statistikas likums, 17. pants',
        }),
      });
      expect(added.status).to.equal(201);
    }
  });
  after(async () => {
    await browser?.close();
  });

  it("the officer opens the task of Anna's application in the console", async () => {
    const page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    await signIn(page, stack.api.url, 'officer-pmlp');
    await useLanguage(page, 'lv');
    await waitFor('the task', async () =>
      (await call('GET', '/api/v1/tasks?limit=200&sort=-created_at', { as: 'officer-pmlp' })).body.items.some(
        (t: any) => t.caseId === caseId,
      ),
    );
    await page.reload();
    await page.getByLabel(lv.inbox.sort).selectOption('-created_at');
    await page.locator(`tr[data-case="${caseId}"]`).getByRole('link').click();
    await page.locator('.application-summary').waitFor();
    await checkPage(page, 'data-use-00-officer-task');
    await page.context().close();
  });

  for (const lang of ['lv', 'en'] as const) {
    const T = TEXTS[lang];

    it(`${lang}: Anna sees the officer's view and the register reads of her application, filters, pages and exports`, async () => {
      const page = await (await browser.newContext({ acceptDownloads: true, locale: lang === 'lv' ? 'lv-LV' : 'en-GB' })).newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await signIn(page, stack.api.url, 'citizen-anna');
      await useLanguage(page, lang);
      await page.getByRole('link', { name: T.dataUse.nav, exact: true }).first().click();
      await page.waitForURL((url) => url.pathname === '/my-data/use');

      const officerView = `li[data-purpose="case-handling"]:has(a[href="/cases/${caseId}"])`;
      const prefill = `li[data-purpose="prefill"]:has(a[href="/cases/${caseId}"])`;
      const check = `li[data-purpose="register-check"]:has(a[href="/cases/${caseId}"])`;
      const pushed = 'li[data-source="register"][data-purpose="tax-administration"]';
      await pollUntilShown(page, [officerView, prefill, check]);
      const view = page.locator(officerView).first();
      const viewText = (await view.textContent()) ?? '';
      expect(viewText).to.contain(
        lang === 'lv' ? 'Pilsonības un migrācijas lietu pārvalde' : 'Office of Citizenship and Migration Affairs',
      );
      expect(viewText).to.contain(lang === 'lv' ? 'Iestādes darbinieks' : 'Agency officer');
      expect(viewText).to.not.contain('Ilze');
      const taskView = lang === 'lv' ? 'Pieteikums un tā dati (ierēdņa uzdevums)' : "The application and its data (an officer's task)";
      expect(await page.locator(officerView).filter({ hasText: taskView }).count(), 'the task page itself').to.be.greaterThan(0);
      expect(await page.locator(prefill).first().textContent()).to.contain(
        lang === 'lv' ? 'Iedzīvotāju reģistrs: personas dati' : 'Population register: personal data',
      );
      expect(await page.locator(check).first().textContent()).to.contain(lang === 'lv' ? 'Adrešu reģistrs' : 'Address register');
      expect(await page.locator('[data-testid="data-use"]').textContent()).to.not.contain(
        lang === 'lv' ? 'Kriminālprocess' : 'Criminal investigation',
      );
      await checkPage(page, `data-use-${lang}-01-list`);

      // Only the State Revenue Service's reads.
      await page.getByLabel(T.dataUse.filters.institution).selectOption('90000069281');
      await page.getByRole('button', { name: T.dataUse.filters.apply, exact: true }).click();
      await page.locator(officerView).first().waitFor({ state: 'detached' });
      // The register's pushed read (pushed each second since the stack started; older than this run's reads of Anna,
      // which fill the first page of all).
      await page.locator(pushed).first().waitFor();
      const institutions = await page.locator('[data-testid="data-use"] h2 span').allTextContents();
      expect(institutions.length).to.be.greaterThan(0);
      expect(new Set(institutions)).to.deep.equal(new Set([lang === 'lv' ? 'Valsts ieņēmumu dienests' : 'State Revenue Service']));
      await checkPage(page, `data-use-${lang}-02-filtered`);

      // Back to all; more than one page: "Show more" adds the next one.
      await page.getByLabel(T.dataUse.filters.institution).selectOption('');
      await page.getByRole('button', { name: T.dataUse.filters.apply, exact: true }).click();
      await page.locator(officerView).first().waitFor();
      const before = await page.locator('li[data-use]').count();
      await page.getByTestId('data-use-more').click();
      await waitFor('the next page', async () => (await page.locator('li[data-use]').count()) > before);
      await checkPage(page, `data-use-${lang}-03-more`);

      // The export, as JSON and as PDF.
      const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: T.dataUse.export.json }).click()]);
      const jsonFile = path.join(ARTIFACTS, `data-export-${lang}.json`);
      await json.saveAs(jsonFile);
      const exported = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
      expect(schemaProblems('data-export', exported)).to.equal(null);
      expect(exported.sections.find((s: any) => s.key === 'cases').data.map((c: any) => c.id)).to.include(caseId);
      const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: T.dataUse.export.pdf }).click()]);
      const pdfFile = path.join(ARTIFACTS, `data-export-${lang}.pdf`);
      await pdf.saveAs(pdfFile);
      const text = pdfText(pdfFile);
      expect(text).to.contain('Kas izmantoja manus datus / Who used my data');
      expect(text).to.contain(caseId);
      await checkPage(page, `data-use-${lang}-04-exported`);
      expect(pageErrors).to.deep.equal([]);
      await page.context().close();
    });
  }
});
