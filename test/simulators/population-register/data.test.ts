// The population register's seed data is consistent: valid unique codes, the demo personas, real addresses.
import { expect } from 'chai';
import { normalisePersonalCode } from '../../../db/domain/person-id';
import { personas } from '../../../scripts/seed/personas';
import { persons, ANNA_CODE, JANIS_CODE } from '../../../simulators/population-register/data';
import { addressByCode } from '../../../simulators/address-register/data';

describe('simulators/population-register/data', () => {
  it('has the natural-person demo personas and about twenty more persons', () => {
    const codes = persons.map((p) => p.person_code);
    for (const persona of personas.filter((p) => p.person?.type === 'natural')) expect(codes).to.include(persona.person!.id);
    expect(codes).to.include.members([ANNA_CODE, JANIS_CODE]);
    expect(persons.length).to.be.at.least(22);
  });

  it('uses valid, unique personal codes whose birth date matches', () => {
    const codes = persons.map((p) => p.person_code);
    expect(new Set(codes).size).to.equal(codes.length);
    for (const p of persons) {
      expect(normalisePersonalCode(p.person_code), p.person_code).to.equal(p.person_code);
      if (p.birth_date) {
        const [y, m, d] = p.birth_date.split('-');
        expect(p.person_code.slice(0, 6), p.person_code).to.equal(d + m + y.slice(2));
      }
    }
  });

  it('declares residence only at dwellings of the address register', () => {
    for (const p of persons.filter((x) => x.residence)) {
      expect(addressByCode(p.residence!.aris_code)?.purpose, p.person_code).to.equal('dwelling');
    }
    expect(addressByCode(persons.find((p) => p.person_code === ANNA_CODE)!.residence!.aris_code)?.atvk).to.equal('0001000');
    expect(addressByCode(persons.find((p) => p.person_code === JANIS_CODE)!.residence!.aris_code)?.atvk).to.equal('0054000');
  });
});
