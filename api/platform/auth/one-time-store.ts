// Short-lived values that are read once: a pending sign-in (state, nonce, PKCE verifier; a SAML request id) between
// the redirect to the identity provider and its answer. In Redis when the platform has
// one (every API node sees them), otherwise in this process's memory (one node, development and tests).
import type { RedisClientType } from 'redis';
import type { AppDeps } from '../deps';
import { deploymentKeyPrefix } from '../rate-limits';

export interface OneTimeStore {
  put(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** The value, removed in the same step: a second take of the same key finds nothing (single use). */
  take<T>(key: string): Promise<T | undefined>;
}

/** `keyPrefix` keeps one deployment's keys apart from another's on a shared Redis (as the rate limits do). */
export function redisOneTimeStore(redis: RedisClientType, keyPrefix: string): OneTimeStore {
  const PREFIX = `${keyPrefix}:sign-in:`;
  return {
    async put(key, value, ttlSeconds) {
      await redis.set(PREFIX + key, JSON.stringify(value), { EX: ttlSeconds });
    },
    async take<T>(key: string) {
      const raw = await redis.getDel(PREFIX + key); // atomic: two callbacks with one state cannot both succeed
      return raw === null ? undefined : (JSON.parse(raw) as T);
    },
  };
}

export function memoryOneTimeStore(now: () => number = Date.now): OneTimeStore {
  const entries = new Map<string, { value: unknown; expires: number }>();
  const sweep = () => {
    const t = now();
    for (const [key, entry] of entries) if (entry.expires <= t) entries.delete(key);
  };
  return {
    async put(key, value, ttlSeconds) {
      sweep();
      entries.set(key, { value, expires: now() + ttlSeconds * 1000 });
    },
    async take<T>(key: string) {
      const entry = entries.get(key);
      entries.delete(key);
      return entry && entry.expires > now() ? (entry.value as T) : undefined;
    },
  };
}

// One store per app (tests build several apps in one process), shared by every sign-in route.
const stores = new WeakMap<AppDeps, OneTimeStore>();
export function oneTimeStoreOf(deps: AppDeps): OneTimeStore {
  let store = stores.get(deps);
  if (!store) {
    store = deps.rateLimitRedis
      ? redisOneTimeStore(deps.rateLimitRedis, deploymentKeyPrefix(deps.config.databaseUrl))
      : memoryOneTimeStore();
    stores.set(deps, store);
  }
  return store;
}
