// The OpenID Provider's keys. Signing keys come from configuration (OIDC_JWKS) or are generated at first start under
// DATA_DIR/keys (owner-only, never committed). Rotation without downtime: `rotateSigningKeys` puts a new key first
// and keeps the one before it, so the published JWKS holds both and tokens signed before the rotation still verify
// until they expire; the provider signs with the first key. Cookie keys: OIDC_COOKIE_KEYS or generated likewise.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PlatformConfig } from '../../../../forms/config';

export type PrivateJwk = Record<string, unknown> & { kid: string; kty: string };

/** The published set: the current key and the one before it. */
const KEPT_KEYS = 2;
const SIGNING_FILE = 'oidc-signing.jwks.json';
const COOKIE_FILE = 'oidc-cookie-keys.json';

export function newSigningKey(): PrivateJwk {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' }) as Record<string, unknown>;
  return {
    ...jwk,
    kty: 'RSA',
    kid: `sdp-op-${Date.now().toString(36)}-${crypto.randomBytes(3).toString('hex')}`,
    alg: 'RS256',
    use: 'sig',
  };
}

function keyFile(dataDir: string, name: string): string {
  return path.join(dataDir, 'keys', name);
}

/** Writes a file readable by its owner only, atomically (a reader sees the old or the new content, never half). */
function writePrivate(file: string, content: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The value in `file`, or `make()`'s written there first ('wx': of two processes starting at once, one writes). */
function readOrCreate<T>(file: string, make: () => T): T {
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.writeFileSync(file, JSON.stringify(make()), { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

/** The signing keys, newest first: configured, or generated at first start. */
export function signingKeys(config: PlatformConfig): PrivateJwk[] {
  const configured = config.oidcProvider?.jwks?.keys as PrivateJwk[] | undefined;
  if (configured?.length) return configured;
  return readOrCreate(keyFile(config.dataDir, SIGNING_FILE), () => ({ keys: [newSigningKey()] })).keys;
}

/** Puts a new signing key first and keeps the previous one published; answers the new key set. */
export function rotateSigningKeys(dataDir: string): PrivateJwk[] {
  const file = keyFile(dataDir, SIGNING_FILE);
  const current = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { keys: PrivateJwk[] }).keys : [];
  const keys = [newSigningKey(), ...current].slice(0, KEPT_KEYS);
  writePrivate(file, { keys });
  return keys;
}

export function cookieKeys(config: PlatformConfig): string[] {
  if (config.oidcProvider?.cookieKeys?.length) return config.oidcProvider.cookieKeys;
  return readOrCreate(keyFile(config.dataDir, COOKIE_FILE), () => [crypto.randomBytes(32).toString('base64url')]);
}

/** Outside production only: the launcher's rotation (`npx tsx api/platform/auth/provider/keys.ts rotate`). */
if (require.main === module && process.argv[2] === 'rotate') {
  const keys = rotateSigningKeys(path.resolve(process.env.DATA_DIR ?? '.data'));
  console.log(
    `Signing with ${keys[0].kid}; still published: ${
      keys
        .slice(1)
        .map((k) => k.kid)
        .join(', ') || 'none'
    }`,
  );
}
