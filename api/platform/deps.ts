// What the API needs from the outside world, built once at boot and passed down (tests build their own).
import type { Logger } from 'pino';
import type { RedisClientType } from 'redis';
import type { Client } from '@temporalio/client';
import type { PlatformConfig } from '../../forms/config';
import type { Database } from '../../db/connection';
import type { SigningKeys } from './auth/keys';
import type { Principal } from './auth/principal';
import type { Grant } from '../assist/grants';
import type { PaymentInitiation } from '../../activities/adapters/contracts/payment-initiation';
import type { PopulationRegister } from '../../activities/adapters/contracts/population-register';
import type { EnterpriseRegister } from '../../activities/adapters/contracts/enterprise-register';
import type { AddressRegister } from '../../activities/adapters/contracts/address-register';
import type { VehicleRegister } from '../../activities/adapters/contracts/vehicle-register';
import type { LandRegister } from '../../activities/adapters/contracts/land-register';
import type { MailSender } from '../../activities/adapters/contracts/mail-sender';
import type { SmsSender } from '../../activities/adapters/contracts/sms-sender';

export interface AppDeps {
  config: PlatformConfig;
  db: Database;
  keys: SigningKeys;
  logger: Logger;
  /** The Temporal client; connected lazily so the API answers /healthz while Temporal is still starting. */
  temporal(): Promise<Client>;
  verify(token: string): Promise<Principal>;
  /** Hooks into live co-browsing, set once Socket.IO is attached. */
  assist: {
    grantChanged(grant: Grant): Promise<void>;
    /** Writes pending co-browse edits of an application to its draft (before it is submitted). */
    flush(caseId: string): Promise<void>;
    /** The application left draft (its new status): co-browse edits to it are refused from now on. */
    leftDraft(caseId: string, status: string): Promise<void>;
  };
  /** Redis for rate-limit counters shared by every API node (REDIS_URL); each node counts alone without it. */
  rateLimitRedis?: RedisClientType | null;
  /** Online payments' bank link; when absent, api/billing/online-payment-routes.ts builds it from the environment. */
  paymentInitiation?: PaymentInitiation;
  /** The population register (identity checks of representatives); when absent, built from the environment. */
  populationRegister?: PopulationRegister;
  /** The enterprise register (company representation, asked by the policy); when absent, built from the environment. */
  enterpriseRegister?: EnterpriseRegister;
  /** The address register (suggestions as a person types, the check before a submit); when absent, built from the environment. */
  addressRegister?: AddressRegister;
  /** The vehicle and real-estate registers ("My data in the registers"); when absent, built from the environment. */
  vehicleRegister?: VehicleRegister;
  landRegister?: LandRegister;
  /** The mail server (profile's confirmation codes); when absent, built from the configuration's messaging.mail. */
  mailSender?: MailSender;
  /** The SMS centre (profile's confirmation codes); when absent, built from the configuration's messaging.sms. */
  smsSender?: SmsSender;
}
