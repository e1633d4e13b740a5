// Journey: the e-service assistant. Anna opens the residence declaration and creates a join code in assist mode;
// Laura at VPVKAC Rīgā (a second browser context) enters it and sees Anna's prefilled form and her typing live;
// Laura fills in a field, which appears on Anna's screen marked as Laura's; both connections drop and nothing typed
// meanwhile is lost; Anna presses Stop and Laura's page says the session ended. Then a support specialist watches in
// view mode: sensitive fields masked, nothing editable, and for a portal code the page Anna is on. axe checks every
// page on the way.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';
import { waitFor } from '../../helpers/wait';
import { discardDrafts } from '../../helpers/my-cases';
import { dayFromToday, dotted } from '../../helpers/dates';
import { stateLeaseAgreement } from '../../helpers/residence-document';

const NEW_ADDRESS = 'Ģertrūdes iela 10 - 3, Rīga, LV-1010'; // not in the address register: refused before the submit
/** The register's address Laura chooses from the suggestions instead. */
const REGISTER_ADDRESS = { text: 'Ģertrūdes iela 33 - 15, Rīga, LV-1011', code: '105241173' };
const PHONE = '+371 26000000';
const EMAIL = 'anna.berzina@example.lv';
const DATE = dayFromToday(1);
/** The date as the form shows it: day first. */
const DATE_SHOWN = dotted(DATE);

/** Drops these personas' connections as a network failure would (the browsers reconnect by themselves). */
function dropConnections(personas: string[]): number {
  let dropped = 0;
  for (const socket of stack.api.realtime.io.of('/').sockets.values()) {
    if (!personas.includes((socket.data as { principal?: { sub?: string } }).principal?.sub ?? '')) continue;
    socket.conn.close();
    dropped += 1;
  }
  return dropped;
}

