// The browser session's own routes: what it is (and its CSRF token), one-click extension, sign-out (here or
// everywhere), and, outside production, starting one as a demo persona.
import { route, type RouteContext } from '../../routing';
import { ApiError } from '../../errors';
import { devOnly, personaPrincipal } from '../routes';
import type { Validated } from '../../../../forms/types/validated';
import type { GetAuthSessionResponse } from '../../../../forms/types/api';
import { clearSessionCookie, endBrowserSession, sessionFromRequest, type BrowserSession } from './browser-session';
import { signIn } from './sign-in-completion';
import { audit } from '../../../../db/audit';
import { actorType } from '../principal';

function presented(ctx: RouteContext<unknown, unknown>, s: BrowserSession | null): GetAuthSessionResponse {
  if (!s) return { signedIn: false };
  return {
    signedIn: true,
    principal: s.principal,
    csrfToken: s.csrfToken,
    idleExpiresAt: s.idleExpiresAt.toISOString(),
    expiresAt: s.absoluteExpiresAt.toISOString(),
    idleMinutes: ctx.deps.config.sessions.idleMinutes,
    now: new Date().toISOString(),
  };
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export const sessionRoutes = [
  route({
    method: 'get',
    path: '/api/v1/auth/session',
    tag: 'Authentication',
    summary: 'The browser session (does not count as activity)',
    auth: 'public',
    touchesSession: false,
    responses: { 200: { description: 'The session, or signedIn false', schema: 'get-auth-session-response' } },
    async handler(ctx) {
      // Asking how long is left must not extend it: a tab left open would otherwise keep the session alive.
      return { body: presented(ctx, await sessionFromRequest(ctx.deps, ctx.req, { touch: false })), headers: NO_STORE };
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/auth/session/extend',
    tag: 'Authentication',
    summary: 'Stay signed in (moves the idle end ahead; needs the CSRF token)',
    auth: 'any-signed-in',
    responses: {
      200: { description: 'The session with its new idle end', schema: 'get-auth-session-response' },
      401: { description: 'The session has ended', schema: 'error' },
    },
    async handler(ctx) {
      // Authentication already touched the session; a bearer-token caller has none to extend.
      const session = ctx.req.browserSession;
      if (!session) throw new ApiError(400, 'no_browser_session', 'Only a browser session can be extended.');
      return { body: presented(ctx, session), headers: NO_STORE };
    },
  }),
  route<unknown, Validated<'delete-auth-session-query'>>({
    method: 'delete',
    path: '/api/v1/auth/session',
    tag: 'Authentication',
    summary: 'Sign out: ends this session, or with everywhere=true every session of this person',
    auth: 'any-signed-in',
    query: 'delete-auth-session-query',
    responses: { 204: { description: 'Signed out; the cookie is cleared' } },
    async handler(ctx) {
      const session = ctx.req.browserSession;
      clearSessionCookie(ctx.deps, ctx.res);
      if (!session) return { status: 204 };
      const everywhere = ctx.query.everywhere === 'true';
      const ended = await endBrowserSession(ctx.deps, session, everywhere);
      await audit(ctx.deps.db.pool, {
        actor: {
          type: actorType(session.principal),
          id: session.subject,
          agency: session.principal.agency,
          office: session.principal.office,
        },
        action: 'logout',
        resource: 'auth/session',
        purpose: everywhere ? 'sign-out-everywhere' : 'sign-out',
        requestId: ctx.requestId,
        details: { sessions: ended.length },
      });
      return { status: 204, headers: NO_STORE };
    },
  }),
  route<Validated<'dev-login'>>({
    method: 'post',
    path: '/api/v1/auth/dev-session',
    tag: 'Authentication',
    summary: 'Start a browser session as a demo persona (not in production)',
    auth: 'public',
    body: 'dev-login',
    rateLimit: 'signIn',
    responses: {
      200: { description: 'The new session (its cookie is set)', schema: 'get-auth-session-response' },
      404: { description: 'Unknown persona', schema: 'error' },
    },
    async handler(ctx) {
      devOnly(ctx.deps.config.env);
      const principal = personaPrincipal(ctx.body.persona);
      const session = await signIn(ctx as RouteContext<unknown, unknown>, principal, {
        provider: 'dev',
        method: 'persona',
        returnTo: null,
      });
      return { body: presented(ctx as RouteContext<unknown, unknown>, session), headers: NO_STORE };
    },
  }),
];
