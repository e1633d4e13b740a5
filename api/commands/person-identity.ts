// Who a representative is, checked against the population register (through its adapter): the personal code must be
// a person the register knows, and the name given must be that person's. A made-up name for a real code, or a code
// the register does not know, is refused with a stable code; the register's own data is never shown back.
import { ApiError, unprocessable } from '../errors';
import type { AppDeps } from '../deps';
import type { PopulationRegister } from '../../activities/adapters/contracts/population-register';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';
import { adapterConfigFromEnv, createAdapter } from '../../activities/adapters';

let fromEnv: PopulationRegister | undefined;
/** The population register: the one in deps (tests), else built once from POPULATION_REGISTER_* (see activities/adapters). */
export function populationRegister(deps: AppDeps): PopulationRegister {
  if (deps.populationRegister) return deps.populationRegister;
  fromEnv ??= createAdapter('populationRegister', adapterConfigFromEnv(process.env).populationRegister);
  return fromEnv;
}

/** Case, spacing, hyphens and diacritics aside ("Janis  Kalnins" is "Jānis Kalniņš"), the same name. */
export const comparableName = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[\s-]+/g, ' ').trim();

/**
 * Checks that `name` is the name the population register holds for `personalCode` (normalised, 11 digits).
 * 422 `representative_not_in_register` or `representative_name_mismatch` (at `path`), 503 when the register is down.
 */
export async function checkRepresentativeIdentity(deps: AppDeps, personalCode: string, name: string, path: string, requestId?: string): Promise<void> {
  let person;
  try {
    person = await populationRegister(deps).getPerson(personalCode, { idempotencyKey: `identity:${personalCode}`, requestId });
  } catch (e) {
    if (e instanceof SystemUnavailableError) {
      throw new ApiError(503, 'temporarily_unavailable', 'The population register does not answer; try again in a moment.', [], { 'Retry-After': '5' });
    }
    throw e;
  }
  if (!person) {
    throw unprocessable('representative_not_in_register', 'The population register has no person with this personal code.',
      [{ path: `${path}/id`, code: 'representative_not_in_register', message: 'unknown personal code' }]);
  }
  if (comparableName(`${person.givenName} ${person.familyName}`) !== comparableName(name)) {
    throw unprocessable('representative_name_mismatch', 'The name does not match the population register for this personal code.',
      [{ path: `${path}/name`, code: 'representative_name_mismatch', message: 'not the name registered for this personal code' }]);
  }
}
