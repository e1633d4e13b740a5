// Journey: an EU citizen signs in with her country's eID through the eIDAS node (its simulator) and declares her
// residence: the portal's sign-in page offers the EU eID entrance with a country choice, the node's page lets Anna
// Schmidt (Germany) sign in at level substantial, and the residence declaration opens with her name, date of birth
// and eIDAS identifier filled in from the sign-in. The statement that needs a Latvian personal code says so instead
// of a Start button. axe checks every page on the way, the node's included.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser } from '../browser';
import { ANNA_SCHMIDT } from '../../helpers/eidas';
import { endDraftsOf } from '../../helpers/my-cases';
import { dayFromToday } from '../../helpers/dates';
import { stateLeaseAgreement } from '../../helpers/residence-document';

/** The declaration's "from" date (bounded relative to today by the form). */
const FROM_DAY = dayFromToday(1);

const NEW_ADDRESS = 'Brīvības iela 137 - 4, Rīga, LV-1012';

describe('journey: EU citizen signs in with eIDAS and declares her residence', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    // Anna Schmidt's drafts from other tests: starting opens a new draft, not "continue / start again".
    await endDraftsOf({ type: 'eidas', id: ANNA_SCHMIDT }, 'residence-declaration');
    await endDraftsOf({ type: 'eidas', id: ANNA_SCHMIDT }, 'declared-address-statement');
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  it('Anna Schmidt chooses EU eID and Germany, signs in at the node, and submits the prefilled declaration', async () => {
    const base = stack.api.url;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    // Step 1: the sign-in page's EU eID entrance: choose the country.
    await page.goto(`${base}/sign-in`);
    const country = page.getByLabel('Jūsu valsts');
    await country.waitFor();
    await checkPage(page, 'eidas-00-sign-in');
    await country.selectOption({ label: 'Vācija' });
    await page.getByRole('button', { name: 'Turpināt ar ES eID' }).click();

    // Step 2: the eIDAS node's page, on the chosen country: the person and the level of assurance.
    await page.waitForURL((url) => url.href.startsWith(stack.simulators.urls.eidasNode));
    await page.locator('#person').waitFor();
    await checkPage(page, 'eidas-01-node');
    await page.locator('#person').selectOption(ANNA_SCHMIDT);
    await page.locator('input[name="loa"][value="substantial"]').check();
    await page.getByRole('button', { name: 'Pieslēgties / Sign in' }).click();

    // Step 3: the node's form posts the signed assertion back; the portal greets her, signed in.
    await page.waitForURL((url) => url.origin === new URL(base).origin && url.pathname === '/');
    await page.locator('h1', { hasText: 'Anna Schmidt' }).waitFor();
    await checkPage(page, 'eidas-02-home');
    const { principal } = await page.evaluate<{ principal: { person: { type: string; id: string }; acr: string; authMethod: string } }>(
      "fetch('/api/v1/auth/session').then((r) => r.json())",
    );
    expect(principal).to.deep.include({
      person: { type: 'eidas', id: ANNA_SCHMIDT },
      acr: 'http://eidas.europa.eu/LoA/substantial',
      authMethod: 'DE',
    });

    // Step 4: the services (the one search over the catalogue): the statement that needs a Latvian personal code
    // says so; the declaration starts.
    await page.getByRole('navigation').getByRole('link', { name: 'Pakalpojumi', exact: true }).click();
    await page.getByLabel('Meklēt pakalpojumu').fill('deklarētā dzīvesvieta');
    await page.getByRole('button', { name: 'Meklēt', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'deklarētā dzīvesvieta');
    const statement = page.locator('[data-eservice="declared-address-statement"]');
    await statement.getByTestId('needs-personal-code').waitFor();
    expect(await statement.getByRole('button').count(), 'no Start button that leads to a dead end').to.equal(0);
    await checkPage(page, 'eidas-03-services');
    await page.locator('[data-eservice="residence-declaration"]').getByRole('button').click();
    await page.waitForURL(/\/applications\/LV-\d{10}-\d{2}$/);

    // Step 5: the applicant comes from the sign-in; she fills in the rest and submits.
    await page.locator('#root_applicant_givenName').waitFor();
    expect(await page.locator('#root_applicant_givenName').inputValue()).to.equal('Anna');
    expect(await page.locator('#root_applicant_familyName').inputValue()).to.equal('Schmidt');
    expect(await page.locator('#root_applicant_dateOfBirth').inputValue()).to.equal('30.01.1975'); // day first, whatever the browser's locale
    expect(await page.locator('#root_applicant_eidasIdentifier').inputValue()).to.equal(ANNA_SCHMIDT);
    await page.locator('#root_newAddress_text').fill(NEW_ADDRESS);
    await page.locator('#root_residenceBasis').selectOption({ label: 'Īrnieks' });
    await stateLeaseAgreement(page);
    await page.locator('#root_declarationDate').fill(FROM_DAY);
    await page.locator('#root_confirm').check();
    await page.locator('[data-state="saved"]').waitFor();
    await checkPage(page, 'eidas-04-form');
    await page.getByRole('button', { name: 'Turpināt' }).click();
    await page.getByTestId('check-answers').waitFor();
    await page.getByRole('button', { name: 'Iesniegt', exact: true }).click();
    await page.getByTestId('case-number').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Skatīt pieteikumu' }).click();
    await page.waitForFunction('!document.querySelector(\'#application-status [data-status="draft"]\')', null, { timeout: 60_000 });
    await page.locator('#history-heading').waitFor();
    await checkPage(page, 'eidas-05-submitted');
    expect(pageErrors).to.deep.equal([]);
  });
});
