// The five registers "My data in the registers" reads, each through its adapter in AppDeps (built once at boot,
// api/platform/adapters.ts). Each read has a deadline, so one slow register never holds up the page: it is reported
// as unavailable instead.
import type { AppDeps } from '../platform/deps';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';

export function registersOf(deps: AppDeps) {
  return {
    population: deps.adapters.populationRegister,
    address: deps.adapters.addressRegister,
    vehicle: deps.adapters.vehicleRegister,
    realEstate: deps.adapters.landRegister,
    enterprise: deps.adapters.enterpriseRegister,
  };
}

/** How long one register may take before its section says "not available now". */
export const REGISTER_READ_DEADLINE_MS = 4000;

/** The call's answer, or SystemUnavailableError once the deadline passes (the call itself is left to its own timeout). */
export function withDeadline<T>(system: string, call: Promise<T>, ms = REGISTER_READ_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SystemUnavailableError(system, `no answer within ${ms} ms`)), ms);
  });
  return Promise.race([call, deadline]).finally(() => clearTimeout(timer));
}
