// The outside systems the profile calls synchronously: the mail server and the SMS centre (the one-time codes) and
// the population register (the account holder's name). Each is the one in deps (tests), else built once from the
// configuration (forms/config.ts messaging, POPULATION_REGISTER_*). A system that does not answer is a 503.
import type { AppDeps } from '../platform/deps';
import { ApiError } from '../platform/errors';
import { adapterConfigFromEnv, createAdapter } from '../../activities/adapters';
import { SystemUnavailableError } from '../../activities/adapters/contracts/common';
import type { MailSender } from '../../activities/adapters/contracts/mail-sender';
import type { SmsSender } from '../../activities/adapters/contracts/sms-sender';
import type { PopulationRegister } from '../../activities/adapters/contracts/population-register';

let mail: MailSender | undefined;
let sms: SmsSender | undefined;
let register: PopulationRegister | undefined;

export function mailSender(deps: AppDeps): MailSender {
  if (deps.mailSender) return deps.mailSender;
  mail ??= createAdapter('mailSender', { backend: process.env.MAIL_SENDER_BACKEND || 'smtp', options: deps.config.messaging.mail });
  return mail;
}

export function smsSender(deps: AppDeps): SmsSender {
  if (deps.smsSender) return deps.smsSender;
  sms ??= createAdapter('smsSender', { backend: process.env.SMS_SENDER_BACKEND || 'smpp', options: deps.config.messaging.sms });
  return sms;
}

export function populationRegister(deps: AppDeps): PopulationRegister {
  if (deps.populationRegister) return deps.populationRegister;
  register ??= createAdapter('populationRegister', adapterConfigFromEnv(process.env).populationRegister);
  return register;
}

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
