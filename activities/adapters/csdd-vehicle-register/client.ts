// Vehicle register role backed by CSDD's register over HTTP (in development: simulators/road-traffic-register).
import type { CallContext } from '../contracts/common';
import type { Vehicle, VehicleRegister } from '../contracts/vehicle-register';
import { HttpJsonClient, type HttpAdapterOptions } from '../http-json';
import { toVehicle, type WireVehicle } from './mapping';

export const CSDD_VEHICLE_REGISTER = 'csdd-vehicle-register';

export function createCsddVehicleRegister(options: HttpAdapterOptions): VehicleRegister {
  const http = new HttpJsonClient(CSDD_VEHICLE_REGISTER, options);
  return {
    async vehiclesOfPerson(personalCode: string, ctx: CallContext): Promise<Vehicle[]> {
      // 404: the register knows no such person, so no vehicles either.
      const wire = await http.getOrNull<{ items: WireVehicle[] }>(`persons/${encodeURIComponent(personalCode)}/vehicles`, ctx);
      return wire ? wire.items.map(toVehicle) : [];
    },
    checkConfig: () => http.checkHealth('road-traffic-register'),
  };
}
