// A CAdES signature as PAdES-B-B wants it (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): a detached CMS
// SignedData (RFC 5652) over the PDF's byte range, with the signed attributes content-type, message-digest and
// signing-certificate-v2 (RFC 5035, ESSCertIDv2), and no signing-time (PAdES puts the time in the signature
// dictionary's /M). The certificates field carries the seal certificate and its chain.
import crypto, { type KeyObject } from 'node:crypto';
import { explicit, implicitConstructed, objectIdentifier, octetString, sequence, setOf, smallInteger, tlv } from './der';
import { OID as X509_OID, algorithm, issuerAndSerial, sha256SignatureAlgorithm } from './certificates';

const OID = {
  signedData: '1.2.840.113549.1.7.2',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

export interface SealKey {
  privateKey: KeyObject;
  /** The seal certificate first, then its chain (DER). */
  certificates: Buffer[];
}

const attribute = (oid: string, value: Buffer): Buffer => sequence(objectIdentifier(oid), setOf(value));

/** DER of the CMS ContentInfo holding the detached SignedData over `content`. */
export function signDetached(content: Buffer, seal: SealKey): Buffer {
  const [certificate] = seal.certificates;
  const { issuer, serial } = issuerAndSerial(certificate);
  const signedAttributes = [
    attribute(OID.contentType, objectIdentifier(OID.data)),
    attribute(OID.messageDigest, octetString(crypto.createHash('sha256').update(content).digest())),
    // ESSCertIDv2 with the default hash algorithm (SHA-256), which DER leaves out; issuerSerial's issuer is a
    // GeneralNames with one directoryName ([4]).
    attribute(
      OID.signingCertificateV2,
      sequence(
        sequence(
          sequence(octetString(crypto.createHash('sha256').update(certificate).digest()), sequence(sequence(explicit(4, issuer)), serial)),
        ),
      ),
    ),
  ];
  // The signature is over the DER of the SET OF the attributes; SignerInfo carries the same bytes tagged [0].
  const signedAttributesSet = setOf(...signedAttributes);
  const signature = crypto.sign('sha256', signedAttributesSet, seal.privateKey);
  const signerInfo = sequence(
    smallInteger(1),
    sequence(issuer, serial),
    algorithm(X509_OID.sha256, false),
    implicitConstructed(0, signedAttributesSet),
    // RSA keys sign with PKCS #1 v1.5, named rsaEncryption here as most signers do; EC keys with ECDSA.
    seal.privateKey.asymmetricKeyType === 'ec' ? sha256SignatureAlgorithm(seal.privateKey) : algorithm(X509_OID.rsaEncryption),
    octetString(signature),
  );
  const signedData = sequence(
    smallInteger(1),
    setOf(algorithm(X509_OID.sha256, false)),
    sequence(objectIdentifier(OID.data)),
    tlv(0xa0, Buffer.concat(seal.certificates)),
    setOf(signerInfo),
  );
  return sequence(objectIdentifier(OID.signedData), explicit(0, signedData));
}
