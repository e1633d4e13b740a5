// Role: the state address register (VZD): searching and validating addresses.
import type { CallContext, ConfigCheck } from './common';

export interface Address {
  code: string;
  fullAddress: string;
  municipalityCode: string;
  postalCode: string;
  /** Whether people may declare residence at this address (a dwelling, not e.g. a garage). */
  residential: boolean;
}

export interface AddressValidation {
  valid: boolean;
  address: Address | null;
  /** Why not valid: 'not_found' | 'not_residential' | 'ambiguous'. */
  reason: string | null;
}

export interface AddressRegister extends ConfigCheck {
  search(text: string, limit: number, ctx: CallContext): Promise<Address[]>;
  /** Validates by address code, or by full text when no code is known. */
  validate(input: { code?: string; text?: string }, ctx: CallContext): Promise<AddressValidation>;
}
