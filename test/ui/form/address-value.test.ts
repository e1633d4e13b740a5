// Address fields (ui/src/applications/form/address-value.ts): a text typed exactly as a register address counts as
// chosen whatever its case, spacing and diacritics; a text with no chosen address is found wherever the field is.
import { expect } from 'chai';
import { comparableAddress, unchosenAddresses } from '../../../ui/src/applications/form/address-value';

describe('address field values', () => {
  it('compares address texts without case, punctuation or diacritics', () => {
    expect(comparableAddress('Brīvības iela 137 - 4, Rīga, LV-1012')).to.equal(comparableAddress('brivibas iela 137-4 riga lv 1012'));
    expect(comparableAddress('Brīvības iela 137 - 4')).to.not.equal(comparableAddress('Brīvības iela 137 - 5'));
  });

  it('finds address fields with a text and no address code', () => {
    const schema = {
      properties: {
        home: { 'x-address': 'residential' },
        work: { properties: { seat: { 'x-address': true } } },
        other: { type: 'string' },
      },
    };
    expect(
      unchosenAddresses(schema, { home: { text: 'Rīga' }, work: { seat: { text: 'Elizabetes iela 21', code: '105124308' } } }),
    ).to.deep.equal([['home']]);
    expect(unchosenAddresses(schema, {})).to.deep.equal([]);
  });
});
