// The vehicle-register contract, run against every registered backend (see ../contract.test.ts).
import { expect } from 'chai';
import type { VehicleRegister } from '../../../../activities/adapters/contracts/vehicle-register';
import { ANNA_CODE, JANIS_CODE, persons } from '../../../../simulators/population-register/data';
import { makePersonalCode } from '../../../../db/domain/person-id';
import { ctx, faultBehaviour, type ContractTarget } from './support';

export function vehicleRegisterContract(target: ContractTarget<VehicleRegister>): void {
  describe(`vehicle register contract: ${target.backend}`, () => {
    it("lists the vehicles a person owns and those they hold, with the inspection's end", async () => {
      const vehicles = await target.make().vehiclesOfPerson(ANNA_CODE, ctx());
      expect(vehicles.map((v) => [v.registrationNumber, v.relation])).to.deep.equal([
        ['KA-1234', 'owner'],
        ['NT-5678', 'holder'],
      ]);
      expect(vehicles[0]).to.deep.equal({
        registrationNumber: 'KA-1234',
        vin: 'JTMW43FV10D123456',
        make: 'Toyota',
        model: 'RAV4',
        firstRegistration: '2019-04-17',
        inspectionValidUntil: '2027-04-30',
        relation: 'owner',
      });
    });

    it('answers null for an inspection that is not valid', async () => {
      const [octavia] = await target.make().vehiclesOfPerson(JANIS_CODE, ctx());
      expect(octavia).to.deep.include({ make: 'Škoda', inspectionValidUntil: null });
    });

    it('answers an empty list for a known person without vehicles and for an unknown person', async () => {
      const register = target.make();
      const withoutVehicles = persons[5].person_code;
      expect(await register.vehiclesOfPerson(withoutVehicles, ctx())).to.deep.equal([]);
      expect(await register.vehiclesOfPerson(makePersonalCode(29, 2, 1904, 900), ctx())).to.deep.equal([]);
    });

    faultBehaviour(target, { vehiclesOfPerson: (register) => register.vehiclesOfPerson(ANNA_CODE, ctx()) });
  });
}
