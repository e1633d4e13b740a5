// The address-register contract, run against every registered backend (see ../contract.test.ts).
import { expect } from 'chai';
import type { AddressRegister } from '../../../../activities/adapters/contracts/address-register';
import { ANNA_ADDRESS_CODE, addresses } from '../../../../simulators/address-register/data';
import { ctx, faultBehaviour, type ContractTarget } from './support';

const garage = addresses.find((a) => a.purpose === 'garage');

export function addressRegisterContract(target: ContractTarget<AddressRegister>): void {
  describe(`address register contract: ${target.backend}`, () => {
    it('searches without regard to case and diacritics', async () => {
      const register = target.make();
      const plain = await register.search('brivibas', 20, ctx());
      expect(plain).to.not.be.empty;
      for (const hit of plain) expect(hit.fullAddress).to.include('Brīvības iela');
      expect(await register.search('BRĪVĪBAS', 20, ctx())).to.deep.equal(plain);
    });

    it('finds an address by street, number and town typed loosely', async () => {
      const hits = await target.make().search('liela iela 5-3 jelgava', 5, ctx());
      expect(hits.map((h) => h.fullAddress)).to.deep.equal(['Lielā iela 5 - 3, Jelgava, LV-3001']);
      expect(hits[0]).to.deep.include({ municipalityCode: '0054000', postalCode: 'LV-3001', residential: true });
      expect(hits[0].code).to.match(/^[0-9]{8,9}$/);
    });

    it('returns at most `limit` hits, and none for text that matches nothing', async () => {
      const register = target.make();
      expect(await register.search('riga', 3, ctx())).to.have.length(3);
      expect(await register.search('Nekurienes iela 404', 10, ctx())).to.deep.equal([]);
    });

    it('validates a dwelling by code', async () => {
      const result = await target.make().validate({ code: ANNA_ADDRESS_CODE }, ctx());
      expect(result.valid).to.equal(true);
      expect(result.reason).to.equal(null);
      expect(result.address).to.deep.include({ code: ANNA_ADDRESS_CODE, municipalityCode: '0001000', residential: true });
    });

    it('does not accept a garage as a place of residence', async () => {
      const result = await target.make().validate({ code: garage!.adr_cd }, ctx());
      expect(result).to.deep.include({ valid: false, reason: 'not_residential' });
      expect(result.address?.residential).to.equal(false);
    });

    it('answers not_found for an unknown code and for text that matches nothing', async () => {
      const register = target.make();
      expect(await register.validate({ code: '999999999' }, ctx())).to.deep.equal({ valid: false, address: null, reason: 'not_found' });
      expect(await register.validate({ text: 'Nekurienes iela 404' }, ctx())).to.deep.include({ valid: false, reason: 'not_found' });
    });

    it('validates free text that names one address, and calls vague text ambiguous', async () => {
      const register = target.make();
      const exact = await register.validate({ text: 'brivibas iela 100-12, riga, lv-1011' }, ctx());
      expect(exact).to.deep.include({ valid: true, reason: null });
      expect(exact.address?.code).to.equal(ANNA_ADDRESS_CODE);
      expect(await register.validate({ text: 'Rīgas iela' }, ctx())).to.deep.include({ valid: false, reason: 'ambiguous' });
    });

    faultBehaviour(target, {
      search: (register) => register.search('brivibas', 5, ctx()),
      validateCode: (register) => register.validate({ code: ANNA_ADDRESS_CODE }, ctx()),
      validateText: (register) => register.validate({ text: 'Brīvības iela 100 - 12' }, ctx()),
    });
  });
}
