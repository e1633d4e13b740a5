// The EU citizens the eIDAS node simulator can assert, per country, with the eIDAS natural-person attributes.
// Those in the population register's EIDAS_LINKS live in Latvia and have a Latvian personal code there.
import { EIDAS_LINKS } from '../population-register/data';

export interface EuCitizen {
  /** eIDAS PersonIdentifier: "<citizen's country>/LV/<identifier in that country>". */
  personIdentifier: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
}

export const countries: Array<{ code: string; nameLv: string; nameEn: string }> = [
  { code: 'DE', nameLv: 'Vācija', nameEn: 'Germany' },
  { code: 'EE', nameLv: 'Igaunija', nameEn: 'Estonia' },
  { code: 'LT', nameLv: 'Lietuva', nameEn: 'Lithuania' },
  { code: 'FR', nameLv: 'Francija', nameEn: 'France' },
];

const linked: EuCitizen[] = EIDAS_LINKS.map((link) => ({
  personIdentifier: link.eidas_identifier,
  givenName: link.given_name,
  familyName: link.surname,
  dateOfBirth: link.birth_date,
}));

export const citizens: EuCitizen[] = [
  ...linked,
  { personIdentifier: 'DE/LV/1b4e28ba2fa111d2883f0016d3cca427', givenName: 'Anna', familyName: 'Schmidt', dateOfBirth: '1975-01-30' },
  { personIdentifier: 'EE/LV/48802110231', givenName: 'Kadri', familyName: 'Tamm', dateOfBirth: '1988-02-11' },
  { personIdentifier: 'EE/LV/36912050274', givenName: 'Mart', familyName: 'Kask', dateOfBirth: '1969-12-05' },
  { personIdentifier: 'LT/LV/37907190456', givenName: 'Jonas', familyName: 'Kazlauskas', dateOfBirth: '1979-07-19' },
  { personIdentifier: 'LT/LV/49303080219', givenName: 'Rūta', familyName: 'Petrauskienė', dateOfBirth: '1993-03-08' },
  { personIdentifier: 'FR/LV/FR20000502MARTINL', givenName: 'Lucas', familyName: 'Martin', dateOfBirth: '2000-05-02' },
];

export const countryOf = (citizen: EuCitizen) => citizen.personIdentifier.slice(0, 2);
export const citizensOf = (country: string) => citizens.filter((citizen) => countryOf(citizen) === country);
export const citizenById = (personIdentifier: string) => citizens.find((citizen) => citizen.personIdentifier === personIdentifier);
