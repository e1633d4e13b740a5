// Journey in English: Jānis declares an address the address register does not know. He checks his answers (the
// definition's English titles, a "Change" link), submits once (no 409 on the way), gets the confirmation with the
// expected decision date; the address check asks him again, he answers on the application page, and his answer
// appears in the timeline as an event of its own, the corrected address in the submitted data (a summary list),
// and the steps still to come with the expected date. axe checks every page.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';
import { call } from '../../helpers/http';
import { waitFor } from '../../helpers/wait';
import { dwellingAddresses, submitPastAddressCheck } from '../../helpers/applications';
import { dayFromToday } from '../../helpers/dates';
import { formatDay } from '../../../ui/src/app/i18n/dates';

/** The declaration's "from" date (bounded relative to today by the form). */
const FROM_DAY = dayFromToday(15);

/** Jānis's declaration with `address`, submitted while the address register is down; answers its id once it asks. */
async function submittedPastAddressCheck(address: string): Promise<string> {
  const opened = await call('POST', '/api/v1/applications', { as: 'citizen-janis', json: { eserviceId: 'residence-declaration' } });
  const app = await waitFor('prefill', async () => {
    const r = await call('GET', `/api/v1/applications/${opened.body.id}`, { as: 'citizen-janis' });
    return r.body.draft.data.applicant?.givenName ? r.body : null;
  });
  const data = {
    ...app.draft.data,
    newAddress: { text: address },
    residenceBasis: 'owner',
    declarationDate: dayFromToday(15),
    confirm: true,
  };
  const saved = await call('PUT', `/api/v1/applications/${app.id}/draft`, {
    as: 'citizen-janis',
    json: { version: app.draft.version, data },
  });
  await submitPastAddressCheck(stack.simulators.urls.addressRegister, () =>
    call('POST', `/api/v1/applications/${app.id}/submit`, { as: 'citizen-janis', json: { version: saved.body.version } }),
  );
  await waitFor(
    'the check to ask',
    async () => (await call('GET', `/api/v1/applications/${app.id}`, { as: 'citizen-janis' })).body.status === 'info_requested',
  );
  return app.id as string;
}

const UNKNOWN_ADDRESS = 'Ģertrūdes iela 10 - 3, Rīga, LV-1010'; // not in the address register: its check asks again
const KNOWN_ADDRESS = 'Brīvības iela 137 - 4, Rīga, LV-1012';

