// The one place adapters are registered (DESIGN.md rule 4: explicit, no globbing). For each role, a map from
// backend id to its factory and options schema; `createAdapters` validates options and builds one adapter per role.
import type { PopulationRegister } from './contracts/population-register';
import type { AddressRegister } from './contracts/address-register';
import type { EnterpriseRegister } from './contracts/enterprise-register';
import type { EAddress } from './contracts/e-address';
import type { PaymentInitiation } from './contracts/payment-initiation';
import type { VehicleRegister } from './contracts/vehicle-register';
import type { LandRegister } from './contracts/land-register';
import type { MailSender } from './contracts/mail-sender';
import type { SmsSender } from './contracts/sms-sender';
import { AdapterConfigError, validateAdapterOptions } from './options';
import { createPmlpPopulationRegister, PMLP_POPULATION_REGISTER } from './pmlp-population-register/client';
import { createVzdAddressRegister, VZD_ADDRESS_REGISTER } from './vzd-address-register/client';
import { createUrEnterpriseRegister, UR_ENTERPRISE_REGISTER } from './ur-enterprise-register/client';
import { createVraaEAddress, VRAA_E_ADDRESS } from './vraa-e-address/client';
import { BANK_LINK, createBankLink } from './bank-link/client';
import { createCsddVehicleRegister, CSDD_VEHICLE_REGISTER } from './csdd-vehicle-register/client';
import { createVzdLandRegister, VZD_LAND_REGISTER } from './vzd-land-register/client';
import { createSmtpMail, SMTP_MAIL } from './smtp-mail/client';
import { createSmppSms, SMPP_SMS } from './smpp-sms/client';
import * as failing from './failing/client';
import { messagingFrom } from '../../forms/config';
import pmlpSchema from './pmlp-population-register/options.schema.json';
import vzdSchema from './vzd-address-register/options.schema.json';
import urSchema from './ur-enterprise-register/options.schema.json';
import vraaSchema from './vraa-e-address/options.schema.json';
import bankLinkSchema from './bank-link/options.schema.json';
import csddVehicleSchema from './csdd-vehicle-register/options.schema.json';
import vzdLandSchema from './vzd-land-register/options.schema.json';
import smtpMailSchema from './smtp-mail/options.schema.json';
import smppSmsSchema from './smpp-sms/options.schema.json';
import failingSchema from './failing/options.schema.json';

export { AdapterConfigError } from './options';

export interface Adapters {
  populationRegister: PopulationRegister;
  addressRegister: AddressRegister;
  enterpriseRegister: EnterpriseRegister;
  eAddress: EAddress;
  paymentInitiation: PaymentInitiation;
  vehicleRegister: VehicleRegister;
  landRegister: LandRegister;
  mailSender: MailSender;
  smsSender: SmsSender;
}
export type AdapterRole = keyof Adapters;

export interface AdapterBackend<T> {
  /** Call through createAdapters, which validates the options against optionsSchema first. */
  factory(options: unknown): T;
  optionsSchema: object;
}

export interface AdapterChoice {
  backend: string;
  options: unknown;
}
export type AdaptersConfig = Record<AdapterRole, AdapterChoice>;

// The cast is safe because createAdapters validates options against the same schema before calling the factory.
const backend = <T, O>(factory: (options: O) => T, optionsSchema: object): AdapterBackend<T> => ({
  factory: (options) => factory(options as O),
  optionsSchema,
});

