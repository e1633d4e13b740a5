// The portal as a relying party of the platform's OpenID Provider (openid-client 6): code flow with PKCE S256, state
// and nonce; discovery on first use (the platform may start after the portal) and again after a failure.
import * as oidc from 'openid-client';
import type { PendingLogin } from './sessions';

export interface PortalClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

export interface PortalRelyingParty {
  /** The provider URL for a sign-in; `silent` asks prompt=none (no page at the provider at all). */
  begin(returnTo: string, silent: boolean): Promise<{ url: string; pending: PendingLogin }>;
  complete(callbackQuery: URLSearchParams, pending: PendingLogin): Promise<oidc.IDToken>;
  jwksUri(): Promise<URL>;
}

export function portalRelyingParty(settings: PortalClientSettings): PortalRelyingParty {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = () => {
    discovered ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, undefined, oidc.ClientSecretBasic(settings.clientSecret), {
        execute: new URL(settings.issuer).protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      });
    return discovered;
  };

  return {
    async begin(returnTo, silent) {
      const config = await configuration();
      const pending: PendingLogin = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        returnTo,
        silent,
      };
      const parameters: Record<string, string> = {
        redirect_uri: settings.redirectUri,
        response_type: 'code',
        scope: 'openid profile personal_code',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      };
      if (silent) parameters.prompt = 'none';
      return { url: oidc.buildAuthorizationUrl(config, parameters).href, pending };
    },

    async complete(callbackQuery, pending) {
      const config = await configuration();
      const currentUrl = new URL(settings.redirectUri);
      currentUrl.search = callbackQuery.toString();
      const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('no ID token');
      return claims;
    },

    async jwksUri() {
      const uri = (await configuration()).serverMetadata().jwks_uri;
      if (!uri) throw new Error('the provider publishes no jwks_uri');
      return new URL(uri);
    },
  };
}

/** Errors of a silent attempt after which a normal request is worth making (the user may still be signed in). */
export const SILENT_FALLBACK = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

export const isAuthorizationError = (err: unknown): err is oidc.AuthorizationResponseError =>
  err instanceof oidc.AuthorizationResponseError;
