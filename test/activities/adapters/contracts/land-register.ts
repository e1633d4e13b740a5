// The land-register (real estate) contract, run against every registered backend (see ../contract.test.ts).
import { expect } from 'chai';
import type { LandRegister } from '../../../../activities/adapters/contracts/land-register';
import { ANNA_CODE, JANIS_CODE } from '../../../../simulators/population-register/data';
import { makePersonalCode } from '../../../../db/domain/person-id';
import { ctx, faultBehaviour, type ContractTarget } from './support';

export function landRegisterContract(target: ContractTarget<LandRegister>): void {
  describe(`land register contract: ${target.backend}`, () => {
    it('lists the properties of an owner with the share, area and land-book folio', async () => {
      const properties = await target.make().propertiesOfOwner(ANNA_CODE, ctx());
      expect(properties).to.have.length(2);
      expect(properties[0]).to.deep.equal({
        cadastralNumber: '01000320145001',
        kind: 'apartment',
        address: 'Brīvības iela 100 - 12, Rīga, LV-1011',
        share: { numerator: 1, denominator: 2 },
        areaM2: 62.4,
        landBookFolio: '100000512345',
      });
      expect(properties[1]).to.deep.include({ kind: 'land', share: { numerator: 1, denominator: 1 }, areaM2: 1450 });
    });

    it('maps land and buildings of one folio', async () => {
      const kinds = (await target.make().propertiesOfOwner(JANIS_CODE, ctx())).map((p) => [p.kind, p.landBookFolio]);
      expect(kinds).to.deep.equal([
        ['land', '100000433221'],
        ['building', '100000433221'],
      ]);
    });

    it('answers an empty list for a person who owns nothing', async () => {
      expect(await target.make().propertiesOfOwner(makePersonalCode(29, 2, 1904, 900), ctx())).to.deep.equal([]);
    });

    faultBehaviour(target, { propertiesOfOwner: (register) => register.propertiesOfOwner(ANNA_CODE, ctx()) });
  });
}
