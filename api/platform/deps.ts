// What the API needs from the outside world, built once at boot and passed down (tests build their own).
import type { Logger } from 'pino';
import type { RedisClientType } from 'redis';
import type { Client } from '@temporalio/client';
import type { PlatformConfig } from '../../forms/config';
import type { Database } from '../../db/connection';
import type { SigningKeys } from './auth/keys';
import type { Principal } from './auth/principal';
import type { Grant } from '../assist/grants';
import type { ApiAdapters } from './adapters';

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
  /**
   * The outside systems the API calls synchronously (registers, bank link, mail and SMS), built once at boot from the
   * configuration (api/platform/adapters.ts); never built from the environment inside a route.
   */
  adapters: ApiAdapters;
}
