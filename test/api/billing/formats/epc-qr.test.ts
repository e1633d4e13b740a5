// The EPC QR renderer on its own: the EPC069-12 v002 payload field by field, its limits, and the images.
import { expect } from 'chai';
import { epcPayload, epcQrPng, epcQrSvg, NothingToPay, EPC_MAX_BYTES } from '../../../../api/billing/formats/epc-qr';
import { decodeQrPng } from '../../../helpers/qr';
import { hasValidIso7064CheckDigits } from '../../../helpers/iso7064';
import { invoiceView } from './fixture';

const EXPECTED = [
  'BCD',
  '002',
  '1',
  'SCT',
  'TRELLV22',
  'Pilsonības un migrācijas lietu pārvalde',
  'LV07TREL2220000000001',
  'EUR42.18',
  '',
  'RF1910000042',
  '',
  'PMLP-2026-10000042',
].join('\n');

describe('api/billing/formats/epc-qr', () => {
  it('writes the EPC069-12 version 002 payload: UTF-8, SCT, BIC, name, IBAN, amount due, RF reference, invoice number', () => {
    expect(epcPayload(invoiceView())).to.equal(EXPECTED);
  });

  it('names an IBAN and an RF reference whose check digits hold by an independent ISO 7064 check', () => {
    // The renderer copies what it is given: a fixture with invalid check digits would go unnoticed without this.
    const lines = epcPayload(invoiceView()).split('\n');
    expect(hasValidIso7064CheckDigits(lines[6]), `IBAN ${lines[6]}`).to.equal(true);
    expect(hasValidIso7064CheckDigits(lines[9]), `RF ${lines[9]}`).to.equal(true);
  });

  it('asks for the amount still due on a partly paid invoice', () => {
    const payload = epcPayload(
      invoiceView({ status: 'partly_paid', totals: { net: 40.07, vat: 2.11, total: 42.18, paid: 35.07, due: 7.11 } }),
    );
    expect(payload.split('\n')[7]).to.equal('EUR7.11');
  });

  it('leaves the BIC out when the account has none, and keeps every field on its own line', () => {
    const inv = invoiceView({
      creditor: { ...invoiceView().creditor, bic: null, name: `Rīgas\nvalstspilsētas  pašvaldība ${'ā'.repeat(80)}` },
    });
    const lines = epcPayload(inv).split('\n');
    expect(lines).to.have.length(12);
    expect(lines[4]).to.equal('');
    expect([...lines[5]]).to.have.length(70);
    expect(lines[5].startsWith('Rīgas valstspilsētas pašvaldība ā')).to.equal(true);
    expect(Buffer.byteLength(lines.join('\n'))).to.be.at.most(EPC_MAX_BYTES);
  });

  it('has nothing to pay on a paid or cancelled invoice', () => {
    expect(() => epcPayload(invoiceView({ status: 'paid', totals: { net: 40.07, vat: 2.11, total: 42.18, paid: 42.18, due: 0 } })))
      .to.throw(NothingToPay)
      .with.property('reason', 'paid');
    expect(() => epcPayload(invoiceView({ status: 'cancelled' })))
      .to.throw(NothingToPay)
      .with.property('reason', 'cancelled');
  });

  it('draws a PNG that decodes back to the exact payload', async () => {
    const png = await epcQrPng(invoiceView());
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).to.equal(true);
    expect(decodeQrPng(png)).to.equal(EXPECTED);
  });

  it('draws an SVG', async () => {
    const svg = await epcQrSvg(invoiceView());
    expect(svg).to.match(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.trim().endsWith('</svg>')).to.equal(true);
  });
});
