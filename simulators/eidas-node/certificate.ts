// A self-signed X.509 v3 certificate for a freshly generated RSA key, DER-encoded by hand (node:crypto makes keys but
// no certificates). Enough for SAML metadata and XML signatures: subject = issuer, SHA-256 with RSA, no extensions.
import crypto from 'node:crypto';

function der(tag: number, content: Buffer): Buffer {
  const length: number[] = [];
  for (let n = content.length; n > 0; n >>= 8) length.unshift(n & 0xff);
  const prefix = content.length < 0x80 ? [content.length] : [0x80 | length.length, ...length];
  return Buffer.concat([Buffer.from([tag, ...prefix]), content]);
}
const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const utf8 = (text: string) => der(0x0c, Buffer.from(text, 'utf8'));
const printable = (text: string) => der(0x13, Buffer.from(text, 'ascii'));

function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}

/** UTCTime YYMMDDHHMMSSZ (valid for years before 2050). */
const utcTime = (date: Date) => der(0x17, Buffer.from(date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z', 'ascii'));

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

function name(commonName: string, organisation: string, country: string): Buffer {
  return sequence(
    set(sequence(oid('2.5.4.6'), printable(country))),
    set(sequence(oid('2.5.4.10'), utf8(organisation))),
    set(sequence(oid('2.5.4.3'), utf8(commonName))),
  );
}

export interface SigningIdentity {
  privateKey: crypto.KeyObject;
  /** PEM of the certificate. */
  certificatePem: string;
  /** The certificate's base64 DER, as metadata and KeyInfo carry it. */
  certificateBase64: string;
}

export function selfSignedIdentity(commonName: string, organisation: string, country: string, days = 365): SigningIdentity {
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  const serial = crypto.randomBytes(16);
  serial[0] &= 0x7f; // positive
  const now = Date.now();
  const subject = name(commonName, organisation, country);
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))), // v3
    der(0x02, serial),
    SHA256_WITH_RSA,
    subject, // issuer: self-signed
    sequence(utcTime(new Date(now - 3600_000)), utcTime(new Date(now + days * 86400_000))),
    subject,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = crypto.sign('sha256', tbs, privateKey);
  const certificate = sequence(tbs, SHA256_WITH_RSA, der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = certificate.toString('base64');
  return {
    privateKey,
    certificateBase64: base64,
    certificatePem: `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`,
  };
}
