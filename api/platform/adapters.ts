// The outside systems the API calls synchronously, built once where the app is composed (api/platform/server.ts),
// like the worker's adapters (activities/worker.ts), and reached through AppDeps. Tests hand in their own (fakes,
// the failing backend, adapters pointed at this run's simulators) instead of setting environment variables.
import { adapterConfigFromEnv, createAdapter, type AdapterRole, type Adapters, type AdaptersConfig } from '../../activities/adapters';
import type { PlatformConfig } from '../../forms/config';
import { assertProductionSecrets } from '../../forms/environment';

/** The roles the API itself calls: identity and representation checks, addresses, payments, registers, codes. */
export type ApiAdapterRole = Extract<
  AdapterRole,
  | 'populationRegister'
  | 'addressRegister'
  | 'enterpriseRegister'
  | 'paymentInitiation'
  | 'vehicleRegister'
  | 'landRegister'
  | 'mailSender'
  | 'smsSender'
>;
export type ApiAdapters = Pick<Adapters, ApiAdapterRole>;

/**
 * Each role's configuration: <ROLE>_* from `env`, the mail and SMS senders' options from the loaded configuration's
 * messaging. In production `env` passes the same guard as loadConfig: no adapter is made with a development secret
 * (e.g. the documented PAYMENT_INITIATION_SECRET), whichever environment the configuration was loaded from.
 */
export function apiAdapterConfig(config: PlatformConfig, env: NodeJS.ProcessEnv = process.env): Pick<AdaptersConfig, ApiAdapterRole> {
  if (config.env === 'production') assertProductionSecrets({ ...env, NODE_ENV: 'production' });
  const fromEnv = adapterConfigFromEnv(env);
  return {
    ...fromEnv,
    mailSender: { backend: fromEnv.mailSender.backend, options: config.messaging.mail },
    smsSender: { backend: fromEnv.smsSender.backend, options: config.messaging.sms },
  };
}

/** One adapter per API role: the `given` one, else built from its configuration (AdapterConfigError when it is bad). */
export function createApiAdapters(adapterConfig: Pick<AdaptersConfig, ApiAdapterRole>, given: Partial<ApiAdapters> = {}): ApiAdapters {
  const build = <R extends ApiAdapterRole>(role: R): Adapters[R] =>
    (given[role] as Adapters[R] | undefined) ?? createAdapter(role, adapterConfig[role]);
  return {
    populationRegister: build('populationRegister'),
    addressRegister: build('addressRegister'),
    enterpriseRegister: build('enterpriseRegister'),
    paymentInitiation: build('paymentInitiation'),
    vehicleRegister: build('vehicleRegister'),
    landRegister: build('landRegister'),
    mailSender: build('mailSender'),
    smsSender: build('smsSender'),
  };
}
