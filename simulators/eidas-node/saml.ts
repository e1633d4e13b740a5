// SAML 2.0 as the eIDAS node speaks it: reading an AuthnRequest, writing the Response with a signed Assertion (and a
// signed Response around it: RSA-SHA256, exclusive c14n, enveloped signatures placed after the Issuer), and the IdP
// metadata. XML is written from templates with every value escaped; the signature is xml-crypto's.
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { SaxesParser } from 'saxes';
import { SignedXml } from 'xml-crypto';
import type { SigningIdentity } from './certificate';
import type { EuCitizen } from './citizens';

export type LevelOfAssurance = 'low' | 'substantial' | 'high';
export const LEVELS: LevelOfAssurance[] = ['low', 'substantial', 'high'];
export const EIDAS_LOA_PREFIX = 'http://eidas.europa.eu/LoA/';
export const NATURAL_PERSON = 'http://eidas.europa.eu/attributes/naturalperson/';

const PROTOCOL = 'urn:oasis:names:tc:SAML:2.0:protocol';
const ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

const xml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface AuthnRequest {
  id: string;
  /** The service provider's entityID. */
  issuer: string;
  assertionConsumerServiceUrl: string | null;
  /** The lowest level the request accepts (its RequestedAuthnContext, eIDAS levels being minimums); null: any. */
  minimumLevel: LevelOfAssurance | null;
}

/** The AuthnRequest of a SAMLRequest parameter: deflated for HTTP-Redirect, base64 (deflated or not) for HTTP-POST. */
export function readAuthnRequest(samlRequest: string, binding: 'redirect' | 'post'): AuthnRequest {
  const raw = Buffer.from(samlRequest, 'base64');
  // The POST binding carries plain XML, but some SPs (node-saml by default) deflate it there too: accept both.
  const deflated = binding === 'redirect' || !raw.toString('utf8').trimStart().startsWith('<');
  const text = (deflated ? zlib.inflateRawSync(raw) : raw).toString('utf8');
  const parser = new SaxesParser({ xmlns: true });
  const path: string[] = [];
  let request: Partial<AuthnRequest> & { levels: LevelOfAssurance[] } = { levels: [] };
  let textBuffer = '';
  parser.on('opentag', (node) => {
    path.push(node.local);
    textBuffer = '';
    if (path.length === 1) {
      if (node.local !== 'AuthnRequest' || node.uri !== PROTOCOL) throw new Error('not a SAML 2.0 AuthnRequest');
      request = {
        ...request,
        id: node.attributes.ID?.value,
        assertionConsumerServiceUrl: node.attributes.AssertionConsumerServiceURL?.value ?? null,
      };
    }
  });
  parser.on('text', (chunk) => {
    textBuffer += chunk;
  });
  parser.on('closetag', (node) => {
    const where = path.join('/');
    if (where === 'AuthnRequest/Issuer' && node.uri === ASSERTION) request.issuer = textBuffer.trim();
    if (where === 'AuthnRequest/RequestedAuthnContext/AuthnContextClassRef') {
      const value = textBuffer.trim();
      if (value.startsWith(EIDAS_LOA_PREFIX) && LEVELS.includes(value.slice(EIDAS_LOA_PREFIX.length) as LevelOfAssurance)) {
        request.levels.push(value.slice(EIDAS_LOA_PREFIX.length) as LevelOfAssurance);
      }
    }
    path.pop();
  });
  parser.write(text).close();
  if (!request.id || !request.issuer) throw new Error('the AuthnRequest has no ID or no Issuer');
  const ranks = request.levels.map((level) => LEVELS.indexOf(level));
  return {
    id: request.id,
    issuer: request.issuer,
    assertionConsumerServiceUrl: request.assertionConsumerServiceUrl ?? null,
    minimumLevel: ranks.length ? LEVELS[Math.min(...ranks)] : null,
  };
}

const newId = () => `_${crypto.randomBytes(20).toString('hex')}`;

