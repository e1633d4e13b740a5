// The eIDAS node's SAML metadata, read for what a service provider needs: its entityID (the Issuer its assertions
// carry), its signing certificate(s) and its SingleSignOnService URL for the HTTP-Redirect binding. Parsed with saxes
// (namespace-aware); the metadata is trusted as configured (fetched from the configured URL), so it is not signed.
import { SaxesParser } from 'saxes';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DS = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export interface NodeMetadata {
  entityId: string;
  /** Base64 DER certificates the node signs with. */
  signingCertificates: string[];
  ssoRedirectUrl: string;
}

export function readNodeMetadata(xml: string): NodeMetadata {
  const parser = new SaxesParser({ xmlns: true });
  let entityId = '';
  let ssoRedirectUrl = '';
  let inIdp = false;
  let keyUse: string | null = null;
  let inCertificate = false;
  let certificate = '';
  const signingCertificates: string[] = [];
  parser.on('opentag', (node) => {
    if (node.uri === MD && node.local === 'EntityDescriptor' && !entityId) entityId = node.attributes.entityID?.value ?? '';
    if (node.uri === MD && node.local === 'IDPSSODescriptor') inIdp = true;
    if (!inIdp) return;
    if (node.uri === MD && node.local === 'KeyDescriptor') keyUse = node.attributes.use?.value ?? 'signing';
    if (node.uri === DS && node.local === 'X509Certificate' && keyUse === 'signing') {
      inCertificate = true;
      certificate = '';
    }
    if (node.uri === MD && node.local === 'SingleSignOnService' && node.attributes.Binding?.value === REDIRECT && !ssoRedirectUrl) {
      ssoRedirectUrl = node.attributes.Location?.value ?? '';
    }
  });
  parser.on('text', (text) => {
    if (inCertificate) certificate += text;
  });
  parser.on('closetag', (node) => {
    if (node.uri === DS && node.local === 'X509Certificate' && inCertificate) {
      inCertificate = false;
      signingCertificates.push(certificate.replace(/\s+/g, ''));
    }
    if (node.uri === MD && node.local === 'KeyDescriptor') keyUse = null;
    if (node.uri === MD && node.local === 'IDPSSODescriptor') inIdp = false;
  });
  parser.write(xml).close();
  if (!entityId || !ssoRedirectUrl || signingCertificates.length === 0) {
    throw new Error('the eIDAS node metadata lacks an entityID, a signing certificate or an HTTP-Redirect SSO endpoint');
  }
  return { entityId, signingCertificates, ssoRedirectUrl };
}
