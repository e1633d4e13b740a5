// The platform as a SAML 2.0 service provider of the eIDAS node, with @node-saml/node-saml: the AuthnRequest
// (HTTP-Redirect binding, a minimum eIDAS level), the Response's checks (the Response AND the Assertion signed by the
// node's certificate from its metadata, Issuer, Audience, the time window with a small clock skew, Recipient and
// InResponseTo against a request this platform made) and the eIDAS attributes. No HTTP routes, no sessions, no
// replay store: begin() gives the node URL and the request to keep, complete() the verified identity.
import crypto from 'node:crypto';
import { SAML, ValidateInResponseTo, type CacheProvider, type Profile } from '@node-saml/node-saml';
import { readNodeMetadata, type NodeMetadata } from './node-metadata';

export const EIDAS_LOA_PREFIX = 'http://eidas.europa.eu/LoA/';
export const LEVELS = ['low', 'substantial', 'high'] as const;
export type LevelOfAssurance = (typeof LEVELS)[number];
const NATURAL_PERSON = 'http://eidas.europa.eu/attributes/naturalperson/';
/** Clocks of the node and the platform may differ this much. */
const CLOCK_SKEW_MS = 30_000;
const METADATA_TTL_MS = 60 * 60_000;

export interface EidasSettings {
  nodeMetadataUrl: string;
  spEntityId: string;
  /** The assertion consumer service URL (PUBLIC_URL + /api/v1/auth/eidas/acs). */
  acsUrl: string;
  timeoutSeconds?: number;
}

/** What must survive between the AuthnRequest and the node's answer (kept server-side under the request id). */
export interface PendingEidasRequest {
  requestId: string;
  issuedAt: string;
  country: string;
  returnTo: string | null;
  /** The level asked of the node (the e-service's minimum, else low): an answer below it is refused. */
  minimumLevel: LevelOfAssurance;
}

/** The verified assertion's person and what the replay check needs. */
export interface EidasIdentity {
  personIdentifier: string;
  givenName: string;
  familyName: string;
  dateOfBirth?: string;
  /** eIDAS LoA URI. */
  acr: string;
  /** The citizen's country: PersonIdentifier's first part. */
  country: string;
  assertionId: string;
  /** The node's entityID (the assertion's Issuer, checked against the metadata). */
  issuer: string;
  /** The assertion's own end of validity: its id is remembered until then. */
  notOnOrAfter: Date;
}

/** Why a sign-in did not complete, as the sign-in page explains it. */
export type EidasFailure = 'denied' | 'expired' | 'failed' | 'unavailable';

