// A small external service portal (a building-permit e-service) that signs its users in through the platform's
// OpenID Provider: the demo client of single sign-on and back-channel logout (issue 16 §2, see README.md).
//   GET  /                    the portal's front page
//   GET  /building-permit     the e-service: needs sign-in (→ /login)
//   GET  /login?returnTo=     a silent request (prompt=none) first; login_required falls back to a normal request
//   GET  /callback            the code exchange; starts the portal's own session (cookie portal_session)
//   POST /backchannel-logout  logout_token (form): verified, then the sessions it names end
//   GET  /session             the portal session as JSON (tests, the benchmark)
//   POST /logout              the portal's own sign-out
import express, { type NextFunction, type Request, type Response } from 'express';
import { createSimulatorApp, listen, type RunningSimulator, type SimulatorOptions } from '../app';
import { errorBody } from '../faults';
import { logoutTokenVerifier, LogoutTokenError } from './logout-token';
import { homePage, problemPage, SERVICE_PATH, servicePage } from './pages';
import { isAuthorizationError, portalRelyingParty, SILENT_FALLBACK, type PortalRelyingParty } from './relying-party';
import { PENDING_COOKIE, PortalState, SESSION_COOKIE } from './sessions';

const SLUG = 'external-portal';
export const EXTERNAL_PORTAL_CLIENT_ID = 'building-portal';

export interface ExternalPortalOptions extends SimulatorOptions {
  /** The platform's OpenID Provider (PUBLIC_URL/oidc); without it the portal cannot sign anyone in. */
  issuer?: string;
  clientId?: string;
  clientSecret?: string;
}

function cookieOf(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

const COOKIE = { httpOnly: true, sameSite: 'lax' as const, path: '/' };
const localPath = (value: unknown) => (typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : SERVICE_PATH);

export async function startExternalPortalSimulator(opts: ExternalPortalOptions = {}): Promise<RunningSimulator> {
  const app = createSimulatorApp(SLUG, opts);
  const state = new PortalState();
  const live: { rp?: PortalRelyingParty; verify?: ReturnType<typeof logoutTokenVerifier> } = {};
  const wrap = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };
  const needsProvider = (res: Response): PortalRelyingParty | undefined => {
    if (!live.rp) res.status(503).json(errorBody('not_configured', 'The portal has no identity provider configured.'));
    return live.rp;
  };

  app.get('/', (req, res) => {
    res.type('html').send(homePage(state.session(cookieOf(req, SESSION_COOKIE))));
  });

  app.get(SERVICE_PATH, (req, res) => {
    const session = state.session(cookieOf(req, SESSION_COOKIE));
    if (!session) res.redirect(303, `/login?returnTo=${encodeURIComponent(SERVICE_PATH)}`);
    else res.set('Cache-Control', 'no-store').type('html').send(servicePage(session));
  });

  const startLogin = async (res: Response, returnTo: string, silent: boolean) => {
    const rp = needsProvider(res);
    if (!rp) return;
    const { url, pending } = await rp.begin(returnTo, silent);
    res.cookie(PENDING_COOKIE, state.remember(pending), { ...COOKIE, maxAge: 10 * 60_000 });
    res.redirect(303, url);
  };

  app.get(
    '/login',
    wrap((req, res) => startLogin(res, localPath(req.query.returnTo), true)),
  );

  app.get(
    '/callback',
    wrap(async (req, res) => {
      const rp = needsProvider(res);
      if (!rp) return;
      const pending = state.take(cookieOf(req, PENDING_COOKIE));
      res.clearCookie(PENDING_COOKIE, COOKIE);
      if (!pending) {
        res.status(400).type('html').send(problemPage('The sign-in expired or was already used.'));
        return;
      }
      const query = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1));
      try {
        const claims = await rp.complete(query, pending);
        const session = state.startSession({
          sub: claims.sub,
          name: typeof claims.name === 'string' ? claims.name : claims.sub,
          ...(typeof claims.personal_code === 'string' ? { personalCode: claims.personal_code } : {}),
          ...(typeof claims.acr === 'string' ? { acr: claims.acr } : {}),
          amr: Array.isArray(claims.amr) ? claims.amr.map(String) : [],
          ...(typeof claims.sid === 'string' ? { sid: claims.sid } : {}),
        });
        res.cookie(SESSION_COOKIE, session.id, COOKIE);
        res.redirect(303, pending.returnTo);
      } catch (err) {
        // The silent attempt found no usable session at the provider: ask again, normally (the provider decides
        // whether a page is needed; with the platform session open none is).
        if (pending.silent && isAuthorizationError(err) && SILENT_FALLBACK.has(err.error)) {
          await startLogin(res, pending.returnTo, false);
          return;
        }
        res
          .status(400)
          .type('html')
          .send(problemPage(isAuthorizationError(err) ? err.error : 'The sign-in could not be completed.'));
      }
    }),
  );

  app.post(
    '/backchannel-logout',
    express.urlencoded({ extended: false, limit: '20kb' }),
    wrap(async (req, res) => {
      res.set('Cache-Control', 'no-store');
      const token = (req.body as Record<string, unknown>).logout_token;
      if (!live.verify || typeof token !== 'string') {
        res.status(400).json({ error: 'invalid_request', error_description: 'logout_token is required' });
        return;
      }
      try {
        const claims = await live.verify(token, (jti) => state.firstUseOf(jti));
        state.endSessionsFor(claims.sub, claims.sid);
        res.status(200).end();
      } catch (err) {
        if (!(err instanceof LogoutTokenError)) throw err;
        res.status(400).json({ error: 'invalid_request', error_description: err.message });
      }
    }),
  );

  app.get('/session', (req, res) => {
    const session = state.session(cookieOf(req, SESSION_COOKIE));
    res
      .set('Cache-Control', 'no-store')
      .json(session ? { signedIn: true, sub: session.sub, name: session.name, sid: session.sid } : { signedIn: false });
  });

  app.post('/logout', (req, res) => {
    state.endSession(cookieOf(req, SESSION_COOKIE));
    res.clearCookie(SESSION_COOKIE, COOKIE);
    res.redirect(303, '/');
  });

  const running = await listen(app, opts);
  if (opts.issuer && opts.clientSecret) {
    const clientId = opts.clientId ?? EXTERNAL_PORTAL_CLIENT_ID;
    live.rp = portalRelyingParty({
      issuer: opts.issuer,
      clientId,
      clientSecret: opts.clientSecret,
      redirectUri: `${running.url}/callback`,
    });
    live.verify = logoutTokenVerifier({ issuer: opts.issuer, audience: clientId, jwksUri: () => live.rp!.jwksUri() });
  }
  return running;
}

/** The portal's registration at the platform's provider (OIDC_CLIENTS entry) for a portal listening at `url`. */
export function externalPortalClient(url: string, clientSecret: string, clientId = EXTERNAL_PORTAL_CLIENT_ID) {
  return {
    client_id: clientId,
    client_secret: clientSecret,
    client_name: 'Būvniecības portāls / Building portal',
    client_uri: `${url}${SERVICE_PATH}`,
    redirect_uris: [`${url}/callback`],
    backchannel_logout_uri: `${url}/backchannel-logout`,
    scope: 'openid profile personal_code',
  };
}
