// Journey: at the counter on a registered delegation. Anna registers a delegation to Jānis on her "Delegations"
// page; Laura at VPVKAC Rīgā (a second browser context) enters Anna's personal code, finds the delegation, opens the
// residence declaration for Anna on it, fills it in and submits it on her behalf. The case records Anna as the
// recipient, Jānis as her representative on the delegation, Laura and her office as acting, the in-person channel.
// Then Anna revokes the delegation and the counter no longer finds it; Jānis comes with a written mandate instead,
// which Laura records (a made-up name is refused) before Anna's application opens. axe checks every page on the way.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { dwellingAddresses } from '../../helpers/applications';
import { checkPage, launchBrowser, signIn } from '../browser';
import { dayFromToday } from '../../helpers/dates';
import { stateLeaseAgreement } from '../../helpers/residence-document';

/** The declaration's "from" date (bounded relative to today by the form). */
const FROM_DAY = dayFromToday(1);

const ANNA = '15038511239';
const JANIS = '02117814569';
const STAFF = 'staff-vpvkac-riga';
const NEW_ADDRESS = dwellingAddresses[3].text; // known to the address register simulator
const dashed = (code: string) => `${code.slice(0, 6)}-${code.slice(6)}`;

describe('journey: an application at the counter on a registered delegation', function () {
  this.timeout(120_000);
  let browser: Browser;
  let citizen: Page;
  let staff: Page;

  before(async () => {
    browser = await launchBrowser();
    citizen = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    staff = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  it('Anna delegates to Jānis; Laura opens, fills in and submits for Anna on it; Anna revokes it', async () => {
    const base = stack.api.url;
    const errors: string[] = [];
    citizen.on('pageerror', (e) => errors.push(`citizen: ${e.message}`));
    staff.on('pageerror', (e) => errors.push(`staff: ${e.message}`));
    const { rows: days } = await stack.db.pool.query<{ today: string; until: string }>(
      'SELECT current_date::text AS today, (current_date + 30)::text AS until',
    );

    // Anna registers the delegation on her Delegations page.
    await signIn(citizen, base, 'citizen-anna');
    await citizen.getByRole('navigation').getByRole('link', { name: 'Pilnvarojumi', exact: true }).click();
    await citizen.locator('h1', { hasText: 'Pilnvarojumi' }).waitFor();
    await checkPage(citizen, 'counter-01-delegations');
    // Submitting empty: an error summary linked to the fields.
    await citizen.getByRole('button', { name: 'Reģistrēt pilnvarojumu' }).click();
    await citizen.locator('.error-summary a[href="#delegation-code"]').waitFor();
    await checkPage(citizen, 'counter-02-delegation-errors');
    await citizen.getByLabel('Pilnvarotā personas kods').fill(dashed(JANIS));
    await citizen.getByLabel('Pilnvarotā vārds un uzvārds').fill('Jānis Kalniņš');
    await citizen.getByLabel('Derīgs no').fill(days[0].today);
    await citizen.getByLabel('Derīgs līdz (nav obligāts)').fill(days[0].until);
    await citizen.getByRole('button', { name: 'Reģistrēt pilnvarojumu' }).click();
    await citizen.getByTestId('delegations-notice').filter({ hasText: 'Jānis Kalniņš ir reģistrēts' }).waitFor();
    // Other test files leave Anna's revoked delegations to Jānis in the list: the one in force is the new one.
    const inForce = citizen
      .locator('[data-testid="delegations-given"] tbody tr')
      .filter({ hasText: 'Jānis Kalniņš' })
      .filter({ hasText: 'Spēkā' });
    await inForce.first().waitFor(); // the list re-renders after the notice: count() alone does not wait for it
    expect(await inForce.count()).to.equal(1);
    const row = inForce.first();
    expect(await row.textContent()).to.contain('Visi e-pakalpojumi');
    const delegationId = (await row.getAttribute('data-delegation')) as string;
    expect(delegationId).to.match(/^[0-9a-f-]{36}$/);
    await checkPage(citizen, 'counter-03-delegation-registered');

    // Laura, at the counter: from the assistant's start page to the counter form.
    await signIn(staff, base, STAFF);
    await staff.waitForURL(/\/assist$/);
    await staff.getByRole('link', { name: 'Pieteikums klātienē ar pilnvaru vai pilnvarojumu' }).click();
    await staff.locator('h1', { hasText: 'Pieteikums klātienē' }).waitFor();
    await checkPage(staff, 'counter-04-start');
    await staff.getByLabel('Iedzīvotāja personas kods').fill(dashed(ANNA));
    await staff.getByRole('button', { name: 'Meklēt pilnvarojumus' }).click();
    const option = staff.locator(`[data-delegation="${delegationId}"]`);
    await option.waitFor();
    expect(await option.textContent())
      .to.contain('Jānis Kalniņš')
      .and.to.contain(dashed(JANIS));
    await option.locator('input[type=radio]').check();
    await staff.getByLabel('E-pakalpojums').selectOption({ label: 'Dzīvesvietas deklarēšana' });
    await checkPage(staff, 'counter-05-basis-chosen');
    await staff.getByRole('button', { name: 'Atvērt pieteikumu' }).click();
    await staff.waitForURL(/\/assist\/counter\/LV-\d{10}-\d{2}$/);
    const caseId = staff.url().split('/').pop() as string;

    // Anna's form, prefilled from the population register; Laura fills it in and submits on Anna's behalf.
    await staff.waitForFunction('document.getElementById("root_applicant_givenName")?.value === "Anna"', null, { timeout: 60_000 });
    expect(await staff.getByTestId('counter-meta').textContent())
      .to.contain('reģistrēts pilnvarojums')
      .and.to.contain('Jānis Kalniņš');
    await staff.locator('#root_newAddress_text').fill(NEW_ADDRESS);
    await staff.locator('#root_residenceBasis').selectOption({ label: 'Īrnieks' });
    await stateLeaseAgreement(staff);
    await staff.locator('#root_declarationDate').fill(FROM_DAY);
    await staff.locator('#root_confirm').check();
    await checkPage(staff, 'counter-06-form');
    await staff.getByRole('button', { name: 'Iesniegt iedzīvotāja vārdā' }).click();
    await staff.getByTestId('counter-submitted').waitFor({ timeout: 60_000 });
    await checkPage(staff, 'counter-07-submitted');

    // The case: recipient Anna, Jānis her representative on the delegation, Laura and her office, in person.
    const mine = await call('GET', '/api/v1/me/cases?limit=200', { as: 'citizen-anna' });
    const item = mine.body.items.find((c: any) => c.id === caseId);
    expect(item, "the case in Anna's cases").to.not.equal(undefined);
    expect(item).to.deep.include({ channel: 'in_person', officeId: 'vpvkac-riga', relation: 'recipient' });
    expect(item.recipient).to.include({ type: 'natural', id: ANNA });
    expect(item.representative).to.deep.equal({ type: 'natural', id: JANIS, name: 'Jānis Kalniņš', basis: 'delegation' });
    expect(item.status).to.be.oneOf(['submitted', 'in_progress']);
    const janis = await call('GET', '/api/v1/me/cases?limit=200', { as: 'citizen-janis' });
    expect(janis.body.items.find((c: any) => c.id === caseId)?.relation).to.equal('representative');
    const { rows } = await stack.db.pool.query(
      `SELECT c.acting_staff_id, c.acting_staff_name, c.acting_office_id, c.acting_basis, c.acting_basis_ref, a.submitted_data
         FROM cases c JOIN applications a ON a.case_id = c.id WHERE c.id = $1`,
      [caseId],
    );
    expect(rows[0]).to.deep.include({
      acting_staff_id: STAFF,
      acting_staff_name: 'Laura Kļaviņa',
      acting_office_id: 'vpvkac-riga',
      acting_basis: 'delegation',
      acting_basis_ref: delegationId,
    });
    expect(rows[0].submitted_data).to.deep.include({ residenceBasis: 'tenant', declarationDate: FROM_DAY, confirm: true });
    expect(rows[0].submitted_data.newAddress.text).to.equal(NEW_ADDRESS);
    const lookups = await stack.db.pool.query(
      "SELECT count(*)::int AS n FROM audit_log WHERE actor_id = $1 AND subject_id = $2 AND purpose = 'counter:delegation-lookup'",
      [STAFF, ANNA],
    );
    expect(lookups.rows[0].n).to.be.at.least(1);

    // Anna revokes it: it ends at once, and the counter no longer finds it.
    await citizen.reload();
    const again = citizen.locator(`[data-delegation="${delegationId}"]`);
    await again.getByRole('button', { name: 'Atsaukt pilnvarojumu personai Jānis Kalniņš' }).click();
    await again.getByRole('button', { name: 'Jā, atsaukt' }).click();
    await citizen.locator(`[data-delegation="${delegationId}"][data-status="revoked"]`).waitFor();
    await citizen.getByTestId('delegations-notice').filter({ hasText: 'atsaukts' }).waitFor();
    await checkPage(citizen, 'counter-08-revoked');
    await staff.getByRole('link', { name: 'Jauns pieteikums klātienē' }).click();
    await staff.getByLabel('Iedzīvotāja personas kods').fill(ANNA);
    await staff.getByRole('button', { name: 'Meklēt pilnvarojumus' }).click();
    // The answer is shown: Anna's other valid delegations (from other tests), or that she has none.
    await staff.locator('.counter-start [data-delegation], [data-testid="no-delegations"]').first().waitFor();
    expect(await staff.locator(`[data-delegation="${delegationId}"]`).count()).to.equal(0);

    // Jānis comes back with a written mandate from Anna: Laura records it first (Jānis checked against the population
    // register, the scanned mandate uploaded, its validity), and only then is Anna's application opened and prefilled.
    await staff.getByLabel('Rakstiska pilnvara').check();
    await staff.getByLabel('Pārstāvja personas kods').fill(dashed(JANIS));
    await staff.getByLabel('Pārstāvja vārds un uzvārds (kā personu apliecinošā dokumentā)').fill('Pēteris Parauds');
    await staff
      .getByLabel('Pilnvaras skenēta kopija')
      .setInputFiles({ name: 'pilnvara.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    await staff.getByLabel('Pilnvaras numurs, datums un izdevējs').fill('Nr. 12/2026, notārs I. Liepa');
    await staff.getByLabel('Pilnvara derīga no').fill(days[0].today);
    await staff.getByLabel('E-pakalpojums').selectOption({ label: 'Dzīvesvietas deklarēšana' });
    await checkPage(staff, 'counter-09-mandate');
    // A made-up name for Jānis's personal code: refused, nothing opened.
    await staff.getByRole('button', { name: 'Atvērt pieteikumu' }).click();
    await staff.locator('#mandate-rep-name-error').filter({ hasText: 'neatbilst Iedzīvotāju reģistra datiem' }).waitFor();
    await checkPage(staff, 'counter-10-mandate-name-mismatch');
    expect(staff.url()).to.not.match(/\/assist\/counter\/LV-/);
    await staff.getByLabel('Pārstāvja vārds un uzvārds (kā personu apliecinošā dokumentā)').fill('Jānis Kalniņš');
    await staff.getByRole('button', { name: 'Atvērt pieteikumu' }).click();
    await staff.waitForURL(/\/assist\/counter\/LV-\d{10}-\d{2}$/);
    const mandateCase = staff.url().split('/').pop() as string;
    await staff.waitForFunction('document.getElementById("root_applicant_givenName")?.value === "Anna"', null, { timeout: 60_000 });
    expect(await staff.getByTestId('counter-meta').textContent())
      .to.contain('rakstiska pilnvara')
      .and.to.contain('Jānis Kalniņš');
    const recorded = await stack.db.pool.query(
      `SELECT m.representative_id, m.representative_name, m.document_reference, d.file_name, c.acting_basis, c.representative_basis
         FROM cases c JOIN mandates m ON m.id::text = c.acting_basis_ref JOIN mandate_documents d ON d.id = m.document_id WHERE c.id = $1`,
      [mandateCase],
    );
    // The document uploaded on the refused try is the one the mandate records: one upload, no orphan.
    const uploads = await stack.db.pool.query(
      "SELECT count(*)::int AS n FROM mandate_documents WHERE uploaded_by = $1 AND file_name = 'pilnvara.pdf'",
      [STAFF],
    );
    expect(uploads.rows[0].n).to.equal(1);
    expect(recorded.rows[0]).to.deep.equal({
      representative_id: JANIS,
      representative_name: 'Jānis Kalniņš',
      document_reference: 'Nr. 12/2026, notārs I. Liepa',
      file_name: 'pilnvara.pdf',
      acting_basis: 'mandate',
      representative_basis: 'mandate',
    });
    await checkPage(staff, 'counter-11-mandate-form');

    // Anna sees the mandate among hers and revokes it: from that moment Laura can no longer read or write the draft.
    const { rows: acting } = await stack.db.pool.query('SELECT acting_basis_ref FROM cases WHERE id = $1', [mandateCase]);
    await citizen.reload();
    const mandateRow = citizen.locator(`[data-testid="delegations-mandates"] [data-delegation="${acting[0].acting_basis_ref}"]`);
    expect(await mandateRow.textContent())
      .to.contain('Jānis Kalniņš')
      .and.to.contain('Spēkā');
    await checkPage(citizen, 'counter-12-mandates');
    await mandateRow.getByRole('button', { name: 'Atsaukt rakstisko pilnvaru personai Jānis Kalniņš' }).click();
    await mandateRow.getByRole('button', { name: 'Jā, atsaukt' }).click();
    await citizen
      .locator(`[data-testid="delegations-mandates"] [data-delegation="${acting[0].acting_basis_ref}"][data-status="revoked"]`)
      .waitFor();
    await citizen.getByTestId('delegations-notice').filter({ hasText: 'atsaukta' }).waitFor();
    expect((await call('GET', `/api/v1/applications/${mandateCase}`, { as: STAFF })).status).to.equal(404);
    expect(errors).to.deep.equal([]);
  });
});
