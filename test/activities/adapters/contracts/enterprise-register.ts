// The enterprise-register contract, run against every registered backend (see ../contract.test.ts).
import { expect } from 'chai';
import type { EnterpriseRegister } from '../../../../activities/adapters/contracts/enterprise-register';
import { ANNA_CODE, JANIS_CODE } from '../../../../simulators/population-register/data';
import { ANNA_COMPANY_REGCODE, JOINT_RIGHTS_REGCODE, SOLE_RIGHTS_REGCODE } from '../../../../simulators/enterprise-register/data';
import { makePersonalCode } from '../../../../db/domain/person-id';
import { ctx, faultBehaviour, type ContractTarget } from './support';

export function enterpriseRegisterContract(target: ContractTarget<EnterpriseRegister>): void {
  describe(`enterprise register contract: ${target.backend}`, () => {
    it('returns a company with its board', async () => {
      const company = await target.make().getCompany(ANNA_COMPANY_REGCODE, ctx());
      expect(company).to.deep.include({ registrationNumber: ANNA_COMPANY_REGCODE, legalForm: 'SIA', status: 'active' });
      expect(company?.registeredOn).to.match(/^\d{4}-\d{2}-\d{2}$/);
      expect(company?.legalAddress).to.match(/Rīga/);
      expect(company?.boardMembers).to.deep.include({
        personalCode: ANNA_CODE,
        name: 'Anna Bērziņa',
        role: 'chair',
        since: '2017-05-03',
        representationRights: 'sole',
      });
      expect(company?.boardMembers.find((m) => m.personalCode !== ANNA_CODE)?.representationRights).to.equal('none');
    });

    it('answers null for an unknown registration number', async () => {
      expect(await target.make().getCompany('40000000000', ctx())).to.equal(null);
    });

    it('maps statuses and board members without a Latvian personal code', async () => {
      const register = target.make();
      expect((await register.getCompany('40003278561', ctx()))?.status).to.equal('liquidation');
      expect((await register.getCompany('40102736458', ctx()))?.status).to.equal('excluded');
      const withForeigner = await register.getCompany('40003512934', ctx());
      expect(withForeigner?.legalForm).to.equal('AS');
      expect(withForeigner?.boardMembers.find((m) => m.personalCode === null)).to.deep.include({ name: 'Erik Lindqvist', role: 'member' });
    });

    it('says who represents a company alone and who only jointly', async () => {
      const register = target.make();
      const sole = await register.getCompany(SOLE_RIGHTS_REGCODE, ctx());
      expect(sole?.boardMembers.map((m) => m.representationRights)).to.deep.equal(['sole']);
      const joint = await register.getCompany(JOINT_RIGHTS_REGCODE, ctx());
      expect(joint?.boardMembers.map((m) => m.representationRights)).to.deep.equal(['joint', 'joint']);
      expect(joint?.boardMembers.find((m) => m.personalCode === JANIS_CODE)?.representationRights).to.equal('joint');
    });

    it('lists the companies of a board member', async () => {
      const register = target.make();
      const annas = await register.companiesOfBoardMember(ANNA_CODE, ctx());
      expect(annas.map((c) => c.registrationNumber)).to.deep.equal([ANNA_COMPANY_REGCODE]);
      const janis = await register.companiesOfBoardMember(JANIS_CODE, ctx());
      expect(janis).to.have.length(1);
      expect(janis[0].boardMembers.find((m) => m.personalCode === JANIS_CODE)?.role).to.equal('member');
      expect(await register.companiesOfBoardMember(makePersonalCode(29, 2, 1904, 900), ctx())).to.deep.equal([]);
    });

    it('lists the companies a person holds a share of, with the share, whether or not they sit on the board', async () => {
      const register = target.make();
      const annas = await register.shareholdingsOf(ANNA_CODE, ctx());
      expect(annas.map((s) => [s.company.registrationNumber, s.sharePercent, s.since])).to.deep.equal([
        [ANNA_COMPANY_REGCODE, 60, '2017-05-03'],
        [SOLE_RIGHTS_REGCODE, 25, '2021-06-14'],
      ]);
      expect(annas[1].company.boardMembers.some((m) => m.personalCode === ANNA_CODE)).to.equal(false);
      expect((await register.shareholdingsOf(JANIS_CODE, ctx())).map((s) => s.sharePercent)).to.deep.equal([50]);
      expect(await register.shareholdingsOf(makePersonalCode(29, 2, 1904, 900), ctx())).to.deep.equal([]);
    });

    faultBehaviour(target, {
      getCompany: (register) => register.getCompany(ANNA_COMPANY_REGCODE, ctx()),
      companiesOfBoardMember: (register) => register.companiesOfBoardMember(ANNA_CODE, ctx()),
      shareholdingsOf: (register) => register.shareholdingsOf(ANNA_CODE, ctx()),
    });
  });
}
