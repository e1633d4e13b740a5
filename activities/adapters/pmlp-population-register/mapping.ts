// Pure mapping from the PMLP population register's wire format to the population-register contract.
import type { DeclaredAddress, Person, RecordedDeclaration, ResidenceDeclaration } from '../contracts/population-register';

export interface WireResidence {
  aris_code: string;
  address: string;
  atvk: string;
  declared_from: string;
}

export interface WirePerson {
  person_code: string;
  given_name: string;
  surname: string;
  birth_date: string | null;
  residence: WireResidence | null;
}

export function toDeclaredAddress(wire: WireResidence): DeclaredAddress {
  return {
    addressCode: wire.aris_code,
    fullAddress: wire.address,
    municipalityCode: wire.atvk,
    declaredSince: wire.declared_from,
  };
}

export function toPerson(wire: WirePerson): Person {
  return {
    personalCode: wire.person_code.replace('-', ''),
    givenName: wire.given_name,
    familyName: wire.surname,
    birthDate: wire.birth_date ?? null,
    declaredAddress: wire.residence ? toDeclaredAddress(wire.residence) : null,
  };
}

export interface WireEidasLink {
  eidas_identifier: string;
  person_code: string;
}

export function toLinkedPersonalCode(wire: WireEidasLink): string {
  return wire.person_code.replace('-', '');
}

export interface WireDeclarationRequest {
  aris_code: string;
  declared_from: string;
  basis: string;
  document: { kind: string; number: string; issued_on: string } | null;
  case_id: string | null;
}

export interface WireRecordedDeclaration {
  declaration_id: string;
  residence: WireResidence;
  duplicate: boolean;
}

export function toWireDeclaration(declaration: ResidenceDeclaration): WireDeclarationRequest {
  const { document } = declaration;
  return {
    aris_code: declaration.addressCode,
    declared_from: declaration.declaredFrom,
    basis: declaration.basis,
    document: document ? { kind: document.kind, number: document.number, issued_on: document.issuedOn } : null,
    case_id: declaration.caseId,
  };
}

export function toRecordedDeclaration(wire: WireRecordedDeclaration): RecordedDeclaration {
  return { declarationId: wire.declaration_id, declaredAddress: toDeclaredAddress(wire.residence), duplicate: wire.duplicate };
}
