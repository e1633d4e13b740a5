// Pure mapping from the CSDD vehicle register's wire format to the vehicle-register contract.
import type { Vehicle, VehicleRelation } from '../contracts/vehicle-register';

export interface WireVehicle {
  reg_number: string;
  vin: string;
  make: string;
  model: string;
  first_registered: string;
  /** Valid roadworthiness test until; null or absent when none is valid. */
  inspection_valid_until?: string | null;
  /** 'OWNER' | 'HOLDER'. */
  relation: string;
}

// An unknown relation is shown as the weaker one: a person is never told they own what they may only hold.
const RELATIONS: Record<string, VehicleRelation> = { OWNER: 'owner', HOLDER: 'holder' };

export function toVehicle(wire: WireVehicle): Vehicle {
  return {
    registrationNumber: wire.reg_number,
    vin: wire.vin,
    make: wire.make,
    model: wire.model,
    firstRegistration: wire.first_registered,
    inspectionValidUntil: wire.inspection_valid_until ?? null,
    relation: RELATIONS[wire.relation] ?? 'holder',
  };
}
