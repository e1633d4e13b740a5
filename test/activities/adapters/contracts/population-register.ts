// The population-register contract, run against every registered backend (see ../contract.test.ts).
import { expect } from 'chai';
import { SystemRejectedError } from '../../../../activities/adapters/contracts/common';
import type { PopulationRegister } from '../../../../activities/adapters/contracts/population-register';
import { makePersonalCode } from '../../../../db/domain/person-id';
import { ANNA_CODE, EIDAS_LINKS, JANIS_CODE, persons } from '../../../../simulators/population-register/data';
import { ANNA_ADDRESS_CODE } from '../../../../simulators/address-register/data';
import { ctx, faultBehaviour, type ContractTarget } from './support';

const UNKNOWN_CODE = makePersonalCode(29, 2, 1904, 900);

export function populationRegisterContract(target: ContractTarget<PopulationRegister>): void {
  describe(`population register contract: ${target.backend}`, () => {
    it('returns Anna with her declared address in Riga', async () => {
      const anna = await target.make().getPerson(ANNA_CODE, ctx());
      expect(anna).to.deep.include({ personalCode: ANNA_CODE, givenName: 'Anna', familyName: 'Bērziņa', birthDate: '1985-03-15' });
      expect(anna?.declaredAddress).to.deep.include({ addressCode: ANNA_ADDRESS_CODE, municipalityCode: '0001000' });
      expect(anna?.declaredAddress?.fullAddress).to.match(/Rīga/);
      expect(anna?.declaredAddress?.declaredSince).to.match(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('returns the declared address of Jānis in Jelgava on its own', async () => {
      const address = await target.make().getDeclaredAddress(JANIS_CODE, ctx());
      expect(address?.municipalityCode).to.equal('0054000');
      expect(address?.fullAddress).to.match(/Jelgava/);
    });

    it('accepts a personal code written with a hyphen', async () => {
      const anna = await target.make().getPerson(`${ANNA_CODE.slice(0, 6)}-${ANNA_CODE.slice(6)}`, ctx());
      expect(anna?.personalCode).to.equal(ANNA_CODE);
    });

    it('answers null for a person the register does not know', async () => {
      const register = target.make();
      expect(persons.some((p) => p.person_code === UNKNOWN_CODE)).to.equal(false);
      expect(await register.getPerson(UNKNOWN_CODE, ctx())).to.equal(null);
      expect(await register.getDeclaredAddress(UNKNOWN_CODE, ctx())).to.equal(null);
    });

    it('answers a person without a declared address with null for the address', async () => {
      const homeless = persons.find((p) => p.residence === null);
      if (!homeless) throw new Error('seed data has no person without a declared address');
      const register = target.make();
      const person = await register.getPerson(homeless.person_code, ctx());
      expect(person?.declaredAddress).to.equal(null);
      expect(await register.getDeclaredAddress(homeless.person_code, ctx())).to.equal(null);
    });

    it('links an EU citizen who lives in Latvia to a personal code; null for one it does not know', async () => {
      const register = target.make();
      const markus = EIDAS_LINKS[0];
      expect(await register.linkedPersonalCode(markus.eidas_identifier, ctx())).to.equal(markus.person_code);
      expect(await register.linkedPersonalCode('EE/LV/48802110231', ctx())).to.equal(null);
    });

    it('returns a person with a post-2017 code and no birth date', async () => {
      const person = await target.make().getPerson('32817604150', ctx());
      expect(person?.birthDate).to.equal(null);
    });

    it('rejects a malformed personal code as non-retryable', async () => {
      const err = await target
        .make()
        .getPerson('12345', ctx())
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(SystemRejectedError);
      expect((err as SystemRejectedError).retryable).to.equal(false);
      expect((err as SystemRejectedError).status).to.equal(400);
    });

    faultBehaviour(target, {
      getPerson: (register) => register.getPerson(ANNA_CODE, ctx()),
      getDeclaredAddress: (register) => register.getDeclaredAddress(ANNA_CODE, ctx()),
    });
  });
}