export const populationRegisterBackends: Record<string, AdapterBackend<PopulationRegister>> = {
  [PMLP_POPULATION_REGISTER]: backend(createPmlpPopulationRegister, pmlpSchema),
  [failing.FAILING]: backend(failing.createFailingPopulationRegister, failingSchema),
};
export const addressRegisterBackends: Record<string, AdapterBackend<AddressRegister>> = {
  [VZD_ADDRESS_REGISTER]: backend(createVzdAddressRegister, vzdSchema),
  [failing.FAILING]: backend(failing.createFailingAddressRegister, failingSchema),
};
export const enterpriseRegisterBackends: Record<string, AdapterBackend<EnterpriseRegister>> = {
  [UR_ENTERPRISE_REGISTER]: backend(createUrEnterpriseRegister, urSchema),
  [failing.FAILING]: backend(failing.createFailingEnterpriseRegister, failingSchema),
};
export const eAddressBackends: Record<string, AdapterBackend<EAddress>> = {
  [VRAA_E_ADDRESS]: backend(createVraaEAddress, vraaSchema),
  [failing.FAILING]: backend(failing.createFailingEAddress, failingSchema),
};
export const paymentInitiationBackends: Record<string, AdapterBackend<PaymentInitiation>> = {
  [BANK_LINK]: backend(createBankLink, bankLinkSchema),
  [failing.FAILING]: backend(failing.createFailingPaymentInitiation, failingSchema),
};
export const vehicleRegisterBackends: Record<string, AdapterBackend<VehicleRegister>> = {
  [CSDD_VEHICLE_REGISTER]: backend(createCsddVehicleRegister, csddVehicleSchema),
  [failing.FAILING]: backend(failing.createFailingVehicleRegister, failingSchema),
};
export const landRegisterBackends: Record<string, AdapterBackend<LandRegister>> = {
  [VZD_LAND_REGISTER]: backend(createVzdLandRegister, vzdLandSchema),
  [failing.FAILING]: backend(failing.createFailingLandRegister, failingSchema),
};

export const mailSenderBackends: Record<string, AdapterBackend<MailSender>> = {
  [SMTP_MAIL]: backend(createSmtpMail, smtpMailSchema),
  [failing.FAILING]: backend(failing.createFailingMailSender, failingSchema),
};
export const smsSenderBackends: Record<string, AdapterBackend<SmsSender>> = {
  [SMPP_SMS]: backend(createSmppSms, smppSmsSchema),
  [failing.FAILING]: backend(failing.createFailingSmsSender, failingSchema),
};

export const adapterBackends: { [R in AdapterRole]: Record<string, AdapterBackend<Adapters[R]>> } = {
  populationRegister: populationRegisterBackends,
  addressRegister: addressRegisterBackends,
  enterpriseRegister: enterpriseRegisterBackends,
  eAddress: eAddressBackends,
  paymentInitiation: paymentInitiationBackends,
  vehicleRegister: vehicleRegisterBackends,
  landRegister: landRegisterBackends,
  mailSender: mailSenderBackends,
  smsSender: smsSenderBackends,
};

export const ADAPTER_ROLES: readonly AdapterRole[] = [
  'populationRegister',
  'addressRegister',
  'enterpriseRegister',
  'eAddress',
  'paymentInitiation',
  'vehicleRegister',
  'landRegister',
  'mailSender',
  'smsSender',
];

/**
 * Per role: the production backend, the environment variable prefix and the simulator's port; `envOptions` maps
 * further options of the role to variables <PREFIX>_<NAME> (set only when the variable is, so schema defaults apply).
 */
export const roleDefaults: Record<
  AdapterRole,
  { backend: string; envPrefix: string; simulatorPort: number; envOptions?: Record<string, string> }
> = {
  populationRegister: { backend: PMLP_POPULATION_REGISTER, envPrefix: 'POPULATION_REGISTER', simulatorPort: 4101 },
  addressRegister: { backend: VZD_ADDRESS_REGISTER, envPrefix: 'ADDRESS_REGISTER', simulatorPort: 4102 },
  enterpriseRegister: { backend: UR_ENTERPRISE_REGISTER, envPrefix: 'ENTERPRISE_REGISTER', simulatorPort: 4103 },
  eAddress: { backend: VRAA_E_ADDRESS, envPrefix: 'E_ADDRESS', simulatorPort: 4104 },
  paymentInitiation: {
    backend: BANK_LINK,
    envPrefix: 'PAYMENT_INITIATION',
    simulatorPort: 4105,
    envOptions: { secret: 'SECRET', merchantId: 'MERCHANT_ID' },
  },
  // 4109 and 4110 are the SMTP and SMS-gateway simulators (simulators/index.ts starts them in port order).
  vehicleRegister: { backend: CSDD_VEHICLE_REGISTER, envPrefix: 'VEHICLE_REGISTER', simulatorPort: 4111 },
  landRegister: { backend: VZD_LAND_REGISTER, envPrefix: 'LAND_REGISTER', simulatorPort: 4112 },
  // Their options come from forms/config.ts (SMTP_*, MAIL_FROM, SMPP_*, SMS_SENDER), not from a URL; the port is the
  // simulator's HTTP read-out of what it received.
  mailSender: { backend: SMTP_MAIL, envPrefix: 'MAIL_SENDER', simulatorPort: 4109 },
  smsSender: { backend: SMPP_SMS, envPrefix: 'SMS_SENDER', simulatorPort: 4110 },
};

