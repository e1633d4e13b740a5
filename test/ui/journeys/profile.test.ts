// Journey (issue 18 §1): the citizen opens "My profile" from the navigation, adds an e-mail address and confirms it
// with the code read from the SMTP simulator, adds a phone number and confirms it with the code from the SMS gateway
// (SMPP), is refused an account in another's name (error summary linked to the field) and then saves their own,
// chooses e-mail and SMS as channels and English as the language; every page state passes checkPage.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';
import { codeMailedTo, codeTextedTo } from '../../helpers/messaging';

const JANIS = '02117814569';

describe('journey: my profile', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    // A clean profile: other tests of the same run may have used Jānis's.
    for (const table of ['profile_contact_codes', 'profile_contacts', 'profile_bank_accounts', 'profile_preferences'])
      await stack.db.pool.query(`DELETE FROM ${table} WHERE personal_code = $1`, [JANIS]);
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  it('adds and confirms an e-mail and a phone, sets the bank account and the preferences', async () => {
    await signIn(page, stack.api.url, 'citizen-janis');
    await page.getByRole('navigation').getByRole('link', { name: 'Mans profils' }).click();
    await page.locator('h1', { hasText: 'Mans profils' }).waitFor();
    await page.locator('[data-testid="profile-email-status"]', { hasText: 'Nav norādīts' }).waitFor();
    await checkPage(page, 'profile-00-empty');

    // E-mail: a mistyped address is refused at the field and in the error summary.
    await page.getByLabel('E-pasta adrese').fill('janis.example.lv');
    await page.getByRole('button', { name: 'Saglabāt e-pasta adresi un nosūtīt kodu' }).click();
    await page.locator('.error-summary', { hasText: 'Šī nav e-pasta adrese' }).waitFor();
    await checkPage(page, 'profile-01-email-refused');
    const email = `janis-${Date.now()}@example.lv`;
    await page.getByLabel('E-pasta adrese').fill(email);
    await page.getByRole('button', { name: 'Saglabāt e-pasta adresi un nosūtīt kodu' }).click();
    await page.locator('[data-testid="profile-notice"]', { hasText: `Kods nosūtīts uz ${email}` }).waitFor();
    await page.locator('[data-testid="profile-email-status"]', { hasText: 'Nav apstiprināts' }).waitFor();
    await checkPage(page, 'profile-02-email-code-sent');
    const emailCode = await codeMailedTo(email);
    await page.locator('[data-testid="profile-email"]').getByLabel('Apstiprinājuma kods').fill(emailCode);
    await page.locator('[data-testid="profile-email"]').getByRole('button', { name: 'Apstiprināt' }).click();
    await page.locator('[data-testid="profile-notice"]', { hasText: `${email} ir apstiprināts` }).waitFor();
    await page.locator('[data-testid="profile-email-status"]', { hasText: /^Apstiprināts$/ }).waitFor();

    // Phone: the code comes by SMS through the SMPP gateway.
    const local = `2${String(Date.now()).slice(-7)}`;
    await page.getByLabel('Tālruņa numurs').fill(local);
    await page.getByRole('button', { name: 'Saglabāt tālruņa numuru un nosūtīt kodu' }).click();
    await page.locator('[data-testid="profile-notice"]', { hasText: `+371${local}` }).waitFor();
    const smsCode = await codeTextedTo(`+371${local}`);
    const wrong = smsCode === '000000' ? '111111' : '000000';
    await page.locator('[data-testid="profile-phone"]').getByLabel('Apstiprinājuma kods').fill(wrong);
    await page.locator('[data-testid="profile-phone"]').getByRole('button', { name: 'Apstiprināt' }).click();
    await page.locator('.error-summary', { hasText: 'Kods nav pareizs' }).waitFor();
    await checkPage(page, 'profile-03-phone-wrong-code');
    await page.locator('[data-testid="profile-phone"]').getByLabel('Apstiprinājuma kods').fill(smsCode);
    await page.locator('[data-testid="profile-phone"]').getByRole('button', { name: 'Apstiprināt' }).click();
    await page.locator('[data-testid="profile-phone-status"]', { hasText: /^Apstiprināts$/ }).waitFor();

    // Bank account: someone else's name is refused; the citizen's own (without diacritics) is kept.
    await page.getByLabel('IBAN').fill('LV80 BANK 0000 4351 9500 1');
    await page.getByLabel('Konta īpašnieks').fill('Anna Bērziņa');
    await page.getByRole('button', { name: 'Saglabāt kontu' }).click();
    const summaryLink = page.locator('.error-summary a', { hasText: 'Konta īpašniekam jābūt jums' });
    await summaryLink.waitFor();
    await checkPage(page, 'profile-04-bank-refused');
    await summaryLink.click();
    expect(await page.evaluate<string>('document.activeElement.id')).to.equal('profile-holder');
    await page.getByLabel('Konta īpašnieks').fill('Janis Kalnins');
    await page.getByRole('button', { name: 'Saglabāt kontu' }).click();
    await page.locator('[data-testid="profile-bank-current"]', { hasText: 'LV80 BANK 0000 4351 9500 1 (Janis Kalnins)' }).waitFor();

    // Preferences: e-mail and SMS are offered now that both are confirmed; English is chosen for the whole portal.
    await page.getByLabel('E-pasts', { exact: true }).check();
    await page.getByLabel('Īsziņa').check();
    await page.getByLabel('English').check();
    await page.getByRole('button', { name: 'Saglabāt iestatījumus' }).click();
    await page.locator('h1', { hasText: 'My profile' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).to.equal('en');
    await page.locator('[data-testid="profile-email-status"]', { hasText: /^Confirmed$/ }).waitFor();
    await checkPage(page, 'profile-05-saved-en');

    const saved = await stack.db.pool.query('SELECT language, channels FROM profile_preferences WHERE personal_code = $1', [JANIS]);
    expect(saved.rows[0]).to.deep.equal({ language: 'en', channels: ['e-address', 'email', 'sms'] });
  });
});
