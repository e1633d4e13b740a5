// The profile's pure rules: contacts normalised (e-mail in lower case, phones in E.164), IBANs checked by ibantools
// (check digits, country format, SEPA), the holder's name compared with the person's (case, diacritics and word order
// aside), codes of six digits; and the SMPP fields of a message.
import { expect } from 'chai';
import { normaliseContact } from '../../../db/profile/contacts';
import { checkIban, holderIsPerson, nameKey } from '../../../db/profile/bank-account';
import { hashCode, newCode } from '../../../db/profile/codes';
import { submitFields } from '../../../activities/adapters/smpp-sms/mapping';
import { messageIdFor } from '../../../activities/adapters/smtp-mail/mapping';

describe('db/profile rules', () => {
  it('normalises e-mail addresses and phone numbers, and refuses what is neither', () => {
    expect(normaliseContact('email', ' Anna.Berzina@Example.LV ')).to.equal('anna.berzina@example.lv');
    expect(normaliseContact('email', 'anna@localhost')).to.equal(null);
    expect(normaliseContact('email', 'two@@example.lv')).to.equal(null);
    expect(normaliseContact('phone', '20 000 001')).to.equal('+37120000001');
    expect(normaliseContact('phone', '00371 2000 0001')).to.equal('+37120000001');
    expect(normaliseContact('phone', '+44 (20) 7946 0958')).to.equal('+442079460958');
    expect(normaliseContact('phone', '12-34')).to.equal(null);
    expect(normaliseContact('phone', 'call me')).to.equal(null);
  });

  it('checks IBANs with ibantools: electronic format, check digits, country structure, SEPA', () => {
    expect(checkIban('lv80 bank 0000 4351 9500 1')).to.deep.equal({ ok: true, iban: 'LV80BANK0000435195001', countryCode: 'LV' });
    expect(checkIban('DE89 3704 0044 0532 0130 00')).to.include({ ok: true, countryCode: 'DE' });
    expect(checkIban('LV81BANK0000435195001')).to.deep.equal({ ok: false, problem: 'check_digits' });
    expect(checkIban('LV80BANK000043519500')).to.deep.equal({ ok: false, problem: 'malformed' });
    expect(checkIban('BR1800360305000010009795493C1')).to.deep.equal({ ok: false, problem: 'not_sepa' });
    expect(checkIban('')).to.deep.equal({ ok: false, problem: 'malformed' });
  });

  it('compares the holder with the person: case, diacritics, spacing and word order aside, nothing else', () => {
    const janis = { givenName: 'Jānis', familyName: 'Kalniņš' };
    expect(holderIsPerson('JANIS KALNINS', janis)).to.equal(true);
    expect(holderIsPerson('Kalniņš  Jānis', janis)).to.equal(true);
    expect(holderIsPerson('Jānis Kalniņš-Ozols', janis)).to.equal(false);
    expect(holderIsPerson('Anna Bērziņa', janis)).to.equal(false);
    expect(holderIsPerson('  ', janis)).to.equal(false);
    expect(nameKey('Bērziņa, Anna')).to.equal('anna berzina');
  });

  it('makes codes of six digits and hashes them with a salt', () => {
    for (let i = 0; i < 50; i++) expect(newCode()).to.match(/^[0-9]{6}$/);
    expect(hashCode('a', '123456')).to.not.equal(hashCode('b', '123456'));
    expect(hashCode('a', '123456')).to.have.length(64).and.not.include('123456');
  });

  it('maps a message to SMPP submit_sm fields and a key to one Message-ID', () => {
    expect(submitFields({ to: '+37120000001', text: 'Kods: 123456' }, 'Latvija')).to.deep.include({
      source_addr_ton: 5,
      source_addr: 'Latvija',
      dest_addr_ton: 1,
      destination_addr: '37120000001',
      short_message: 'Kods: 123456',
    });
    const long = submitFields({ to: '+37120000001', text: 'x'.repeat(71) }, '29000000');
    expect(long).to.include({ source_addr_ton: 1, message_payload: 'x'.repeat(71) });
    expect(long).to.not.have.property('short_message');
    expect(messageIdFor('k', 'Latvija.gov.lv <no-reply@latvija.gov.lv>')).to.match(/^<[0-9a-f]{40}@latvija\.gov\.lv>$/);
    expect(messageIdFor('k', 'x@a.lv')).to.equal(messageIdFor('k', 'y@a.lv'));
  });
});
