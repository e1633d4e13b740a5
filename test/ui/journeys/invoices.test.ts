// Journey: an agency issues Jānis an invoice; in the browser he finds it in "My invoices", sees the EPC QR code,
// downloads the PDF and the UBL e-invoice, pays online through the bank link simulator and comes back to a page
// that shows the invoice paid. Then an agency administrator sees the invoice list and resolves an unidentified
// payment (a camt.053 credit with an unknown reference) onto another invoice. axe checks every page on the way.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { stack } from '../../setup';
import { call } from '../../helpers/http';
import { uniqueSuffix } from '../../helpers/cases';
import { ARTIFACTS, checkPage, launchBrowser, signIn } from '../browser';
import { makeRfReference } from '../../../db/domain/rf-reference';
import { camt } from '../../helpers/camt';

const janis = { type: 'natural', id: '02117814569', name: 'Jānis Kalniņš' };
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function issueInvoice(description: string, amount: number): Promise<{ id: string; number: string; paymentReference: string }> {
  const res = await call('POST', '/api/v1/invoices', {
    as: 'admin-pmlp',
    json: {
      idempotencyKey: `journey-${uniqueSuffix()}`,
      payer: janis,
      currency: 'EUR',
      dueDate: inDays(14),
      lines: [{ description, quantity: 1, unitPrice: amount, vatExemption: { category: 'O', reason: 'Valsts nodeva' } }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body;
}

/** A one-entry camt.053 statement of PMLP's account (valid against the XSD): a credit whose RF reference no invoice carries. */
function camt053(amount: string, reference: string, debtor: string): string {
  return camt(
    '053',
    [{ ref: `J-${uniqueSuffix()}`, txs: [{ amount, ref: reference, ustrd: 'Par pasi', txRef: `T-${uniqueSuffix()}`, debtor }] }],
    { msgId: `JOURNEY-${uniqueSuffix()}` },
  );
}

/** Saves a download and returns its bytes. */
async function download(page: Page, selector: string, name: string): Promise<{ file: Buffer; suggested: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  const saved = path.join(ARTIFACTS, name);
  await file.saveAs(saved);
  return { file: fs.readFileSync(saved), suggested: file.suggestedFilename() };
}

describe('journey: invoices and payments in the browser', function () {
  this.timeout(180_000);
  let browser: Browser;
  let citizenContext: BrowserContext;
  let agencyContext: BrowserContext;

  before(async () => {
    browser = await launchBrowser();
    citizenContext = await browser.newContext({ acceptDownloads: true, locale: 'lv-LV' });
    agencyContext = await browser.newContext({ locale: 'lv-LV' });
  });
  after(async () => {
    await browser?.close();
  });

  it('citizen finds the invoice with its QR code, downloads it, pays online and sees it paid', async () => {
    const base = stack.api.url;
    const invoice = await issueInvoice('Pases izgatavošana', 36.05);
    const page = await citizenContext.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));

    await signIn(page, base, 'citizen-janis');
    await page.locator('h1', { hasText: 'Jānis Kalniņš' }).waitFor();
    await page.locator('[data-testid="invoices-to-pay-count"]').waitFor();
    await checkPage(page, 'invoices-01-dashboard');

    // "My invoices": the list, the amount in Latvian money format.
    await page.getByRole('navigation').getByRole('link', { name: 'Mani rēķini', exact: true }).click();
    const row = page.locator(`tr[data-invoice="${invoice.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).to.equal('issued');
    expect(await row.textContent())
      .to.contain('36,05')
      .and.contain('Neapmaksāts');
    await checkPage(page, 'invoices-02-list');

    // The invoice: amount due, due date, RF reference, and the EPC QR code rendered from the protected image.
    await row.getByRole('link', { name: `Atvērt rēķinu ${invoice.number}` }).click();
    await page.waitForURL(`${base}/invoices/${invoice.id}`);
    await page.locator('h1', { hasText: invoice.number }).waitFor();
    expect(await page.locator('[data-testid="amount-due"]').textContent()).to.match(/^36,05\s€$/);
    expect((await page.locator('[data-testid="payment-reference"]').textContent())?.replace(/\s/g, '')).to.equal(invoice.paymentReference);
    const qr = page.locator('img[data-testid="invoice-qr"]');
    await qr.waitFor();
    await page.waitForFunction('document.querySelector(\'img[data-testid="invoice-qr"]\')?.complete');
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).to.be.greaterThan(0);
    expect(await qr.getAttribute('src')).to.match(/^blob:/);
    expect(await qr.getAttribute('alt')).to.contain(invoice.paymentReference.slice(0, 4));
    await checkPage(page, 'invoices-03-detail');

    // Downloads with the bearer token: the PDF and the UBL e-invoice carrying the RF reference.
    const pdf = await download(page, 'button[data-download="pdf"]', 'invoice.pdf');
    expect(pdf.file.subarray(0, 5).toString()).to.equal('%PDF-');
    const ubl = await download(page, 'button[data-download="ubl"]', 'invoice.xml');
    expect(ubl.suggested).to.match(/\.xml$/);
    expect(ubl.file.toString()).to.contain('<Invoice').and.contain(invoice.paymentReference);

    // Pay online: the bank link's page, then back to the platform's return page.
    await page.getByRole('button', { name: /Maksāt 36,05\s€ tiešsaistē/ }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stack.simulators.urls.paymentInitiation}/pay/`));
    await page.locator('h1', { hasText: 'Payment of 36.05 EUR' }).waitFor();
    await checkPage(page, 'invoices-04-bank-link');
    await page.getByRole('button', { name: 'Pay 36.05 EUR' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${base}/payments/online/`));
    const outcome = page.locator('[data-testid="payment-outcome"][data-status="succeeded"]');
    await outcome.waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="payment-outcome"] [data-invoice-status="paid"]').waitFor();
    expect(await outcome.textContent())
      .to.match(/Maksājums 36,05\s€ saņemts/)
      .and.contain('Apmaksāts');
    await checkPage(page, 'invoices-05-returned');

    // Back on the invoice: paid, the payment listed, no QR code any more.
    await page.getByRole('link', { name: 'Atvērt rēķinu' }).click();
    await page.locator('[data-testid="invoice-payments"]', { hasText: 'tiešsaistē' }).waitFor();
    expect(await page.locator('#invoice-status [data-invoice-status]').getAttribute('data-invoice-status')).to.equal('paid');
    expect(await page.locator('[data-testid="amount-due"]').textContent()).to.match(/^0,00\s€$/);
    expect(await page.locator('img[data-testid="invoice-qr"]').count()).to.equal(0);
    await checkPage(page, 'invoices-06-paid');

    // In English: the texts and the money format follow the language.
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('h1', { hasText: `Invoice No. ${invoice.number}` }).waitFor();
    expect(await page.locator('#invoice-status').textContent()).to.equal('Paid');
    expect(await page.locator('[data-testid="invoice-payments"]').textContent()).to.match(/€36\.05 · online/);
    await checkPage(page, 'invoices-06-paid-en');
    await page.getByRole('button', { name: 'Latviešu' }).click();

    const checked = await call('GET', `/api/v1/payments/check?reference=${invoice.paymentReference}`, { as: 'citizen-janis' });
    expect(checked.body).to.deep.include({ status: 'paid', amountPaid: 36.05, amountDue: 0 });
    expect(pageErrors).to.deep.equal([]);
  });

  it('agency sees its invoices and resolves an unidentified bank payment onto an invoice', async () => {
    const base = stack.api.url;
    const open = await issueInvoice('Personas apliecības izgatavošana', 12.5);
    const reference = makeRfReference(`JOURNEY${uniqueSuffix().toUpperCase()}`);
    const imported = await call('POST', '/api/v1/bank-statements', {
      as: 'admin-pmlp',
      body: camt053('12.50', reference, 'Jānis Kalniņš'),
      headers: { 'content-type': 'application/xml' },
    });
    expect(imported.status, JSON.stringify(imported.body)).to.equal(201);
    expect(imported.body.suspense).to.equal(1);
    const listed = await call('GET', `/api/v1/suspense?statementId=${imported.body.id}`, { as: 'admin-pmlp' });
    const entry = listed.body.items[0];
    expect(entry).to.deep.include({ reason: 'unknown_reference', status: 'open', amount: 12.5, reference });

    const page = await agencyContext.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, base, 'admin-pmlp');

    // The agency's invoices: the one just issued, unpaid, with its RF reference.
    await page.getByRole('navigation').getByRole('link', { name: 'Rēķini', exact: true }).click();
    const invoiceRow = page.locator(`tr[data-invoice="${open.id}"]`);
    await invoiceRow.waitFor();
    expect(await invoiceRow.getAttribute('data-status')).to.equal('issued');
    expect(await invoiceRow.textContent())
      .to.contain(open.paymentReference)
      .and.contain('12,50');
    await checkPage(page, 'invoices-07-agency-list');

    // The suspense list: the credit with the unknown reference, open.
    await page.getByRole('navigation').getByRole('link', { name: 'Neidentificētie maksājumi', exact: true }).click();
    await page.locator('h1', { hasText: 'Neidentificētie maksājumi' }).waitFor();
    const row = page.locator(`tr[data-suspense="${entry.id}"]`);
    await page.locator('table.suspense').waitFor();
    for (let more = 0; more < 20 && (await row.count()) === 0; more++) {
      // Other tests' entries may come first: page on.
      const shown = await page.locator('tr[data-suspense]').count();
      await page.getByRole('button', { name: /Rādīt vairāk/ }).click();
      await page.waitForFunction(`document.querySelectorAll('tr[data-suspense]').length > ${shown}`);
    }
    expect(await row.textContent())
      .to.contain(reference)
      .and.contain('Nezināma atsauce')
      .and.contain('Jānis Kalniņš');
    await checkPage(page, 'invoices-08-suspense');

    // Resolving without choosing anything: an error summary linked to the fields.
    await row.getByRole('button', { name: 'Atrisināt: 12,50 € no Jānis Kalniņš' }).click();
    await page.locator('#resolve-heading').waitFor();
    await page.getByRole('button', { name: 'Atrisināt', exact: true }).click();
    const summary = page.locator('.error-summary');
    await summary.waitFor();
    expect(await summary.locator('a').count()).to.equal(2);
    await checkPage(page, 'invoices-09-resolve-errors');

    // Book it onto the open invoice, with a note.
    await page.getByLabel('Iegrāmatot rēķinā').check();
    await page.getByLabel('Rēķins', { exact: true }).selectOption(open.id);
    await page.getByLabel('Piezīme').fill('Maksātājs kļūdījās atsaucē; summa atbilst rēķinam.');
    await checkPage(page, 'invoices-10-resolve-form');
    await page.getByRole('button', { name: 'Atrisināt', exact: true }).click();
    await page.locator('.alert-success', { hasText: 'Iegrāmatots 12,50 €. Rēķina statuss: Apmaksāts.' }).waitFor({ timeout: 60_000 });
    await row.waitFor({ state: 'detached' });
    await checkPage(page, 'invoices-11-resolved');

    const after = await call('GET', `/api/v1/suspense?status=all&statementId=${imported.body.id}`, { as: 'admin-pmlp' });
    expect(after.body.items[0]).to.deep.include({ status: 'resolved', resolvedInvoiceId: open.id });
    const paid = await call('GET', `/api/v1/invoices/${open.id}`, { as: 'admin-pmlp' });
    expect(paid.body).to.deep.include({ status: 'paid' });
    expect(paid.body.payments.map((p: any) => p.source)).to.deep.equal(['suspense']);

    // The agency's list shows it paid now.
    await page.getByRole('navigation').getByRole('link', { name: 'Rēķini', exact: true }).click();
    const paidRow = page.locator(`tr[data-invoice="${open.id}"][data-status="paid"]`);
    await paidRow.waitFor();
    await paidRow.getByRole('link').click();
    await page.locator('[data-testid="invoice-payments"]', { hasText: 'no neidentificētajiem maksājumiem' }).waitFor();
    expect(await page.locator('dl.summary-list').textContent())
      .to.contain('Maksātājs')
      .and.contain('Jānis Kalniņš');
    expect(await page.getByRole('button', { name: /tiešsaistē/ }).count()).to.equal(0);
    await checkPage(page, 'invoices-12-agency-invoice');
    expect(pageErrors).to.deep.equal([]);
  });
});
