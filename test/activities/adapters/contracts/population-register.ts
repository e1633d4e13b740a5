// The population-register contract, run against every registered backend (see ../contract.test.ts).
import { expect } from 'chai';
import { SystemRejectedError } from '../../../../activities/adapters/contracts/common';
import type { PopulationRegister, ResidenceDeclaration } from '../../../../activities/adapters/contracts/population-register';
import { makePersonalCode } from '../../../../db/domain/person-id';
import { ANNA_CODE, EIDAS_LINKS, JANIS_CODE, persons } from '../../../../simulators/population-register/data';
import { ANNA_ADDRESS_CODE, addresses } from '../../../../simulators/address-register/data';
import { clearFaults, ctx, expectUnavailable, faultBehaviour, setFaults, type ContractTarget } from './support';

const UNKNOWN_CODE = makePersonalCode(29, 2, 1904, 900);
/** Declarations change the simulator's answers: they are made for generated persons no other test reads. */
const mover = (i: number) => persons.filter((p) => p.residence !== null && p.given_name !== 'Anna' && p.given_name !== 'Jānis')[i];
const dwelling = (i: number) => addresses.filter((a) => a.purpose === 'dwelling')[i];
const declaration = (addressCode: string, more: Partial<ResidenceDeclaration> = {}): ResidenceDeclaration => ({
  addressCode,
  declaredFrom: '2026-11-30',
  basis: 'tenant',
  document: { kind: 'lease-agreement', number: 'ĪL-2026/118', issuedOn: '2026-11-20' },
  caseId: 'LV-0001000001-67',
  ...more,
});

async function declarationsAt(simulatorUrl: string, personalCode: string): Promise<Array<Record<string, unknown>>> {
  const res = await fetch(`${simulatorUrl}/persons/${personalCode}/residence-declarations`);
  expect(res.status).to.equal(200);
  return ((await res.json()) as { items: Array<Record<string, unknown>> }).items;
}

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

    it('records a new declared address: the register answers it from then on', async () => {
      const register = target.make();
      const person = mover(0);
      const to = dwelling(5);
      expect(person.residence?.aris_code).to.not.equal(to.adr_cd);
      const recorded = await register.declareResidence(person.person_code, declaration(to.adr_cd), ctx('declare-residence'));
      expect(recorded.duplicate).to.equal(false);
      expect(recorded.declaredAddress).to.deep.equal({
        addressCode: to.adr_cd,
        fullAddress: to.std,
        municipalityCode: to.atvk,
        declaredSince: '2026-11-30',
      });
      expect((await register.getPerson(person.person_code, ctx()))?.declaredAddress).to.deep.equal(recorded.declaredAddress);
      expect(await register.getDeclaredAddress(person.person_code, ctx())).to.deep.equal(recorded.declaredAddress);
      const [stored] = (await declarationsAt(target.simulatorUrl(), person.person_code)).slice(-1);
      expect(stored).to.deep.include({
        basis: 'tenant',
        document: { kind: 'lease-agreement', number: 'ĪL-2026/118', issued_on: '2026-11-20' },
        case_id: 'LV-0001000001-67',
      });
    });

    it('records once per idempotency key: a repeated call answers the first declaration as a duplicate', async () => {
      const register = target.make();
      const person = mover(1);
      const call = ctx('declare-residence');
      const before = (await declarationsAt(target.simulatorUrl(), person.person_code)).length;
      const first = await register.declareResidence(person.person_code, declaration(dwelling(6).adr_cd), call);
      const again = await register.declareResidence(person.person_code, declaration(dwelling(6).adr_cd), call);
      expect(again).to.deep.equal({ ...first, duplicate: true });
      expect(await declarationsAt(target.simulatorUrl(), person.person_code)).to.have.length(before + 1);
    });

    it('records once when a declaration during an outage is retried afterwards with the same key', async () => {
      const register = target.make();
      const person = mover(2);
      const call = ctx('declare-residence-retry');
      const before = (await declarationsAt(target.simulatorUrl(), person.person_code)).length;
      await setFaults(target.simulatorUrl(), { outage: true });
      await expectUnavailable(register.declareResidence(person.person_code, declaration(dwelling(7).adr_cd), call));
      await clearFaults(target.simulatorUrl());
      expect((await register.declareResidence(person.person_code, declaration(dwelling(7).adr_cd), call)).duplicate).to.equal(false);
      expect((await register.declareResidence(person.person_code, declaration(dwelling(7).adr_cd), call)).duplicate).to.equal(true);
      expect(await declarationsAt(target.simulatorUrl(), person.person_code)).to.have.length(before + 1);
    });

    it('an owner needs no document; a tenant without one, an office and an unknown person are refused as non-retryable', async () => {
      const register = target.make();
      const person = mover(3);
      const owner = await register.declareResidence(
        person.person_code,
        declaration(dwelling(8).adr_cd, { basis: 'owner', document: null }),
        ctx(),
      );
      expect(owner.declaredAddress.addressCode).to.equal(dwelling(8).adr_cd);
      const office = addresses.find((a) => a.purpose === 'office')!;
      const refusals = await Promise.all([
        register.declareResidence(person.person_code, declaration(dwelling(9).adr_cd, { document: null }), ctx()).catch((e: unknown) => e),
        register.declareResidence(person.person_code, declaration(office.adr_cd), ctx()).catch((e: unknown) => e),
        register.declareResidence(UNKNOWN_CODE, declaration(dwelling(9).adr_cd), ctx()).catch((e: unknown) => e),
      ]);
      expect(refusals.map((e) => (e as SystemRejectedError).status)).to.deep.equal([400, 422, 404]);
      for (const e of refusals) expect(e).to.be.instanceOf(SystemRejectedError);
      expect((await register.getDeclaredAddress(person.person_code, ctx()))?.addressCode, 'nothing refused was recorded').to.equal(
        dwelling(8).adr_cd,
      );
    });

    faultBehaviour(target, {
      getPerson: (register) => register.getPerson(ANNA_CODE, ctx()),
      getDeclaredAddress: (register) => register.getDeclaredAddress(ANNA_CODE, ctx()),
      declareResidence: (register) => register.declareResidence(mover(4).person_code, declaration(dwelling(10).adr_cd), ctx()),
    });
  });
}
