// The enterprise register's seed data: companies of each legal form, with officers from the population register.
import { expect } from 'chai';
import { companies, ANNA_COMPANY_REGCODE, JOINT_RIGHTS_REGCODE, SOLE_RIGHTS_REGCODE } from '../../../simulators/enterprise-register/data';
import { findPersona } from '../../../scripts/seed/personas';
import { ANNA_CODE, JANIS_CODE, personByCode } from '../../../simulators/population-register/data';

describe('simulators/enterprise-register/data', () => {
  it('has about eight companies with unique 11-digit numbers and SIA, AS and IK forms', () => {
    expect(companies.length).to.be.at.least(8);
    expect(new Set(companies.map((c) => c.regcode)).size).to.equal(companies.length);
    for (const c of companies) expect(c.regcode).to.match(/^[0-9]{11}$/);
    expect(new Set(companies.map((c) => c.type))).to.deep.equal(new Set(['SIA', 'AS', 'IK']));
  });

  it('names officers as the population register does, with Anna chairing one company', () => {
    for (const officer of companies.flatMap((c) => c.officers).filter((o) => o.person_code)) {
      const person = personByCode(officer.person_code!);
      expect(officer.name).to.equal(`${person!.given_name} ${person!.surname}`);
    }
    const anna = companies.find((c) => c.regcode === ANNA_COMPANY_REGCODE)!;
    expect(anna.officers.find((o) => o.person_code === ANNA_CODE)?.position).to.equal('CHAIR_OF_BOARD');
  });

  it('gives the company demo persona sole rights of one company, and Jānis joint rights with one other member', () => {
    const liga = findPersona('citizen-liga')?.person?.id;
    const sole = companies.find((c) => c.regcode === SOLE_RIGHTS_REGCODE)!;
    expect(sole.officers.map((o) => [o.person_code, o.rights_of_representation])).to.deep.equal([[liga, 'INDIVIDUALLY']]);
    const joint = companies.find((c) => c.regcode === JOINT_RIGHTS_REGCODE)!;
    expect(joint.officers.map((o) => o.rights_of_representation)).to.deep.equal(['JOINTLY', 'JOINTLY']);
    expect(joint.officers.map((o) => o.person_code)).to.include(JANIS_CODE);
    for (const c of companies)
      expect(
        c.officers.some((o) => o.rights_of_representation),
        c.regcode,
      ).to.equal(true);
  });
});