export class EidasSignInError extends Error {
  constructor(
    readonly reason: EidasFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface EidasServiceProvider {
  begin(opts: {
    country: string;
    returnTo: string | null;
    minimumLevel?: LevelOfAssurance;
  }): Promise<{ url: string; pending: PendingEidasRequest }>;
  /** Validates the posted SAMLResponse; `pendingOf` yields the kept request an InResponseTo names (once), or nothing. */
  complete(
    samlResponse: string,
    pendingOf: (requestId: string) => Promise<PendingEidasRequest | undefined>,
  ): Promise<{
    identity: EidasIdentity;
    pending: PendingEidasRequest;
  }>;
  metadata(): string;
}

const NOTHING_KEPT: CacheProvider = {
  saveAsync: () => Promise.resolve(null),
  getAsync: () => Promise.resolve(null),
  removeAsync: () => Promise.resolve(null),
};

export function createEidasServiceProvider(settings: EidasSettings): EidasServiceProvider {
  let cached: { at: number; value: Promise<NodeMetadata> } | undefined;

  async function fetchMetadata(): Promise<NodeMetadata> {
    try {
      const res = await fetch(settings.nodeMetadataUrl, { signal: AbortSignal.timeout((settings.timeoutSeconds ?? 5) * 1000) });
      if (!res.ok) throw new Error(`metadata answered ${res.status}`);
      return readNodeMetadata(await res.text());
    } catch (err) {
      throw new EidasSignInError('unavailable', 'The eIDAS node cannot be reached.', { cause: err });
    }
  }
  /** Fetched once an hour; a failed fetch is forgotten so that the next sign-in tries again. */
  function nodeMetadata(): Promise<NodeMetadata> {
    if (!cached || Date.now() - cached.at > METADATA_TTL_MS) {
      const value = fetchMetadata().catch((err: unknown) => {
        cached = undefined;
        throw err;
      });
      cached = { at: Date.now(), value };
    }
    return cached.value;
  }

  const saml = (node: NodeMetadata | null, extra: { requestId?: string; cache?: CacheProvider; minimumLevel?: LevelOfAssurance } = {}) =>
    new SAML({
      entryPoint: node?.ssoRedirectUrl,
      issuer: settings.spEntityId,
      callbackUrl: settings.acsUrl,
      idpCert: node?.signingCertificates ?? 'none',
      idpIssuer: node?.entityId,
      audience: settings.spEntityId,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: true,
      acceptedClockSkewMs: CLOCK_SKEW_MS,
      identifierFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      authnContext: [`${EIDAS_LOA_PREFIX}${extra.minimumLevel ?? 'low'}`],
      racComparison: 'minimum',
      forceAuthn: true,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: 10 * 60_000,
      ...(extra.requestId ? { generateUniqueId: () => extra.requestId! } : {}),
      ...(extra.cache ? { cacheProvider: extra.cache } : {}),
    });

  return {
    async begin({ country, returnTo, minimumLevel = 'low' }) {
      const node = await nodeMetadata();
      const requestId = `_${crypto.randomBytes(20).toString('hex')}`;
      const pending: PendingEidasRequest = { requestId, issuedAt: new Date().toISOString(), country, returnTo, minimumLevel };
      // node-saml would keep the request id in its own memory; the route keeps `pending` in the one-time store instead.
      const url = await saml(node, { requestId, cache: NOTHING_KEPT, minimumLevel }).getAuthorizeUrlAsync(country, undefined, {});
      const withCountry = new URL(url);
      withCountry.searchParams.set('country', country); // the node's country page starts on the chosen country
      return { url: withCountry.href, pending };
    },

    async complete(samlResponse, pendingOf) {
      const node = await nodeMetadata();
      // InResponseTo must name a request this platform made and has not seen answered: taken once from the store.
      let taken: PendingEidasRequest | undefined;
      const cache: CacheProvider = {
        saveAsync: () => Promise.resolve(null),
        async getAsync(key) {
          taken ??= await pendingOf(key);
          return taken && taken.requestId === key ? taken.issuedAt : null;
        },
        removeAsync: () => Promise.resolve(null),
      };
      let profile: Profile | null;
      try {
        ({ profile } = await saml(node, { cache }).validatePostResponseAsync({ SAMLResponse: samlResponse }));
      } catch (err) {
        throw classify(err);
      }
      if (!profile || !taken) throw new EidasSignInError('failed', 'The response carries no assertion.');
      const identity = identityOf(profile);
      // The request's level travels unsigned through the browser: the answer must meet what this platform asked.
      const level = identity.acr.slice(EIDAS_LOA_PREFIX.length) as LevelOfAssurance;
      if (LEVELS.indexOf(level) < LEVELS.indexOf(taken.minimumLevel ?? 'low')) {
        throw new EidasSignInError('failed', `The node answered level ${level}; ${taken.minimumLevel} was asked for.`);
      }
      return { identity, pending: taken };
    },

    metadata: () => saml(null).generateServiceProviderMetadata(null, null),
  };
}

const text = (value: unknown): string | undefined => {
  const raw = typeof value === 'object' && value !== null && '_' in value ? (value as { _: unknown })._ : value;
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
};

type ParsedAssertion = {
  Assertion?: {
    $?: { ID?: string };
    Conditions?: Array<{ $?: { NotOnOrAfter?: string } }>;
    AuthnStatement?: Array<{ AuthnContext?: Array<{ AuthnContextClassRef?: unknown[] }> }>;
  };
};

function identityOf(profile: Profile): EidasIdentity {
  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const attribute = (name: string) => text(attributes[NATURAL_PERSON + name]);
  const assertion = (profile.getAssertion?.() as ParsedAssertion | undefined)?.Assertion;
  const personIdentifier = attribute('PersonIdentifier');
  const acr = text(assertion?.AuthnStatement?.[0]?.AuthnContext?.[0]?.AuthnContextClassRef?.[0]);
  const level = acr?.startsWith(EIDAS_LOA_PREFIX) ? acr.slice(EIDAS_LOA_PREFIX.length) : '';
  const assertionId = assertion?.$?.ID;
  const notOnOrAfter = new Date(assertion?.Conditions?.[0]?.$?.NotOnOrAfter ?? '');
  if (
    !personIdentifier ||
    !/^[A-Z]{2}\/[A-Z]{2}\/[A-Za-z0-9+=:_.-]{1,200}$/.test(personIdentifier) ||
    personIdentifier !== profile.nameID ||
    !acr ||
    !(LEVELS as readonly string[]).includes(level) ||
    !assertionId ||
    Number.isNaN(notOnOrAfter.getTime())
  ) {
    throw new EidasSignInError('failed', 'The assertion lacks the PersonIdentifier, the level of assurance, its ID or its validity.');
  }
  const identity: EidasIdentity = {
    personIdentifier,
    givenName: attribute('CurrentGivenName') ?? '',
    familyName: attribute('CurrentFamilyName') ?? '',
    acr,
    country: personIdentifier.slice(0, 2),
    assertionId,
    issuer: profile.issuer,
    notOnOrAfter,
  };
  const dateOfBirth = attribute('DateOfBirth');
  if (dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth)) identity.dateOfBirth = dateOfBirth;
  return identity;
}

/** The citizen cancelled (a Responder status), the answer was too old or not for a request of ours, or it is forged. */
function classify(err: unknown): EidasSignInError {
  if (err instanceof EidasSignInError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/Responder|AuthnFailed|RequestDenied/i.test(message) || (err as { xmlStatus?: string })?.xmlStatus) {
    return new EidasSignInError('denied', message, { cause: err });
  }
  if (/expired|NotOnOrAfter|NotBefore|InResponseTo|subject confirmation/i.test(message)) {
    return new EidasSignInError('expired', message, { cause: err });
  }
  return new EidasSignInError('failed', message, { cause: err });
}
