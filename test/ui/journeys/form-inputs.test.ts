// Journey: the residence declaration's inputs in Latvian and in English. The address is looked up in the address
// register as it is typed (a combobox used with the keyboard only) and stored with its code; a date is typed day
// first whatever the browser's locale ("01 12 2026" is 1 December); a form with mistakes comes back with an error
// summary in the form's order, messages that say how to fix each problem (never an internal field name) and the page
// title prefixed "Kļūda: " / "Error: ". axe checks every page on the way.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';
import { call } from '../../helpers/http';
import { stateLeaseAgreement } from '../../helpers/residence-document';

const ADDRESS = { text: 'Brīvības iela 137 - 4, Rīga, LV-1012', code: '105360219' };

/** The first of this month (in range of the declaration's "from" date whenever the test runs): day ≤ 12 on purpose. */
function firstOfThisMonth(): { typed: string; iso: string } {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Riga' }).format(new Date()).split('-');
  return { typed: `01 ${m} ${y}`, iso: `${y}-${m}-01` };
}

const TEXTS = {
  lv: {
    persona: 'citizen-anna',
    submit: 'Iesniegt',
    continue: 'Turpināt',
    titlePrefix: 'Kļūda: ',
    basis: 'Īrnieks',
    notChosen: 'Izvēlieties adresi no saraksta, kas parādās rakstot.',
    notReal: 'Šāda datuma nav. Ievadiet īstu datumu, piemēram, 01.12.2026.',
    phone: 'Ievadiet tālruņa numuru, piemēram, +371 20000000',
    confirm: 'Atzīmējiet izvēles rūtiņu, lai apliecinātu.',
    found: /Atrast[a-z]* \d+ adrese/,
    dateHint: 'dd.mm.gggg',
  },
  en: {
    persona: 'citizen-janis',
    submit: 'Submit',
    continue: 'Continue',
    titlePrefix: 'Error: ',
    basis: 'Tenant',
    notChosen: 'Choose the address from the list that appears as you type.',
    notReal: 'There is no such date. Enter a real date, for example 01.12.2026.',
    phone: 'Enter a phone number, for example +371 20000000',
    confirm: 'Tick the box to confirm.',
    found: /\d+ address(es)? found/,
    dateHint: 'dd.mm.yyyy',
  },
} as const;

async function openDeclaration(page: Page, persona: string): Promise<string> {
  const opened = await call('POST', '/api/v1/applications', { as: persona, json: { eserviceId: 'residence-declaration' } });
  expect(opened.status, JSON.stringify(opened.body)).to.be.oneOf([200, 201]);
  const id = opened.body.id as string;
  await page.goto(`${stack.api.url}/applications/${id}`);
  await page.waitForFunction('document.getElementById("root_applicant_givenName")?.value?.length > 0', null, { timeout: 60_000 });
  return id;
}

/** Chooses `text` from the address suggestions with the keyboard only. */
async function chooseAddressByKeyboard(page: Page, text: string): Promise<void> {
  const input = page.locator('#root_newAddress_text');
  const option = page.getByRole('option', { name: text });
  await option.waitFor();
  expect(await input.getAttribute('aria-expanded')).to.equal('true');
  const options = await page.getByRole('option').allTextContents();
  const index = options.indexOf(text);
  expect(index, `${text} among ${options.join(' | ')}`).to.be.at.least(0);
  for (let i = 0; i <= index; i += 1) await input.press('ArrowDown');
  expect(await input.getAttribute('aria-activedescendant')).to.equal(await option.getAttribute('id'));
  expect(await option.getAttribute('aria-selected')).to.equal('true');
  await input.press('Enter');
  expect(await input.inputValue()).to.equal(text);
  expect(await input.getAttribute('aria-expanded')).to.equal('false');
}

