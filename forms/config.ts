// Platform configuration, read from the environment once and validated at boot: a typo in a variable stops the
// process with a clear message instead of surfacing as a strange failure hours later.
import path from 'node:path';
import type { ValidateFunction } from 'ajv/dist/2020';
import { createValidator, CONFIG_SCHEMA_ID } from './validator';
import { assertProductionSecrets } from './environment';
import type { PlatformConfig } from './types/config';

// The shape is config.schema.json's (types generated into forms/types/config.ts); loadConfig validates against it.
export type { PlatformConfig };

/** Requests per window (0 = no limit) for the endpoints an attacker would hammer. */
export type RateLimits = PlatformConfig['rateLimits'];

const RATE_LIMIT_ENV: Record<keyof RateLimits, [string, number]> = {
  windowSeconds: ['RATE_LIMIT_WINDOW_SECONDS', 60],
  signIn: ['RATE_LIMIT_SIGN_IN', 60],
  assistJoin: ['RATE_LIMIT_ASSIST_JOIN', 30],
  paymentStart: ['RATE_LIMIT_PAYMENT_START', 30],
  catalogSearch: ['RATE_LIMIT_CATALOG_SEARCH', 600],
  addressLookup: ['RATE_LIMIT_ADDRESS_LOOKUP', 300],
};

function rateLimitsFrom(env: NodeJS.ProcessEnv): RateLimits {
  const entries = Object.entries(RATE_LIMIT_ENV).map(([key, [name, fallback]]) => [
    key,
    env[name] === undefined || env[name] === '' ? fallback : Number(env[name]),
  ]);
  return Object.fromEntries(entries) as unknown as RateLimits;
}

export class ConfigError extends Error {}

/** The national sign-in's relying-party settings; an issuer without a client secret is a half-done set-up: refused. */
function nationalAuthFrom(env: NodeJS.ProcessEnv): PlatformConfig['nationalAuth'] {
  const issuer = env.NATIONAL_AUTH_ISSUER;
  if (!issuer) return undefined;
  const clientSecret = env.NATIONAL_AUTH_CLIENT_SECRET;
  if (!clientSecret) throw new ConfigError('Invalid configuration: NATIONAL_AUTH_ISSUER is set without NATIONAL_AUTH_CLIENT_SECRET');
  return { issuer, clientId: env.NATIONAL_AUTH_CLIENT_ID || 'platform', clientSecret };
}

/** The eIDAS node's service-provider settings: the node's metadata URL and the platform's entityID there. */
function eidasFrom(env: NodeJS.ProcessEnv, publicUrl: string): PlatformConfig['eidas'] {
  const nodeMetadataUrl = env.EIDAS_NODE_METADATA_URL;
  if (!nodeMetadataUrl) return undefined;
  return { nodeMetadataUrl, spEntityId: env.EIDAS_SP_ENTITY_ID || new URL('/api/v1/auth/eidas/metadata', publicUrl).href };
}

/** JSON from an environment variable; a variable that is set but is not JSON stops the process naming it. */
function jsonFrom(env: NodeJS.ProcessEnv, name: string): unknown {
  try {
    return JSON.parse(env[name]!);
  } catch {
    throw new ConfigError(`Invalid configuration: ${name} is not valid JSON`);
  }
}

/**
 * The OpenID Provider's registered clients and configured keys (issue 16 §2). Production never runs on generated keys:
 * any provider setting needs OIDC_JWKS and OIDC_COOKIE_KEYS, and client secrets of at least 32 characters.
 */
