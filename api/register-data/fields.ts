// The labels of each register's fields and the words for its codes, in Latvian and English: the API sends them with
// the data, so the page, the export and a discrepancy's case speak of a field by the same name.
import type { Localized, RegisterDataField } from '../../forms/types/api';

const text = (lv: string, en: string): Localized => ({ lv, en });

export const FIELD_LABELS: Record<string, Localized> = {
  givenName: text('Vārds', 'Given name'),
  familyName: text('Uzvārds', 'Family name'),
  birthDate: text('Dzimšanas datums', 'Date of birth'),
  declaredAddress: text('Deklarētā dzīvesvieta', 'Declared address'),
  declaredSince: text('Deklarēta kopš', 'Declared since'),
  fullAddress: text('Adrese', 'Address'),
  addressCode: text('Adreses kods', 'Address code'),
  postalCode: text('Pasta indekss', 'Postal code'),
  municipalityCode: text('Pašvaldības ATVK kods', 'Municipality (ATVK code)'),
  residential: text('Var deklarēt dzīvesvietu', 'Residence may be declared'),
  registrationNumber: text('Reģistrācijas numurs', 'Registration number'),
  relation: text('Jūsu saistība', 'Your relation'),
  make: text('Marka', 'Make'),
  model: text('Modelis', 'Model'),
  vin: text('VIN', 'VIN'),
  firstRegistration: text('Pirmā reģistrācija', 'First registration'),
  inspectionValidUntil: text('Tehniskā apskate derīga līdz', 'Technical inspection valid until'),
  cadastralNumber: text('Kadastra numurs', 'Cadastral number'),
  kind: text('Objekta veids', 'Kind of property'),
  address: text('Adrese', 'Address'),
  share: text('Jūsu domājamā daļa', 'Your share of ownership'),
  area: text('Platība', 'Area'),
  landBookFolio: text('Zemesgrāmatas nodalījums', 'Land-book folio'),
  name: text('Nosaukums', 'Name'),
  legalForm: text('Uzņēmējdarbības forma', 'Legal form'),
  status: text('Statuss', 'Status'),
  role: text('Jūsu amats', 'Your position'),
  since: text('Kopš', 'Since'),
  legalAddress: text('Juridiskā adrese', 'Legal address'),
  capitalShare: text('Jūsu daļa pamatkapitālā', 'Your share of the capital'),
};

export const WORDS = {
  yes: text('jā', 'yes'),
  no: text('nē', 'no'),
  owner: text('īpašnieks', 'owner'),
  holder: text('turētājs', 'holder'),
  land: text('zeme', 'land'),
  building: text('būve', 'building'),
  apartment: text('dzīvoklis (telpu grupa)', 'apartment (premises)'),
  active: text('reģistrēts', 'registered'),
  liquidation: text('likvidācijā', 'in liquidation'),
  excluded: text('izslēgts', 'struck off'),
  chair: text('valdes priekšsēdētājs', 'chair of the board'),
  member: text('valdes loceklis', 'board member'),
  shareholder: text('dalībnieks', 'member (shareholder)'),
} satisfies Record<string, Localized>;

export type Word = keyof typeof WORDS;

/** A text field; `display` words a code (owner, land, active, …). */
export function field(key: string, value: string | null, display?: Word): RegisterDataField {
  return { key, label: FIELD_LABELS[key] ?? text(key, key), value, type: 'text', ...(display ? { display: WORDS[display] } : {}) };
}

/** A date field (YYYY-MM-DD), written in the page's language by the UI. */
export function dateField(key: string, value: string | null): RegisterDataField {
  return { key, label: FIELD_LABELS[key] ?? text(key, key), value, type: 'date' };
}

export function isWord(value: string): value is Word {
  return Object.hasOwn(WORDS, value);
}
