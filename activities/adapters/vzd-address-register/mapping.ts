// Pure mapping from the VZD address register's wire format to the address-register contract, and the rules that
// turn a lookup into a validation (not found, not residential, ambiguous).
import type { Address, AddressValidation } from '../contracts/address-register';

export interface WireAddress {
  adr_cd: string;
  /** The standard full address text. */
  std: string;
  atvk: string;
  index: string;
  /** What the building or premises is for: only a 'dwelling' may be declared as a place of residence. */
  purpose: string;
}

export function toAddress(wire: WireAddress): Address {
  return {
    code: wire.adr_cd,
    fullAddress: wire.std,
    municipalityCode: wire.atvk,
    postalCode: wire.index,
    residential: wire.purpose === 'dwelling',
  };
}

export function validationOf(address: Address | null): AddressValidation {
  if (!address) return { valid: false, address: null, reason: 'not_found' };
  if (!address.residential) return { valid: false, address, reason: 'not_residential' };
  return { valid: true, address, reason: null };
}

/** Text compared without case, diacritics, quotes, commas and spacing around "-". */
export function comparableAddressText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/["'„“”]/g, '')
    .replace(/\s*-\s*/g, '-')
    .replace(/[\s,]+/g, ' ')
    .trim();
}

/** Validation of free text from the search hits: one hit, or one hit equal to the text; else ambiguous. */
export function validationFromSearch(text: string, hits: Address[]): AddressValidation {
  if (hits.length === 0) return validationOf(null);
  if (hits.length === 1) return validationOf(hits[0]);
  const wanted = comparableAddressText(text);
  const exact = hits.filter((hit) => comparableAddressText(hit.fullAddress) === wanted);
  if (exact.length === 1) return validationOf(exact[0]);
  return { valid: false, address: null, reason: 'ambiguous' };
}