function oidcProviderFrom(env: NodeJS.ProcessEnv): PlatformConfig['oidcProvider'] {
  if (!env.OIDC_CLIENTS && !env.OIDC_JWKS && !env.OIDC_COOKIE_KEYS) return undefined;
  const clients = (env.OIDC_CLIENTS ? jsonFrom(env, 'OIDC_CLIENTS') : []) as NonNullable<PlatformConfig['oidcProvider']>['clients'];
  if (!Array.isArray(clients)) throw new ConfigError('Invalid configuration: OIDC_CLIENTS must be a JSON array');
  const provider: NonNullable<PlatformConfig['oidcProvider']> = { clients };
  if (env.OIDC_JWKS) provider.jwks = jsonFrom(env, 'OIDC_JWKS') as NonNullable<PlatformConfig['oidcProvider']>['jwks'];
  if (env.OIDC_COOKIE_KEYS) provider.cookieKeys = env.OIDC_COOKIE_KEYS.split(',').map((k) => k.trim());
  if (env.NODE_ENV === 'production') {
    const missing = [!provider.jwks && 'OIDC_JWKS', !provider.cookieKeys && 'OIDC_COOKIE_KEYS'].filter(Boolean);
    if (missing.length)
      throw new ConfigError(`Refusing to start in production: the OpenID Provider is configured without ${missing.join(' and ')}`);
    const weak = clients.filter((c) => typeof c.client_secret === 'string' && c.client_secret.length < 32).map((c) => c.client_id);
    if (weak.length)
      throw new ConfigError(`Refusing to start in production: OIDC_CLIENTS secrets shorter than 32 characters (${weak.join(', ')})`);
  }
  return provider;
}

/**
 * The agencies' electronic seals (issue 17). Production signs decisions only with seals it is given: the demo seal
 * CA generated elsewhere is refused there.
 */
function documentSealsFrom(env: NodeJS.ProcessEnv): PlatformConfig['documentSeals'] {
  const directory = env.DOCUMENT_SEAL_DIR;
  if (directory) return { directory: path.resolve(directory) };
  if (env.NODE_ENV === 'production')
    throw new ConfigError(
      "Refusing to start in production: DOCUMENT_SEAL_DIR is not set (the agencies' electronic seals that sign issued documents; the generated demo seal CA is for development only)",
    );
  return undefined;
}

/** Development defaults of the outgoing e-mail and SMS (the simulators of `npm start`); production refuses them. */
export const MESSAGING_DEV_DEFAULTS = {
  smtpHost: '127.0.0.1',
  smtpPort: 2525,
  mailFrom: 'Latvija.gov.lv <no-reply@sdp.localhost>',
  smppHost: '127.0.0.1',
  smppPort: 2775,
  smppSystemId: 'sdp',
  smppPassword: 'dev-smpp',
  smsSender: 'Latvija',
} as const;

const LOOPBACK = /^(127\.|localhost$|::1$|0\.0\.0\.0$)/;

/**
 * The outgoing e-mail (SMTP) and SMS (SMPP 3.4) settings, read by the API (confirmation codes) and the worker
 * (notifications) through activities/adapters. Production never mails through the development defaults: the mail
 * server and the SMS centre must be named, and the sender must not be the development one.
 */
