// Seeded vehicles of the road-traffic register simulator, in the register's wire format (CSDD-like). The demo
// personas (scripts/seed/personas.ts) own or hold vehicles, so "My data in the registers" is rich in the demo.
import { ANNA_CODE, JANIS_CODE } from '../population-register/data';

export interface WireVehicle {
  reg_number: string;
  vin: string;
  make: string;
  model: string;
  first_registered: string;
  inspection_valid_until: string | null;
  relation: 'OWNER' | 'HOLDER';
}

const LIGA_CODE = '01014811002';
const JURIS_CODE = '22045712114';

export const vehiclesByPerson: Record<string, WireVehicle[]> = {
  [ANNA_CODE]: [
    {
      reg_number: 'KA-1234',
      vin: 'JTMW43FV10D123456',
      make: 'Toyota',
      model: 'RAV4',
      first_registered: '2019-04-17',
      inspection_valid_until: '2027-04-30',
      relation: 'OWNER',
    },
    {
      reg_number: 'NT-5678',
      vin: 'WVWZZZAUZLW654321',
      make: 'Volkswagen',
      model: 'Golf',
      first_registered: '2020-09-02',
      inspection_valid_until: '2026-09-15',
      relation: 'HOLDER', // leased: the leasing company owns it
    },
  ],
  [JANIS_CODE]: [
    {
      reg_number: 'JN-4021',
      vin: 'TMBJJ7NE5J0112233',
      make: 'Škoda',
      model: 'Octavia',
      first_registered: '2018-03-21',
      inspection_valid_until: null, // the roadworthiness test has lapsed
      relation: 'OWNER',
    },
  ],
  [LIGA_CODE]: [
    {
      reg_number: 'GC-1001',
      vin: 'WF0XXXTTGXKA44556',
      make: 'Ford',
      model: 'Transit',
      first_registered: '2021-06-10',
      inspection_valid_until: '2027-06-30',
      relation: 'HOLDER',
    },
  ],
  [JURIS_CODE]: [],
};

export function vehiclesOf(personCode: string): WireVehicle[] | undefined {
  return Object.hasOwn(vehiclesByPerson, personCode) ? vehiclesByPerson[personCode] : undefined;
}
