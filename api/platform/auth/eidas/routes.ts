// EU citizens sign in with their country's eID through the eIDAS node (issue 16 §1); the platform is a SAML 2.0
// service provider (service-provider.ts):
//   GET  /api/v1/auth/eidas/start?country=XX[&loa=substantial] → 302 to the node (AuthnRequest, HTTP-Redirect, asking
//        at least `loa`, default low; the request kept in the one-time store under its id, for the InResponseTo check
//        and the level the answer must meet)
//   POST /api/v1/auth/eidas/acs (HTTP-POST binding, form SAMLResponse) → a browser session and 302 to /signed-in, or
//        /sign-in?error=<reason>: denied, expired (too old, not our request, or replayed), failed (signature, audience,
//        a malformed assertion), unavailable
//   GET  /api/v1/auth/eidas/metadata → the platform's SP metadata
// The ACS is reached by a cross-site form POST, which carries no SameSite=Lax cookie: the answer is bound to the
// request by InResponseTo (a 160-bit id kept server-side, taken once), not by a cookie. Each assertion is accepted
// once (its id in PostgreSQL until it expires).
import express from 'express';
import { route, type RouteContext } from '../../routing';
import { ApiError } from '../../errors';
import { signIns } from '../../metrics';
import type { AppDeps } from '../../deps';
import type { Validated } from '../../../../forms/types/validated';
import { oneTimeStoreOf, type OneTimeStore } from '../one-time-store';
import { completeSignIn } from '../session/sign-in-completion';
import { recordAssertionOnce } from '../../../../db/eidas/assertions-seen';
import {
  EidasSignInError,
  createEidasServiceProvider,
  type EidasFailure,
  type EidasServiceProvider,
  type PendingEidasRequest,
} from './service-provider';
import { eidasPrincipal, linkedPersonalCodeOf } from './principal';

export const ACS_PATH = '/api/v1/auth/eidas/acs';
export const METADATA_PATH = '/api/v1/auth/eidas/metadata';
const PENDING_TTL_SECONDS = 600; // the node's pages may stay open 10 minutes
const CLOCK_SKEW_MS = 30_000;
const storeKey = (requestId: string) => `eidas:${requestId}`;

interface EidasDeps {
  serviceProvider: EidasServiceProvider | null;
  store: OneTimeStore;
}

// Built once per app from its configuration (tests build several apps in one process).
const built = new WeakMap<AppDeps, EidasDeps>();
function eidasOf(deps: AppDeps): EidasDeps {
  let found = built.get(deps);
  if (!found) {
    const settings = deps.config.eidas;
    found = {
      serviceProvider: settings ? createEidasServiceProvider({ ...settings, acsUrl: new URL(ACS_PATH, deps.config.publicUrl).href }) : null,
      store: oneTimeStoreOf(deps),
    };
    built.set(deps, found);
  }
  return found;
}

const redirect = (location: string) => ({ status: 302, headers: { Location: location, 'Cache-Control': 'no-store' } });

function failed(ctx: RouteContext, reason: EidasFailure, err?: unknown) {
  signIns.inc({ provider: 'eidas', method: 'unknown', outcome: reason });
  ctx.deps.logger.warn({ reason, err: err instanceof Error ? { message: err.message } : undefined }, 'eIDAS sign-in failed');
  return redirect(`/sign-in?error=${reason}`);
}

const notConfigured = () => new ApiError(503, 'eidas_not_configured', 'Sign-in with an EU eID (eIDAS) is not configured.');

/** The posted form (application/x-www-form-urlencoded, as the HTTP-POST binding sends it); {} for anything else. */
function formOf(ctx: RouteContext): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    express.urlencoded({ extended: false, limit: '256kb' })(ctx.req, ctx.res, (err?: unknown) =>
      err
        ? reject(new ApiError(400, 'malformed_form', 'The form body cannot be read.'))
        : resolve((ctx.req.body ?? {}) as Record<string, unknown>),
    );
  });
}

