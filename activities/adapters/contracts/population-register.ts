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

/** Why the person may live at the address, as the person states it in the declaration. */
export type ResidenceBasis = 'owner' | 'tenant' | 'family-member' | 'other';

/** The document giving a tenant (a lease agreement) or another basis (e.g. the owner's consent) the right. */
export interface ResidenceDocument {
  kind: string;
  number: string;
  issuedOn: string; // YYYY-MM-DD
}

export interface ResidenceDeclaration {
  /** Address register code of the new address. */
  addressCode: string;
  declaredFrom: string; // YYYY-MM-DD
  basis: ResidenceBasis;
  /** Required for a tenant or another basis. */
  document: ResidenceDocument | null;
  /** The platform's case the declaration was decided in, for the register's records. */
  caseId: string | null;
}

export interface RecordedDeclaration {
  declarationId: string;
  /** The person's declared address as the register records it now. */
  declaredAddress: DeclaredAddress;
  /** True when the call's idempotency key had been recorded before: nothing new was recorded. */
  duplicate: boolean;
}

export interface PopulationRegister extends ConfigCheck {
  /** null when the register has no such person. */
  getPerson(personalCode: string, ctx: CallContext): Promise<Person | null>;
  getDeclaredAddress(personalCode: string, ctx: CallContext): Promise<DeclaredAddress | null>;
  /** The Latvian personal code the register records for an EU citizen's eIDAS PersonIdentifier; null when unknown. */
  linkedPersonalCode(eidasIdentifier: string, ctx: CallContext): Promise<string | null>;
  /** Records a new declared address: once per idempotency key. An unknown person or an address that is not a
   * dwelling is a SystemRejectedError. */
  declareResidence(personalCode: string, declaration: ResidenceDeclaration, ctx: CallContext): Promise<RecordedDeclaration>;
}
