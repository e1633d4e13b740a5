// The OpenID Provider's configuration: registered portals (authorization code with PKCE S256, back-channel logout),
// keys, PostgreSQL storage, claims, lifetimes, and the login policy that ties the provider's notion of "signed in" to
// the platform's browser session.
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { interactionPolicy } from 'oidc-provider';
import type { AppDeps } from '../../deps';
import { sessionFromRequest } from '../session/browser-session';
import { postgresAdapter } from './adapter';
import { accountFinder, CLAIMS, SCOPES } from './claims';
import { existingOrFirstPartyGrant } from './grants';
import { cookieKeys, signingKeys } from './keys';
import { errorPage, loggedOutPage, logoutPage } from './pages';

/** Where the provider is mounted in the API: the issuer is PUBLIC_URL + this. */
export const OIDC_PATH = '/oidc';

/** Portals (confidential clients): code flow, back-channel logout by session. */
const PORTAL_DEFAULTS = { grant_types: ['authorization_code'], backchannel_logout_session_required: true };
/** Apps (public clients, token_endpoint_auth_method none): refresh tokens, rotated, and DPoP-bound access tokens. */
const APP_DEFAULTS = { grant_types: ['authorization_code', 'refresh_token'], dpop_bound_access_tokens: true };

/** Registered clients, with what every portal or app gets unless its registration says otherwise. */
export function registeredClients(deps: AppDeps): ClientMetadata[] {
  return (deps.config.oidcProvider?.clients ?? []).map((client) => ({
    response_types: ['code'],
    scope: 'openid profile',
    ...(client.token_endpoint_auth_method === 'none' ? APP_DEFAULTS : PORTAL_DEFAULTS),
    ...client,
  }));
}

/**
 * The login prompt's extra check: the provider's session counts only while the platform session it came from is
 * open for the same person. After the platform sign-out (or idle end) `prompt=none` answers login_required, and a
 * normal request goes through the platform's sign-in again.
 */
function loginPolicy(deps: AppDeps) {
  const { Check, base } = interactionPolicy;
  const policy = base();
  policy.get('login').checks.add(
    new Check('platform_session', 'The platform session has ended', 'login_required', async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId) return Check.REQUEST_PROMPT;
      const session = await sessionFromRequest(deps, ctx.req, { touch: false });
      return session?.subject === accountId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
    1,
  );
  return policy;
}

export function providerConfiguration(deps: AppDeps): Configuration {
  const sessionSeconds = deps.config.sessions.maxHours * 3600;
  return {
    clients: registeredClients(deps),
    jwks: { keys: signingKeys(deps.config) },
    cookies: { keys: cookieKeys(deps.config) },
    adapter: postgresAdapter(deps.db.pool, (err) => deps.logger.warn({ err }, 'oidc payload sweep failed')),
    responseTypes: ['code'],
    pkce: { methods: ['S256'], required: () => true },
    scopes: SCOPES,
    claims: CLAIMS,
    // The ID token carries the person's claims itself: a portal needs no UserInfo call to know who arrived.
    conformIdTokenClaims: false,
    // Seconds: a code is exchanged at once; the provider's session lives no longer than a platform session can.
    ttl: {
      AuthorizationCode: 60,
      IdToken: 3600,
      AccessToken: 600,
      Interaction: 600,
      Session: sessionSeconds,
      Grant: 30 * 24 * 3600, // what a citizen allowed an app outlives one sign-in
      RefreshToken: 30 * 24 * 3600,
    },
    // Every refresh token is used once: a stolen one is noticed when its owner's next refresh fails.
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx: KoaContextWithOIDC, client: { grantTypeAllowed(type: string): boolean }) =>
      client.grantTypeAllowed('refresh_token'),
    findAccount: accountFinder(deps),
    loadExistingGrant: existingOrFirstPartyGrant,
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `${OIDC_PATH}/interaction/${interaction.uid}`,
      policy: loginPolicy(deps),
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      dPoP: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form);
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.type = 'html';
          ctx.body = loggedOutPage();
        },
      },
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out);
    },
  };
}
