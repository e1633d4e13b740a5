// Where each agency's seal comes from. Production: DOCUMENT_SEAL_DIR, one `<agency id>.pem` per agency holding its
// private key, its seal certificate and the certificate's chain (issued by a trust service provider), checked at
// start. Elsewhere: a demo seal CA made at first start and one seal certificate per agency made on its first
// document, all under DATA_DIR/keys/seals (owner-only files, never committed).
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SealKey } from './cms';
import { certificatesFromPem, createDemoAuthority, issueDemoSeal, type AgencyForSeal, type DemoAuthority } from './certificates';

export interface SealStore {
  /** Configured: the agencies' own seals; demo: generated under the data directory. */
  readonly source: 'configured' | 'demo';
  /** The seal of an agency; throws (a retryable failure) when a configured store has none for it. */
  sealFor(agency: AgencyForSeal): SealKey;
  /** The demo CA's certificate (PEM), which a verifier trusts in development and tests; null when configured. */
  readonly demoAuthorityPem: string | null;
}

export class SealConfigurationError extends Error {}

interface SealFile {
  privateKey: KeyObject;
  certificates: Buffer[];
}

function readSealFile(file: string): SealFile {
  const pem = fs.readFileSync(file, 'utf8');
  const keyPem = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----[\s\S]*?-----END (?:RSA |EC )?PRIVATE KEY-----/.exec(pem);
  if (!keyPem) throw new SealConfigurationError(`${file} holds no private key (PEM, unencrypted)`);
  const certificates = certificatesFromPem(pem);
  if (certificates.length === 0) throw new SealConfigurationError(`${file} holds no certificate`);
  const privateKey = crypto.createPrivateKey(keyPem[0]);
  const certificate = new crypto.X509Certificate(certificates[0]);
  if (!certificate.checkPrivateKey(privateKey))
    throw new SealConfigurationError(
      `${file}: the first certificate is not the private key's (put the seal certificate first, then its chain)`,
    );
  if (new Date(certificate.validTo).getTime() < Date.now())
    throw new SealConfigurationError(`${file}: the seal certificate expired on ${certificate.validTo}`);
  return { privateKey, certificates };
}

/** Writes a file only if it is not there yet; a process losing the race reads the winner's. */
function writeOnce(file: string, content: string): void {
  try {
    fs.writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
}

const pemOf = (privateKey: KeyObject, certificatePems: string[]): string =>
  `${privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}${certificatePems.join('')}`;

/** Agency ids name files: only the ids the agencies table allows (no path separators). */
function assertAgencyId(id: string): void {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) throw new SealConfigurationError(`not an agency id: ${id}`);
}

function configuredStore(directory: string): SealStore {
  if (!fs.existsSync(directory) || !fs.statSync(directory).isDirectory())
    throw new SealConfigurationError(`DOCUMENT_SEAL_DIR ${directory} is not a directory`);
  const seals = new Map<string, SealFile>();
  for (const entry of fs.readdirSync(directory).filter((f) => f.endsWith('.pem')))
    seals.set(entry.slice(0, -'.pem'.length), readSealFile(path.join(directory, entry)));
  if (seals.size === 0) throw new SealConfigurationError(`DOCUMENT_SEAL_DIR ${directory} holds no <agency id>.pem seal`);
  return {
    source: 'configured',
    demoAuthorityPem: null,
    sealFor(agency) {
      assertAgencyId(agency.id);
      let seal = seals.get(agency.id);
      // A seal added while the worker runs is taken up by the activity's next retry, without a restart.
      const file = path.join(directory, `${agency.id}.pem`);
      if (!seal && fs.existsSync(file)) {
        seal = readSealFile(file);
        seals.set(agency.id, seal);
      }
      if (!seal) throw new SealConfigurationError(`no electronic seal is configured for agency ${agency.id} (${file})`);
      return seal;
    },
  };
}

function demoStore(dataDir: string): SealStore {
  const directory = path.join(dataDir, 'keys', 'seals');
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  const authorityFile = path.join(directory, 'demo-ca.pem');
  if (!fs.existsSync(authorityFile)) {
    const created = createDemoAuthority();
    writeOnce(authorityFile, pemOf(created.privateKey, [created.certificate.pem]));
  }
  const stored = readSealFile(authorityFile);
  const authority: DemoAuthority = {
    privateKey: stored.privateKey,
    certificate: { der: stored.certificates[0], pem: new crypto.X509Certificate(stored.certificates[0]).toString() },
  };
  const seals = new Map<string, SealFile>();
  return {
    source: 'demo',
    demoAuthorityPem: authority.certificate.pem,
    sealFor(agency) {
      assertAgencyId(agency.id);
      let seal = seals.get(agency.id);
      if (!seal) {
        const file = path.join(directory, `${agency.id}.pem`);
        if (!fs.existsSync(file)) {
          const issued = issueDemoSeal(authority, agency);
          writeOnce(file, pemOf(issued.privateKey, [issued.certificate.pem, authority.certificate.pem]));
        }
        seal = readSealFile(file);
        seals.set(agency.id, seal);
      }
      return seal;
    },
  };
}

/**
 * The seal store of this process: the configured directory when given (always in production: loadConfig refuses
 * production without it), else the demo CA under the data directory.
 */
export function openSealStore(config: { dataDir: string; documentSeals?: { directory: string } }): SealStore {
  return config.documentSeals ? configuredStore(config.documentSeals.directory) : demoStore(config.dataDir);
}
