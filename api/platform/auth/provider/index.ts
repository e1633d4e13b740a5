// The platform as an OpenID Provider (issue 16 §2, oidc-provider, the certified library), mounted at PUBLIC_URL/oidc:
// single sign-on for registered external portals with the platform's browser session as the sign-in, and back-channel
// logout when that session ends. Routes under /oidc: discovery, /jwks, /auth, /token, /me, /session/end,
// /token/introspection, /token/revocation (the library's), and /interaction/:uid (interactions.ts).
import express, { type NextFunction, type Request, type Response } from 'express';
import Provider from 'oidc-provider';
import type { AppDeps } from '../../deps';
import { onSessionsEnded } from '../session/browser-session';
import { logOutPortals, recordTouchedPortals } from './back-channel';
import { providerConfiguration, registeredClients } from './configuration';
import { issuerOf, OIDC_PATH } from './issuer';
import { allowPortalFormActions, formActionSources } from './csp';
import { interactionHandler } from './interactions';
import { consentHandler } from './consent';
import { errorPage } from './pages';
import { countAuthorizations } from './metrics';

export { OIDC_PATH, issuerOf } from './issuer';

/** The provider mounted for these deps (the citizen's "apps you allowed" use its models); none in production without keys. */
const mounted = new WeakMap<AppDeps, Provider>();
export const providerOf = (deps: AppDeps): Provider | undefined => mounted.get(deps);

/** Mounts the provider before any body parser (it reads its own bodies). Production needs configured keys. */
export function mountOidcProvider(app: express.Express, deps: AppDeps): void {
  if (deps.config.env === 'production' && !deps.config.oidcProvider?.jwks) return;
  const provider = new Provider(issuerOf(deps), providerConfiguration(deps));
  provider.proxy = true; // behind the load balancer: X-Forwarded-Proto says https (as express's 'trust proxy')
  mounted.set(deps, provider);
  provider.use(recordTouchedPortals(deps));
  countAuthorizations(provider);
  provider.on('server_error', (_ctx: unknown, err: unknown) => deps.logger.error({ err }, 'oidc provider error'));
  onSessionsEnded(
    deps,
    logOutPortals(deps, () => provider),
  );

  // The library's errors (an expired interaction, a missing cookie) are the browser's problem: a 4xx page.
  const withErrors = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch((err: { status?: number; error?: string; error_description?: string }) => {
      if (typeof err.status !== 'number' || err.status >= 500) return next(err);
      const out = { error: err.error ?? 'invalid_request', error_description: err.error_description ?? '' };
      res.status(err.status).type('html').send(errorPage(out));
    });
  };
  const formActions = allowPortalFormActions(formActionSources(registeredClients(deps)));
  app.get(`${OIDC_PATH}/interaction/:uid`, formActions, withErrors(interactionHandler(deps, () => provider)));
  app.post(
    `${OIDC_PATH}/interaction/:uid/consent`,
    formActions,
    express.urlencoded({ extended: false, limit: '10kb' }),
    withErrors(consentHandler(deps, () => provider)),
  );
  app.use(OIDC_PATH, formActions, provider.callback());
}
