// Seeded persons of the population register simulator, in the register's wire format (PMLP-like field names).
// The demo personas Anna and Jānis (scripts/seed/personas.ts) come first; the others are generated deterministically
// (same codes on every start) with valid personal codes.
import { makePersonalCode } from '../../db/domain/person-id';
import { ANNA_ADDRESS_CODE, JANIS_ADDRESS_CODE, addresses } from '../address-register/data';

export interface WirePerson {
  person_code: string;
  given_name: string;
  surname: string;
  birth_date: string | null;
  /** Declared place of residence: an address register code and the date of declaration. */
  residence: { aris_code: string; declared_from: string } | null;
}

export const ANNA_CODE = '15038511239';
export const JANIS_CODE = '02117814569';

const femaleGiven = ['Līga', 'Ilze', 'Dace', 'Inese', 'Kristīne', 'Sanita', 'Zane', 'Elīna', 'Marta', 'Agnese'];
const maleGiven = ['Andris', 'Juris', 'Mārtiņš', 'Edgars', 'Roberts', 'Kārlis', 'Artūrs', 'Oskars', 'Raimonds', 'Gatis'];
const femaleFamily = ['Ozoliņa', 'Liepiņa', 'Krūmiņa', 'Jansone', 'Vītola', 'Zariņa', 'Kļaviņa', 'Eglīte', 'Sproģe', 'Ābele'];
const maleFamily = ['Ozols', 'Liepa', 'Bērziņš', 'Jansons', 'Vītols', 'Zariņš', 'Kļaviņš', 'Eglītis', 'Šmits', 'Grāvītis'];

const pad = (n: number) => String(n).padStart(2, '0');

const dwellings = addresses
  .filter((address) => address.purpose === 'dwelling' && address.adr_cd !== ANNA_ADDRESS_CODE && address.adr_cd !== JANIS_ADDRESS_CODE)
  .map((address) => address.adr_cd);

function generatedPerson(i: number): WirePerson {
  const female = i % 2 === 0;
  const k = Math.floor(i / 2);
  const day = 1 + ((i * 7) % 28);
  const month = 1 + ((i * 5) % 12);
  const year = 1948 + ((i * 3) % 57);
  return {
    person_code: makePersonalCode(day, month, year, 100 + i * 37),
    given_name: (female ? femaleGiven : maleGiven)[k % 10],
    surname: (female ? femaleFamily : maleFamily)[(k * 3) % 10],
    birth_date: `${year}-${pad(month)}-${pad(day)}`,
    // Every ninth person has no declared address (e.g. declared abroad), as happens in the real register.
    residence:
      i % 9 === 8
        ? null
        : {
            aris_code: dwellings[i % dwellings.length],
            declared_from: `${2001 + ((i * 5) % 23)}-${pad(1 + ((i * 4) % 12))}-${pad(1 + ((i * 11) % 28))}`,
          },
  };
}

/**
 * EU citizens living in Latvia: the register knows them by a personal code and records the eIDAS identifier their
 * home country's node asserts (as PMLP records a foreigner's identity documents), so a sign-in through the eIDAS node
 * simulator (simulators/eidas-node/citizens.ts) can be linked to the Latvian personal code.
 */
export const EIDAS_LINKS = [
  {
    eidas_identifier: 'DE/LV/7c9e6679742540de944be07fc1f90ae7',
    given_name: 'Markus',
    surname: 'Müller',
    birth_date: '1982-06-14',
    serial: 501,
  },
  { eidas_identifier: 'FR/LV/FR19910923DUBOISC', given_name: 'Camille', surname: 'Dubois', birth_date: '1991-09-23', serial: 502 },
  { eidas_identifier: 'LT/LV/38610270123', given_name: 'Tomas', surname: 'Jankauskas', birth_date: '1986-10-27', serial: 503 },
].map((link, i) => {
  const [year, month, day] = link.birth_date.split('-').map(Number);
  return { ...link, person_code: makePersonalCode(day, month, year, link.serial), dwelling: dwellings[(i * 5 + 3) % dwellings.length] };
});

function eidasLinkedPersons(): WirePerson[] {
  return EIDAS_LINKS.map((link) => ({
    person_code: link.person_code,
    given_name: link.given_name,
    surname: link.surname,
    birth_date: link.birth_date,
    residence: { aris_code: link.dwelling, declared_from: '2019-09-02' },
  }));
}

export const persons: WirePerson[] = [
  {
    person_code: ANNA_CODE,
    given_name: 'Anna',
    surname: 'Bērziņa',
    birth_date: '1985-03-15',
    residence: { aris_code: ANNA_ADDRESS_CODE, declared_from: '2016-08-01' },
  },
  {
    person_code: JANIS_CODE,
    given_name: 'Jānis',
    surname: 'Kalniņš',
    birth_date: '1978-11-02',
    residence: { aris_code: JANIS_ADDRESS_CODE, declared_from: '2009-04-14' },
  },
  ...Array.from({ length: 20 }, (_, i) => generatedPerson(i)),
  // A code issued since 2017 (starts with 32): no birth date in it, and none recorded here either.
  ...eidasLinkedPersons(),
  {
    person_code: '32817604150',
    given_name: 'Olena',
    surname: 'Kovalenko',
    birth_date: null,
    residence: { aris_code: '100015786', declared_from: '2022-06-20' },
  },
];

export function personByCode(code: string): WirePerson | undefined {
  return persons.find((person) => person.person_code === code);
}

/** The person the register links to an eIDAS PersonIdentifier ("DE/LV/…"), if any. */
export function personByEidasIdentifier(identifier: string): WirePerson | undefined {
  const link = EIDAS_LINKS.find((candidate) => candidate.eidas_identifier === identifier);
  return link ? personByCode(link.person_code) : undefined;
}
