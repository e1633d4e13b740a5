// The outside systems the profile calls synchronously: the mail server and the SMS centre (the one-time codes) and
// the population register (the account holder's name), all from AppDeps' adapters (api/platform/adapters.ts). A
// system that does not answer is a 503.
import { ApiError } from '../platform/errors';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';

/** Runs a call to an outside system; one that does not answer is 503 temporarily_unavailable with Retry-After. */
export async function outside<T>(system: { lv: string; en: string }, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof SystemUnavailableError) {
      throw new ApiError(503, 'temporarily_unavailable', `${system.en} does not answer; try again in a moment.`, [], {
        'Retry-After': '30',
      });
    }
    throw e;
  }
}