describe('journey: co-browsing with a customer centre', function () {
  this.timeout(60_000);
  let browser: Browser;
  let citizen: Page;
  let staff: Page;
  let support: Page;
  let applicationUrl = '';

  before(async () => {
    await discardDrafts('citizen-anna', 'residence-declaration'); // starting opens a new draft, not "continue / start again"
    browser = await launchBrowser();
    citizen = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    staff = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    support = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  const value = (page: Page, id: string) => page.locator(`#${id}`).inputValue();
  const waitValue = (page: Page, id: string, expected: string) =>
    page.waitForFunction(`document.getElementById(${JSON.stringify(id)})?.value === ${JSON.stringify(expected)}`, null, {
      timeout: 60_000,
    });

  it("Anna lets Laura in with a code, both see each other's edits live, Anna stops the session", async () => {
    const base = stack.api.url;
    const errors: string[] = [];
    citizen.on('pageerror', (e) => errors.push(`citizen: ${e.message}`));
    staff.on('pageerror', (e) => errors.push(`staff: ${e.message}`));

    // Anna opens the residence declaration; the population register prefills her name.
    await signIn(citizen, base, 'citizen-anna');
    await citizen.goto(`${base}/services`);
    await citizen.locator('[data-eservice="residence-declaration"] button').click();
    await citizen.waitForURL(/\/applications\/LV-\d{10}-\d{2}$/);
    applicationUrl = citizen.url();
    await waitValue(citizen, 'root_applicant_givenName', 'Anna');

    // Consent first: a code for assist mode, shown big, with its expiry.
    const panel = citizen.getByTestId('help-panel-application');
    await panel.getByLabel('Skatīties, aizpildīt un iesniegt manā vārdā').check();
    await panel.getByRole('button', { name: 'Izveidot kodu' }).click();
    const codeEl = panel.locator('[data-code]');
    await codeEl.waitFor();
    const code = (await codeEl.getAttribute('data-code')) as string;
    expect(code).to.match(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await citizen.evaluate<boolean>('document.activeElement?.hasAttribute("data-code") ?? false')).to.equal(true);
    await checkPage(citizen, 'cobrowse-01-citizen-code');

    // Laura enters the code in the staff console and sees the form as Anna does, prefilled.
    await signIn(staff, base, 'staff-vpvkac-riga');
    await staff.waitForURL(/\/assist$/);
    await checkPage(staff, 'cobrowse-02-staff-start');
    await staff.getByLabel('Pievienošanās kods').fill(code.toLowerCase());
    await staff.getByRole('button', { name: 'Pievienoties' }).click();
    await staff.waitForURL(/\/assist\/[0-9a-f-]{36}$/);
    await waitValue(staff, 'root_applicant_givenName', 'Anna');
    expect(await value(staff, 'root_applicant_familyName')).to.equal('Bērziņa');
    expect(await staff.getByTestId('session-mode').getAttribute('data-mode')).to.equal('assist');

    // Anna sees who is watching, in which mode.
    const watcher = panel.locator('.watcher', { hasText: 'Laura Kļaviņa' });
    await watcher.waitFor();
    expect(await watcher.textContent())
      .to.contain('VPVKAC Rīgā')
      .and.to.contain('var aizpildīt un iesniegt');

    // Anna types: Laura sees the value live, marked as the citizen's, and where Anna is.
    await citizen.locator('#root_newAddress_text').fill(NEW_ADDRESS);
    await waitValue(staff, 'root_newAddress_text', NEW_ADDRESS);
    await staff.locator('.cb-changed-citizen:has(#root_newAddress_text)').waitFor();
    await staff.getByTestId('presence-focus').filter({ hasText: 'Adrese' }).waitFor();
    await staff.locator('.cb-focus:has(#root_newAddress_text)').waitFor();
    await checkPage(staff, 'cobrowse-03-staff-live');

    // Laura fills in the phone: it appears on Anna's screen, marked as made by Laura, and is announced.
    await staff.locator('#root_phone').fill(PHONE);
    await waitValue(citizen, 'root_phone', PHONE);
    const marked = citizen.locator('.cb-changed-staff:has(#root_phone)');
    await marked.waitFor();
    expect(await marked.textContent()).to.contain('Mainīja: Laura Kļaviņa, VPVKAC Rīgā');
    const describedBy = await citizen.locator('#root_phone').getAttribute('aria-describedby');
    expect(describedBy).to.contain('root_phone__help');
    expect(await citizen.getByTestId('cobrowse-live').textContent()).to.contain('Laura Kļaviņa');
    await checkPage(citizen, 'cobrowse-04-citizen-staff-edit');

    // Both connections drop: what each types meanwhile is sent after the reconnect, and each sees the other's.
    expect(dropConnections(['citizen-anna', 'staff-vpvkac-riga'])).to.be.at.least(2);
    await staff.locator('#root_email').fill(EMAIL);
    await citizen.locator('#root_declarationDate').fill(DATE);
    await waitValue(citizen, 'root_email', EMAIL);
    await waitValue(staff, 'root_declarationDate', DATE_SHOWN);
    expect(await value(staff, 'root_phone')).to.equal(PHONE);
    expect(await value(citizen, 'root_newAddress_text')).to.equal(NEW_ADDRESS);

    // Anna switches Laura to viewing only: Laura is told, and her copy of the form is read-only.
    await watcher.getByRole('button', { name: /Atļaut tikai skatīties/ }).click();
    await staff.getByTestId('mode-changed').filter({ hasText: 'tikai skatīties' }).waitFor();
    expect(await staff.getByTestId('session-mode').getAttribute('data-mode')).to.equal('view');
    expect(await staff.locator('#root_email').getAttribute('readonly')).to.not.equal(null);
    await panel.locator('.watcher[data-mode="view"]').waitFor();

    // Anna presses Stop: Laura's access ends at once and her page says so.
    await watcher.getByRole('button', { name: /Pārtraukt piekļuvi/ }).click();
    const ended = staff.getByTestId('session-ended');
    await ended.waitFor({ timeout: 60_000 });
    expect(await ended.getAttribute('data-reason')).to.equal('revoked');
    expect(await ended.textContent()).to.contain('Iedzīvotājs pārtrauca sesiju');
    expect(await staff.locator('#root_phone').count()).to.equal(0);
    await checkPage(staff, 'cobrowse-05-staff-ended');
    await panel.locator('.help-notice', { hasText: 'vairs neredz' }).waitFor();
    expect(await panel.locator('.watcher').count()).to.equal(0);
    await checkPage(citizen, 'cobrowse-06-citizen-stopped');

    // Both edits are saved in the draft (the server writes co-browsing edits a moment later).
    const caseId = citizen.url().split('/').pop();
    type Draft = { newAddress?: { text?: string }; phone?: string; email?: string; declarationDate?: string };
    const draft = await waitFor('both edits autosaved', async () => {
      const saved = (await stack.db.pool.query('SELECT draft_data FROM applications WHERE case_id = $1', [caseId])).rows[0]
        .draft_data as Draft;
      return (
        saved.phone === PHONE && saved.newAddress?.text === NEW_ADDRESS && saved.email === EMAIL && saved.declarationDate === DATE && saved
      );
    });
    expect(draft.newAddress?.text).to.equal(NEW_ADDRESS);
    expect(draft.phone).to.equal(PHONE);
    expect(draft.email).to.equal(EMAIL);
    expect(draft.declarationDate).to.equal(DATE);
    // Laura's edits, and only what she typed (nothing filled in by the form on its own), are in the audit log.
    const audited = await stack.db.pool.query(
      `SELECT details->>'pointer' AS pointer FROM audit_log WHERE actor_id = 'staff-vpvkac-riga' AND resource = $1 AND purpose = 'edit' ORDER BY id`,
      [`application:${caseId}`],
    );
    expect(audited.rows.map((r: { pointer: string }) => r.pointer)).to.deep.equal(['/phone', '/email']);
    expect(errors).to.deep.equal([]);
  });

  it('a support specialist only watches: masked sensitive fields, nothing editable, the portal page for a portal code', async () => {
    const base = stack.api.url;
    const errors: string[] = [];
    support.on('pageerror', (e) => errors.push(`support: ${e.message}`));
    const join = async (code: string) => {
      await support.getByLabel('Pievienošanās kods').fill(code);
      await support.getByRole('button', { name: 'Pievienoties' }).click();
      await support.waitForURL(/\/assist\/[0-9a-f-]{36}$/);
    };

    // A view code for the application.
    await citizen.goto(applicationUrl);
    const panel = citizen.getByTestId('help-panel-application');
    await panel.getByRole('button', { name: 'Izveidot kodu' }).click();
    const appCode = (await panel.locator('[data-code]').getAttribute('data-code')) as string;
    await signIn(support, base, 'support-specialist');
    await support.waitForURL(/\/assist$/);
    await join(appCode);
    await waitValue(support, 'root_applicant_givenName', 'Anna');
    expect(await value(support, 'root_applicant_personalCode')).to.equal('••••••');
    expect(await value(support, 'root_phone')).to.equal('••••••');
    // E-mail and addresses are personal data too: masked like the personal code.
    for (const field of ['root_email', 'root_newAddress_text', 'root_currentAddress'])
      expect(await value(support, field), field).to.equal('••••••');
    expect(await support.content())
      .to.not.contain(EMAIL)
      .and.not.contain(NEW_ADDRESS);
    expect(await support.locator('#root_newAddress_text').getAttribute('readonly')).to.not.equal(null);
    expect(await support.getByRole('button', { name: 'Iesniegt iedzīvotāja vārdā' }).count()).to.equal(0);
    expect(await support.getByTestId('session-mode').getAttribute('data-mode')).to.equal('view');
    await support.getByTestId('presence-page').filter({ hasText: 'Pieteikums LV-' }).waitFor();
    await checkPage(support, 'cobrowse-07-support-masked');
    await support.getByRole('button', { name: 'Beigt sesiju' }).click();
    await support.waitForURL(/\/assist$/);

    // A portal code from the home page: the specialist follows which page Anna is on.
    await citizen.getByRole('navigation').getByRole('link', { name: 'Sākums', exact: true }).click();
    const portal = citizen.getByTestId('help-panel-portal');
    await portal.getByRole('button', { name: 'Izveidot kodu' }).click();
    const portalCode = (await portal.locator('[data-code]').getAttribute('data-code')) as string;
    await join(portalCode);
    await support.getByTestId('presence-page').filter({ hasText: 'Sākums' }).waitFor();
    await portal.locator('.watcher', { hasText: 'Artis Grava' }).waitFor({ timeout: 60_000 });
    await citizen.getByRole('navigation').getByRole('link', { name: 'Manas lietas', exact: true }).click();
    await support.getByTestId('presence-page').filter({ hasText: 'Manas lietas' }).waitFor();
    // Every page by its name, never its path.
    await citizen.getByRole('navigation').getByRole('link', { name: 'Mani rēķini', exact: true }).click();
    await support.getByTestId('presence-page').filter({ hasText: 'Mani rēķini' }).waitFor();
    expect(await support.getByTestId('presence-page').textContent()).to.not.contain('/');
    expect(await support.locator('form').count()).to.equal(0);
    await checkPage(support, 'cobrowse-08-support-portal');
    expect(errors).to.deep.equal([]);
  });

  it("in assist mode Laura fills in the rest and submits on Anna's behalf; the case records her and her office", async () => {
    const base = stack.api.url;
    await citizen.goto(`${base}/services`);
    await citizen.locator('[data-eservice="residence-declaration"] button').click();
    // Her first declaration is still a saved draft: she starts again rather than continuing it.
    await citizen.getByRole('button', { name: 'Sākt no jauna' }).click();
    await citizen.waitForURL((url) => /\/applications\/LV-\d{10}-\d{2}$/.test(url.pathname) && url.href !== applicationUrl);
    const caseId = citizen.url().split('/').pop() as string;
    await waitValue(citizen, 'root_applicant_givenName', 'Anna');
    const panel = citizen.getByTestId('help-panel-application');
    await panel.getByLabel('Skatīties, aizpildīt un iesniegt manā vārdā').check();
    await panel.getByRole('button', { name: 'Izveidot kodu' }).click();
    const code = (await panel.locator('[data-code]').getAttribute('data-code')) as string;

    await staff.goto(`${base}/assist`);
    await staff.getByLabel('Pievienošanās kods').fill(code);
    await staff.getByRole('button', { name: 'Pievienoties' }).click();
    await waitValue(staff, 'root_applicant_givenName', 'Anna');
    const submit = staff.getByRole('button', { name: 'Iesniegt iedzīvotāja vārdā' });
    await submit.click();
    await staff.locator('.error-summary').waitFor(); // too early: the same field errors the citizen would get

    await staff.locator('#root_newAddress_text').fill(NEW_ADDRESS);
    await staff.locator('#root_residenceBasis').selectOption({ label: 'Īrnieks' });
    await stateLeaseAgreement(staff);
    await staff.locator('#root_declarationDate').fill(DATE);
    await staff.locator('#root_confirm').check();
    await waitValue(citizen, 'root_newAddress_text', NEW_ADDRESS);
    // The register does not know the address: refused before the submit, as a field error that says what to do.
    await submit.click();
    await staff.locator('.error-summary a[href="#root_newAddress"]', { hasText: 'Izvēlieties adresi no saraksta' }).waitFor();
    const address = staff.locator('#root_newAddress_text');
    await address.fill('');
    await address.pressSequentially('Ģertrūdes iela 33', { delay: 20 });
    await staff.getByRole('option', { name: REGISTER_ADDRESS.text }).click();
    await staff.locator(`[data-address-code="${REGISTER_ADDRESS.code}"]`).waitFor();
    await waitValue(citizen, 'root_newAddress_text', REGISTER_ADDRESS.text);
    await submit.click();
    await staff.getByTestId('submitted').waitFor({ timeout: 60_000 });
    await checkPage(staff, 'cobrowse-09-staff-submitted');
    await citizen.waitForFunction('!document.querySelector(\'#application-status [data-status="draft"]\')', null, { timeout: 60_000 });
    const submitted = await stack.db.pool.query('SELECT submitted_data FROM applications WHERE case_id = $1', [caseId]);
    expect(submitted.rows[0].submitted_data.newAddress).to.deep.equal(REGISTER_ADDRESS);
    const events = await stack.db.pool.query('SELECT status FROM case_status_events WHERE case_id = $1 ORDER BY id', [caseId]);
    expect(events.rows.map((r) => r.status)).to.include('submitted');
    const { rows } = await stack.db.pool.query('SELECT channel, acting_staff_id, acting_basis, acting_office_id FROM cases WHERE id = $1', [
      caseId,
    ]);
    expect(rows[0]).to.include({
      channel: 'in_person',
      acting_staff_id: 'staff-vpvkac-riga',
      acting_basis: 'consent',
      acting_office_id: 'vpvkac-riga',
    });
    await citizen.getByTestId('help-panel-application').locator('.watcher', { hasText: 'Laura Kļaviņa' }).waitFor();
    await checkPage(citizen, 'cobrowse-10-citizen-submitted');
  });
});