describe('journey: dates, address look-up and error messages on the residence declaration', function () {
  this.timeout(180_000);
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  for (const lang of ['lv', 'en'] as const) {
    it(`in ${lang === 'lv' ? 'Latvian' : 'English'}: looks the address up, reads dates day first, says how to fix mistakes`, async () => {
      const text = TEXTS[lang];
      // A browser whose locale writes dates month first: the form must not care.
      const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1000, height: 900 } });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await signIn(page, stack.api.url, text.persona);
      if (lang === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.waitForFunction('document.documentElement.lang === "en"');
      } else if ((await page.evaluate<string>('document.documentElement.lang')) !== 'lv') {
        await page.getByRole('button', { name: 'Latviešu' }).click();
      }
      const id = await openDeclaration(page, text.persona);

      // The date field: one text field with a day-first hint, no browser date picker anywhere on the form.
      expect(await page.locator('form input[type="date"]').count()).to.equal(0);
      expect(await page.locator('#root_declarationDate__hint').textContent()).to.contain(text.dateHint);
      const born = await page.locator('#root_applicant_dateOfBirth').inputValue();
      if (born) expect(born).to.match(/^\d{2}\.\d{2}\.\d{4}$/);

      // The address as typed, suggestions announced; then mistakes everywhere, and submit.
      const address = page.locator('#root_newAddress_text');
      await address.pressSequentially('brivibas iela 137', { delay: 30 });
      await page.getByRole('option', { name: ADDRESS.text }).waitFor();
      await page.waitForFunction(
        `[...document.querySelectorAll('.address-field [role="status"]')].some((s) => new RegExp(${JSON.stringify(text.found.source)}).test(s.textContent ?? ''))`,
      );
      await checkPage(page, `inputs-${lang}-01-address-suggestions`);
      await address.press('Escape');
      expect(await address.getAttribute('aria-expanded')).to.equal('false');
      await page.locator('#root_declarationDate').fill('31 02 2026');
      await page.locator('#root_phone').fill('12');
      await page.locator('[data-state="saved"]').waitFor();
      const titleBefore = await page.title();
      await page.getByRole('button', { name: text.continue }).click();

      const summary = page.locator('.error-summary');
      await summary.waitFor();
      await page.waitForFunction(`document.title.startsWith(${JSON.stringify(text.titlePrefix)})`);
      expect(await page.title()).to.equal(`${text.titlePrefix}${titleBefore}`);
      const links = summary.locator('a');
      const hrefs = await Promise.all((await links.all()).map((a) => a.getAttribute('href')));
      expect(hrefs).to.deep.equal(['#root_newAddress', '#root_residenceBasis', '#root_declarationDate', '#root_phone', '#root_confirm']);
      const items = await links.allTextContents();
      expect(items[0]).to.contain(text.notChosen);
      expect(items[2]).to.contain(text.notReal);
      expect(items[3]).to.contain(text.phone);
      expect(items[4]).to.contain(text.confirm);
      expect(await summary.textContent()).to.not.match(/newAddress|declarationDate|residenceBasis|must match/);
      // The same message by the field, tied to it for screen readers.
      expect(await page.locator('#root_declarationDate').getAttribute('aria-describedby')).to.contain('root_declarationDate__error');
      await checkPage(page, `inputs-${lang}-02-errors`);
      // A summary link takes the focus to its field: the address link to the address's input.
      await links.first().click();
      expect(await page.evaluate<string>('document.activeElement?.id')).to.equal('root_newAddress_text');

      // Fix everything: the address chosen with the keyboard, the date typed with spaces, day first.
      await address.fill('');
      await address.pressSequentially('Brīvības iela 137', { delay: 30 });
      await chooseAddressByKeyboard(page, ADDRESS.text);
      await page.locator(`[data-address-code="${ADDRESS.code}"]`).waitFor();
      await page.locator('#root_residenceBasis').selectOption({ label: text.basis });
      await stateLeaseAgreement(page, lang);
      const date = firstOfThisMonth();
      await page.locator('#root_declarationDate').fill(date.typed);
      await page.locator('#root_phone').fill('+371 20000000');
      await page.locator('#root_confirm').check();
      await page.locator('[data-state="saved"]').waitFor();
      const draft = await call('GET', `/api/v1/applications/${id}`, { as: text.persona });
      expect(draft.body.draft.data.declarationDate).to.equal(date.iso);
      expect(draft.body.draft.data.newAddress).to.deep.equal(ADDRESS);
      await checkPage(page, `inputs-${lang}-03-fixed`);

      await page.getByRole('button', { name: text.continue }).click();
      await page.getByTestId('check-answers').waitFor();
      await page.getByRole('button', { name: text.submit, exact: true }).click();
      await page.waitForURL(/\/confirmation$/, { timeout: 60_000 });
      await page.waitForFunction('!document.querySelector(\'#application-status [data-status="draft"]\')', null, { timeout: 60_000 });
      await page.waitForFunction(`!document.title.startsWith(${JSON.stringify(text.titlePrefix)})`);
      await checkPage(page, `inputs-${lang}-04-submitted`);
      const submitted = await call('GET', `/api/v1/applications/${id}`, { as: text.persona });
      expect(submitted.body.submittedData.declarationDate).to.equal(date.iso);
      expect(submitted.body.submittedData.newAddress).to.deep.equal(ADDRESS);
      expect(pageErrors).to.deep.equal([]);
      await context.close();
    });
  }
});
