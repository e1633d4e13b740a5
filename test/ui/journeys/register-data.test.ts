// Journey: Anna opens "My data in the registers" and sees what each register holds about her, each item with its
// source (register and holder agency) and the time it was read; the land register is down, and only its section says
// "not available now"; she reports that her car's model is wrong (the form checks her input first), follows the
// case it opened at CSDD and finds it in "My cases"; in English every text is English. axe and the phone widths
// check every page.
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { stack } from '../../setup';
import { checkPage, launchBrowser, signIn } from '../browser';

async function setFaults(url: string, faults: Record<string, unknown> | null): Promise<void> {
  const res = await fetch(`${url}/_faults`, {
    method: faults ? 'POST' : 'DELETE',
    ...(faults ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(faults) } : {}),
  });
  expect(res.status).to.equal(200);
}

describe('journey: my data in the registers and something is wrong', function () {
  this.timeout(300_000);
  let browser: Browser;
  let page: Page;

  before(async () => {
    browser = await launchBrowser();
    page = await (await browser.newContext({ locale: 'lv-LV' })).newPage();
  });
  after(async () => {
    await setFaults(stack.simulators.urls.landRegister, null);
    await browser?.close();
  });

  it('Anna sees her register data with sources and times, reports a discrepancy and finds its case in My cases', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await setFaults(stack.simulators.urls.landRegister, { outage: true });
    await signIn(page, stack.api.url, 'citizen-anna');
    await page.getByRole('navigation').getByRole('link', { name: 'Mani dati reģistros', exact: true }).click();
    await page.locator('h1', { hasText: 'Mani dati valsts reģistros' }).waitFor();

    const vehicles = page.locator('[data-register="vehicle"]');
    const rav4 = vehicles.locator('[data-item="KA-1234"]');
    await rav4.waitFor();
    expect(await rav4.locator('h3').innerText()).to.equal('Toyota RAV4, KA-1234');
    const source = await rav4.getByTestId('register-source').innerText();
    expect(source).to.match(
      /^Avots: Transportlīdzekļu reģistrs, Ceļu satiksmes drošības direkcija · Nolasīts 20\d\d\. gada .+ \d{2}:\d{2}$/,
    );
    const values = await rav4.locator('dd').allInnerTexts();
    expect(values).to.include.members(['RAV4', 'īpašnieks']);
    expect(
      values.some((v) => /^2027\. gada 30\. apr/.test(v)),
      values.join(' | '),
    ).to.equal(true);
    await page.locator('[data-register="population"] [data-item="person"]').waitFor();
    await page.locator('[data-register="enterprise"] [data-item="40203145872"]').waitFor();
    const land = page.locator('[data-register="real-estate"]');
    expect(await land.getByRole('status').innerText()).to.equal('Reģistrs pašlaik nav pieejams. Lūdzu, mēģiniet vēlāk.');
    expect(await land.getByTestId('register-source').innerText()).to.equal('Avots: Kadastrs un zemesgrāmata, Valsts zemes dienests');
    await checkPage(page, 'register-data');

    // Back up: "Read again" brings the section.
    await setFaults(stack.simulators.urls.landRegister, null);
    await land.getByRole('button', { name: 'Nolasīt vēlreiz' }).click();
    await land.locator('[data-item="01000320145001"]').waitFor();

    await rav4.getByRole('button', { name: 'Kaut kas nav pareizi: Toyota RAV4, KA-1234' }).click();
    const form = rav4.getByTestId('discrepancy-form');
    await form.getByLabel('Kurš ieraksts nav pareizs').selectOption({ label: 'Modelis' });
    expect(await form.getByLabel('Kas nav pareizi').inputValue()).to.equal('RAV4');
    await form.getByRole('button', { name: 'Nosūtīt ziņojumu' }).click();
    await form.locator('.error-summary').waitFor();
    expect(await form.locator('.error-summary').innerText()).to.include('Norādiet, kā ir pareizi.');
    await checkPage(page, 'register-data-report');
    await form.getByLabel('Kā ir pareizi').fill('RAV4 Hybrid');
    await form.getByLabel('Komentārs (nav obligāts)').fill('Tā rakstīts reģistrācijas apliecībā.');
    await form.getByRole('button', { name: 'Nosūtīt ziņojumu' }).click();
    const sent = rav4.getByTestId('discrepancy-sent');
    await sent.waitFor();
    const caseId = /LV-\d{10}-\d{2}/.exec(await sent.innerText())?.[0] as string;
    expect(caseId, 'the case id is in the confirmation').to.be.a('string');
    expect(await sent.innerText()).to.include(`Ceļu satiksmes drošības direkcija to izskatīs kā lietu ${caseId}`);

    await sent.getByRole('link', { name: `Sekot lietai ${caseId}` }).click();
    await page.locator('h1', { hasText: 'Neprecizitāte transportlīdzekļu reģistra datos' }).waitFor();
    const reported = page.getByTestId('reported-discrepancy');
    await reported.waitFor();
    expect(await reported.locator('dd').allInnerTexts()).to.deep.equal([
      'Transportlīdzekļu reģistrs',
      'KA-1234, Modelis',
      'RAV4',
      'RAV4 Hybrid',
      'Tā rakstīts reģistrācijas apliecībā.',
    ]);
    await checkPage(page, 'register-data-case');

    await page.getByRole('navigation').getByRole('link', { name: 'Manas lietas', exact: true }).click();
    await page.locator('h1', { hasText: 'Manas lietas' }).waitFor();
    const listed = page.locator(`[data-case="${caseId}"]`);
    await listed.waitFor();
    expect(await listed.locator('h2').innerText()).to.equal('Neprecizitāte transportlīdzekļu reģistra datos');

    // In English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation').getByRole('link', { name: 'My data in the registers', exact: true }).click();
    await page.locator('h1', { hasText: 'My data in the state registers' }).waitFor();
    const rav4En = page.locator('[data-register="vehicle"] [data-item="KA-1234"]');
    await rav4En.waitFor();
    expect(await rav4En.getByTestId('register-source').innerText()).to.match(
      /^Source: Vehicle register, Road Traffic Safety Directorate · Read \d{1,2} \w{3} 20\d\d, \d{2}:\d{2}$/,
    );
    expect(await rav4En.locator('dd').allInnerTexts()).to.include('owner');
    await rav4En.getByRole('button', { name: 'Something is wrong: Toyota RAV4, KA-1234' }).click();
    await rav4En.getByTestId('discrepancy-form').getByLabel('What is right').waitFor();
    await checkPage(page, 'register-data-en');
    expect(errors).to.deep.equal([]);
  });
});
