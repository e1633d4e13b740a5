// Journey (issue 17, officers and staff), in Latvian and in English: Anna's address fails the register check, she
// corrects it and sends "lease.txt"; the officer sees the application's data as a summary list with the definition's
// labels before the decision panel, the register checks, what Anna changed (before and now), opens the file, asks
// for more information, gets the task back claimed when Anna answers, and approves. Then an agency administrator
// issues an invoice from the console, after the form's error summary. axe checks every page on the way.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { ARTIFACTS, checkPage, launchBrowser, signIn } from '../browser';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { submitPastAddressCheck } from '../../helpers/applications';
import { lv } from '../../../ui/src/app/i18n/lv';
import { en } from '../../../ui/src/app/i18n/en';
import { dayFromToday } from '../../helpers/dates';

const UNKNOWN_ADDRESS = 'Nekurienes iela 1, Rīga';
const KNOWN_ADDRESS = 'Dzirnavu iela 67 - 22, Rīga, LV-1011';
const LEASE = 'Īres līgums Nr. 17\n';
const TEXTS = { lv, en };

/** Anna submits with an address the register does not know, then corrects it and sends the lease: the task opens. */
async function correctedApplication(): Promise<string> {
  const opened = await call('POST', '/api/v1/applications', { as: 'citizen-anna', json: { eserviceId: 'residence-declaration' } });
  const app = await waitFor('prefill', async () => {
    const r = await call('GET', `/api/v1/applications/${opened.body.id}`, { as: 'citizen-anna' });
    return r.body.draft.data.applicant?.givenName ? r.body : null;
  });
  const data = {
    ...app.draft.data,
    newAddress: { text: UNKNOWN_ADDRESS },
    residenceBasis: 'other',
    residenceDocument: { kind: 'owner-consent', number: 'PK-2026/17', date: dayFromToday(-10) },
    declarationDate: dayFromToday(15),
    confirm: true,
  };
  const saved = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
    as: 'citizen-anna',
    json: { version: app.draft.version, data },
  });
  await submitPastAddressCheck(stack.simulators.urls.addressRegister, () =>
    call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-anna', json: { version: saved.body.version } }),
  );
  await waitFor(
    'the check to ask',
    async () => (await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-anna' })).body.status === 'info_requested',
  );
  const file = await call('POST', `/api/v1/applications/${app.id}/files`, {
    as: 'citizen-anna',
    body: LEASE,
    headers: { 'content-type': 'text/plain', 'x-file-name': 'lease.txt' },
  });
  await call('POST', `/api/v1/applications/${app.id}/info`, {
    as: 'citizen-anna',
    json: { data: { newAddress: { text: KNOWN_ADDRESS } }, fileIds: [file.body.id] },
  });
  await waitFor('the task', async () =>
    (await call('GET', '/api/v1/tasks?limit=200&sort=-created_at', { as: 'officer-pmlp' })).body.items.some(
      (t: any) => t.caseId === app.id,
    ),
  );
  return app.id as string;
}

async function useLanguage(page: Page, lang: 'lv' | 'en') {
  const button = page.getByRole('button', { name: lang === 'lv' ? 'Latviešu' : 'English', exact: true });
  if ((await button.getAttribute('aria-pressed')) !== 'true') await button.click();
  await page.waitForFunction(`document.documentElement.lang === '${lang}'`);
}

/** Whether `first` comes before `second` in the page. */
async function comesBefore(page: Page, first: string, second: string): Promise<boolean> {
  return page.evaluate<boolean>(
    `!!(document.querySelector(${JSON.stringify(first)}).compareDocumentPosition(document.querySelector(${JSON.stringify(second)})) & Node.DOCUMENT_POSITION_FOLLOWING)`,
  );
}

