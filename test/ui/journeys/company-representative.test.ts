// Journey: Līga Ozoliņa, who chairs SIA "Gaujas ceptuve" with sole representation rights, signs in, opens
// "Uzņēmumi", switches to acting for the company and sees its cases, invoice and e-address message, and opens an
// e-service for the company (the commercial-register statement). Then she asks
// Anna for a delegation on her delegations page, and Anna accepts it on hers. Jānis, who represents SIA "Zemgales koks"
// only jointly, asks Juris to confirm; once Juris confirms, Jānis may act for it. axe checks every page on the way.
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';
import { seedCompanyDemo, DEMO_COMPANY } from '../../../scripts/seed/seed';
import { insertNotification } from '../../../db/applications/messages';
import { JOINT_RIGHTS_REGCODE } from '../../../simulators/enterprise-register/data';

describe('journey: a company representative acts for the company', function () {
  this.timeout(180_000);
  let browser: Browser;
  let ligaContext: BrowserContext;
  let annaContext: BrowserContext;
  let liga: Page;
  let anna: Page;

  before(async () => {
    await seedCompanyDemo(stack.db);
    await insertNotification(stack.db.pool, {
      id: 'journey-company-message',
      caseId: null,
      recipient: { type: 'legal', id: DEMO_COMPANY.id },
      subject: { lv: 'Atgādinājums par deklarāciju', en: 'A reminder about the return' },
      body: { lv: 'Iesniedziet gada pārskatu līdz mēneša beigām.', en: 'Submit the annual report by the end of the month.' },
    });
    browser = await launchBrowser();
    ligaContext = await browser.newContext({ locale: 'lv-LV' });
    annaContext = await browser.newContext({ locale: 'lv-LV' });
    liga = await ligaContext.newPage();
    anna = await annaContext.newPage();
  });
  after(async () => {
    await browser?.close();
    // Leave no joint representative confirmed for the tests that follow.
    await stack.db.pool.query('UPDATE representation_confirmations SET revoked_at = now() WHERE revoked_at IS NULL');
  });

  it("the board member switches to the company and sees the company's cases, invoice and messages", async () => {
    const base = stack.api.url;
    await signIn(liga, base, 'citizen-liga');
    await checkPage(liga, 'company-01-home');
    await liga.getByRole('navigation').getByRole('link', { name: 'Uzņēmumi', exact: true }).click();
    await liga.locator('h1', { hasText: 'Pārstāvētie uzņēmumi' }).waitFor();
    const company = liga.locator(`[data-company="${DEMO_COMPANY.id}"]`);
    await company.waitFor();
    expect(await company.textContent()).to.contain('pārstāv viens');
    await checkPage(liga, 'company-02-represented');

    await liga.getByRole('link', { name: `Darboties uzņēmuma ${DEMO_COMPANY.name} vārdā` }).click();
    await liga.waitForURL(new RegExp(`/organisations/${DEMO_COMPANY.id}$`));
    await liga.locator('h1', { hasText: `Jūs darbojaties uzņēmuma ${DEMO_COMPANY.name} vārdā` }).waitFor();
    const cases = liga.locator('[data-testid="company-cases"] > li');
    await cases.first().waitFor();
    const { rows } = await stack.db.pool.query(
      "SELECT count(*)::int AS n FROM cases WHERE recipient_type = 'legal' AND recipient_id = $1",
      [DEMO_COMPANY.id],
    );
    expect(await cases.count()).to.equal(rows[0].n); // the seeded two, and any other test's cases of the company
    expect(await liga.getByTestId('company-cases').textContent()).to.contain('Nodokļu konsultācija');
    expect(await liga.getByTestId('company-invoices').textContent()).to.contain('VID-');
    expect(await liga.locator('main').textContent()).to.contain('Atgādinājums par deklarāciju');
    await checkPage(liga, 'company-03-acting-for');
    await liga.getByRole('button', { name: 'Atzīmēt kā izlasītu: Atgādinājums par deklarāciju' }).click();
    await liga.locator('[data-message="journey-company-message"]').getByText('Izlasīts').waitFor();

    // The same view in English.
    await liga.getByRole('button', { name: 'English' }).click();
    await liga.locator('h1', { hasText: `You are acting for ${DEMO_COMPANY.name}` }).waitFor();
    await checkPage(liga, 'company-04-acting-for-en');
    await liga.getByRole('button', { name: 'Latviešu' }).click();
    await liga.locator('h1', { hasText: 'Jūs darbojaties' }).waitFor();
  });

  it("the board member opens an e-service for the company: the company's draft, with her as its representative", async () => {
    await liga.getByRole('button', { name: 'Sākt: Izziņa no komercreģistra' }).click();
    await liga.waitForURL(/\/applications\/[^/]+$/);
    await liga.locator('h1', { hasText: 'Izziņa no komercreģistra' }).waitFor();
    await liga.getByLabel('Publiskajam iepirkumam').check();
    const caseId = decodeURIComponent(new URL(liga.url()).pathname.split('/').pop()!);
    const { rows } = await stack.db.pool.query(
      'SELECT recipient_type, recipient_id, representative_id, representative_basis FROM cases WHERE id = $1',
      [caseId],
    );
    expect(rows[0]).to.deep.equal({
      recipient_type: 'legal',
      recipient_id: DEMO_COMPANY.id,
      representative_id: '01014811002',
      representative_basis: 'enterprise_register',
    });
    await checkPage(liga, 'company-04b-company-eservice');
    await liga.goto(`${stack.api.url}/organisations/${DEMO_COMPANY.id}`);
    await liga.locator('h1', { hasText: 'Jūs darbojaties' }).waitFor();
  });

  it('asks Anna for a delegation, and Anna accepts it', async () => {
    const base = stack.api.url;
    await liga.getByRole('navigation').getByRole('link', { name: 'Pilnvarojumi', exact: true }).click();
    await liga.locator('h1', { hasText: 'Pilnvarojumi' }).waitFor();
    const requests = liga.getByTestId('delegation-requests');
    await requests.getByLabel('Pilnvarotāja personas kods').fill('150385-11239');
    await requests.getByLabel('Pilnvarotāja vārds, uzvārds').fill('Anna Bērziņa');
    await requests.getByLabel('Tikai skatīt lietas').check();
    await requests.getByLabel('Tikai izvēlētajiem').check();
    await requests.getByLabel('Dzīvesvietas deklarēšana').check();
    await requests.getByRole('button', { name: 'Nosūtīt lūgumu' }).click();
    await requests.getByRole('status').filter({ hasText: 'Lūgums nosūtīts personai Anna Bērziņa' }).waitFor();
    await requests.locator('[data-status="pending"]').first().waitFor();
    await checkPage(liga, 'company-05-delegation-asked');

    await signIn(anna, base, 'citizen-anna');
    await anna.getByRole('navigation').getByRole('link', { name: 'Pilnvarojumi', exact: true }).click();
    await anna.locator('h1', { hasText: 'Pilnvarojumi' }).waitFor();
    const accept = anna.getByRole('button', { name: 'Pieņemt lūgumu no Līga Ozoliņa' });
    await accept.waitFor();
    await checkPage(anna, 'company-06-delegation-request-received');
    await accept.click();
    await anna.getByRole('status').filter({ hasText: 'Pilnvarojums personai Līga Ozoliņa reģistrēts' }).waitFor();
    const given = anna.locator('[data-testid="delegations-given"] tbody tr', { hasText: 'Līga Ozoliņa' }).first();
    await given.waitFor();
    expect(await given.textContent()).to.contain('Dzīvesvietas deklarēšana');
    await checkPage(anna, 'company-07-delegation-accepted');
  });

  it('a joint representative asks the other board member, who confirms; then he may act for the company', async () => {
    const base = stack.api.url;
    const janisContext = await browser.newContext({ locale: 'lv-LV' });
    const jurisContext = await browser.newContext({ locale: 'lv-LV' });
    const janis = await janisContext.newPage();
    const juris = await jurisContext.newPage();
    await signIn(janis, base, 'citizen-janis');
    await janis.goto(`${base}/organisations`);
    const company = janis.locator(`[data-company="${JOINT_RIGHTS_REGCODE}"]`);
    await company.waitFor();
    expect(await company.textContent()).to.contain('pārstāv kopā ar citiem valdes locekļiem');
    await checkPage(janis, 'company-08-joint-needs-confirmation');
    await company.getByRole('button', { name: /Lūgt pārējo valdes locekļu apstiprinājumu/ }).click();
    await janis.getByRole('status').filter({ hasText: 'Gaida: Juris Jansons' }).waitFor();
    await checkPage(janis, 'company-09-joint-asked');

    await signIn(juris, base, 'citizen-juris');
    await juris.goto(`${base}/organisations`);
    const request = juris.locator('[data-confirmation]').filter({ hasText: 'Jānis Kalniņš' });
    await request.waitFor();
    await checkPage(juris, 'company-10-joint-to-confirm');
    await request.getByRole('button', { name: 'Apstiprināt' }).click();
    await juris.getByRole('status').filter({ hasText: 'Apstiprināts' }).waitFor();

    await janis.reload();
    await janis.getByRole('link', { name: 'Darboties uzņēmuma SIA "Zemgales koks" vārdā' }).click();
    await janis.locator('h1', { hasText: 'Jūs darbojaties uzņēmuma SIA "Zemgales koks" vārdā' }).waitFor();
    expect(await janis.getByTestId('acting-for').textContent()).to.contain('pārstāv kopā ar citiem valdes locekļiem');
    await checkPage(janis, 'company-11-joint-acting-for');
    await janisContext.close();
    await jurisContext.close();
  });
});
