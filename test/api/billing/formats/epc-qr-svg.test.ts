// The EPC QR code as SVG, decoded: Chromium (Debian's, through playwright-core, as in the journey tests) draws the
// SVG to pixels and jsQR reads the code back, against a payload written out by hand from the standards' own examples
// (./standard-examples.ts).
import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { stack } from '../../../setup';
import { call, tokenFor } from '../../../helpers/http';
import { decodeQrPng } from '../../../helpers/qr';
import { uniqueSuffix } from '../../../helpers/cases';
import { launchBrowser } from '../../../ui/browser';
import { epcQrSvg } from '../../../../api/billing/formats/epc-qr';
import { STANDARD_EXAMPLES, STANDARD_EXAMPLES_EPC as EXPECTED } from './standard-examples';

/** The SVG as a browser draws it, 400 px square on white, as a PNG. */
async function rasterise(browser: Browser, svg: string): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width: 400, height: 400 } });
  try {
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:#fff"><div style="width:400px;height:400px">${svg}</div></body></html>`,
    );
    await page.addStyleTag({ content: 'svg { width: 400px; height: 400px; display: block; }' });
    return await page.screenshot({ type: 'png' });
  } finally {
    await page.close();
  }
}

describe('api/billing/formats/epc-qr: the SVG decoded', () => {
  let browser: Browser;
  before(async function () {
    this.timeout(60_000);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('draws an SVG that a browser renders to the exact EPC069-12 payload', async () => {
    const svg = await epcQrSvg(STANDARD_EXAMPLES);
    expect(decodeQrPng(await rasterise(browser, svg))).to.equal(EXPECTED);
  });

  it("serves an SVG through the API that decodes to the invoice's payload, the same as its PNG", async () => {
    const issued = await call('POST', '/api/v1/invoices', {
      as: 'system-pmlp',
      json: {
        idempotencyKey: `qr-svg-${uniqueSuffix()}`,
        payer: { type: 'natural', id: '15038511239', name: 'Anna Bērziņa' },
        currency: 'EUR',
        dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
        lines: [{ description: 'Izziņa', quantity: 2, unitPrice: 7.5, vatExemption: { category: 'O', reason: 'Valsts nodeva' } }],
      },
    });
    expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
    const inv = issued.body;
    const get = async (href: string) => {
      const res = await fetch(`${stack.api.url}${href}`, { headers: { authorization: `Bearer ${await tokenFor('citizen-anna')}` } });
      expect(res.status, href).to.equal(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const fromSvg = decodeQrPng(await rasterise(browser, (await get(inv.links.qrSvg)).toString('utf8')));
    const fields = fromSvg.split('\n');
    expect(fields).to.have.length(12);
    // The invoice's own creditor account and reference, the amount of its one line (2 × 7.50), its number.
    expect(fields.slice(0, 4)).to.deep.equal(['BCD', '002', '1', 'SCT']);
    expect(fields[5]).to.equal('Pilsonības un migrācijas lietu pārvalde');
    expect([fields[6], fields[7], fields[9], fields[11]]).to.deep.equal([inv.creditor.iban, 'EUR15.00', inv.paymentReference, inv.number]);
    expect(fromSvg).to.equal(decodeQrPng(await get(inv.links.qrPng)));
  });
});
