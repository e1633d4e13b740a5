// Pure mapping from the land register's wire format (cadastre object with its land-book record) to the contract.
import type { Property, PropertyKind } from '../contracts/land-register';

export interface WireProperty {
  cadastre_no: string;
  /** 'LAND' | 'BUILDING' | 'PREMISES' (an apartment is a premises group). */
  object_type: string;
  address: string;
  share: string; // "1/2"
  area_m2: number;
  folio: string;
}

const KINDS: Record<string, PropertyKind> = { LAND: 'land', BUILDING: 'building', PREMISES: 'apartment' };

export function toShare(text: string): Property['share'] {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match || Number(match[2]) === 0) throw new Error(`land register: share "${text}" is not a fraction`);
  return { numerator: Number(match[1]), denominator: Number(match[2]) };
}

export function toProperty(wire: WireProperty): Property {
  return {
    cadastralNumber: wire.cadastre_no,
    kind: KINDS[wire.object_type] ?? 'land',
    address: wire.address,
    share: toShare(wire.share),
    areaM2: wire.area_m2,
    landBookFolio: wire.folio,
  };
}
