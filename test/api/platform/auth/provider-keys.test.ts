// The OpenID Provider's keys and registration (issue 16 §2): generated at first start under DATA_DIR/keys (owner-only)
// and the same at the next start, replaced by configuration when given; rotation puts a new key first and keeps the
// previous one; production refuses to run the provider on generated keys or weak client secrets.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import {
  cookieKeys,
  newSigningKey,
  promoteSigningKey,
  rotateSigningKeys,
  signingKeys,
  stageSigningKey,
} from '../../../../api/platform/auth/provider/keys';
import { loadConfig, type PlatformConfig } from '../../../../forms/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  PAYMENT_INITIATION_SECRET: crypto.randomBytes(24).toString('base64url'),
  DATABASE_URL: `postgres://sdp_app:${crypto.randomBytes(18).toString('base64url')}@db.internal:5432/sdp`,
  PUBLIC_URL: 'https://portal.gov.lv',
  DOCUMENT_SEAL_DIR: '/etc/sdp/seals',
  SMTP_HOST: 'smtp.vraa.gov.lv',
  MAIL_FROM: 'Latvija.gov.lv <no-reply@latvija.gov.lv>',
  SMPP_HOST: 'smsc.vraa.gov.lv',
  SMPP_PASSWORD: 'Qz7#pL2x',
};
const DEVELOPMENT = { DATABASE_URL: 'postgres://sdp_app@127.0.0.1:5432/sdp' };
const portal = (secret: string) => ({ client_id: 'portal', client_secret: secret, redirect_uris: ['https://portal.example.lv/cb'] });

describe('api/platform/auth/provider: keys and registration', () => {
  let dataDir: string;
  const config = (extra: Partial<PlatformConfig> = {}) => ({ dataDir, ...extra }) as PlatformConfig;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdp-op-keys-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('generates a signing key and a cookie key at first start, owner-only, and keeps them', () => {
    const [key] = signingKeys(config());
    expect(key).to.include({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(key).to.have.property('d');
    const file = path.join(dataDir, 'keys', 'oidc-signing.jwks.json');
    expect(fs.statSync(file).mode & 0o777).to.equal(0o600);
    expect(signingKeys(config())[0].kid, 'the same key at the next start').to.equal(key.kid);
    const cookies = cookieKeys(config());
    expect(cookies).to.have.length(1);
    expect(cookies[0].length).to.be.at.least(32);
    expect(cookieKeys(config())).to.deep.equal(cookies);
  });

  it('uses configured keys instead of generating any', () => {
    const configured = newSigningKey();
    const keys = signingKeys(config({ oidcProvider: { clients: [], jwks: { keys: [configured] }, cookieKeys: ['c'.repeat(40)] } }));
    expect(keys.map((k) => k.kid)).to.deep.equal([configured.kid]);
    expect(cookieKeys(config({ oidcProvider: { clients: [], cookieKeys: ['c'.repeat(40)] } }))).to.deep.equal(['c'.repeat(40)]);
    expect(fs.existsSync(path.join(dataDir, 'keys')), 'nothing generated').to.equal(false);
  });

  it('rotates: the new key first, the previous one still published, older ones dropped', () => {
    const first = signingKeys(config())[0].kid;
    const second = rotateSigningKeys(dataDir);
    expect(second.map((k) => k.kid)).to.deep.equal([second[0].kid, first]);
    const third = rotateSigningKeys(dataDir);
    expect(third.map((k) => k.kid)).to.deep.equal([third[0].kid, second[0].kid]);
    expect(signingKeys(config()).map((k) => k.kid)).to.deep.equal(third.map((k) => k.kid));
  });

  it('rotates in two steps for several nodes: staged last (published, not signing), then promoted first', () => {
    const current = signingKeys(config())[0].kid;
    const staged = stageSigningKey(dataDir);
    expect(staged[0].kid, 'the current key still signs').to.equal(current);
    expect(staged).to.have.length(2);
    expect(
      stageSigningKey(dataDir).map((k) => k.kid),
      'staging twice stages one key',
    ).to.deep.equal(staged.map((k) => k.kid));
    const promoted = promoteSigningKey(dataDir);
    expect(promoted.map((k) => k.kid)).to.deep.equal([staged[1].kid, current]);
    expect(() => promoteSigningKey(dataDir)).to.throw(/No staged signing key/);
  });

  it('reads registered clients and keys from the environment', () => {
    const jwks = { keys: [newSigningKey()] };
    const loaded = loadConfig({
      ...DEVELOPMENT,
      OIDC_CLIENTS: JSON.stringify([portal('s'.repeat(32))]),
      OIDC_JWKS: JSON.stringify(jwks),
      OIDC_COOKIE_KEYS: `${'a'.repeat(32)}, ${'b'.repeat(32)}`,
    });
    expect(loaded.oidcProvider?.clients.map((c) => c.client_id)).to.deep.equal(['portal']);
    expect(loaded.oidcProvider?.jwks?.keys[0].kid).to.equal(jwks.keys[0].kid);
    expect(loaded.oidcProvider?.cookieKeys).to.deep.equal(['a'.repeat(32), 'b'.repeat(32)]);
    expect(() => loadConfig({ ...DEVELOPMENT, OIDC_CLIENTS: '[{' })).to.throw(/OIDC_CLIENTS is not valid JSON/);
    expect(() => loadConfig({ ...DEVELOPMENT, OIDC_CLIENTS: '{"client_id":"x"}' })).to.throw(/OIDC_CLIENTS must be a JSON array/);
    expect(() =>
      loadConfig({ ...DEVELOPMENT, OIDC_CLIENTS: JSON.stringify([{ client_id: 'x', token_endpoint_auth_method: 'magic' }]) }),
    ).to.throw(/Invalid configuration/);
  });

  it('production: refuses registered clients without configured keys, and short client secrets', () => {
    const clients = JSON.stringify([portal(crypto.randomBytes(32).toString('base64url'))]);
    expect(() => loadConfig({ ...PRODUCTION, OIDC_CLIENTS: clients })).to.throw(/configured without OIDC_JWKS and OIDC_COOKIE_KEYS/);
    const keys = { OIDC_JWKS: JSON.stringify({ keys: [newSigningKey()] }), OIDC_COOKIE_KEYS: crypto.randomBytes(32).toString('base64url') };
    expect(loadConfig({ ...PRODUCTION, ...keys, OIDC_CLIENTS: clients }).oidcProvider?.clients).to.have.length(1);
    expect(() => loadConfig({ ...PRODUCTION, ...keys, OIDC_CLIENTS: JSON.stringify([portal('short-but-16-chars')]) })).to.throw(
      /secrets shorter than 32 characters \(portal\)/,
    );
  });
});