describe('journey: the officer’s task and the agency’s invoice, in both languages', function () {
  this.timeout(240_000);
  let browser: Browser;

  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const lang of ['lv', 'en'] as const) {
    const T = TEXTS[lang];

    it(`${lang}: sees the data, checks, changes and file before deciding; the answer comes back to the officer who asked`, async () => {
      const base = stack.api.url;
      const caseId = await correctedApplication();
      const page = await (await browser.newContext({ acceptDownloads: true, locale: lang === 'lv' ? 'lv-LV' : 'en-GB' })).newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await signIn(page, base, 'officer-pmlp');
      await useLanguage(page, lang);
      await page.getByLabel(T.inbox.sort).selectOption('-created_at');
      await page.locator(`tr[data-case="${caseId}"]`).getByRole('link').click();

      // The application's data first, as a summary list with the definition's labels and values in words.
      const basis = page.locator('.application-summary [data-field="/residenceBasis"]');
      await basis.waitFor();
      expect(await basis.locator('dt').textContent()).to.equal(
        lang === 'lv' ? 'Tiesiskais pamats dzīvot adresē' : 'Legal basis to live at the address',
      );
      expect(await basis.locator('dd').textContent()).to.equal(T.enum.other);
      // The document that gives the right to live there, stated for another basis, under its own heading.
      expect(await page.locator('#summary-residenceDocument').textContent()).to.equal(
        lang === 'lv' ? 'Dokuments, kas dod tiesības dzīvot adresē' : 'Document giving the right to live at the address',
      );
      const documentRows = page.locator('.application-summary [data-field^="/residenceDocument/"] dd');
      expect((await documentRows.allTextContents()).slice(0, 2)).to.deep.equal([T.enum['owner-consent'], 'PK-2026/17']);
      const address = page.locator('.application-summary [data-field="/newAddress/text"]');
      expect(await address.getAttribute('data-changed')).to.equal('true');
      expect(await address.locator('dd').textContent()).to.equal(`${KNOWN_ADDRESS} ${T.summary.changed}`);
      expect(await page.locator('#summary-newAddress').textContent()).to.equal(
        lang === 'lv' ? 'Jaunā dzīvesvieta' : 'New place of residence',
      );
      expect(await comesBefore(page, '#data-heading', '#claim-task'), 'the data before the claim').to.equal(true);

      // The register checks: failed, then passed after Anna's correction.
      const checks = page.locator('tr[data-check="check-address"]');
      expect(await checks.count()).to.equal(2);
      expect([await checks.nth(0).getAttribute('data-passed'), await checks.nth(1).getAttribute('data-passed')]).to.deep.equal([
        'false',
        'true',
      ]);
      expect(await checks.first().locator('th').textContent()).to.contain(T.registers['address-register']);
      // What Anna changed, before and now, with the file she sent.
      const change = page.locator('[data-answer="1"] tr[data-field="/newAddress/text"]');
      expect(await change.locator('del').textContent()).to.equal(UNKNOWN_ADDRESS);
      expect(await change.locator('ins').textContent()).to.equal(KNOWN_ADDRESS);
      await checkPage(page, `officer-${lang}-01-task`);
      // On a phone the summary list stacks and the tables wrap: nothing of the officer's view sticks out at 375 px.
      await page.setViewportSize({ width: 375, height: 800 });
      const overflowing = await page.evaluate<string[]>(
        `[...document.querySelectorAll('.application-summary, .application-summary dd, table.changes, table.register-checks, ul.attachments')]
          .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
          .map((el) => el.className || el.tagName)`,
      );
      expect(overflowing, 'wider than a 375 px screen').to.deep.equal([]);
      await page.setViewportSize({ width: 1280, height: 800 });

      // The attachment opens (downloads) with its name and content.
      const link = page.locator('#files-heading + ul a[data-file]');
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(download.suggestedFilename()).to.equal('lease.txt');
      const saved = path.join(ARTIFACTS, `lease-${lang}.txt`);
      await download.saveAs(saved);
      expect(fs.readFileSync(saved, 'utf8')).to.equal(LEASE);

      // Claim and ask for more information.
      await page.getByRole('button', { name: T.task.claim, exact: true }).click();
      await page.locator('#outcome-requestInfo').check();
      await page.locator('#decision-message').fill(lang === 'lv' ? 'Pievienojiet īpašnieka piekrišanu.' : 'Add the owner’s consent.');
      await page.getByRole('button', { name: T.decision.submit, exact: true }).click();
      await page.locator('.alert-success').filter({ hasText: T.status.info_requested }).waitFor({ timeout: 60_000 });
      await checkPage(page, `officer-${lang}-02-asked`);

      // Anna answers; the new task is already this officer's: in "mine", claimed, the decision panel at once.
      await call('POST', `/api/v1/applications/${caseId}/info`, {
        as: 'citizen-anna',
        json: { data: { residenceBasis: 'tenant' }, fileIds: [] },
      });
      await waitFor('the task back, claimed', async () =>
        (await call('GET', '/api/v1/tasks?limit=200&mine=true', { as: 'officer-pmlp' })).body.items.some(
          (t: any) => t.caseId === caseId && t.status === 'claimed',
        ),
      );
      await page.getByRole('link', { name: T.task.back }).click();
      await page.locator('#task-mine').check();
      const row = page.locator(`tr[data-case="${caseId}"]`);
      await row.waitFor();
      expect(await row.textContent()).to.contain(T.inbox.filter.claimed);
      await checkPage(page, `officer-${lang}-03-mine`);
      await row.getByRole('link').click();
      await page.locator('#outcome-approve').waitFor();
      await page.locator('#changes-heading').waitFor();
      expect(await comesBefore(page, '#changes-heading', '#decision-heading'), 'the changes before the decision panel').to.equal(true);
      const second = page.locator('[data-answer="2"] tr[data-field="/residenceBasis"]');
      expect(await second.locator('del').textContent()).to.equal(T.enum.other);
      expect(await second.locator('ins').textContent()).to.equal(T.enum.tenant);
      await checkPage(page, `officer-${lang}-04-returned`);
      await page.locator('#outcome-approve').check();
      await page.getByRole('button', { name: T.decision.submit, exact: true }).click();
      await page
        .locator('.alert-success')
        .filter({ hasText: T.task.decided.split(' ')[0] })
        .waitFor({ timeout: 60_000 });
      await checkPage(page, `officer-${lang}-05-decided`);
      expect(pageErrors).to.deep.equal([]);
      await page.context().close();
    });

    it(`${lang}: an agency administrator issues an invoice from the console`, async () => {
      const base = stack.api.url;
      const page = await (await browser.newContext({ locale: lang === 'lv' ? 'lv-LV' : 'en-GB' })).newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await signIn(page, base, 'admin-pmlp');
      await useLanguage(page, lang);
      await page.goto(`${base}/agency/invoices`);
      await page.getByTestId('issue-invoice').click();
      await page.locator('h1', { hasText: T.issue.title }).waitFor();
      await checkPage(page, `invoice-${lang}-01-form`);

      // Nothing filled in: the error summary, "Error:" in the title, each error linked to its field.
      await page.getByRole('button', { name: T.issue.submit, exact: true }).click();
      const summary = page.locator('.error-summary');
      await summary.waitFor();
      expect(await page.title()).to.match(lang === 'lv' ? /^Kļūda: / : /^Error: /);
      expect(await summary.textContent()).to.contain(T.issue.errors.payerIdMissing);
      await checkPage(page, `invoice-${lang}-02-errors`);
      await summary.locator('a').first().click();
      expect(await page.evaluate<string>('document.activeElement?.id')).to.equal('payer-id');

      const description = `${lang === 'lv' ? 'Pases izgatavošana' : 'Passport'} ${Date.now()}`;
      await page.locator('#payer-id').fill('021178-14569');
      await page.locator('#payer-name').fill('Jānis Kalniņš');
      await page.locator('#line-0-description').fill(description);
      await page.locator('#line-0-unitPrice').fill(lang === 'lv' ? '36,05' : '36.05');
      await page.getByRole('button', { name: T.issue.line.add }).click();
      await page.locator('#line-1-description').fill(lang === 'lv' ? 'Steidzamība' : 'Urgency');
      await page.locator('#line-1-quantity').fill('2');
      await page.locator('#line-1-unitPrice').fill('10');
      // A state fee and a line with VAT cannot share an invoice: the form says so on the line's VAT.
      await page.locator('#line-1-vat').selectOption('21');
      await page.getByRole('button', { name: T.issue.submit, exact: true }).click();
      await summary.locator('a[href="#line-1-vat"]').waitFor();
      await page.locator('#line-1-vat').selectOption('exempt-O');
      const due = new Date(Date.now() + 14 * 86_400_000);
      await page.locator('#due-date').fill(`${due.getUTCDate()}.${due.getUTCMonth() + 1}.${due.getUTCFullYear()}`);
      await page.getByRole('button', { name: T.issue.submit, exact: true }).click();
      await page.waitForURL(/\/agency\/invoices\/[0-9a-f-]{36}$/).catch(async (e: unknown) => {
        const shown = await page.locator('.alert-error, .error-summary').allTextContents();
        throw new Error(`not issued: ${shown.join(' | ')} (${String(e)})`);
      });
      await page.locator('.alert-success').waitFor();
      await checkPage(page, `invoice-${lang}-03-issued`);

      // Jānis has it, with both lines: 36.05 + 2 × 10, state fees outside the scope of VAT.
      const mine = await call('GET', '/api/v1/me/invoices', { as: 'citizen-janis' });
      const invoice = mine.body.items.find((i: any) => i.id === page.url().split('/').pop());
      expect(invoice, 'in Jānis’s invoices').to.not.equal(undefined);
      expect(invoice.totals.total).to.equal(56.05);
      expect(pageErrors).to.deep.equal([]);
      await page.context().close();
    });
  }
});