/** Signs the document's root element with an enveloped signature placed right after its Issuer (schema order). */
function signRoot(document: string, identity: SigningIdentity): string {
  const signer = new SignedXml({
    privateKey: identity.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicCert: identity.certificatePem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.addReference({ xpath: '/*', transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  signer.computeSignature(document, { prefix: 'ds', location: { reference: "/*/*[local-name(.)='Issuer']", action: 'after' } });
  return signer.getSignedXml();
}

export interface ResponseInput {
  idpEntityId: string;
  request: AuthnRequest;
  acsUrl: string;
  /** The node's clock (Date.now() plus any simulated offset). */
  now: number;
  lifetimeSeconds: number;
  identity: SigningIdentity;
}

function attribute(name: string, type: string, value: string): string {
  return (
    `<saml:Attribute FriendlyName="${name}" Name="${NATURAL_PERSON}${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
    `<saml:AttributeValue xsi:type="eidas-natural:${type}">${xml(value)}</saml:AttributeValue></saml:Attribute>`
  );
}

/** A Success Response carrying one signed Assertion about the citizen; the Response is signed too. */
export function successResponse(input: ResponseInput, citizen: EuCitizen, level: LevelOfAssurance): string {
  const issued = new Date(input.now).toISOString();
  const until = new Date(input.now + input.lifetimeSeconds * 1000).toISOString();
  const { request, acsUrl } = input;
  const assertion = signRoot(
    `<saml:Assertion xmlns:saml="${ASSERTION}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xmlns:eidas-natural="${NATURAL_PERSON.slice(0, -1)}" ID="${newId()}" Version="2.0" IssueInstant="${issued}">` +
      `<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${xml(input.idpEntityId)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent" NameQualifier="${xml(input.idpEntityId)}">${xml(citizen.personIdentifier)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
      `<saml:SubjectConfirmationData InResponseTo="${xml(request.id)}" NotOnOrAfter="${until}" Recipient="${xml(acsUrl)}"/>` +
      `</saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>${xml(request.issuer)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${newId()}"><saml:AuthnContext>` +
      `<saml:AuthnContextClassRef>${EIDAS_LOA_PREFIX}${level}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>` +
      attribute('PersonIdentifier', 'PersonIdentifierType', citizen.personIdentifier) +
      attribute('CurrentFamilyName', 'CurrentFamilyNameType', citizen.familyName) +
      attribute('CurrentGivenName', 'CurrentGivenNameType', citizen.givenName) +
      attribute('DateOfBirth', 'DateOfBirthType', citizen.dateOfBirth) +
      `</saml:AttributeStatement></saml:Assertion>`,
    input.identity,
  );
  return responseEnvelope(input, 'urn:oasis:names:tc:SAML:2.0:status:Success', assertion);
}

/** A signed Response without an assertion: the citizen cancelled (Responder / AuthnFailed). */
export function failureResponse(input: ResponseInput, message: string): string {
  return responseEnvelope(
    input,
    'urn:oasis:names:tc:SAML:2.0:status:Responder',
    '',
    `<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/>`,
    message,
  );
}

function responseEnvelope(input: ResponseInput, status: string, assertion: string, subStatus = '', message = ''): string {
  const issued = new Date(input.now).toISOString();
  return signRoot(
    `<samlp:Response xmlns:samlp="${PROTOCOL}" xmlns:saml="${ASSERTION}" ID="${newId()}" Version="2.0" IssueInstant="${issued}" ` +
      `Destination="${xml(input.acsUrl)}" InResponseTo="${xml(input.request.id)}">` +
      `<saml:Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${xml(input.idpEntityId)}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="${status}">${subStatus}</samlp:StatusCode>` +
      `${message ? `<samlp:StatusMessage>${xml(message)}</samlp:StatusMessage>` : ''}</samlp:Status>` +
      assertion +
      `</samlp:Response>`,
    input.identity,
  );
}

/** The IdP metadata: entityID, the signing certificate, the SSO endpoint in both bindings, the attributes offered. */
export function idpMetadata(entityId: string, ssoUrl: string, identity: SigningIdentity): string {
  const attributes = ['PersonIdentifier', 'CurrentFamilyName', 'CurrentGivenName', 'DateOfBirth']
    .map(
      (name) =>
        `<saml:Attribute FriendlyName="${name}" Name="${NATURAL_PERSON}${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"/>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ` +
    `xmlns:saml="${ASSERTION}" entityID="${xml(entityId)}">` +
    `<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${PROTOCOL}">` +
    `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${identity.certificateBase64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
    `<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>` +
    `<md:SingleSignOnService Binding="${BINDING_REDIRECT}" Location="${xml(ssoUrl)}"/>` +
    `<md:SingleSignOnService Binding="${BINDING_POST}" Location="${xml(ssoUrl)}"/>` +
    attributes +
    `</md:IDPSSODescriptor></md:EntityDescriptor>\n`
  );
}
