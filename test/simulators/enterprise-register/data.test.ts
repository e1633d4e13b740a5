// The enterprise register's seed data: companies of each legal form, with officers from the population register.
import { expect } from 'chai';
import { companies, ANNA_COMPANY_REGCODE } from '../../../simulators/enterprise-register/data';
import { ANNA_CODE, personByCode } from '../../../simulators/population-register/data';

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
});