export function messagingFrom(env: NodeJS.ProcessEnv): PlatformConfig['messaging'] {
  const d = MESSAGING_DEV_DEFAULTS;
  const flag = (name: string) => env[name] === 'true' || env[name] === '1';
  const number = (name: string, fallback: number) => (env[name] ? Number(env[name]) : fallback);
  const mail: PlatformConfig['messaging']['mail'] = {
    host: env.SMTP_HOST || d.smtpHost,
    port: number('SMTP_PORT', d.smtpPort),
    from: env.MAIL_FROM || d.mailFrom,
    secure: flag('SMTP_SECURE'),
    requireTls: flag('SMTP_REQUIRE_TLS'),
  };
  if (env.SMTP_USER) mail.user = env.SMTP_USER;
  if (env.SMTP_PASSWORD) mail.password = env.SMTP_PASSWORD;
  const sms: PlatformConfig['messaging']['sms'] = {
    host: env.SMPP_HOST || d.smppHost,
    port: number('SMPP_PORT', d.smppPort),
    systemId: env.SMPP_SYSTEM_ID || d.smppSystemId,
    password: env.SMPP_PASSWORD || d.smppPassword,
    sourceAddress: env.SMS_SENDER || d.smsSender,
  };
  if (env.NODE_ENV === 'production') {
    const problems = [
      (!env.SMTP_HOST || LOOPBACK.test(env.SMTP_HOST)) && 'SMTP_HOST (the mail server) is not set or is a loopback address',
      (!env.MAIL_FROM || env.MAIL_FROM === d.mailFrom) && 'MAIL_FROM is not set or is the development sender',
      (!env.SMPP_HOST || LOOPBACK.test(env.SMPP_HOST)) && 'SMPP_HOST (the SMS centre) is not set or is a loopback address',
    ].filter(Boolean);
    if (problems.length) throw new ConfigError(`Refusing to start in production: ${problems.join('; ')}`);
  }
  return { mail, sms };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  // Production never runs on a development secret: a forged bank callback signed with the documented default
  // must find no process that accepts it.
  assertProductionSecrets(env);
  const dataDir = path.resolve(env.DATA_DIR ?? '.data');
  const port = env.PORT === undefined ? 3000 : Number(env.PORT);
  const config: PlatformConfig = {
    env: (env.NODE_ENV as PlatformConfig['env']) ?? 'development',
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL ?? '',
    temporalAddress: env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    temporalNamespace: env.TEMPORAL_NAMESPACE ?? 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE ?? 'service-delivery',
    dataDir,
    logLevel: (env.LOG_LEVEL ?? 'info') as PlatformConfig['logLevel'], // checked by the schema below
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    webhookAllowPrivateNetworks: (env.WEBHOOK_ALLOW_PRIVATE_NETWORKS ?? 'off') as PlatformConfig['webhookAllowPrivateNetworks'],
    rateLimits: rateLimitsFrom(env),
    temporalRpcTimeoutMs: env.TEMPORAL_RPC_TIMEOUT_MS === undefined ? 10_000 : Number(env.TEMPORAL_RPC_TIMEOUT_MS),
    sessions: {
      idleMinutes: env.SESSION_IDLE_MINUTES ? Number(env.SESSION_IDLE_MINUTES) : 15,
      maxHours: env.SESSION_MAX_HOURS ? Number(env.SESSION_MAX_HOURS) : 8,
    },
    messaging: messagingFrom(env),
  };
  if (env.METRICS_TOKEN) config.metricsToken = env.METRICS_TOKEN;
  if (env.REDIS_URL) config.redisUrl = env.REDIS_URL;
  if (env.DATABASE_OWNER_URL) config.databaseOwnerUrl = env.DATABASE_OWNER_URL;
  const nationalAuth = nationalAuthFrom(env);
  if (nationalAuth) config.nationalAuth = nationalAuth;
  const eidas = eidasFrom(env, config.publicUrl);
  if (eidas) config.eidas = eidas;
  if (config.env === 'production' && new URL(config.publicUrl).protocol !== 'https:') {
    // The session cookie is Secure and __Host- prefixed only behind https; production never sends it in the clear.
    throw new ConfigError(
      'Invalid configuration: PUBLIC_URL must be an https address in production (browser sessions need Secure cookies)',
    );
  }
  const documentSeals = documentSealsFrom(env);
  if (documentSeals) config.documentSeals = documentSeals;
  const oidcProvider = oidcProviderFrom(env);
  if (oidcProvider) config.oidcProvider = oidcProvider;
  const validate = configValidator();
  if (!validate(config)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return config;
}

let compiledConfigSchema: ValidateFunction | undefined;
function configValidator(): ValidateFunction {
  // useDefaults: false: the schema's defaults document what loadConfig fills in; the value is not changed here.
  compiledConfigSchema ??= createValidator({ strict: true, useDefaults: false, schemas: ['config'] }).getSchema(CONFIG_SCHEMA_ID)!;
  return compiledConfigSchema;
}
