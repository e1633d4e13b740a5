// Driving the platform's OpenID Provider over HTTP for the protocol tests: a platform browser session for a persona,
// an authorization request with PKCE followed hop by hop, the code exchange, and a second API instance with clients
// and keys of the test's own (the stack's portal secret is never known to tests).
import crypto from 'node:crypto';
import { expect } from 'chai';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK, type JWTPayload, type KeyLike } from 'jose';
import { stack } from '../../../setup';
import { TestBrowser } from '../../../simulators/browser';
import { loadConfig } from '../../../../forms/config';
import { startApi, type RunningApi } from '../../../../api/platform/server';
import { freePort } from '../../../../scripts/lib/free-port';

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  scope?: string;
}

export const TEST_REDIRECT = 'https://rp.example.test/callback';

/** A browser signed in to the platform at `apiUrl` as a demo persona (cookie sdp_session); answers its CSRF token. */
export async function signedInBrowser(apiUrl: string, persona = 'citizen-anna', browser = new TestBrowser()) {
  const res = await browser.request(`${apiUrl}/api/v1/auth/dev-session`, { json: { persona } });
  expect(res.status, 'dev session').to.equal(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { browser, csrfToken };
}

export async function signOut(browser: TestBrowser, apiUrl: string, csrfToken: string, everywhere = false) {
  const res = await browser.request(`${apiUrl}/api/v1/auth/session${everywhere ? '?everywhere=true' : ''}`, {
    method: 'DELETE',
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(res.status, 'sign-out').to.equal(204);
}

/** Follows redirects, recording every URL, until a location starts with `stopAt` or a page answers. */
export async function followAll(browser: TestBrowser, url: string, stopAt: string) {
  const visited: string[] = [];
  let current = url;
  for (let hops = 0; hops < 15; hops++) {
    visited.push(current);
    if (current.startsWith(stopAt)) return { visited, url: current };
    const response = await browser.request(current);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return { visited, url: current, response };
    await response.arrayBuffer();
    current = new URL(location, current).toString();
  }
  throw new Error(`too many redirects from ${url}`);
}

export function pkce() {
  const verifier = crypto.randomBytes(32).toString('base64url');
  const challenge = crypto.createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** An authorization request as `client` from `browser`; answers the callback's query (code or error) and the hops. */
export async function authorize(browser: TestBrowser, apiUrl: string, client: TestClient, extra: Record<string, string | undefined> = {}) {
  const { verifier, challenge } = pkce();
  const params = new URLSearchParams({
    client_id: client.client_id,
    redirect_uri: client.redirect_uris[0],
    response_type: 'code',
    scope: 'openid profile',
    state: crypto.randomBytes(8).toString('hex'),
    nonce: crypto.randomBytes(8).toString('hex'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) params.delete(key);
    else params.set(key, value);
  }
  const result = await followAll(browser, `${apiUrl}/oidc/auth?${params}`, client.redirect_uris[0]);
  const query = result.url.startsWith(client.redirect_uris[0]) ? new URL(result.url).searchParams : new URLSearchParams();
  if (query.get('state')) expect(query.get('state')).to.equal(params.get('state'));
  return { query, verifier, visited: result.visited, final: result };
}

export async function exchangeCode(apiUrl: string, client: TestClient, code: string, verifier: string) {
  const res = await fetch(`${apiUrl}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: client.redirect_uris[0], code_verifier: verifier }),
  });
  const body = (await res.json()) as { id_token?: string; access_token?: string; error?: string };
  return { status: res.status, body };
}

/** Verifies an ID token against the JWKS the provider at `apiUrl` publishes now. */
export async function verifyWithPublishedKeys(
  apiUrl: string,
  token: string,
  audience: string,
  issuer = `${apiUrl}/oidc`,
): Promise<JWTPayload> {
  const jwks = (await (await fetch(`${apiUrl}/oidc/jwks`)).json()) as { keys: Array<Record<string, unknown>> };
  const { payload } = await jwtVerify(token, createLocalJWKSet(jwks as never), { issuer, audience });
  return payload;
}

/** A second API on the stack's database with its own public URL (or `publicUrl`: a node behind the same address), data directory (keys) and registered clients. */
export async function providerApi(dataDir: string, clients: TestClient[], publicUrl?: string): Promise<RunningApi> {
  const port = await freePort();
  return startApi(
    loadConfig({
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: publicUrl ?? `http://127.0.0.1:${port}`,
      DATABASE_URL: stack.appDatabaseUrl,
      TEMPORAL_ADDRESS: stack.temporal.address,
      TEMPORAL_TASK_QUEUE: stack.taskQueue,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      OIDC_CLIENTS: JSON.stringify(clients),
    }),
    { db: stack.appDb, adapters: stack.adapters },
  );
}

/** An app's key on its device, for DPoP (RFC 9449). */
export interface DeviceKey {
  privateKey: KeyLike;
  jwk: JWK;
}

export async function deviceKey(): Promise<DeviceKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  return { privateKey, jwk: await exportJWK(publicKey) };
}

/** A public client's (an app's) call of the token endpoint with a DPoP proof. */
export async function appToken(apiUrl: string, clientId: string, key: DeviceKey, form: Record<string, string>) {
  const res = await fetch(`${apiUrl}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      dpop: await dpopProof(key, { htm: 'POST', htu: `${apiUrl}/oidc/token` }),
    },
    body: new URLSearchParams({ client_id: clientId, ...form }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

export interface ProofClaims {
  htm: string;
  htu: string;
  /** With it, the proof carries its hash (ath). */
  accessToken?: string;
  /** Seconds to move iat back by (a stale proof). */
  age?: number;
  jti?: string;
}

/** A DPoP proof (RFC 9449 §4) for one request. */
export function dpopProof(key: DeviceKey, claims: ProofClaims): Promise<string> {
  const ath = claims.accessToken ? crypto.createHash('sha256').update(claims.accessToken).digest('base64url') : undefined;
  return new SignJWT({ htm: claims.htm, htu: claims.htu, jti: claims.jti ?? crypto.randomUUID(), ...(ath ? { ath } : {}) })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.jwk })
    .setIssuedAt(Math.floor(Date.now() / 1000) - (claims.age ?? 0))
    .sign(key.privateKey);
}
