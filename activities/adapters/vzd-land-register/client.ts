// Real-estate register role backed by the land register and cadastre over HTTP (in development:
// simulators/land-register).
import type { CallContext } from '../contracts/common';
import { SystemUnavailableError } from '../contracts/common';
import type { LandRegister, Property } from '../contracts/land-register';
import { HttpJsonClient, type HttpAdapterOptions } from '../http-json';
import { toProperty, type WireProperty } from './mapping';

export const VZD_LAND_REGISTER = 'vzd-land-register';

export function createVzdLandRegister(options: HttpAdapterOptions): LandRegister {
  const http = new HttpJsonClient(VZD_LAND_REGISTER, options);
  return {
    async propertiesOfOwner(personalCode: string, ctx: CallContext): Promise<Property[]> {
      const wire = await http.getOrNull<{ items: WireProperty[] }>(`owners/${encodeURIComponent(personalCode)}/properties`, ctx);
      try {
        return wire ? wire.items.map(toProperty) : [];
      } catch (e) {
        // A malformed answer is the system's fault, not the caller's: the same as no usable answer.
        throw new SystemUnavailableError(VZD_LAND_REGISTER, e instanceof Error ? e.message : String(e));
      }
    },
    checkConfig: () => http.checkHealth('land-register'),
  };
}
