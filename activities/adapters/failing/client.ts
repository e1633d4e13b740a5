// Backends for every role that always fail as unavailable: for tests and for demonstrating that a workflow waits
// and retries while a register is down instead of carrying on with empty fields.
import { SystemUnavailableError } from '../contracts/common';
import type { PopulationRegister } from '../contracts/population-register';
import type { AddressRegister } from '../contracts/address-register';
import type { EnterpriseRegister } from '../contracts/enterprise-register';
import type { EAddress } from '../contracts/e-address';
import type { PaymentInitiation } from '../contracts/payment-initiation';
import type { VehicleRegister } from '../contracts/vehicle-register';
import type { LandRegister } from '../contracts/land-register';
import type { MailSender } from '../contracts/mail-sender';
import type { SmsSender } from '../contracts/sms-sender';

export const FAILING = 'failing';

export interface FailingOptions {
  message?: string;
}

function failing(role: string, options: FailingOptions) {
  const system = `${FAILING}-${role}`;
  const message = options.message ?? 'always unavailable (failing backend)';
  return {
    fail: (): Promise<never> => Promise.reject(new SystemUnavailableError(system, message)),
    checkConfig: () => Promise.resolve({ ok: false, message: `${system}: ${message}` }),
  };
}

export function createFailingPopulationRegister(options: FailingOptions = {}): PopulationRegister {
  const { fail, checkConfig } = failing('population-register', options);
  return { getPerson: fail, getDeclaredAddress: fail, linkedPersonalCode: fail, declareResidence: fail, checkConfig };
}

export function createFailingAddressRegister(options: FailingOptions = {}): AddressRegister {
  const { fail, checkConfig } = failing('address-register', options);
  return { search: fail, validate: fail, checkConfig };
}

export function createFailingEnterpriseRegister(options: FailingOptions = {}): EnterpriseRegister {
  const { fail, checkConfig } = failing('enterprise-register', options);
  return { getCompany: fail, companiesOfBoardMember: fail, shareholdingsOf: fail, checkConfig };
}

export function createFailingEAddress(options: FailingOptions = {}): EAddress {
  const { fail, checkConfig } = failing('e-address', options);
  return { hasMailbox: fail, send: fail, checkConfig };
}

/** Also refuses to verify callbacks (as unavailable, so the gateway delivers them again later). */
export function createFailingPaymentInitiation(options: FailingOptions = {}): PaymentInitiation {
  const { fail, checkConfig } = failing('payment-initiation', options);
  return { initiate: fail, verifyCallback: fail, checkConfig };
}

export function createFailingVehicleRegister(options: FailingOptions = {}): VehicleRegister {
  const { fail, checkConfig } = failing('vehicle-register', options);
  return { vehiclesOfPerson: fail, checkConfig };
}

export function createFailingLandRegister(options: FailingOptions = {}): LandRegister {
  const { fail, checkConfig } = failing('land-register', options);
  return { propertiesOfOwner: fail, checkConfig };
}

export function createFailingMailSender(options: FailingOptions = {}): MailSender {
  const { fail, checkConfig } = failing('mail-sender', options);
  return { send: fail, checkConfig };
}

export function createFailingSmsSender(options: FailingOptions = {}): SmsSender {
  const { fail, checkConfig } = failing('sms-sender', options);
  return { send: fail, checkConfig };
}
