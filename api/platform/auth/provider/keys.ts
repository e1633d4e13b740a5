// The OpenID Provider's keys. Signing keys come from configuration (OIDC_JWKS) or are generated at first start under
// DATA_DIR/keys (owner-only, never committed). The provider signs with the first key and publishes them all.
// Rotation without downtime, in two steps so that several nodes never disagree: `stage` adds a new key LAST
// (published by every node once they reload, signing nowhere yet); `promote` moves it first (it signs; the key
// before it stays published, so tokens signed earlier verify until they expire). With OIDC_JWKS the operator does
// the same with the list's order. `rotate` does both at once (one node). Cookie keys: OIDC_COOKIE_KEYS or generated.
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

interface KeyFile {
  keys: PrivateJwk[];
  /** A staged key (last in `keys`): published, not signing until promoted. */
  staged?: string;
}

function readKeyFile(dataDir: string): KeyFile {
  const file = keyFile(dataDir, SIGNING_FILE);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile) : { keys: [] };
}

/** Step 1: a new key, published last (not signing); the signing key and the one before it stay. Answers the set. */
export function stageSigningKey(dataDir: string): PrivateJwk[] {
  const found = readKeyFile(dataDir);
  if (found.staged) return found.keys; // staged already: promote it first
  const next = newSigningKey();
  const keys = [...found.keys.slice(0, KEPT_KEYS), next];
  writePrivate(keyFile(dataDir, SIGNING_FILE), { keys, staged: next.kid } satisfies KeyFile);
  return keys;
}

/** Step 2: the staged key signs; the key that signed before stays published, older ones are dropped. */
export function promoteSigningKey(dataDir: string): PrivateJwk[] {
  const found = readKeyFile(dataDir);
  const staged = found.keys.find((k) => k.kid === found.staged);
  if (!staged) throw new Error('No staged signing key: run "stage" first.');
  const keys = [staged, ...found.keys.filter((k) => k.kid !== staged.kid)].slice(0, KEPT_KEYS);
  writePrivate(keyFile(dataDir, SIGNING_FILE), { keys } satisfies KeyFile);
  return keys;
}

/** Both steps at once (a single node): a new key first, the previous one still published; answers the new set. */
export function rotateSigningKeys(dataDir: string): PrivateJwk[] {
  stageSigningKey(dataDir);
  return promoteSigningKey(dataDir);
}

export function cookieKeys(config: PlatformConfig): string[] {
  if (config.oidcProvider?.cookieKeys?.length) return config.oidcProvider.cookieKeys;
  return readOrCreate(keyFile(config.dataDir, COOKIE_FILE), () => [crypto.randomBytes(32).toString('base64url')]);
}

/** Outside production only (production keys come from OIDC_JWKS): `npx tsx api/platform/auth/provider/keys.ts rotate`. */
if (require.main === module) {
  const step = { stage: stageSigningKey, promote: promoteSigningKey, rotate: rotateSigningKeys }[process.argv[2] ?? ''];
  if (!step) {
    console.error('usage: keys.ts stage | promote | rotate');
    process.exit(2);
  }
  const keys = step(path.resolve(process.env.DATA_DIR ?? '.data'));
  console.log(`Published, the first signing: ${keys.map((k) => k.kid).join(', ')}`);
}