/** One role's adapter (e.g. the API builds only paymentInitiation); throws AdapterConfigError like createAdapters. */
export function createAdapter<R extends AdapterRole>(role: R, choice: AdapterChoice | undefined): Adapters[R] {
  if (!choice || typeof choice.backend !== 'string') {
    throw new AdapterConfigError(role, `Adapter configuration for ${role} is missing: give { backend, options }.`);
  }
  const backends: Record<string, AdapterBackend<Adapters[R]>> = adapterBackends[role];
  const chosen = Object.hasOwn(backends, choice.backend) ? backends[choice.backend] : undefined;
  if (!chosen) {
    throw new AdapterConfigError(
      role,
      `Adapter configuration for ${role}: unknown backend "${choice.backend}" (known: ${Object.keys(backends).join(', ')}).`,
    );
  }
  return chosen.factory(validateAdapterOptions(role, choice.backend, chosen.optionsSchema, choice.options));
}

/** One adapter per role; throws AdapterConfigError naming the role and the bad option. */
export function createAdapters(config: AdaptersConfig): Adapters {
  return {
    populationRegister: createAdapter('populationRegister', config.populationRegister),
    addressRegister: createAdapter('addressRegister', config.addressRegister),
    enterpriseRegister: createAdapter('enterpriseRegister', config.enterpriseRegister),
    eAddress: createAdapter('eAddress', config.eAddress),
    paymentInitiation: createAdapter('paymentInitiation', config.paymentInitiation),
    vehicleRegister: createAdapter('vehicleRegister', config.vehicleRegister),
    landRegister: createAdapter('landRegister', config.landRegister),
    mailSender: createAdapter('mailSender', config.mailSender),
    smsSender: createAdapter('smsSender', config.smsSender),
  };
}

/**
 * <ROLE>_URL (default the local simulator), optional <ROLE>_BACKEND and <ROLE>_TIMEOUT_MS for every role, plus the
 * role's envOptions (PAYMENT_INITIATION_SECRET, PAYMENT_INITIATION_MERCHANT_ID); the mail and SMS senders from
 * forms/config.ts's messaging settings and MAIL_SENDER_BACKEND / SMS_SENDER_BACKEND.
 */
export function adapterConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AdaptersConfig {
  const choice = (role: AdapterRole): AdapterChoice => {
    const { backend: defaultBackend, envPrefix, simulatorPort, envOptions = {} } = roleDefaults[role];
    const options: Record<string, unknown> = { baseUrl: env[`${envPrefix}_URL`] || `http://127.0.0.1:${simulatorPort}` };
    const timeout = env[`${envPrefix}_TIMEOUT_MS`];
    if (timeout) options.timeoutMs = Number(timeout); // a non-number fails validation with the option's name
    for (const [option, name] of Object.entries(envOptions)) {
      const value = env[`${envPrefix}_${name}`];
      if (value) options[option] = value;
    }
    return { backend: env[`${envPrefix}_BACKEND`] || defaultBackend, options };
  };
  const messaging = messagingFrom(env);
  return {
    populationRegister: choice('populationRegister'),
    addressRegister: choice('addressRegister'),
    enterpriseRegister: choice('enterpriseRegister'),
    eAddress: choice('eAddress'),
    paymentInitiation: choice('paymentInitiation'),
    vehicleRegister: choice('vehicleRegister'),
    landRegister: choice('landRegister'),
    mailSender: { backend: env.MAIL_SENDER_BACKEND || SMTP_MAIL, options: messaging.mail },
    smsSender: { backend: env.SMS_SENDER_BACKEND || SMPP_SMS, options: messaging.sms },
  };
}

/** Every adapter's configuration check, e.g. for readiness or a boot log line. */
export async function checkAdapters(adapters: Adapters): Promise<Record<AdapterRole, { ok: boolean; message: string }>> {
  const results = await Promise.all(ADAPTER_ROLES.map((role) => adapters[role].checkConfig()));
  return Object.fromEntries(ADAPTER_ROLES.map((role, i) => [role, results[i]])) as Record<AdapterRole, { ok: boolean; message: string }>;
}
