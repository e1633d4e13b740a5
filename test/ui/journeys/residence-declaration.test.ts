// Journey: Anna declares her new residence in the browser (reloading half-way finds every field restored), checks
// her answers (changing one through its "Change" link), submits once (no 409 on the way), sees the confirmation,
// an officer approves in a second browser, and Anna's open page shows the decision live; she downloads the
// document. axe checks every page on the way.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { stack } from '../../setup';
import { ARTIFACTS, checkPage, launchBrowser, signIn } from '../browser';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { discardDrafts } from '../../helpers/my-cases';
import { dayFromToday } from '../../helpers/dates';
import { LEASE_NUMBER, stateLeaseAgreement } from '../../helpers/residence-document';

/** The declaration's "from" date (bounded relative to today by the form). */
const FROM_DAY = dayFromToday(1);

const NEW_ADDRESS = 'Brīvības iela 137 - 4, Rīga, LV-1012';

describe('journey: residence declaration in the browser', function () {
  this.timeout(120_000);
  let browser: Browser;
  let citizenContext: BrowserContext;
  let officerContext: BrowserContext;
  let citizen: Page;
  let officer: Page;

  before(async () => {
    browser = await launchBrowser();
    citizenContext = await browser.newContext({ acceptDownloads: true, locale: 'lv-LV' });
    officerContext = await browser.newContext({ locale: 'lv-LV' });
    citizen = await citizenContext.newPage();
    officer = await officerContext.newPage();
    await discardDrafts('citizen-anna', 'residence-declaration'); // starting opens a new draft, not "continue / start again"
  });
  after(async () => {
    await browser?.close();
  });

  it('citizen fills in, reloads, submits; officer approves; the citizen sees it live and downloads the decision', async () => {
    const base = stack.api.url;
    const pageErrors: string[] = [];
    citizen.on('pageerror', (e) => pageErrors.push(e.message));
    // Submit happens after the last save, once: no request of the citizen's page is refused as a conflict.
    const conflicts: string[] = [];
    citizen.on('response', (r) => {
      if (r.status() === 409) conflicts.push(`${r.request().method()} ${r.url()}`);
    });

    // Demo sign-in, clearly marked, listing the personas.
    await citizen.goto(`${base}/`);
    await citizen.waitForURL(/\/sign-in$/);
    await citizen.locator('[data-persona="citizen-anna"]').waitFor();
    expect(await citizen.locator('.demo-banner').textContent()).to.match(/Demonstrācijas/);
    await checkPage(citizen, '01-sign-in');
    await citizen.locator('[data-persona="citizen-anna"]').click();
    await citizen.locator('h1', { hasText: 'Anna Bērziņa' }).waitFor();
    await checkPage(citizen, '02-dashboard');

    // Browse the services (the one search over the catalogue), search without diacritics, start the residence
    // declaration, marked as an e-service, right from the results.
    await citizen.getByRole('navigation').getByRole('link', { name: 'Pakalpojumi', exact: true }).click();
    await citizen.locator('h1', { hasText: 'Pakalpojumu katalogs' }).waitFor();
    await citizen.getByLabel('Meklēt pakalpojumu').fill('dzivesvietas deklaresana');
    await citizen.getByRole('button', { name: 'Meklēt', exact: true }).click();
    await citizen.waitForURL((url) => url.searchParams.get('q') === 'dzivesvietas deklaresana');
    // The answer to this query (not the list shown before it): the declaration first.
    await citizen.waitForFunction('document.querySelector("li[data-service]")?.getAttribute("data-service") === "residence-declaration"');
    const card = citizen.locator('[data-eservice="residence-declaration"]');
    expect(await card.locator('.badge-eservice').textContent()).to.equal('E-pakalpojums');
    await checkPage(citizen, '03-services');
    await card.getByRole('button').click();
    await citizen.waitForURL(/\/applications\/LV-\d{10}-\d{2}$/);
    const caseId = citizen.url().split('/').pop() as string;

    // The population register prefill arrives in the draft a moment later.
    await citizen.waitForFunction('document.getElementById("root_applicant_givenName")?.value === "Anna"', null, { timeout: 60_000 });
    await citizen.locator('#root_newAddress_text').fill(NEW_ADDRESS);
    await citizen.locator('#root_residenceBasis').selectOption({ label: 'Īrnieks' });
    await stateLeaseAgreement(citizen); // a tenant states the lease agreement
    await citizen.locator('[data-state="saved"]').waitFor();
    await checkPage(citizen, '04-form-half');

    // Reload half-way: every field is back.
    await citizen.reload();
    await citizen.locator('#root_newAddress_text').waitFor();
    expect(await citizen.locator('#root_newAddress_text').inputValue()).to.equal(NEW_ADDRESS);
    expect(await citizen.locator('#root_residenceBasis option:checked').textContent()).to.equal('Īrnieks');
    expect(await citizen.locator('#root_applicant_givenName').inputValue()).to.equal('Anna');
    expect(await citizen.locator('#root_applicant_familyName').inputValue()).to.equal('Bērziņa');
    expect(await citizen.locator('#root_residenceDocument_number').inputValue()).to.equal(LEASE_NUMBER);

    // Continuing too early: an error summary linked to the fields.
    await citizen.getByRole('button', { name: 'Turpināt' }).click();
    const summary = citizen.locator('.error-summary');
    await summary.waitFor();
    await checkPage(citizen, '05-error-summary');
    await summary.locator('a[href="#root_declarationDate"]').click();
    expect(await citizen.evaluate<string>('document.activeElement?.id')).to.equal('root_declarationDate');

    await citizen.locator('#root_declarationDate').fill(FROM_DAY);
    await citizen.locator('#root_phone').fill('+371 20000000');
    await citizen.locator('#root_confirm').check();
    await citizen.locator('[data-state="saved"]').waitFor();
    await citizen.getByRole('button', { name: 'Turpināt' }).click();

    // Check your answers: the definition's titles in the form's order (never a field's internal name), values
    // as a person reads them, the focus on the heading.
    const check = citizen.getByTestId('check-answers');
    await check.waitFor();
    expect(await citizen.evaluate<string>('document.activeElement?.id')).to.equal('check-heading');
    expect(await citizen.title()).to.match(/^Pārbaudiet atbildes – /);
    const keys = await check.locator('dt').allTextContents();
    expect(keys.slice(0, 3)).to.deep.equal(['Vārds', 'Uzvārds', 'Personas kods']);
    expect(keys).to.include.members(['Jaunā dzīvesvieta', 'Tiesiskais pamats dzīvot adresē', 'No kura datuma', 'Tālrunis']);
    expect(await check.textContent()).not.to.match(/newAddress|residenceBasis|declarationDate/);
    const basisRow = check.locator('[data-field="root_residenceBasis"]');
    expect(await basisRow.locator('dd').first().textContent()).to.equal('Īrnieks');
    expect(await check.locator('[data-field="root_newAddress_text"] dd').first().textContent()).to.equal(NEW_ADDRESS);
    expect(await check.locator('[data-field="root_applicant_givenName"] a').count(), 'register data cannot be changed').to.equal(0);
    expect(await check.getByTestId('expected-if-submitted').textContent()).to.match(/^Ja iesniegsiet šodien, lēmums gaidāms līdz /);
    await checkPage(citizen, '06-check-answers');

    // "Change" goes back to that field; "Continue" returns to the check with the new answer.
    await basisRow.getByRole('link', { name: 'Mainīt Tiesiskais pamats dzīvot adresē' }).click();
    await citizen.waitForFunction('document.activeElement?.id === "root_residenceBasis"');
    await citizen.locator('#root_residenceBasis').selectOption({ label: 'Īpašnieks' });
    await citizen.locator('[data-state="saved"]').waitFor();
    await citizen.getByRole('button', { name: 'Turpināt' }).click();
    await check.waitFor();
    expect(await basisRow.locator('dd').first().textContent()).to.equal('Īpašnieks');

    // Submit: the confirmation, its heading focused, the case number, when to expect a decision, how she is told.
    await citizen.getByRole('button', { name: 'Iesniegt', exact: true }).click();
    await citizen.waitForURL(/\/applications\/LV-\d{10}-\d{2}\/confirmation$/, { timeout: 60_000 });
    await citizen.getByTestId('case-number').waitFor();
    await citizen.waitForFunction(
      'document.activeElement?.tagName === "H1" && document.activeElement.textContent === "Pieteikums iesniegts"',
    );
    expect(await citizen.getByTestId('case-number').textContent()).to.equal(caseId);
    expect(await citizen.getByTestId('expected-decision').textContent()).to.match(/^Lēmums gaidāms līdz \d/);
    expect(await citizen.getByRole('heading', { name: 'Kā jūs uzzināsiet' }).count()).to.equal(1);
    await checkPage(citizen, '07-confirmation');

    // The application: the submitted data as a summary list (no greyed-out inputs), the steps still to come.
    await citizen.getByRole('link', { name: 'Skatīt pieteikumu' }).click();
    await citizen.locator('#history-heading').waitFor();
    const submitted = citizen.getByTestId('submitted-data');
    expect(await submitted.locator('input, select, textarea').count()).to.equal(0);
    expect(await submitted.locator('[data-field="root_residenceBasis"] dd').first().textContent()).to.equal('Īpašnieks');
    await citizen.getByTestId('upcoming').locator('[data-step="decision"]').waitFor();
    expect(await citizen.getByTestId('upcoming').locator('[data-step="decision"]').textContent()).to.match(/gaidāms līdz/);
    await checkPage(citizen, '08-submitted');
    await citizen.evaluate('window.journeyMarker = 42'); // gone if the page reloads

    // The officer, in another browser context: inbox, task, claim, approve.
    await signIn(officer, base, 'officer-pmlp');
    await officer.getByLabel('Kārtot').selectOption('-created_at'); // other tests may have filled the inbox
    const row = officer.locator(`tr[data-case="${caseId}"]`);
    // The task is created once the address check has passed: wait for it in the inbox, then look again.
    await waitFor('the officer task', async () =>
      (await call('GET', '/api/v1/tasks?limit=200', { as: 'officer-pmlp' })).body.items.some(
        (t: { caseId: string }) => t.caseId === caseId,
      ),
    );
    await officer.reload();
    await officer.getByLabel('Kārtot').selectOption('-created_at');
    await row.waitFor();
    await checkPage(officer, '09-officer-inbox');
    await row.getByRole('link').click();
    await officer.getByRole('button', { name: 'Paņemt darbā' }).click();
    await officer.locator('#outcome-approve').waitFor();
    await checkPage(officer, '10-officer-task');
    await officer.locator('#outcome-approve').check();
    await officer.getByRole('button', { name: 'Pieņemt lēmumu' }).click();
    await officer.locator('.alert-success', { hasText: 'Lēmums pieņemts' }).waitFor({ timeout: 60_000 });
    await checkPage(officer, '11-officer-decided');

    // The citizen's open page follows live, without a reload.
    await citizen.locator('#application-status [data-status="completed"]').waitFor({ timeout: 60_000 });
    expect(await citizen.evaluate<number>('window.journeyMarker')).to.equal(42);
    const download = citizen.locator('button[data-document]').first();
    await download.waitFor({ timeout: 60_000 });
    await checkPage(citizen, '12-completed');
    const [file] = await Promise.all([citizen.waitForEvent('download'), download.click()]);
    const saved = path.join(ARTIFACTS, 'decision.pdf');
    await file.saveAs(saved);
    expect(file.suggestedFilename()).to.match(/\.pdf$/);
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).to.equal('%PDF-');

    // "My cases" lists it with its timeline.
    await citizen.getByRole('navigation').getByRole('link', { name: 'Manas lietas', exact: true }).click();
    await citizen.locator(`[data-case="${caseId}"][data-status="completed"]`).waitFor();
    await checkPage(citizen, '13-my-cases');

    // The population register records the new declared address from the declaration's date.
    const anna = (await (await fetch(`${stack.simulators.urls.populationRegister}/persons/15038511239`)).json()) as { residence: object };
    expect(anna.residence).to.deep.include({ address: NEW_ADDRESS, declared_from: FROM_DAY });
    expect(pageErrors).to.deep.equal([]);
    expect(conflicts, 'no 409 on the way').to.deep.equal([]);
  });
});
