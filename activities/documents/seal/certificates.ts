// X.509 certificates of the demo seal CA and of each agency's seal (RFC 5280), written with node's crypto and the
// DER encodings of ./der. Only for development and tests: production is given its agencies' seal certificates,
// issued by a qualified trust service provider (DOCUMENT_SEAL_DIR), and never runs on these.
import crypto, { type KeyObject } from 'node:crypto';
import {
  bitString,
  booleanTrue,
  children,
  explicit,
  nullValue,
  objectIdentifier,
  octetString,
  printableString,
  readValue,
  sequence,
  setOf,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der';

export const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  countryName: '2.5.4.6',
  organizationName: '2.5.4.10',
  commonName: '2.5.4.3',
  organizationIdentifier: '2.5.4.97',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

export const algorithm = (oid: string, withNullParameters = true): Buffer =>
  withNullParameters ? sequence(objectIdentifier(oid), nullValue()) : sequence(objectIdentifier(oid));

/** The signature algorithm of a SHA-256 signature by this key: ECDSA (no parameters) or RSA PKCS #1 v1.5. */
export const sha256SignatureAlgorithm = (key: KeyObject): Buffer =>
  key.asymmetricKeyType === 'ec' ? algorithm(OID.ecdsaWithSha256, false) : algorithm(OID.sha256WithRsa);

/** A distinguished name: C=LV, O=…, organizationIdentifier (eIDAS: NTRLV-<registration number>), CN=…. */
export interface DistinguishedName {
  organization: string;
  commonName: string;
  organizationIdentifier?: string;
}

function name(dn: DistinguishedName): Buffer {
  const rdn = (oid: string, value: Buffer) => setOf(sequence(objectIdentifier(oid), value));
  return sequence(
    rdn(OID.countryName, printableString('LV')),
    rdn(OID.organizationName, utf8String(dn.organization)),
    ...(dn.organizationIdentifier ? [rdn(OID.organizationIdentifier, utf8String(dn.organizationIdentifier))] : []),
    rdn(OID.commonName, utf8String(dn.commonName)),
  );
}

const extension = (oid: string, critical: boolean, value: Buffer): Buffer =>
  sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value));

/** SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2, method 1). */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = readValue(publicKey.export({ type: 'spki', format: 'der' }));
  const bits = children(spki)[1].content.subarray(1);
  return crypto.createHash('sha1').update(bits).digest();
}

export interface IssuedCertificate {
  /** The certificate's DER. */
  der: Buffer;
  pem: string;
}

export function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

interface Issuer {
  name: DistinguishedName;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function issue(req: {
  subject: DistinguishedName;
  subjectKey: KeyObject;
  issuer: Issuer | 'self';
  validYears: number;
  authority: boolean;
  now: Date;
}): IssuedCertificate {
  const issuer: Issuer =
    req.issuer === 'self'
      ? { name: req.subject, privateKey: req.subjectKey, publicKey: crypto.createPublicKey(req.subjectKey) }
      : req.issuer;
  const publicKey = crypto.createPublicKey(req.subjectKey);
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f;
  const notBefore = new Date(req.now.getTime() - 60 * 60 * 1000);
  const notAfter = new Date(req.now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + req.validYears);
  // keyUsage bits: digitalSignature (0) and contentCommitment (1) for a seal; keyCertSign (5) and cRLSign (6) for a CA.
  const keyUsage = req.authority ? bitString(Buffer.from([0x06]), 1) : bitString(Buffer.from([0xc0]), 6);
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    sha256SignatureAlgorithm(issuer.privateKey),
    name(issuer.name),
    sequence(time(notBefore), time(notAfter)),
    name(req.subject),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(
      3,
      sequence(
        extension(OID.basicConstraints, true, req.authority ? sequence(booleanTrue()) : sequence()),
        extension(OID.keyUsage, true, keyUsage),
        extension(OID.subjectKeyIdentifier, false, octetString(keyIdentifier(publicKey))),
        ...(req.issuer === 'self'
          ? []
          : [
              extension(
                OID.authorityKeyIdentifier,
                false,
                sequence(Buffer.concat([Buffer.from([0x80, 20]), keyIdentifier(issuer.publicKey)])),
              ),
            ]),
      ),
    ),
  );
  const signature = crypto.sign('sha256', tbs, issuer.privateKey);
  const der = sequence(tbs, sha256SignatureAlgorithm(issuer.privateKey), bitString(signature));
  return { der, pem: toPem(der) };
}

/** ECDSA P-256: as strong as RSA-3072 and made in a millisecond, so a test or a first start does not wait for it. */
const newKey = (): KeyObject => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

export interface DemoAuthority {
  privateKey: KeyObject;
  certificate: IssuedCertificate;
}

export const DEMO_CA_NAME: DistinguishedName = {
  organization: 'Valsts pakalpojumu platforma (demo)',
  commonName: 'SDP demo seal CA (not for production)',
};

export function createDemoAuthority(now = new Date()): DemoAuthority {
  const privateKey = newKey();
  return {
    privateKey,
    certificate: issue({ subject: DEMO_CA_NAME, subjectKey: privateKey, issuer: 'self', validYears: 20, authority: true, now }),
  };
}

export interface AgencyForSeal {
  id: string;
  name: string;
  registrationNumber: string;
}

/** An agency's electronic seal certificate (subject: the agency, organizationIdentifier NTRLV-<registration number>). */
export function issueDemoSeal(
  authority: DemoAuthority,
  agency: AgencyForSeal,
  now = new Date(),
): { privateKey: KeyObject; certificate: IssuedCertificate } {
  const privateKey = newKey();
  const certificate = issue({
    subject: { organization: agency.name, commonName: agency.name, organizationIdentifier: `NTRLV-${agency.registrationNumber}` },
    subjectKey: privateKey,
    issuer: { name: DEMO_CA_NAME, privateKey: authority.privateKey, publicKey: crypto.createPublicKey(authority.privateKey) },
    validYears: 3,
    authority: false,
    now,
  });
  return { privateKey, certificate };
}

/** The issuer name (DER) and serial number (DER INTEGER) of a certificate: how CMS names its signer. */
export function issuerAndSerial(certificateDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const tbs = children(readValue(certificateDer))[0];
  const fields = children(tbs);
  const offset = fields[0].tag === 0xa0 ? 1 : 0; // the version is optional (v1)
  return { serial: fields[offset].encoded, issuer: fields[offset + 2].encoded };
}

/** Every certificate in a PEM text, as DER, in order. */
export function certificatesFromPem(pem: string): Buffer[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) =>
    Buffer.from(m[1].replace(/\s+/g, ''), 'base64'),
  );
}
