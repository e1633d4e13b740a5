// Seeded real estate of the land-register simulator (the State Unified Computerised Land Register with the VZD
// cadastre), in its wire format. The demo personas (scripts/seed/personas.ts) own shares of properties.
import { ANNA_CODE, JANIS_CODE } from '../population-register/data';

export interface WireProperty {
  cadastre_no: string;
  object_type: 'LAND' | 'BUILDING' | 'PREMISES';
  address: string;
  share: string;
  area_m2: number;
  folio: string;
}

const LIGA_CODE = '01014811002';

export const propertiesByOwner: Record<string, WireProperty[]> = {
  [ANNA_CODE]: [
    {
      cadastre_no: '01000320145001',
      object_type: 'PREMISES',
      address: 'Brīvības iela 100 - 12, Rīga, LV-1011',
      share: '1/2',
      area_m2: 62.4,
      folio: '100000512345',
    },
    {
      cadastre_no: '80960040211',
      object_type: 'LAND',
      address: '"Priedes", Carnikavas pagasts, Ādažu novads, LV-2163',
      share: '1/1',
      area_m2: 1450,
      folio: '100000598765',
    },
  ],
  [JANIS_CODE]: [
    {
      cadastre_no: '09000110333',
      object_type: 'LAND',
      address: 'Lielā iela 5, Jelgava, LV-3001',
      share: '1/1',
      area_m2: 820,
      folio: '100000433221',
    },
    {
      cadastre_no: '09000110333001',
      object_type: 'BUILDING',
      address: 'Lielā iela 5, Jelgava, LV-3001',
      share: '1/1',
      area_m2: 146.3,
      folio: '100000433221',
    },
  ],
  [LIGA_CODE]: [
    {
      cadastre_no: '96010050077',
      object_type: 'LAND',
      address: 'Gaujas iela 3, Valmiera, LV-4201',
      share: '1/3',
      area_m2: 2300,
      folio: '100000377110',
    },
  ],
};

export function propertiesOf(personCode: string): WireProperty[] {
  return Object.hasOwn(propertiesByOwner, personCode) ? propertiesByOwner[personCode] : [];
}