describe('journey (English): check your answers, confirmation, answering a request, the timeline', function () {
  this.timeout(120_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'en-GB' })).newPage();
  });
  after(async () => {
    await browser?.close();
  });

  it('Jānis checks, changes, submits once, answers the request and sees it in his timeline', async () => {
    const base = stack.api.url;
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const conflicts: string[] = [];
    page.on('response', (r) => {
      if (r.status() === 409) conflicts.push(`${r.request().method()} ${r.url()}`);
    });

    await signIn(page, base, 'citizen-janis');
    await page.getByRole('button', { name: 'English' }).click();
    const opened = await call('POST', '/api/v1/applications', { as: 'citizen-janis', json: { eserviceId: 'residence-declaration' } });
    expect(opened.status).to.equal(201);
    const caseId = opened.body.id as string;
    await page.goto(`${base}/applications/${caseId}`);
    await page.locator('h1', { hasText: 'Declaration of place of residence' }).waitFor();
    await page.waitForFunction('document.getElementById("root_applicant_givenName")?.value !== ""', null, { timeout: 60_000 });

    await page.locator('#root_newAddress_text').fill(KNOWN_ADDRESS);
    await page.locator('#root_residenceBasis').selectOption({ label: 'Owner' });
    await page.locator('#root_declarationDate').fill(FROM_DAY);
    await page.locator('#root_email').fill('janis@example.lv');
    await page.locator('#root_confirm').check();
    await page.locator('[data-state="saved"]').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();

    const check = page.getByTestId('check-answers');
    await check.waitFor();
    expect(await page.evaluate<string>('document.activeElement?.id')).to.equal('check-heading');
    expect(await check.getByRole('heading', { level: 2 }).textContent()).to.equal('Check your answers');
    const keys = await check.locator('dt').allTextContents();
    expect(keys).to.include.members(['Given name', 'New place of residence', 'Legal basis to live at the address', 'From date', 'E-mail']);
    expect(await check.textContent()).not.to.match(/newAddress|residenceBasis|declarationDate|givenName/);
    expect(await check.locator('[data-field="root_declarationDate"] dd').first().textContent()).to.equal(formatDay(FROM_DAY, 'en'));
    expect(await check.locator('[data-field="root_phone"] dd').first().textContent()).to.equal('Not given');
    expect(await check.locator('[data-field="root_confirm"] dd').first().textContent()).to.equal('Yes');
    expect(await check.getByTestId('expected-if-submitted').textContent()).to.match(/^If you submit today, expect a decision by \d/);
    await checkPage(page, 'en-01-check-answers');
    // On a 375 px phone the rows stack: the list never scrolls sideways.
    await page.setViewportSize({ width: 375, height: 800 });
    expect(
      await page.evaluate<boolean>(
        '(() => { const el = document.querySelector(\'[data-testid="check-answers"]\'); return el.scrollWidth <= el.clientWidth; })()',
      ),
    ).to.equal(true);
    await checkPage(page, 'en-01-check-answers-375');
    await page.setViewportSize({ width: 1280, height: 800 });

    // "Back to the form" puts the focus on the form's heading; "Continue" comes back here.
    await page.getByRole('button', { name: 'Back to the form' }).click();
    await page.waitForFunction('document.activeElement?.id === "form-heading"');
    await page.getByRole('button', { name: 'Continue' }).click();
    await check.waitFor();

    // He changes the address through its "Change" link, to another address of the register.
    const other = dwellingAddresses.find((a) => a.text !== KNOWN_ADDRESS)!;
    await check.getByRole('link', { name: 'Change New place of residence' }).click();
    await page.waitForFunction('document.activeElement?.id === "root_newAddress_text"');
    await page.locator('#root_newAddress_text').fill(other.text);
    await page.locator('[data-state="saved"]').waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await check.waitFor();
    expect(await check.locator('[data-field="root_newAddress_text"] dd').first().textContent()).to.equal(other.text);

    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.waitForURL(`${base}/applications/${caseId}/confirmation`, { timeout: 60_000 });
    // Another of his declarations went in while the address register was down, with an address it does not know:
    // once the register is back, the address check asks him. His page follows live.
    const asked = await submittedPastAddressCheck(UNKNOWN_ADDRESS);
    await page.goto(`${base}/applications/${asked}`);
    await page.locator('#application-status [data-status="info_requested"]').waitFor({ timeout: 60_000 });
    await page.getByText('The decision date will be known once you answer').waitFor();
    await checkPage(page, 'en-03-info-requested');
    await page.locator('#info_newAddress_text').fill(KNOWN_ADDRESS);
    // Typed out as the register writes it: chosen once the register's suggestions have come.
    await page
      .getByText(/\d+ address(es)? found/)
      .first()
      .waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'Send the answer' }).click();

    // His answer is an event of the timeline; the submitted data show the corrected address; what comes next.
    const answer = page.locator('[data-event="info-answer"]');
    await answer.waitFor({ timeout: 60_000 });
    expect(await answer.textContent())
      .to.contain('You answered the request')
      .and.contain('Fields changed: New place of residence');
    const submitted = page.getByTestId('submitted-data');
    await page.waitForFunction(
      `document.querySelector('[data-testid="submitted-data"] [data-field="root_newAddress_text"] dd')?.textContent === ${JSON.stringify(KNOWN_ADDRESS)}`,
    );
    expect(await submitted.locator('input, select, textarea').count()).to.equal(0);
    const decision = page.getByTestId('upcoming').locator('[data-step="decision"]');
    await decision.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      '/expected by/.test(document.querySelector(\'[data-testid="upcoming"] [data-step="decision"]\')?.textContent ?? "")',
      null,
      {
        timeout: 60_000,
      },
    );
    const app = await call('GET', `/api/v1/applications/${asked}`, { as: 'citizen-janis' });
    expect(app.body.infoAnswers).to.have.length(1);
    expect(app.body.infoAnswers[0].fields).to.deep.equal(['newAddress']);
    const tasks = await stack.db.pool.query("SELECT due_at FROM tasks WHERE case_id = $1 AND status IN ('open','claimed')", [asked]);
    if (tasks.rows.length) expect(app.body.progress.expectedDecisionBy).to.equal((tasks.rows[0].due_at as Date).toISOString());
    await checkPage(page, 'en-04-answered');

    expect(pageErrors).to.deep.equal([]);
    expect(conflicts, 'no 409 on the way').to.deep.equal([]);
  });
});
