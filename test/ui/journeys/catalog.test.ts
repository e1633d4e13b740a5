// Journey: the public service catalogue in the browser. A visitor who is not signed in searches without diacritics,
// opens the residence declaration, reads its channels and offices and starts the e-service through the sign-in. An
// agency administrator describes a new service in the editor (two channel tabs), meets a field error first, submits;
// the agency's approver approves, the catalogue administrator returns it with a comment; the author sees the
// comment, runs into a change made meanwhile (409), changes the title and resubmits; both approve; the public page
// shows the new title and the version comparison shows the change. Finally the stale list: an overdue description
// with its reminder for the catalogue administrator, marked reviewed by the agency administrator. axe checks every
// page on the way.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { waitFor } from '../../helpers/wait';
import { discardDrafts } from '../../helpers/my-cases';
import { checkPage, launchBrowser, signIn } from '../browser';
import { demoDescription } from '../../../scripts/seed/catalog';
import { services } from '../../../scripts/seed/demo-data';
import { publishDescription } from '../../helpers/catalog';
import { CATALOG_FRESHNESS_SCHEDULE_ID } from '../../../workflows/catalog/api';

const run = uniqueSuffix();

function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** The reviewer's decision in the browser: from the queue to the review page, a choice, a comment, and back. */
async function decide(page: Page, serviceId: string, version: number, choice: RegExp, name: string, comment?: string): Promise<void> {
  await page.getByRole('navigation').getByRole('link', { name: 'Aprakstu apstiprināšana', exact: true }).click();
  const row = page.locator(`tr[data-service="${serviceId}"][data-version="${version}"]`);
  await row.waitFor();
  await row.getByRole('link').click();
  await page.waitForURL(`${stack.api.url}/catalog/reviews/${serviceId}/${version}`);
  await page.locator('#decision-heading').waitFor();
  await checkPage(page, `${name}-review`);
  await page.getByLabel(choice).check();
  if (comment) await page.getByLabel('Komentārs autoram').fill(comment);
  await page.getByRole('button', { name: 'Pieņemt lēmumu' }).click();
  await page.waitForURL(`${stack.api.url}/catalog/reviews`);
  await page.locator('.alert-success').waitFor({ timeout: 60_000 });
  await checkPage(page, `${name}-decided`);
}

