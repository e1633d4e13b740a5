// Citizens sign in through the national sign-in service (issue 16 §1):
//   GET  /api/v1/auth/national/start    → 302 to the provider (pending values in the one-time store, its key in a cookie)
//   GET  /api/v1/auth/national/callback → a browser session (cookie) and 302 to /signed-in, or /sign-in?error=<reason>
// Failures are pages the sign-in screen explains, not 5xx: denied, expired (bad or used state), failed, unavailable.
import crypto from 'node:crypto';
import { route, type RouteContext } from '../../routing';
import { ApiError } from '../../errors';
import { signIns } from '../../metrics';
import type { Principal } from '../principal';
import type { AppDeps } from '../../deps';
import type { Validated } from '../../../../forms/types/validated';
import {
  NationalSignInError,
  createNationalSignIn,
  type NationalIdentity,
  type NationalSignIn,
  type PendingSignIn,
  type SignInFailure,
} from './relying-party';
import { oneTimeStoreOf, type OneTimeStore } from '../one-time-store';
import { cookieOf } from '../session/browser-session';
import { completeSignIn } from '../session/sign-in-completion';

export const CALLBACK_PATH = '/api/v1/auth/national/callback';
const COOKIE = 'sdp_national_sign_in';
const COOKIE_PATH = '/api/v1/auth/national';
const PENDING_TTL_SECONDS = 600; // the provider's sign-in page may stay open 10 minutes

interface NationalSignInDeps {
  relyingParty: NationalSignIn | null;
  store: OneTimeStore;
}

// Built once per app from its configuration (tests build several apps in one process).
const built = new WeakMap<AppDeps, NationalSignInDeps>();
function nationalSignInOf(deps: AppDeps): NationalSignInDeps {
  let found = built.get(deps);
  if (!found) {
    const { config } = deps;
    const settings = config.nationalAuth;
    found = {
      relyingParty: settings
        ? createNationalSignIn({
            ...settings,
            redirectUri: new URL(CALLBACK_PATH, config.publicUrl).href,
            allowHttp: config.env !== 'production',
          })
        : null,
      store: oneTimeStoreOf(deps),
    };
    built.set(deps, found);
  }
  return found;
}

/** The citizen the ID token names, in the shape the rest of the platform knows (as a citizen persona's). */
export function citizenPrincipal(identity: NationalIdentity): Principal {
  const name = [identity.givenName, identity.familyName].filter(Boolean).join(' ') || identity.personalCode;
  return {
    sub: `national:${identity.subject}`,
    name,
    roles: ['citizen'],
    person: { type: 'natural', id: identity.personalCode },
    acr: identity.acr,
    authMethod: identity.method,
    ...(identity.givenName ? { givenName: identity.givenName } : {}),
    ...(identity.familyName ? { familyName: identity.familyName } : {}),
    ...(identity.birthdate ? { dateOfBirth: identity.birthdate } : {}),
  };
}

const randomKey = () => crypto.randomBytes(32).toString('base64url');

const redirect = (location: string) => ({ status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } });
const toSignInPage = (reason: SignInFailure) => redirect(`/sign-in?error=${reason}`);

function unavailable(): ApiError {
  return new ApiError(
    503,
    'national_sign_in_unavailable',
    'The national sign-in service cannot be reached now; try again in a minute.',
    [],
    {
      'Retry-After': '30',
    },
  );
}

function failed(ctx: RouteContext, reason: SignInFailure, err?: unknown) {
  signIns.inc({ provider: 'national', method: 'unknown', outcome: reason });
  ctx.deps.logger.warn(
    { reason, err: err instanceof Error ? { message: err.message, cause: String(err.cause) } : undefined },
    'national sign-in failed',
  );
  return toSignInPage(reason);
}

export const nationalSignInRoutes = [
  route<unknown, Validated<'national-sign-in-start-query'>>({
    method: 'get',
    path: '/api/v1/auth/national/start',
    tag: 'Authentication',
    summary: 'Sign in through the national sign-in service (redirects to it)',
    auth: 'public',
    query: 'national-sign-in-start-query',
    rateLimit: 'signIn',
    responses: {
      302: { description: 'To the national sign-in service (or to the sign-in page when it cannot be reached)' },
      503: { description: 'The national sign-in service is not configured or cannot be reached (retry later)', schema: 'error' },
    },
    async handler(ctx) {
      const { relyingParty, store } = nationalSignInOf(ctx.deps);
      const wantsPage = ctx.req.accepts(['json', 'html']) === 'html';
      if (!relyingParty) throw new ApiError(503, 'national_sign_in_not_configured', 'The national sign-in service is not configured.');
      let started: Awaited<ReturnType<NationalSignIn['begin']>>;
      try {
        started = await relyingParty.begin({ acr: ctx.query.acr, returnTo: ctx.query.returnTo ?? null });
      } catch (err) {
        if (!(err instanceof NationalSignInError)) throw err;
        if (wantsPage) return failed(ctx, err.reason, err);
        signIns.inc({ provider: 'national', method: 'unknown', outcome: err.reason });
        throw unavailable();
      }
      const key = randomKey();
      await store.put(key, started.pending, PENDING_TTL_SECONDS);
      ctx.res.cookie(COOKIE, key, {
        httpOnly: true,
        sameSite: 'lax', // sent on the provider's top-level redirect back, never on cross-site subrequests
        secure: new URL(ctx.deps.config.publicUrl).protocol === 'https:',
        path: COOKIE_PATH,
        maxAge: PENDING_TTL_SECONDS * 1000,
      });
      return redirect(started.url);
    },
  }),
  route<unknown, Validated<'national-sign-in-callback-query'>>({
    method: 'get',
    path: CALLBACK_PATH,
    tag: 'Authentication',
    summary: "The national sign-in service's redirect back (authorization response)",
    auth: 'public',
    query: 'national-sign-in-callback-query',
    rateLimit: 'signIn',
    responses: {
      302: { description: 'To /signed-in with a one-time hand-off code, or to /sign-in with the reason it failed' },
    },
    async handler(ctx) {
      const { relyingParty, store } = nationalSignInOf(ctx.deps);
      const key = cookieOf(ctx.req, COOKIE);
      ctx.res.clearCookie(COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'lax' });
      // Taken once: a replayed callback (same state) finds nothing and is refused.
      const pending = key && /^[A-Za-z0-9_-]{43}$/.test(key) ? await store.take<PendingSignIn>(key) : undefined;
      if (!relyingParty) return failed(ctx, 'unavailable');
      if (!pending) return failed(ctx, ctx.query.error === 'access_denied' ? 'denied' : 'expired');
      // Not the sign-in this browser started (another tab's, or forged): start again. openid-client checks it too.
      if (ctx.query.state !== pending.state) return failed(ctx, 'expired');
      let identity: NationalIdentity;
      try {
        identity = await relyingParty.complete(new URLSearchParams(ctx.query as Record<string, string>), pending);
      } catch (err) {
        if (!(err instanceof NationalSignInError)) throw err;
        return failed(ctx, err.reason, err);
      }
      return completeSignIn(ctx as RouteContext<unknown, unknown>, citizenPrincipal(identity), {
        provider: 'national',
        method: identity.method,
        returnTo: pending.returnTo,
        details: { acr: identity.acr, method: identity.method },
      });
    },
  }),
];
