// Finding the RF creditor reference a payer typed into the free-text remittance (camt Ustrd), against ISO 11649's own
// example RF18 5390 0754 7034 and the billing fixture's RF19 1000 0042 (both confirmed by the independent check).
import { expect } from 'chai';
import { findRfReference } from '../../../../api/billing/statements/camt-entry';
import { hasValidIso7064CheckDigits } from '../../../helpers/iso7064';

describe('api/billing/statements/camt-entry: findRfReference', () => {
  it('the references used here are valid by the independent check', () => {
    for (const rf of ['RF18539007547034', 'RF1910000042', 'RF712348231']) expect(hasValidIso7064CheckDigits(rf), rf).to.equal(true);
  });

  it('finds a reference however the payer typed it: grouped, lower case, with hyphens or dots, RF apart from its digits', () => {
    const cases: Array<[string, string]> = [
      ['RF18539007547034', 'RF18539007547034'],
      ['Maksājums par rēķinu RF18 5390 0754 7034, paldies', 'RF18539007547034'],
      ['rf18 5390 0754 7034', 'RF18539007547034'],
      ['RF18-5390-0754-7034', 'RF18539007547034'],
      ['ref.: RF18.5390.0754.7034.', 'RF18539007547034'],
      ['RF 18 5390 0754 7034', 'RF18539007547034'],
      ['Rēķins PMLP-2026-10000042 RF19 1000 0042', 'RF1910000042'],
      ['RF712348231/2026', 'RF712348231'],
    ];
    for (const [text, expected] of cases) expect(findRfReference(text), text).to.equal(expected);
  });

  it('takes the first valid reference when there are two', () => {
    expect(findRfReference('RF19 1000 0042 un RF18 5390 0754 7034')).to.equal('RF1910000042');
  });

  it('finds nothing where there is no valid reference', () => {
    for (const text of [
      '',
      'Maksājums',
      'RF17 5390 0754 7034',
      'RF18 5390 0754 7043',
      '539007547034',
      'SURF18539007547034',
      'LV80BANK0000435195001',
      'RF',
      'RF 1',
      'RF18',
    ])
      expect(findRfReference(text), JSON.stringify(text)).to.equal(null);
  });
});
