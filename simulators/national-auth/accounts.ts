// The persons who can sign in: everyone in the population register simulator's data.
// `sub` is an opaque identifier derived from the personal code, so it is the same person's on every start (a relying
// party may keep it) and reveals nothing by itself; the personal code travels in its own claim, `personal_code`.
import crypto from 'node:crypto';
import { personalCodeParam } from '../app';
import { persons, type WirePerson } from '../population-register/data';

export function subjectOf(personalCode: string): string {
  return crypto.createHash('sha256').update(`lv-national-auth:${personalCode}`).digest('base64url').slice(0, 32);
}

const bySubject = new Map(persons.map((person) => [subjectOf(person.person_code), person]));

export function personBySubject(sub: string): WirePerson | undefined {
  return bySubject.get(sub);
}

/** The person a `login_hint` names (a personal code, with or without the hyphen). */
export function personByHint(hint: unknown): WirePerson | undefined {
  const code = typeof hint === 'string' ? personalCodeParam(hint.trim()) : null;
  return code ? persons.find((person) => person.person_code === code) : undefined;
}

/** The person's claims; the provider releases those of the granted scopes (openid: sub, personal_code; profile: names, birthdate). */
export function claimsOf(person: WirePerson): Record<string, string> & { sub: string } {
  return {
    sub: subjectOf(person.person_code),
    personal_code: person.person_code,
    given_name: person.given_name,
    family_name: person.surname,
    ...(person.birth_date ? { birthdate: person.birth_date } : {}),
  };
}

/** "Anna Bērziņa (150385-11239)" */
export const personLabel = (person: WirePerson) =>
  `${person.given_name} ${person.surname} (${person.person_code.slice(0, 6)}-${person.person_code.slice(6)})`;

export { persons };
