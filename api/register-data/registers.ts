// The five registers "My data in the registers" reads, each through its adapter: the one in deps (tests and the
// API's boot), else built once from <ROLE>_URL (activities/adapters). Each read has a deadline, so one slow register
// never holds up the page: it is reported as unavailable instead.
import type { AppDeps } from '../platform/deps';
import { adapterConfigFromEnv, createAdapter, type AdapterRole, type Adapters } from '../../activities/adapters';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';
import { addressRegister } from '../platform/address-register';
import { populationRegister } from '../delegations/person-identity';

type RegisterRole = Extract<
  AdapterRole,
  'populationRegister' | 'addressRegister' | 'vehicleRegister' | 'landRegister' | 'enterpriseRegister'
>;

const fromEnv: Partial<{ [R in RegisterRole]: Adapters[R] }> = {};

function built<R extends RegisterRole>(role: R): Adapters[R] {
  const existing = fromEnv[role] as Adapters[R] | undefined;
  if (existing) return existing;
  const adapter = createAdapter(role, adapterConfigFromEnv(process.env)[role]);
  (fromEnv as Record<string, unknown>)[role] = adapter;
  return adapter;
}

export function registersOf(deps: AppDeps) {
  return {
    population: populationRegister(deps),
    address: addressRegister(deps),
    vehicle: deps.vehicleRegister ?? built('vehicleRegister'),
    realEstate: deps.landRegister ?? built('landRegister'),
    enterprise: deps.enterpriseRegister ?? built('enterpriseRegister'),
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
