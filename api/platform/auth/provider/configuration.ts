// The OpenID Provider's configuration: registered portals (authorization code with PKCE S256, back-channel logout),
// keys, PostgreSQL storage, claims, lifetimes, and the login policy that ties the provider's notion of "signed in" to
// the platform's browser session.
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { errors, interactionPolicy } from 'oidc-provider';
import type { AppDeps } from '../../deps';
import { sessionFromRequest } from '../session/browser-session';
import { postgresAdapter } from './adapter';
import { accountFinder, CLAIMS, SCOPES } from './claims';
import { existingOrFirstPartyGrant, isApp } from './grants';
import { cookieKeys, signingKeys } from './keys';
import { errorPage, loggedOutPage, logoutPage } from './pages';
import { OIDC_PATH } from './issuer';
import { apiResource } from './system-tokens';

/** Portals (confidential clients): code flow, back-channel logout by session. */
const PORTAL_DEFAULTS = { grant_types: ['authorization_code'], backchannel_logout_session_required: true };
/** Apps (public clients, token_endpoint_auth_method none): refresh tokens, rotated, and DPoP-bound access tokens. */
const APP_DEFAULTS = { grant_types: ['authorization_code', 'refresh_token'], dpop_bound_access_tokens: true };

/** Agency systems (private_key_jwt): client credentials only, no browser, no redirect. */
const SYSTEM_DEFAULTS = { grant_types: ['client_credentials'], response_types: [], redirect_uris: [] };

/** Registered clients, with what every portal, app or agency system gets unless its registration says otherwise. */
export function registeredClients(deps: AppDeps): ClientMetadata[] {
  return (deps.config.oidcProvider?.clients ?? []).map((client) => {
    const method = client.token_endpoint_auth_method;
    if (method === 'private_key_jwt') return { ...SYSTEM_DEFAULTS, ...client };
    return { response_types: ['code'], scope: 'openid profile', ...(method === 'none' ? APP_DEFAULTS : PORTAL_DEFAULTS), ...client };
  });
}

/** The API-area scopes (api:<area>) agency systems are registered for: the provider supports exactly those. */
function areaScopesOf(clients: ClientMetadata[]): string[] {
  const scopes = clients.flatMap((c) => String(c.scope ?? '').split(' ')).filter((s) => s.startsWith('api:'));
  return [...new Set(scopes)];
}

type ProviderClient = {
  clientId: string;
  clientAuthMethod?: string;
  grantTypeAllowed(type: string): boolean;
  scope?: string;
  agency?: string;
};

/**
 * The platform's API as a resource server: agency systems get JWT access tokens for it (client credentials, the scopes
 * they are registered for); apps get opaque DPoP-bound tokens for it when they ask for resource=PUBLIC_URL/api, with
 * the API areas the citizen allowed (app-tokens.ts looks them up at each request, so a revocation holds at once).
 * Portals only sign people in: no API tokens.
 */
function apiResourceServer(deps: AppDeps) {
  const resource = apiResource(deps);
  return {
    enabled: true,
    defaultResource: async (_ctx: KoaContextWithOIDC, client: ProviderClient) =>
      client.grantTypeAllowed('client_credentials') ? resource : undefined,
    useGrantedResource: async () => true,
    getResourceServerInfo: async (_ctx: KoaContextWithOIDC, indicator: string, client: ProviderClient) => {
      if (indicator !== resource) throw new errors.InvalidTarget();
      const areas = areaScopesOf([client as unknown as ClientMetadata]).join(' ');
      if (isApp(client)) return { scope: areas, audience: resource, accessTokenFormat: 'opaque', accessTokenTTL: 600 };
      if (!client.grantTypeAllowed('client_credentials')) throw new errors.InvalidTarget();
      return {
        scope: client.scope ?? '',
        audience: resource,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 600,
        jwt: { sign: { alg: 'RS256' } },
      };
    },
  };
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
    scopes: [...SCOPES, ...areaScopesOf(registeredClients(deps))],
    claims: CLAIMS,
    // The ID token carries the person's claims itself: a portal needs no UserInfo call to know who arrived.
    conformIdTokenClaims: false,
    // Seconds: a code is exchanged at once; the provider's session lives no longer than a platform session can.
    ttl: {
      AuthorizationCode: 60,
      IdToken: 3600,
      AccessToken: 600,
      ClientCredentials: 600,
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
    extraClientMetadata: { properties: ['agency'] },
    // A system's access token names its agency: the API acts for that agency only.
    extraTokenClaims: async (ctx: KoaContextWithOIDC, token: { kind?: string }) =>
      token.kind === 'ClientCredentials' ? { agency: (ctx.oidc.client as ProviderClient | undefined)?.agency } : undefined,
    loadExistingGrant: existingOrFirstPartyGrant,
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `${OIDC_PATH}/interaction/${interaction.uid}`,
      policy: loginPolicy(deps),
    },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      dPoP: { enabled: true },
      clientCredentials: { enabled: true },
      resourceIndicators: apiResourceServer(deps),
      // A client learns about its own tokens only: a portal must not probe an app's (or another portal's) tokens.
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx: KoaContextWithOIDC, client: { clientId: string }, token: { clientId?: string }) =>
          token.clientId === client.clientId,
      },
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