describe('journey: the service catalogue in the browser', function () {
  this.timeout(240_000);
  let browser: Browser;
  const contexts: Record<string, BrowserContext> = {};
  const pages: Record<string, Page> = {};

  before(async () => {
    browser = await launchBrowser();
    for (const who of ['visitor', 'author', 'approver', 'admin']) {
      contexts[who] = await browser.newContext({ locale: 'lv-LV' });
      pages[who] = await contexts[who].newPage();
    }
  });
  after(async () => {
    await browser?.close();
  });

  it('a visitor finds a service without diacritics, reads its channels and offices, and starts the e-service after signing in', async () => {
    const base = stack.api.url;
    const page = pages.visitor;
    const errors = watchErrors(page);

    await page.goto(`${base}/catalog`);
    await page.locator('h1', { hasText: 'Pakalpojumu katalogs' }).waitFor();
    await page.locator('[data-testid="result-count"]').waitFor();
    await checkPage(page, 'catalog-01-catalogue');

    // Nothing found: "did you mean" with the catalogue's word, what to try, e-services and the customer centres.
    await page.getByLabel('Meklēt pakalpojumu').fill('pasprt');
    await page.getByRole('button', { name: 'Meklēt', exact: true }).click();
    const help = page.locator('[data-testid="no-results"]');
    await help.waitFor();
    expect(await help.getByRole('heading', { level: 2 }).textContent()).to.equal('Pēc vaicājuma “pasprt” nekas netika atrasts');
    await help.locator('[data-testid="customer-centres"]', { hasText: 'Brīvības iela 49/53' }).waitFor();
    // The popular services (five cases or more in the last year), else the e-services.
    await help.locator('[data-testid="popular-services"] li, [data-testid="suggested-eservices"] li').first().waitFor();
    expect(await page.locator('[data-testid="result-count"]').textContent()).to.equal('Atrasti 0 pakalpojumi');
    await checkPage(page, 'catalog-01-no-results');
    await help.locator('[data-testid="did-you-mean"]').getByRole('link', { name: 'passport' }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'passport');
    await page.locator('li[data-service="passport-issue"]').waitFor();
    // A visitor sees the e-services marked, and starts one through the sign-in.
    await page.getByLabel('Meklēt pakalpojumu').fill('pmlp');
    await page.getByRole('button', { name: 'Meklēt', exact: true }).click();
    const marked = page.locator('li[data-eservice="residence-declaration"]');
    await marked.waitFor();
    expect(await marked.locator('.badge-eservice').textContent()).to.equal('E-pakalpojums');
    expect(await marked.getByRole('link', { name: /^Sākt e-pakalpojumu/ }).getAttribute('href')).to.equal(
      '/services?start=residence-declaration',
    );
    expect(await page.locator('li[data-service="passport-issue"] .badge-eservice').count()).to.equal(0); // in person only

    // No diacritics, and a channel filter: the state goes into the URL.
    await page.getByLabel('Meklēt pakalpojumu').fill('dzivesvieta');
    await page.getByLabel('Saņemšanas kanāls').selectOption('in_person');
    await page.getByRole('button', { name: 'Meklēt', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === 'dzivesvieta' && url.searchParams.get('channel') === 'in_person');
    const hit = page.locator('li[data-service="residence-declaration"]');
    await hit.waitFor();
    expect(await hit.textContent()).to.contain('Pilsonības un migrācijas lietu pārvalde');
    await checkPage(page, 'catalog-02-results');

    // The service page: who provides it, legal basis, and a tab per channel.
    await hit.getByRole('link', { name: 'Dzīvesvietas deklarēšana', exact: true }).click();
    await page.waitForURL(`${base}/catalog/residence-declaration`);
    await page.locator('h1', { hasText: 'Dzīvesvietas deklarēšana' }).waitFor();
    expect(await page.locator('[data-testid="provider"]').textContent()).to.equal('Pilsonības un migrācijas lietu pārvalde');
    expect(await page.getByRole('link', { name: 'Dzīvesvietas deklarēšanas likums' }).getAttribute('href')).to.equal(
      'https://likumi.lv/ta/id/317193',
    );
    const tabs = page.getByRole('tablist', { name: 'Saņemšanas kanāli' }).getByRole('tab');
    expect(await tabs.allTextContents()).to.deep.equal(['E-pakalpojums', 'Klātienē', 'Tālrunis', 'E-pasts', 'Pasts']);
    expect(await page.getByRole('tabpanel').locator('[data-testid="processing-time"]').textContent()).to.equal('3 dienas');
    await page.getByRole('tab', { name: 'Klātienē' }).click();
    const office = page.getByRole('tabpanel').locator('[data-office="vpvkac-riga"]');
    await office.waitFor();
    expect(await office.textContent())
      .to.contain('VPVKAC Rīgā')
      .and.contain('Brīvības iela 49/53, Rīga, LV-1010')
      .and.contain('Pirmdiena–piektdiena')
      .and.contain('08:30–17:00');
    await checkPage(page, 'catalog-03-service-in-person');
    // The arrow keys move between the tabs.
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { selected: true }).textContent()).to.equal('Tālrunis');
    expect(await page.getByRole('tabpanel').getByRole('link', { name: '+371 67209400' }).getAttribute('href')).to.equal('tel:+37167209400');
    expect(await page.locator('[data-testid="jsonld-link"]').getAttribute('href')).to.equal(
      '/api/v1/catalog/services/residence-declaration/cpsv-ap.jsonld',
    );
    // In English: the description's English texts, channel names, day names and durations.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: 'Declaration of place of residence' }).waitFor();
    await page.getByRole('tab', { name: 'In person' }).click();
    expect(await page.getByRole('tabpanel').locator('[data-office="vpvkac-riga"]').textContent())
      .to.contain('Unified customer centre, Riga')
      .and.contain('Monday–Friday');
    expect(await page.getByRole('tabpanel').locator('[data-testid="processing-time"]').textContent()).to.equal('3 days');
    await checkPage(page, 'catalog-03-service-en');
    await page.getByRole('button', { name: 'Latviešu' }).click();
    await page.locator('h1', { hasText: 'Dzīvesvietas deklarēšana' }).waitFor();

    // "Start the e-service": the sign-in, then straight into a new draft of the e-service (none saved before).
    await discardDrafts('citizen-janis', 'residence-declaration');
    await page.locator('[data-testid="start-eservice-top"]').click();
    await page.waitForURL(`${base}/sign-in`);
    await page.locator('[data-persona="citizen-janis"]').click();
    await page.waitForURL(/\/applications\/LV-\d{10}-\d{2}$/);
    await page.locator('h1').waitFor();
    const caseId = page.url().split('/').pop() as string;
    const app = await call('GET', `/api/v1/applications/${caseId}`, { as: 'citizen-janis' });
    expect(app.body.eservice.id).to.equal('residence-declaration');
    expect(errors).to.deep.equal([]);
  });

  it('an agency describes a service, reviewers return and approve it, and the public sees the new title', async () => {
    const base = stack.api.url;
    const id = `temporary-residence-${run}`;
    const author = pages.author;
    const errors = watchErrors(author);
    await signIn(author, base, 'admin-pmlp');
    await author.getByRole('navigation').getByRole('link', { name: 'Pakalpojumu apraksti', exact: true }).click();
    await author.locator('tr[data-service="residence-declaration"]').waitFor();
    await checkPage(author, 'catalog-04-agency-list');

    // The editor: general fields, item lists, and two channel tabs.
    await author.getByRole('link', { name: 'Aprakstīt jaunu pakalpojumu' }).click();
    await author.locator('[data-testid="catalog-editor"]').waitFor();
    await author.locator('#f-id').fill(id);
    await author.locator('#f-title-lv').fill('Uzturēšanās atļaujas pagarināšana');
    await author.locator('#f-title-en').fill('Extending a residence permit');
    await author.locator('#f-description-lv').fill('Pagariniet uzturēšanās atļauju, pirms beidzas tās derīgums.');
    await author.locator('#f-description-en').fill('Extend your residence permit before it expires.');
    await author.locator('#f-sector').selectOption('interior');
    await author.locator('#f-thematicAreas-residence-and-migration').check();
    await author.locator('#f-lifeEvents-moving-house').check();
    await author.locator('#f-keywords-lv').fill('uzturēšanās atļauja, pagarināšana');
    await author.locator('#f-keywords-en').fill('residence permit, extension');
    await author.locator('#f-requirements-add').click();
    await author.locator('#f-requirements-0-name-lv').fill('Derīga uzturēšanās atļauja');
    await author.locator('#f-requirements-0-name-en').fill('A valid residence permit');
    await author.locator('#f-evidence-add').click();
    await author.locator('#f-evidence-0-name-lv').fill('Pase');
    await author.locator('#f-evidence-0-name-en').fill('Passport');
    await author.locator('#f-outputs-add').click();
    await author.locator('#f-outputs-0-name-lv').fill('Pagarināta uzturēšanās atļauja');
    await author.locator('#f-outputs-0-name-en').fill('An extended residence permit');
    await author.locator('#f-legalBasis-add').click();
    await author.locator('#f-legalBasis-0-title-lv').fill('Imigrācijas likums');
    await author.locator('#f-legalBasis-0-title-en').fill('Immigration Law');
    await author.locator('#f-legalBasis-0-url').fill('https://likumi.lv/ta/id/68522');

    expect(await author.getByRole('tab', { selected: true }).textContent()).to.match(/^E-pakalpojums/);
    await author.locator('#f-ch-eservice-enabled').check();
    await author.locator('#f-ch-eservice-steps-0-lv').fill('Pierakstieties portālā un aizpildiet iesniegumu.');
    await author.locator('#f-ch-eservice-steps-0-en').fill('Sign in to the portal and fill in the application.');
    await author.locator('#f-ch-eservice-evidence input[type=checkbox]').first().check();
    await author.locator('#f-ch-eservice-cost').fill('25,50');
    await author.locator('#f-ch-eservice-time').fill('10');
    await author.locator('#f-ch-eservice-eserviceUrl').fill('/services?start=residence-declaration');
    await author.getByRole('tab', { name: /^Tālrunis/ }).click();
    await author.locator('#f-ch-phone-enabled').check();
    await author.locator('#f-ch-phone-steps-0-lv').fill('Zvaniet konsultācijai.');
    await author.locator('#f-ch-phone-steps-0-en').fill('Call for advice.');
    await author.locator('#f-ch-phone-time').fill('1');
    await author.locator('#f-ch-phone-phone').fill('67209400'); // not in the international format
    await checkPage(author, 'catalog-05-editor');

    // Saving: the API's field error in the summary, linked to the field in its tab.
    await author.getByRole('button', { name: 'Saglabāt' }).click();
    const summary = author.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.textContent())
      .to.contain('Tālrunis: Tālruņa numurs')
      .and.contain('+371 67209400');
    expect(await author.getByRole('tab', { name: /^Tālrunis/ }).textContent()).to.contain('ir kļūdas');
    await checkPage(author, 'catalog-06-editor-error');
    await author.getByRole('tab', { name: /^E-pakalpojums/ }).click();
    await summary.locator('a[href="#f-ch-phone-phone"]').click();
    expect(await author.evaluate<string>('document.activeElement?.id')).to.equal('f-ch-phone-phone');
    await author.locator('#f-ch-phone-phone').fill('+371 67209400');
    await author.getByRole('button', { name: 'Saglabāt' }).click();
    await author.waitForURL(`${base}/agency/catalog/${id}`);
    await author.locator('.alert-success', { hasText: 'Saglabāta 1. versija.' }).waitFor();
    expect(await author.locator('[data-testid="entry-stage"] [data-stage]').getAttribute('data-stage')).to.equal('draft');
    await checkPage(author, 'catalog-07-entry-draft');
    await author.getByRole('button', { name: 'Iesniegt apstiprināšanai' }).click();
    await author.locator('.alert-success', { hasText: '1. versija iesniegta apstiprināšanai.' }).waitFor();
    await author.locator('[data-testid="entry-stage"] [data-stage="agency_review"]').waitFor();

    // The agency's approver approves; the catalogue administrator returns it, first without the required comment.
    await signIn(pages.approver, base, 'approver-pmlp');
    await decide(pages.approver, id, 1, /^Apstiprināt un nodot kataloga administratoram/, 'catalog-08-approver');
    const admin = pages.admin;
    await signIn(admin, base, 'catalogue-admin');
    expect(new URL(admin.url()).pathname).to.equal('/catalog/reviews');
    await admin.locator(`tr[data-service="${id}"] a`).click();
    await admin.locator('#decision-heading').waitFor();
    expect(await admin.locator('[data-testid="service-title"]').textContent()).to.equal('Uzturēšanās atļaujas pagarināšana');
    await admin.getByLabel('Atgriezt autoram labošanai').check();
    await admin.getByRole('button', { name: 'Pieņemt lēmumu' }).click();
    await admin.locator('.error-summary', { hasText: 'Uzrakstiet, kas jālabo' }).waitFor();
    await checkPage(admin, 'catalog-09-return-error');
    const comment = 'Nosaukumā norādiet, ka tā ir termiņuzturēšanās atļauja.';
    await admin.getByLabel('Komentārs autoram').fill(comment);
    await admin.getByRole('button', { name: 'Pieņemt lēmumu' }).click();
    await admin.waitForURL(`${base}/catalog/reviews`);
    await admin.locator('.alert-success', { hasText: 'atgriezts autoram' }).waitFor({ timeout: 60_000 });

    // The author sees the comment, opens the editor; a change made meanwhile elsewhere is a clear 409.
    await author.reload();
    await author.locator('[data-testid="returned-comment"]', { hasText: comment }).waitFor();
    expect(await author.locator('[data-testid="review-trail"] li[data-action="returned"]').textContent())
      .to.contain('Rūta Ābola')
      .and.contain(comment);
    await checkPage(author, 'catalog-10-returned');
    await author.getByRole('link', { name: 'Labot aprakstu' }).click();
    await author.locator('#f-title-lv').waitFor();
    expect(await author.locator('#f-title-lv').inputValue()).to.equal('Uzturēšanās atļaujas pagarināšana');
    const current = await call('GET', `/api/v1/agency/catalog/services/${id}`, { as: 'admin-pmlp' });
    const meanwhile = await call('PUT', `/api/v1/agency/catalog/services/${id}`, {
      as: 'admin-pmlp',
      json: { baseVersion: 1, description: current.body.document, comment: 'Cita cilne' },
    });
    expect(meanwhile.status, JSON.stringify(meanwhile.body)).to.equal(200);
    await author.locator('#f-title-lv').fill('Termiņuzturēšanās atļaujas pagarināšana');
    await author.getByRole('button', { name: 'Saglabāt' }).click();
    await author.locator('.error-summary', { hasText: 'Kamēr labojāt, aprakstu mainīja kāds cits' }).waitFor();
    await checkPage(author, 'catalog-11-stale-version');
    await author.reload();
    await author.locator('#f-title-lv').waitFor();
    await author.locator('#f-title-lv').fill('Termiņuzturēšanās atļaujas pagarināšana');
    await author.locator('#f-title-en').fill('Extending a temporary residence permit');
    await author.locator('#f-comment').fill('Precizēts nosaukums.');
    await author.getByRole('button', { name: 'Saglabāt' }).click();
    await author.locator('.alert-success', { hasText: 'Saglabāta 3. versija.' }).waitFor();
    await author.getByRole('button', { name: 'Iesniegt apstiprināšanai' }).click();
    await author.locator('.alert-success', { hasText: '3. versija iesniegta apstiprināšanai.' }).waitFor();

    // Both approve: published.
    await decide(pages.approver, id, 3, /^Apstiprināt un nodot kataloga administratoram/, 'catalog-12-approver-again');
    await decide(admin, id, 3, /^Apstiprināt un publicēt/, 'catalog-13-publish');
    expect(await admin.locator('.alert-success').textContent()).to.contain('publicēts');

    // The public page shows the new title; a search finds it.
    const visitor = await browser.newPage({ locale: 'lv-LV' });
    await visitor.goto(`${base}/catalog/${id}`);
    await visitor.locator('h1', { hasText: 'Termiņuzturēšanās atļaujas pagarināšana' }).waitFor();
    expect(await visitor.getByRole('tablist').getByRole('tab').allTextContents()).to.deep.equal(['E-pakalpojums', 'Tālrunis']);
    expect(await visitor.getByRole('tabpanel').locator('[data-testid="channel-cost"]').textContent()).to.match(/^25,50\s€$/);
    await checkPage(visitor, 'catalog-14-public-new-title');
    await visitor.goto(`${base}/catalog?q=termina+uzturesanas`);
    await visitor.locator(`li[data-service="${id}"]`).waitFor();
    await visitor.close();

    // The version comparison shows the title change.
    await author.reload();
    await author.locator('[data-testid="entry-stage"] [data-stage="published"]').waitFor();
    await author.getByLabel('No', { exact: true }).selectOption('1');
    await author.getByLabel('Līdz', { exact: true }).selectOption('3');
    await author.getByRole('button', { name: 'Salīdzināt' }).click();
    const change = author.locator('[data-testid="diff"] tr[data-path="/title/lv"]');
    await change.waitFor();
    expect(await change.locator('del').textContent()).to.equal('Uzturēšanās atļaujas pagarināšana');
    expect(await change.locator('ins').textContent()).to.equal('Termiņuzturēšanās atļaujas pagarināšana');
    await checkPage(author, 'catalog-15-diff');
    expect(errors).to.deep.equal([]);
  });

  it('the catalogue administrator sees an overdue description and its reminder; the agency marks it reviewed', async () => {
    const residence = demoDescription(services.find((s) => s.id === 'residence-declaration')!);
    const id = `stale-residence-${run}`;
    await publishDescription(
      { ...residence, id, title: { lv: `Novecojis apraksts ${run}`, en: `Stale description ${run}` }, relatedServices: [] },
      1,
      { id: 'admin-pmlp', name: 'Dace Vītola' },
    );
    await stack.db.pool.query(`UPDATE catalog_services SET review_by = current_date - 5 WHERE service_id = $1`, [id]);
    const client = await stack.api.deps.temporal();
    const schedule = client.schedule.getHandle(CATALOG_FRESHNESS_SCHEDULE_ID);
    await waitFor('freshness schedule', async () => (await schedule.describe()).action.type === 'startWorkflow');
    await schedule.trigger();
    await waitFor('escalated reminder', async () =>
      (await call('GET', '/api/v1/staff/reminders', { as: 'catalogue-admin' })).body.items.some((r: any) => r.serviceId === id),
    );

    const admin = pages.admin;
    await signIn(admin, stack.api.url, 'catalogue-admin');
    await admin.getByRole('navigation').getByRole('link', { name: 'Pārskatāmie apraksti', exact: true }).click();
    const row = admin.locator(`tr[data-service="${id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-overdue')).to.equal('true');
    expect(await row.textContent()).to.contain('Pārskatīšana nokavēta');
    expect(await admin.locator('tr[data-service]').first().getAttribute('data-overdue')).to.equal('true'); // overdue first
    await admin.locator(`[data-testid="reminders"] li[data-service="${id}"][data-kind="review_overdue"]`).waitFor();
    expect(await row.getByRole('button').count()).to.equal(0); // only the owning agency marks it reviewed
    await checkPage(admin, 'catalog-16-stale-admin');

    const author = pages.author;
    await signIn(author, stack.api.url, 'admin-pmlp');
    await author.getByRole('navigation').getByRole('link', { name: 'Pārskatāmie apraksti', exact: true }).click();
    const own = author.locator(`tr[data-service="${id}"]`);
    await own.waitFor();
    await checkPage(author, 'catalog-17-stale-agency');
    await own.getByRole('button', { name: `Pārskatīts, izmaiņu nav: Novecojis apraksts ${run}` }).click();
    await author.locator('.alert-success', { hasText: `“Novecojis apraksts ${run}” atzīmēts kā pārskatīts` }).waitFor();
    await own.waitFor({ state: 'detached' });
    const { rows } = await stack.db.pool.query(
      'SELECT review_by > current_date + 300 AS moved FROM catalog_services WHERE service_id = $1',
      [id],
    );
    expect(rows[0].moved).to.equal(true);
    await admin.reload();
    await admin.locator('h1', { hasText: 'Pārskatāmie apraksti' }).waitFor();
    await admin.locator('table.stale-list, p:has-text("Visi apraksti ir pārskatīti laikā.")').first().waitFor();
    expect(await admin.locator(`tr[data-service="${id}"]`).count()).to.equal(0);
  });
});
