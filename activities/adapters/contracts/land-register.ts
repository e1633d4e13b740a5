// Role: the real-estate register (the State Unified Computerised Land Register with the cadastre of VZD): the
// properties a person owns, with their share of ownership.
import type { CallContext, ConfigCheck } from './common';

export type PropertyKind = 'land' | 'building' | 'apartment';

export interface Property {
  cadastralNumber: string; // 11 digits (an apartment 14)
  kind: PropertyKind;
  address: string;
  /** The person's share of ownership as a fraction, e.g. { numerator: 1, denominator: 2 }. */
  share: { numerator: number; denominator: number };
  areaM2: number;
  /** The land-book folio (nodalījums) the ownership is recorded in. */
  landBookFolio: string;
}

export interface LandRegister extends ConfigCheck {
  /** The properties the person owns (or a share of); empty when the register has none. */
  propertiesOfOwner(personalCode: string, ctx: CallContext): Promise<Property[]>;
}
