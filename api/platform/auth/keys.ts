// Token signing keys. Generated at first start under DATA_DIR/keys (never committed); the private key file is
// readable by the owner only. Production replaces them through configuration (a later OIDC issue).
import fs from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';

export interface SigningKeys {
  kid: string;
  privateKey: KeyLike | Uint8Array;
  publicKey: KeyLike | Uint8Array;
  publicJwk: JWK;
}

const ALG = 'ES256';

export async function loadOrCreateKeys(dataDir: string): Promise<SigningKeys> {
  const dir = path.join(dataDir, 'keys');
  const file = path.join(dir, 'token-signing.jwk.json');
  let privateJwk: JWK;
  if (fs.existsSync(file)) {
    privateJwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair(ALG, { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), alg: ALG, kid: `sdp-${Date.now().toString(36)}` };
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 'wx' so that two processes starting at once cannot both write: the loser reads the winner's key.
    try {
      fs.writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      privateJwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
    }
  }
  const { d: _d, ...publicJwk } = privateJwk;
  return {
    kid: String(privateJwk.kid),
    privateKey: await importJWK(privateJwk, ALG),
    publicKey: await importJWK(publicJwk, ALG),
    publicJwk,
  };
}
