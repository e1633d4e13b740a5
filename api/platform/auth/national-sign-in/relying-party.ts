// The platform as a relying party of the national sign-in service, with openid-client: discovery (cached, fetched
// again after a failure), the authorization request (code flow, PKCE S256, state, nonce, optional acr_values) and the
// callback's checks. It knows nothing of HTTP routes or sessions: begin() gives the provider URL and the values to
// keep until the callback, complete() gives the verified identity, which any session mechanism can take over.
import * as oidc from 'openid-client';

export interface NationalSignInSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback URL registered at the provider. */
  redirectUri: string;
  /** Plain-http issuers are accepted outside production only (the simulator). */
  allowHttp: boolean;
  /** Seconds one call to the provider may take. */
  timeoutSeconds?: number;
}

/** What must survive between the redirect to the provider and its callback (kept server-side). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string | null;
}

/** The verified ID token's person. */
export interface NationalIdentity {
  subject: string;
  personalCode: string;
  givenName: string;
  familyName: string;
  birthdate?: string;
  acr: string;
  /** The method (amr's first entry): eparaksts-mobile, eid-card, bank. */
  method: string;
}

/** Why a sign-in did not complete; the reason the sign-in page explains to the person. */
export type SignInFailure = 'denied' | 'expired' | 'failed' | 'unavailable';

export class NationalSignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface NationalSignIn {
  begin(opts: { acr?: string; returnTo?: string | null }): Promise<{ url: string; pending: PendingSignIn }>;
  complete(callbackQuery: URLSearchParams, pending: PendingSignIn): Promise<NationalIdentity>;
}

const DISCOVERY_ATTEMPTS = 2;

export function createNationalSignIn(settings: NationalSignInSettings): NationalSignIn {
  let discovered: Promise<oidc.Configuration> | undefined;

  async function discover(): Promise<oidc.Configuration> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= DISCOVERY_ATTEMPTS; attempt++) {
      try {
        return await oidc.discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
          timeout: settings.timeoutSeconds ?? 5,
          execute: settings.allowHttp ? [oidc.allowInsecureRequests] : [],
        });
      } catch (err) {
        lastError = err;
        if (attempt < DISCOVERY_ATTEMPTS) await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    throw new NationalSignInError('unavailable', 'The national sign-in service cannot be reached.', { cause: lastError });
  }

  /** The provider's metadata, fetched once; a failed fetch is forgotten so that the next sign-in tries again. */
  function configuration(): Promise<oidc.Configuration> {
    discovered ??= discover().catch((err: unknown) => {
      discovered = undefined;
      throw err;
    });
    return discovered;
  }

  return {
    async begin({ acr, returnTo }) {
      const config = await configuration();
      const pending: PendingSignIn = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo: returnTo ?? null,
      };
      const parameters: Record<string, string> = {
        redirect_uri: settings.redirectUri,
        response_type: 'code',
        scope: 'openid profile',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      };
      if (acr) parameters.acr_values = acr;
      return { url: oidc.buildAuthorizationUrl(config, parameters).href, pending };
    },

    async complete(callbackQuery, pending) {
      const config = await configuration();
      // The callback URL as registered (not as this request's Host header says): openid-client sends it as redirect_uri.
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = callbackQuery.toString();
      try {
        const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        return identityOf(tokens.claims());
      } catch (err) {
        throw classify(err);
      }
    },
  };
}

function identityOf(claims: oidc.IDToken | undefined): NationalIdentity {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  const personalCode = text(claims?.personal_code);
  const acr = text(claims?.acr);
  const amr = Array.isArray(claims?.amr) ? claims.amr : [];
  const method = text(amr[0]);
  if (!claims || !personalCode || !/^[0-9]{11}$/.test(personalCode) || !acr || !method) {
    throw new NationalSignInError('failed', 'The ID token lacks the personal code, the level of assurance or the method.');
  }
  const identity: NationalIdentity = {
    subject: claims.sub,
    personalCode,
    givenName: text(claims.given_name) ?? '',
    familyName: text(claims.family_name) ?? '',
    acr,
    method,
  };
  const birthdate = text(claims.birthdate);
  if (birthdate) identity.birthdate = birthdate;
  return identity;
}

/** A refusal by the person, a protocol failure, or the provider out of reach (worth a retry). */
function classify(err: unknown): NationalSignInError {
  if (err instanceof NationalSignInError) return err;
  if (err instanceof oidc.AuthorizationResponseError) {
    const denied = err.error === 'access_denied';
    return new NationalSignInError(denied ? 'denied' : 'failed', `The provider answered ${err.error}.`, { cause: err });
  }
  if (statusOf(err) >= 500 || isNetworkError(err)) {
    return new NationalSignInError('unavailable', 'The national sign-in service cannot be reached.', { cause: err });
  }
  return new NationalSignInError('failed', err instanceof Error ? err.message : 'The sign-in could not be verified.', { cause: err });
}

function statusOf(err: unknown): number {
  for (let e = err as { status?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.status === 'number') return e.status;
  }
  return 0;
}

function isNetworkError(err: unknown): boolean {
  for (let e = err as Error | undefined, depth = 0; e && depth < 4; e = (e as { cause?: Error }).cause, depth++) {
    if (e.name === 'TypeError' || e.name === 'AbortError' || e.name === 'TimeoutError') return true;
  }
  return false;
}
