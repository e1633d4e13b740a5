// What the citizen reads for an audit row: the role of whoever used the data, what was used, and why, in Latvian and
// English. The audit log keeps codes (actor type, resource, purpose); these tables turn them into words. A code not
// in a table is shown as it is, so a new purpose is visible (if not pretty) before it gets its words here.
import type { Text } from '../../forms/eservice-definition/dsl';

const PURPOSES: Record<string, Text> = {
  'case-handling': { lv: 'Lietas izskatīšana', en: 'Handling the case' },
  'case-review': { lv: 'Lietas pārskatīšana', en: 'Reviewing the case' },
  'case-registration': { lv: 'Lietas reģistrēšana', en: 'Registering the case' },
  'case-import': { lv: 'Lietu pārņemšana no iestādes sistēmas', en: "Transfer of cases from the agency's system" },
  prefill: { lv: 'Pieteikuma aizpildīšana ar reģistru datiem', en: 'Filling in the application from the registers' },
  'register-check': { lv: 'Pieteikuma datu pārbaude reģistrā', en: "Checking the application's data in a register" },
  'application-processing': { lv: 'Pieteikuma apstrāde', en: 'Processing the application' },
  'e-service': { lv: 'E-pakalpojuma izpilde', en: 'Running the e-service' },
  'agency-contact-read': { lv: 'Saziņa ar jums', en: 'Contacting you' },
  billing: { lv: 'Rēķina sagatavošana', en: 'Invoicing' },
  'bank-reconciliation': { lv: 'Maksājuma sasaiste ar rēķinu', en: 'Matching a payment to an invoice' },
  'counter-payment': { lv: 'Maksājums klātienē', en: 'Payment at the counter' },
  'consultation-register': { lv: 'Konsultācijas reģistrēšana', en: 'Registering a consultation' },
  'client-history': { lv: 'Klienta vēstures skatīšana', en: "Viewing the client's history" },
  'client-timeline': { lv: 'Klienta vēstures skatīšana', en: "Viewing the client's history" },
  'register-update': { lv: 'Reģistra datu grozīšana pēc lēmuma', en: 'Updating the register after a decision' },
  export: { lv: 'Datu izsniegšana', en: 'Data export' },
  'criminal-investigation': { lv: 'Kriminālprocess', en: 'Criminal investigation' },
  'tax-administration': { lv: 'Nodokļu administrēšana', en: 'Tax administration' },
};

/** Co-browsing purposes carry the mode after a colon (`watch:assist`, `join:view`, `submit-on-behalf:consent`). */
const PURPOSE_PREFIXES: Array<[string, Text]> = [
  ['watch', { lv: 'Palīdzība, kopīgi skatot jūsu ekrānu', en: 'Helping you by viewing your screen with you' }],
  ['join', { lv: 'Pievienošanās kopīgai ekrāna skatīšanai', en: 'Joining a co-browsing session' }],
  ['reveal', { lv: 'Palīdzība, kopīgi skatot jūsu ekrānu', en: 'Helping you by viewing your screen with you' }],
  ['edit', { lv: 'Palīdzība, aizpildot pieteikumu jūsu vietā', en: 'Helping you by filling in the application' }],
  ['submit-on-behalf', { lv: 'Pieteikuma iesniegšana jūsu vārdā', en: 'Submitting the application on your behalf' }],
  ['representative', { lv: 'Pārstāvība (pilnvara)', en: 'Representation (delegation)' }],
  ['act-for', { lv: 'Pārstāvība (pilnvara)', en: 'Representation (delegation)' }],
];

export function purposeText(code: string): Text {
  const known = PURPOSES[code];
  if (known) return known;
  const prefix = PURPOSE_PREFIXES.find(([p]) => code === p || code.startsWith(`${p}:`) || code.startsWith(`${p}-`));
  return prefix ? prefix[1] : { lv: code, en: code };
}

const REGISTERS: Record<string, Text> = {
  'population-register': { lv: 'Iedzīvotāju reģistrs', en: 'Population register' },
  'address-register': { lv: 'Adrešu reģistrs', en: 'Address register' },
  'enterprise-register': { lv: 'Uzņēmumu reģistrs', en: 'Enterprise register' },
  'road-traffic-register': { lv: 'Transportlīdzekļu reģistrs', en: 'Road traffic register' },
  'land-register': { lv: 'Zemesgrāmata', en: 'Land register' },
};

