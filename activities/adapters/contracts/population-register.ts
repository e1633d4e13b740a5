// Role: the population register (in Latvia kept by PMLP): persons and their declared place of residence.
import type { CallContext, ConfigCheck } from './common';

export interface DeclaredAddress {
  /** Address register code of the address (VZD ARIS code). */
  addressCode: string;
  fullAddress: string;
  municipalityCode: string;
  declaredSince: string; // YYYY-MM-DD
}

export interface Person {
  personalCode: string; // 11 digits, no hyphen
  givenName: string;
  familyName: string;
  birthDate: string | null; // YYYY-MM-DD; null for codes without a birth date
  declaredAddress: DeclaredAddress | null;
}

export interface PopulationRegister extends ConfigCheck {
  /** null when the register has no such person. */
  getPerson(personalCode: string, ctx: CallContext): Promise<Person | null>;
  getDeclaredAddress(personalCode: string, ctx: CallContext): Promise<DeclaredAddress | null>;
  /** The Latvian personal code the register records for an EU citizen's eIDAS PersonIdentifier; null when unknown. */
  linkedPersonalCode(eidasIdentifier: string, ctx: CallContext): Promise<string | null>;
}
