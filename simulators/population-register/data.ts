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
