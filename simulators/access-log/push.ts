// A register pushes its access log to the platform (POST /api/v1/registers/access-logs) every few seconds, with a
// client-credentials token from the platform's OpenID Provider (private_key_jwt: the register's own key). A batch
// that fails is sent again at the next round; one the platform refuses as invalid (422) is reported and set aside.
import crypto from 'node:crypto';
import { importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import type { AccessLog } from './log';

export interface AccessLogPushOptions {
  /** The platform's OpenID Provider issuer (…/oidc): the token endpoint is `${issuer}/token`. */
  issuer: string;
  /** The platform's API base URL (…): the push goes to `${apiUrl}/api/v1/registers/access-logs`. */
  apiUrl: string;
  clientId: string;
  /** The register's private signing key (ES256, with its kid), whose public half the platform has registered. */
  privateJwk: JWK;
  /** Every few seconds (default 5 s; ACCESS_LOG_PUSH_INTERVAL_MS). */
  intervalMs?: number;
}

const BATCH = 500;

export function startAccessLogPush(log: AccessLog, opts: AccessLogPushOptions): { stop(): void; pushNow(): Promise<void> } {
  const tokenUrl = `${opts.issuer.replace(/\/+$/, '')}/token`;
  const pushUrl = `${opts.apiUrl.replace(/\/+$/, '')}/api/v1/registers/access-logs`;
  let key: KeyLike | Uint8Array | null = null;
  let token: { value: string; until: number } | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function accessToken(): Promise<string> {
    if (token && token.until > Date.now()) return token.value;
    key ??= await importJWK(opts.privateJwk, 'ES256');
    const assertion = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: 'ES256', kid: opts.privateJwk.kid })
      .setIssuer(opts.clientId)
      .setSubject(opts.clientId)
      .setAudience(tokenUrl)
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(key);
    const res = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        scope: 'api:register-access-logs',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
    const body = (await res.json()) as { access_token: string; expires_in?: number };
    token = { value: body.access_token, until: Date.now() + Math.max(10, (body.expires_in ?? 60) - 30) * 1000 };
    return token.value;
  }

  async function pushOnce(): Promise<void> {
    const batch = log.unsent(BATCH);
    if (batch.length === 0) return;
    const res = await fetch(pushUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await accessToken()}` },
      body: JSON.stringify({ register: log.register, records: batch }),
      signal: AbortSignal.timeout(15_000),
    });
    if (res.status === 401) token = null; // expired or the platform restarted with new keys: a new token next round
    if (res.status === 422) {
      console.error(`${log.register}: the platform refused the access-log batch: ${await res.text()}`);
      log.markSent(batch.map((r) => r.recordId)); // sending it again would be refused again
      return;
    }
    if (!res.ok) throw new Error(`push answered ${res.status}`);
    log.markSent(batch.map((r) => r.recordId));
  }

  /** One round; a failure (platform not up yet, a network error) leaves the records for the next. */
  const round = (): Promise<void> => {
    running ??= pushOnce()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void round();
  }, opts.intervalMs ?? 5000);
  timer.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(timer);
    },
    pushNow: round,
  };
}
