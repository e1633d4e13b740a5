// Journey: Jānis changes his declared address through the residence declaration e-service. He looks the new address
// up in the address register as he types, says he lives there as a tenant — the form asks for the lease agreement
// before it lets him on — and submits. The officer sees the basis and the lease on the task page and approves. The
// population register then answers the new address, "My cases" shows the case completed, and his declared-address
// card shows the new address. axe and the narrow-screen check on every page.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { discardDrafts } from '../../helpers/my-cases';
import { dayFromToday, dotted } from '../../helpers/dates';
import { LEASE_NUMBER, stateLeaseAgreement } from '../../helpers/residence-document';

const JANIS = '02117814569';
const NEW_ADDRESS = { code: '103211480', text: 'Katoļu iela 2 - 8, Jelgava, LV-3001' };
const TODAY = dayFromToday(0);

async function registerPerson(): Promise<{ residence: { aris_code: string; address: string; declared_from: string } }> {
  const res = await fetch(`${stack.simulators.urls.populationRegister}/persons/${JANIS}`);
  expect(res.status).to.equal(200);
  return res.json() as Promise<{ residence: { aris_code: string; address: string; declared_from: string } }>;
}

describe('journey: change of declared address', function () {
  this.timeout(180_000);
  let browser: Browser;
  let citizen: Page;
  let officer: Page;

  before(async () => {
    browser = await launchBrowser();
    citizen = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    officer = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
    await discardDrafts('citizen-janis', 'residence-declaration');
    await discardDrafts('citizen-janis', 'declared-address-statement');
  });
  after(async () => {
    await browser?.close();
  });

  it('Jānis declares the new address as a tenant with his lease; approved, the register and his card show it', async () => {
    const base = stack.api.url;
    const pageErrors: string[] = [];
    citizen.on('pageerror', (e) => pageErrors.push(e.message));
    expect((await registerPerson()).residence.aris_code, 'the register knows his old address first').to.not.equal(NEW_ADDRESS.code);

    await signIn(citizen, base, 'citizen-janis');
    await citizen.getByRole('navigation').getByRole('link', { name: 'Pakalpojumi', exact: true }).click();
    await citizen.getByLabel('Meklēt pakalpojumu').fill('dzivesvietas deklaresana');
    await citizen.getByRole('button', { name: 'Meklēt', exact: true }).click();
    await citizen.waitForFunction('document.querySelector("li[data-service]")?.getAttribute("data-service") === "residence-declaration"');
    await citizen.locator('[data-eservice="residence-declaration"]').getByRole('button').click();
    await citizen.waitForURL(/\/applications\/LV-\d{10}-\d{2}$/);
    const caseId = citizen.url().split('/').pop() as string;
    await citizen.waitForFunction('document.getElementById("root_applicant_givenName")?.value === "Jānis"', null, { timeout: 60_000 });
    expect(await citizen.locator('#root_currentAddress').inputValue()).to.equal((await registerPerson()).residence.address);

    // The new address from the address register's suggestions as he types; a tenant; no lease yet.
    await citizen.locator('#root_newAddress_text').pressSequentially('Katoļu iela 2', { delay: 20 });
    await citizen.getByRole('option', { name: NEW_ADDRESS.text }).click();
    await citizen.locator(`[data-address-code="${NEW_ADDRESS.code}"]`).waitFor();
    await citizen.locator('#root_residenceBasis').selectOption({ label: 'Īrnieks' });
    await citizen.locator('#root_declarationDate').fill(dotted(TODAY));
    await citizen.locator('#root_confirm').check();
    await citizen.locator('[data-state="saved"]').waitFor();
    await checkPage(citizen, 'address-change-01-form');

    // The form's rule: a tenant states the document that gives the right to live there.
    await citizen.getByRole('button', { name: 'Turpināt' }).click();
    const summary = citizen.locator('.error-summary');
    await summary.waitFor();
    const hrefs = await Promise.all((await summary.locator('a').all()).map((a) => a.getAttribute('href')));
    expect(
      hrefs.some((h) => h?.startsWith('#root_residenceDocument')),
      `error links: ${hrefs.join(', ')}`,
    ).to.equal(true);
    expect(await summary.textContent()).to.not.match(/residenceDocument/);
    await checkPage(citizen, 'address-change-02-document-required');
    await stateLeaseAgreement(citizen);
    await citizen.locator('[data-state="saved"]').waitFor();
    await citizen.getByRole('button', { name: 'Turpināt' }).click();

    // Check your answers: the lease under its own heading.
    const check = citizen.getByTestId('check-answers');
    await check.waitFor();
    expect(await check.locator('[data-field="root_residenceDocument_kind"] dd').first().textContent()).to.equal('Īres līgums');
    expect(await check.locator('[data-field="root_residenceDocument_number"] dd').first().textContent()).to.equal(LEASE_NUMBER);
    await checkPage(citizen, 'address-change-03-check-answers');
    await citizen.getByRole('button', { name: 'Iesniegt', exact: true }).click();
    await citizen.waitForURL(/\/confirmation$/, { timeout: 60_000 });
    await citizen.getByTestId('case-number').waitFor();
    await checkPage(citizen, 'address-change-04-confirmation');

    // The officer sees the basis and the lease on the task page and approves.
    await waitFor('the officer task', async () =>
      (await call('GET', '/api/v1/tasks?limit=200', { as: 'officer-pmlp' })).body.items.some(
        (t: { caseId: string }) => t.caseId === caseId,
      ),
    );
    await signIn(officer, base, 'officer-pmlp');
    await officer.getByLabel('Kārtot').selectOption('-created_at');
    await officer.locator(`tr[data-case="${caseId}"]`).getByRole('link').click();
    const basis = officer.locator('.application-summary [data-field="/residenceBasis"] dd');
    await basis.waitFor();
    expect(await basis.textContent()).to.equal('Īrnieks');
    expect(await officer.locator('#summary-residenceDocument').textContent()).to.equal('Dokuments, kas dod tiesības dzīvot adresē');
    expect(await officer.locator('.application-summary [data-field="/residenceDocument/number"] dd').textContent()).to.equal(LEASE_NUMBER);
    await officer.getByRole('button', { name: 'Paņemt darbā' }).click();
    await officer.locator('#outcome-approve').waitFor();
    await checkPage(officer, 'address-change-05-officer-task');
    await officer.locator('#outcome-approve').check();
    await officer.getByRole('button', { name: 'Pieņemt lēmumu' }).click();
    await officer.locator('.alert-success', { hasText: 'Lēmums pieņemts' }).waitFor({ timeout: 60_000 });
    await checkPage(officer, 'address-change-06-officer-decided');

    // The population register answers the new address, recorded once, on this case.
    const person = await registerPerson();
    expect(person.residence).to.deep.include({ aris_code: NEW_ADDRESS.code, address: NEW_ADDRESS.text, declared_from: TODAY });
    const recorded = await fetch(`${stack.simulators.urls.populationRegister}/persons/${JANIS}/residence-declarations`);
    const declarations = ((await recorded.json()) as { items: Array<Record<string, unknown>> }).items;
    expect(declarations.filter((d) => d.case_id === caseId)).to.have.length(1);
    expect(declarations.find((d) => d.case_id === caseId)).to.deep.include({ basis: 'tenant' });

    // "My cases": the case by its service's title, completed.
    await citizen.getByRole('navigation').getByRole('link', { name: 'Manas lietas', exact: true }).click();
    const item = citizen.locator(`[data-case="${caseId}"][data-status="completed"]`);
    await item.waitFor({ timeout: 60_000 });
    expect(await item.locator('h2').textContent()).to.equal('Dzīvesvietas deklarēšana');
    await checkPage(citizen, 'address-change-07-my-cases');

    // His declared-address card asks the register again: the new address.
    await citizen.getByRole('navigation').getByRole('link', { name: 'Sākums', exact: true }).click();
    await citizen.getByRole('button', { name: /^Saņemt izziņu/ }).click();
    await citizen.locator('[data-testid="address-answer"]', { hasText: NEW_ADDRESS.text }).waitFor({ timeout: 60_000 });
    await checkPage(citizen, 'address-change-08-address-card');
    expect(pageErrors).to.deep.equal([]);
  });
});
