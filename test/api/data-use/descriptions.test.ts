// What the citizen reads for an audit row's codes (api/data-use/descriptions.ts): purposes, what was used and the
// role — in Latvian and English, and never who the person was.
import { expect } from 'chai';
import { listedText, purposeText, resourceText, roleText } from '../../../api/data-use/descriptions';

describe('api/data-use/descriptions: audit codes in words', () => {
  it('words a purpose, a co-browsing purpose by its kind, and shows an unknown code as it is', () => {
    expect(purposeText('register-check').en).to.equal("Checking the application's data in a register");
    expect(purposeText('watch:assist').lv).to.equal('Palīdzība, kopīgi skatot jūsu ekrānu');
    expect(purposeText('submit-on-behalf:consent').en).to.equal('Submitting the application on your behalf');
    expect(purposeText('covert-thing')).to.deep.equal({ lv: 'covert-thing', en: 'covert-thing' });
  });

  it('words what was used: a register and its operation, a case, an application, a list', () => {
    expect(resourceText('register:population-register/getDeclaredAddress', 'population-register', 'getDeclaredAddress')).to.deep.equal({
      lv: 'Iedzīvotāju reģistrs: deklarētā dzīvesvieta',
      en: 'Population register: declared place of residence',
    });
    expect(resourceText('case:LV-0001000001-67', null, null).en).to.equal('Case LV-0001000001-67 and its status history');
    expect(resourceText('application:LV-0001000001-67/draft', null, null).en).to.equal('Draft of application LV-0001000001-67');
    expect(listedText('tasks').en).to.equal("Your name in the agency's list of tasks");
  });

  it('gives a role, never a person: officer, customer centre staff, an e-service, a system, a representative', () => {
    expect(roleText('staff', 'pmlp-riga-1', null, 'case-handling').en).to.equal('Agency officer');
    expect(roleText('staff', 'vpvkac-riga', 'natural:15038511239', 'watch:assist').en).to.equal('Customer centre staff');
    expect(roleText('system', null, null, 'prefill').en).to.equal('E-service (automatic)');
    expect(roleText('system', null, null, 'case-handling').en).to.equal("The agency's information system");
    expect(roleText('citizen', null, 'natural:15038511239', 'representative:delegation').en).to.equal('Your representative');
  });
});