export const eidasSignInRoutes = [
  route<unknown, Validated<'eidas-sign-in-start-query'>>({
    method: 'get',
    path: '/api/v1/auth/eidas/start',
    tag: 'Authentication',
    summary: "Sign in with an EU citizen's eID through the eIDAS node (redirects to it)",
    auth: 'public',
    query: 'eidas-sign-in-start-query',
    rateLimit: 'signIn',
    responses: {
      302: { description: 'To the eIDAS node (or to the sign-in page when it cannot be reached)' },
      503: { description: 'eIDAS is not configured or the node cannot be reached (retry later)', schema: 'error' },
    },
    async handler(ctx) {
      const { serviceProvider, store } = eidasOf(ctx.deps);
      if (!serviceProvider) throw notConfigured();
      const wantsPage = ctx.req.accepts(['json', 'html']) === 'html';
      let started: Awaited<ReturnType<EidasServiceProvider['begin']>>;
      try {
        started = await serviceProvider.begin({
          country: ctx.query.country,
          returnTo: ctx.query.returnTo ?? null,
          ...(ctx.query.loa ? { minimumLevel: ctx.query.loa } : {}),
        });
      } catch (err) {
        if (!(err instanceof EidasSignInError)) throw err;
        if (wantsPage) return failed(ctx, err.reason, err);
        signIns.inc({ provider: 'eidas', method: 'unknown', outcome: err.reason });
        throw new ApiError(503, 'eidas_unavailable', 'The eIDAS node cannot be reached now; try again in a minute.', [], {
          'Retry-After': '30',
        });
      }
      await store.put(storeKey(started.pending.requestId), started.pending, PENDING_TTL_SECONDS);
      return redirect(started.url);
    },
  }),
  route({
    method: 'post',
    path: ACS_PATH,
    tag: 'Authentication',
    summary: "The eIDAS node's answer (SAML 2.0 Response, HTTP-POST binding): the assertion consumer service",
    auth: 'public',
    // The node's auto-submitting form is a cross-site POST: a session cookie it carries is not looked up (no CSRF token).
    touchesSession: false,
    rateLimit: 'signIn',
    rawBody: { contentType: 'application/x-www-form-urlencoded', description: 'SAMLResponse (base64) and RelayState' },
    responses: {
      302: { description: 'To /signed-in with a browser session, or to /sign-in with the reason it failed' },
    },
    async handler(ctx) {
      const { serviceProvider, store } = eidasOf(ctx.deps);
      if (!serviceProvider) return failed(ctx, 'unavailable');
      const form = await formOf(ctx as RouteContext);
      if (typeof form.SAMLResponse !== 'string' || form.SAMLResponse.length === 0) return failed(ctx, 'failed');
      let verified: Awaited<ReturnType<EidasServiceProvider['complete']>>;
      try {
        verified = await serviceProvider.complete(form.SAMLResponse, (id) =>
          /^_[0-9a-f]{40}$/.test(id) ? store.take<PendingEidasRequest>(storeKey(id)) : Promise.resolve(undefined),
        );
      } catch (err) {
        if (!(err instanceof EidasSignInError)) throw err;
        return failed(ctx, err.reason, err);
      }
      const { identity, pending } = verified;
      const expiresAt = new Date(identity.notOnOrAfter.getTime() + CLOCK_SKEW_MS);
      const fresh = await recordAssertionOnce(ctx.deps.db.pool, { id: identity.assertionId, issuer: identity.issuer, expiresAt });
      if (!fresh) return failed(ctx, 'expired', new Error(`assertion ${identity.assertionId} replayed`));
      let personalCode: string | null;
      try {
        personalCode = await linkedPersonalCodeOf(ctx.deps, identity.personIdentifier, ctx.requestId);
      } catch (err) {
        return failed(ctx, 'unavailable', err);
      }
      return completeSignIn(ctx as RouteContext<unknown, unknown>, eidasPrincipal(identity, personalCode), {
        provider: 'eidas',
        method: identity.country,
        returnTo: pending.returnTo,
        details: {
          acr: identity.acr,
          country: identity.country,
          eidasIdentifier: identity.personIdentifier,
          linked: personalCode !== null,
        },
      });
    },
  }),
  route({
    method: 'get',
    path: METADATA_PATH,
    tag: 'Authentication',
    summary: "The platform's SAML 2.0 service-provider metadata (entityID, assertion consumer service)",
    auth: 'public',
    responses: {
      200: { description: 'SAML metadata', contentType: 'application/samlmetadata+xml' },
      503: { description: 'eIDAS is not configured', schema: 'error' },
    },
    async handler(ctx) {
      const { serviceProvider } = eidasOf(ctx.deps);
      if (!serviceProvider) throw notConfigured();
      ctx.res.status(200).type('application/samlmetadata+xml').send(serviceProvider.metadata());
    },
  }),
];
