// The QR code printed on the invoice PDF, decoded: the image XObject is taken out of the PDF (pdfkit stores the
// QR's RGB pixels deflated, its alpha as a soft mask), composited on white and read by jsQR, against a payload
// written out by hand from the standards' own examples (./standard-examples.ts).
import zlib from 'node:zlib';
import { expect } from 'chai';
import jsQR from 'jsqr';
import { renderInvoicePdf } from '../../../../api/billing/formats/pdf';
import { STANDARD_EXAMPLES, STANDARD_EXAMPLES_EPC } from './standard-examples';
import { SUPPLIER } from './fixture';
import type { Invoice } from '../../../../forms/types/api';

interface RawImage {
  width: number;
  height: number;
  channels: number;
  pixels: Buffer;
}

/** Every image XObject of the PDF: its size, channels and inflated pixels, by object number. */
function images(pdf: Buffer): Map<string, RawImage & { smask: string | null }> {
  const text = pdf.toString('latin1');
  const out = new Map<string, RawImage & { smask: string | null }>();
  for (const m of text.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) {
    const body = m[2];
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) continue;
    const dict = body.slice(0, streamAt);
    if (!/\/Subtype \/Image/.test(dict)) continue;
    expect(dict, 'no PNG predictor to undo').to.not.match(/DecodeParms/);
    const length = Number(/\/Length (\d+)/.exec(dict)![1]);
    const start = m.index! + m[0].length - 'endobj'.length - body.length + streamAt + body.slice(streamAt).match(/stream\r?\n/)![0].length;
    const pixels = zlib.inflateSync(pdf.subarray(start, start + length));
    const colourSpace = /\/ColorSpace \/(\w+)/.exec(dict)![1];
    out.set(m[1], {
      width: Number(/\/Width (\d+)/.exec(dict)![1]),
      height: Number(/\/Height (\d+)/.exec(dict)![1]),
      channels: colourSpace === 'DeviceRGB' ? 3 : 1,
      pixels,
      smask: /\/SMask (\d+) 0 R/.exec(dict)?.[1] ?? null,
    });
  }
  return out;
}

/** The one masked image (the QR) composited on white, decoded. */
function qrOnPage(pdf: Buffer): string {
  const all = images(pdf);
  const masked = [...all.values()].filter((i) => i.smask);
  expect(masked).to.have.length(1);
  const { width, height, channels, pixels, smask } = masked[0];
  const alpha = all.get(smask!)!;
  expect(pixels.length).to.equal(width * height * channels);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let p = 0; p < width * height; p += 1) {
    const a = alpha.pixels[p] / 255;
    for (let c = 0; c < 3; c += 1) rgba[p * 4 + c] = Math.round(pixels[p * channels + (channels === 3 ? c : 0)] * a + 255 * (1 - a));
    rgba[p * 4 + 3] = 255;
  }
  const code = jsQR(rgba, width, height);
  if (!code) throw new Error("no QR code in the PDF's image");
  return Buffer.from(code.binaryData).toString('utf8');
}

describe('api/billing/formats/pdf: the QR code on the page, decoded', () => {
  it('carries the exact EPC069-12 payload of the amount due', async () => {
    expect(qrOnPage(await renderInvoicePdf(STANDARD_EXAMPLES, SUPPLIER))).to.equal(STANDARD_EXAMPLES_EPC);
  });

  it('asks for what is still due on a partly paid invoice', async () => {
    const partly: Invoice = {
      ...STANDARD_EXAMPLES,
      status: 'partly_paid',
      totals: { net: 40.07, vat: 2.11, total: 42.18, paid: 35.07, due: 7.11 },
    };
    expect(qrOnPage(await renderInvoicePdf(partly, SUPPLIER))).to.equal(STANDARD_EXAMPLES_EPC.replace('EUR42.18', 'EUR7.11'));
  });
});
