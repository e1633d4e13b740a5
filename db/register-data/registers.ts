// The registers shown in "My data in the registers" (issue 18 §2): for each, the agency that holds it, the service a
// discrepancy report becomes a case of, the fields a report may name and the form of an item's id. Shared by the API
// (reads, reports) and by the seed (the services).
export const REGISTER_IDS = ['population', 'address', 'vehicle', 'real-estate', 'enterprise'] as const;
export type RegisterId = (typeof REGISTER_IDS)[number];

export interface RegisterInfo {
  /** The holder agency's id (agencies table). */
  holder: string;
  name: { lv: string; en: string };
  /** The service of the holder agency whose case a discrepancy report opens. */
  discrepancyService: { id: string; titleLv: string; titleEn: string };
  fields: readonly string[];
  /** What an item's id looks like: the person's own record, an address code, a plate, a cadastral or registration number. */
  itemId: RegExp;
}

const service = (register: RegisterId, titleLv: string, titleEn: string) => ({ id: `register-discrepancy-${register}`, titleLv, titleEn });

export const REGISTERS: Record<RegisterId, RegisterInfo> = {
  population: {
    holder: 'pmlp',
    name: { lv: 'Iedzīvotāju reģistrs', en: 'Population register' },
    discrepancyService: service('population', 'Neprecizitāte Iedzīvotāju reģistra datos', 'Discrepancy in the population register'),
    fields: ['givenName', 'familyName', 'birthDate', 'declaredAddress', 'declaredSince'],
    itemId: /^person$/,
  },
  address: {
    holder: 'vzd',
    name: { lv: 'Valsts adrešu reģistrs', en: 'State address register' },
    discrepancyService: service('address', 'Neprecizitāte Valsts adrešu reģistra datos', 'Discrepancy in the state address register'),
    fields: ['fullAddress', 'addressCode', 'postalCode', 'municipalityCode', 'residential'],
    itemId: /^[0-9]{9}$/,
  },
  vehicle: {
    holder: 'csdd',
    name: { lv: 'Transportlīdzekļu reģistrs', en: 'Vehicle register' },
    discrepancyService: service('vehicle', 'Neprecizitāte transportlīdzekļu reģistra datos', 'Discrepancy in the vehicle register'),
    fields: ['registrationNumber', 'relation', 'make', 'model', 'vin', 'firstRegistration', 'inspectionValidUntil'],
    itemId: /^[A-Z0-9][A-Z0-9-]{1,9}$/,
  },
  'real-estate': {
    holder: 'vzd',
    name: { lv: 'Kadastrs un zemesgrāmata', en: 'Cadastre and land register' },
    discrepancyService: service(
      'real-estate',
      'Neprecizitāte nekustamā īpašuma datos (kadastrs, zemesgrāmata)',
      'Discrepancy in the real-estate data (cadastre, land register)',
    ),
    fields: ['cadastralNumber', 'kind', 'address', 'share', 'area', 'landBookFolio'],
    itemId: /^[0-9]{11}([0-9]{3})?$/,
  },
  enterprise: {
    holder: 'ur',
    name: { lv: 'Uzņēmumu reģistrs', en: 'Register of Enterprises' },
    discrepancyService: service('enterprise', 'Neprecizitāte Uzņēmumu reģistra datos', 'Discrepancy in the Register of Enterprises'),
    fields: ['name', 'registrationNumber', 'legalForm', 'status', 'role', 'since', 'capitalShare', 'legalAddress'],
    itemId: /^[0-9]{11}$/,
  },
};
