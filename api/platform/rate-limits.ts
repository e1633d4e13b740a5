// Rate limits on what an attacker would hammer: sign-in, redeeming co-browse join codes, starting online payments,
// the public catalogue search and the address suggestions (each one a call to the address register). Counted in Redis
// when REDIS_URL is set, so a limit holds across every API node (each node's own memory otherwise). A client over its limit gets 429 rate_limited with Retry-After.
import type { RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { RedisClientType } from 'redis';
import type { RateLimits } from '../../forms/config';
import { ApiError } from './errors';

export type RateLimitKind = Exclude<keyof RateLimits, 'windowSeconds'>;

/** Whom a limit counts: a signed-in caller by account (an office behind one NAT is many people), else by address. */
const PER_ACCOUNT: Record<RateLimitKind, boolean> = {
  signIn: false,
  catalogSearch: false,
  assistJoin: true,
  paymentStart: true,
  addressLookup: true,
};

const MESSAGES: Record<RateLimitKind, string> = {
  signIn: 'Too many sign-ins from this address; wait and try again.',
  assistJoin: 'Too many join codes tried; wait and try again.',
  paymentStart: 'Too many payments started; wait and try again.',
  catalogSearch: 'Too many searches from this address; wait and try again.',
  addressLookup: 'Too many address look-ups; wait a moment and try again.',
};

export type RateLimiters = Record<RateLimitKind, RequestHandler>;

/** Nodes of one deployment share a database: its name keeps their Redis keys apart from another deployment's. */
export function deploymentKeyPrefix(databaseUrl: string): string {
  return `sdp:${decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'default'}`;
}

/**
 * One limiter per kind, shared by the routes of that kind. `keyPrefix` keeps one deployment's counters apart from
 * another's on a shared Redis.
 */
export function createRateLimiters(limits: RateLimits, opts: { redis?: RedisClientType | null; keyPrefix: string }): RateLimiters {
  const make = (kind: RateLimitKind): RequestHandler => {
    const limit = limits[kind];
    if (limit === 0) return (_req, _res, next) => next();
    return rateLimit({
      windowMs: limits.windowSeconds * 1000,
      limit,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      // A Redis outage must not take sign-in or payments down with it: the request goes through (and is logged).
      passOnStoreError: true,
      keyGenerator: (req) =>
        PER_ACCOUNT[kind] && req.principal && req.principal.sub !== 'anonymous'
          ? `user:${req.principal.sub}`
          : `ip:${ipKeyGenerator(req.ip ?? '')}`,
      handler: (_req, res, next) => {
        next(
          new ApiError(429, 'rate_limited', MESSAGES[kind], [], {
            'Retry-After': String(res.getHeader('Retry-After') ?? limits.windowSeconds),
          }),
        );
      },
      ...(opts.redis
        ? {
            store: new RedisStore({
              prefix: `${opts.keyPrefix}:rl:${kind}:`,
              sendCommand: (...args: string[]) => (opts.redis as RedisClientType).sendCommand(args) as Promise<RedisReply>,
            }),
          }
        : {}),
    });
  };
  return {
    signIn: make('signIn'),
    assistJoin: make('assistJoin'),
    paymentStart: make('paymentStart'),
    catalogSearch: make('catalogSearch'),
    addressLookup: make('addressLookup'),
  };
}
