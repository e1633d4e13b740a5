// Role: the vehicle register (in Latvia kept by CSDD, the Road Traffic Safety Directorate): the vehicles a person
// owns or holds (a holder uses a vehicle someone else owns, e.g. on a lease).
import type { CallContext, ConfigCheck } from './common';

export type VehicleRelation = 'owner' | 'holder';

export interface Vehicle {
  registrationNumber: string; // e.g. 'KA-1234'
  vin: string;
  make: string;
  model: string;
  firstRegistration: string; // YYYY-MM-DD
  /** Until when the roadworthiness test (technical inspection) is valid; null when none is valid. */
  inspectionValidUntil: string | null;
  relation: VehicleRelation;
}

export interface VehicleRegister extends ConfigCheck {
  /** The person's vehicles; empty when the register has none (or no such person). */
  vehiclesOfPerson(personalCode: string, ctx: CallContext): Promise<Vehicle[]>;
}
