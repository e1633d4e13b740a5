// The address register's seed data looks like the real register: codes, postal codes, known municipalities.
import { expect } from 'chai';
import { municipalities } from '../../../scripts/seed/demo-data';
import { addresses } from '../../../simulators/address-register/data';
import { searchAddresses } from '../../../simulators/address-register/server';

describe('simulators/address-register/data', () => {
  it('has about thirty addresses with unique 8-9 digit codes and LV postal codes', () => {
    expect(addresses.length).to.be.at.least(30);
    expect(new Set(addresses.map((a) => a.adr_cd)).size).to.equal(addresses.length);
    for (const a of addresses) {
      expect(a.adr_cd).to.match(/^[0-9]{8,9}$/);
      expect(a.index, a.std).to.match(/^LV-[0-9]{4}$/);
      expect(a.std.endsWith(a.index)).to.equal(true);
    }
  });

  it('covers the demo municipalities and has non-residential addresses', () => {
    const known = municipalities.map((m) => m.code);
    for (const a of addresses) expect(known, a.std).to.include(a.atvk);
    expect(new Set(addresses.map((a) => a.atvk))).to.have.property('size', known.length);
    expect(addresses.filter((a) => a.purpose === 'garage')).to.not.be.empty;
    expect(addresses.filter((a) => a.purpose === 'shop')).to.not.be.empty;
  });

  it('searches with every word, ignoring case, diacritics, quotes and spacing around "-"', () => {
    expect(searchAddresses('KALNIESI', 5).map((a) => a.adr_cd)).to.deep.equal(['75320114']);
    expect(searchAddresses('rigas iela daugavpils', 5)).to.have.length(1);
    expect(searchAddresses('  ', 5)).to.deep.equal([]);
  });
});