const OPERATIONS: Record<string, Text> = {
  getPerson: { lv: 'personas dati', en: 'personal data' },
  getDeclaredAddress: { lv: 'deklarētā dzīvesvieta', en: 'declared place of residence' },
  search: { lv: 'adreses meklēšana', en: 'address search' },
  validate: { lv: 'adreses pārbaude', en: 'address check' },
  getCompany: { lv: 'uzņēmuma dati', en: 'company data' },
  companiesOfBoardMember: { lv: 'amati uzņēmumos', en: 'positions in companies' },
};

export const registerName = (register: string): Text => REGISTERS[register] ?? { lv: register, en: register };

const RESOURCES: Array<[RegExp, (m: RegExpMatchArray) => Text]> = [
  [/^case:(.+)$/, (m) => ({ lv: `Lieta ${m[1]} un tās statusu vēsture`, en: `Case ${m[1]} and its status history` })],
  [/^task:/, () => ({ lv: 'Pieteikums un tā dati (ierēdņa uzdevums)', en: "The application and its data (an officer's task)" })],
  [/^application:([^/]+)\/draft$/, (m) => ({ lv: `Pieteikuma ${m[1]} melnraksts`, en: `Draft of application ${m[1]}` })],
  [/^application:([^/]+)\/files?/, (m) => ({ lv: `Pieteikuma ${m[1]} pielikumi`, en: `Attachments of application ${m[1]}` })],
  [/^application:([^/]+)/, (m) => ({ lv: `Pieteikums ${m[1]}`, en: `Application ${m[1]}` })],
  [/^portal:/, () => ({ lv: 'Jūsu portāla skats', en: 'Your view of the portal' })],
  [/^invoice/, () => ({ lv: 'Rēķins', en: 'Invoice' })],
  [/^delegation/, () => ({ lv: 'Pilnvara', en: 'Delegation' })],
  [/^mandate/, () => ({ lv: 'Pilnvarojums', en: 'Mandate' })],
  [/^(contact|profile)/, () => ({ lv: 'Kontaktinformācija', en: 'Contact details' })],
  [/^bank-account/, () => ({ lv: 'Bankas konts', en: 'Bank account' })],
  [/^agency\/client-timeline/, () => ({ lv: 'Jūsu saskarsmes ar valsti vēsture', en: 'Your history of dealings with the state' })],
  [/^population-register:.*declared-address$/, () => ({ lv: 'Deklarētā dzīvesvieta', en: 'Declared place of residence' })],
];

/** What was used: a register's data (register and operation), else the resource the audit row names. */
export function resourceText(resource: string | null, register: string | null, operation: string | null): Text {
  if (register) {
    const r = registerName(register);
    const o = operation ? OPERATIONS[operation] : undefined;
    return o ? { lv: `${r.lv}: ${o.lv}`, en: `${r.en}: ${o.en}` } : r;
  }
  if (!resource) return { lv: 'Personas dati', en: 'Personal data' };
  for (const [pattern, text] of RESOURCES) {
    const m = resource.match(pattern);
    if (m) return text(m);
  }
  return { lv: resource, en: resource };
}

/** The e-service's own register calls, made by the platform for the agency. */
const AUTOMATIC = new Set(['prefill', 'register-check', 'application-processing', 'register-update']);

/** The role of whoever used the data, from the audit actor: never their name or id. */
export function roleText(actorType: string | null, office: string | null, onBehalfOf: string | null, purpose: string): Text {
  if (actorType === 'system' && AUTOMATIC.has(purpose)) return { lv: 'E-pakalpojums (automātiski)', en: 'E-service (automatic)' };
  if (actorType === 'system') return { lv: 'Iestādes informācijas sistēma', en: "The agency's information system" };
  if (actorType === 'citizen' && onBehalfOf) return { lv: 'Jūsu pārstāvis', en: 'Your representative' };
  if (office?.startsWith('vpvkac')) return { lv: 'Klientu apkalpošanas centra darbinieks', en: 'Customer centre staff' };
  return { lv: 'Iestādes darbinieks', en: 'Agency officer' };
}

const LISTS: Record<string, Text> = {
  tasks: { lv: 'Jūsu vārds iestādes darba uzdevumu sarakstā', en: "Your name in the agency's list of tasks" },
  cases: { lv: 'Jūsu vārds iestādes lietu sarakstā', en: "Your name in the agency's list of cases" },
};

/** A list that showed the person among others (an officer's inbox): less than the item itself. */
export function listedText(list: string): Text {
  return LISTS[list] ?? { lv: 'Jūsu vārds iestādes sarakstā', en: "Your name in an agency's list" };
}
