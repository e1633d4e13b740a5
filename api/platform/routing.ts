// Routes are declared once, as data: method, path, who may call it, the schemas of its input and output. The same
// declarations register Express handlers (with auth and ajv validation in front) and build the OpenAPI document.
import crypto from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import type { Principal, Role } from './auth/principal';
import { forbidden, notFound, unauthenticated, methodNotAllowed, ApiError } from './errors';
import { MAX_JSON_DEPTH, check, isValidParam, type ParamFormat, type SchemaName } from '../../forms/validation';
import { validate } from './validation';
import { accessToParty } from './auth/policy';
import type { AppDeps } from './deps';
import type { RateLimitKind, RateLimiters } from './rate-limits';
import { CSRF_HEADER, cookieOf, sessionCookieName, sessionFromRequest, type BrowserSession } from './auth/session/browser-session';
import { checkAreaScope } from './auth/provider/system-tokens';
import { appTokenPrincipal } from './auth/provider/app-tokens';

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext<B = unknown, Q = unknown> {
  req: Request;
  res: Response;
  deps: AppDeps;
  principal: Principal;
  body: B;
  query: Q;
  params: Record<string, string>;
  requestId: string;
  /**
   * The check every returned reply gets in the tests (its declared response schema), for a handler that writes its
   * own bytes (a cached body sent with res.end) and so bypasses it. Call it where the body is built. Outside the
   * tests it does nothing.
   */
  checkReply(reply: Reply): void;
}

export interface RouteSpec<B = unknown, Q = unknown> {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed, or 'public' for no sign-in. */
  auth: readonly Role[] | 'public' | 'any-signed-in';
  body?: SchemaName;
  /** Bodies that are not JSON (e.g. NDJSON uploads) are streamed by the handler itself. */
  rawBody?: { contentType: string; description: string };
  bodyLimit?: string;
  query?: SchemaName;
  /**
   * Formats of the path parameters ($defs of common.schema.json). Undeclared ones are `pathText` (printable, at most
   * 200 characters). A parameter that does not match its format cannot name anything: 404 before the handler runs.
   */
  params?: Record<string, ParamFormat>;
  /** Defaults to one derived from the method and path (api/platform/openapi.ts operationIdOf). */
  operationId?: string;
  /**
   * The route acts for a party (its own area: /api/v1/organisations/...): an act-for token (RFC 8693 `act`) may call
   * it. Any other route refuses such a token (403 act_for_not_allowed here).
   */
  actsForParty?: true;
  /** false: the browser session is not looked up (nor its idle end moved) before the handler. */
  touchesSession?: false;
  /** Counted against this limit (per account when signed in, else per address): 429 rate_limited with Retry-After. */
  rateLimit?: RateLimitKind;
  /** Per status; a JSON success response names its schema, which the tests check every reply against. */
  responses: Record<number, { description: string; schema?: SchemaName; contentType?: string }>;
  handler: (ctx: RouteContext<B, Q>) => Promise<Reply | void>;
}

// Helps inference: the handler's body and query types are given by the caller.
export function route<B = unknown, Q = unknown>(spec: RouteSpec<B, Q>): RouteSpec {
  return spec as unknown as RouteSpec;
}

const PUBLIC: Principal = { sub: 'anonymous', name: 'anonymous', roles: [] };

export function mountRoutes(router: Router, routes: RouteSpec[], deps: AppDeps, limiters?: RateLimiters): void {
  for (const spec of routes) {
    const parsers = [];
    if (spec.body) {
      parsers.push(express.json({ limit: spec.bodyLimit ?? '1mb', strict: false, type: () => true, verify: refuseDeepJson }));
    }
    const checkParams = (req: Request, _res: Response, next: express.NextFunction) => {
      const bad = pathParams(spec).find((name) => !isValidParam(paramFormat(spec, name), req.params[name] ?? ''));
      next(bad === undefined ? undefined : notFound());
    };
    const authFirst = (req: Request, _res: Response, next: express.NextFunction) => {
      // Who is asking is settled before the body is read: an anonymous caller never gets the body parsed.
      authenticate(req, spec, deps).then((p) => {
        req.principal = p;
        next();
      }, next);
    };
    const requireJson = (req: Request, _res: Response, next: express.NextFunction) => {
      if (spec.body && !req.is('application/json')) {
        next(new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.'));
      } else next();
    };
    const limited = spec.rateLimit && limiters ? [limiters[spec.rateLimit]] : [];
    router[spec.method](
      spec.path,
      authFirst,
      ...limited,
      checkParams,
      requireJson,
      ...parsers,
      async (req: Request, res: Response, next: express.NextFunction) => {
        try {
          const principal = req.principal ?? PUBLIC;
          const body = spec.body ? validate(spec.body, req.body) : undefined;
          const query = validate(spec.query ?? 'empty-query', { ...req.query }, { query: true, prefix: '/query' });
          const reply = await spec.handler({
            req,
            res,
            deps,
            principal,
            body,
            query,
            params: req.params,
            requestId: String(req.id),
            checkReply: (own: Reply) => {
              if (deps.config.env === 'test') checkResponse(spec as RouteSpec, own);
            },
          });
          if (!reply || res.headersSent) return;
          if (deps.config.env === 'test') checkResponse(spec, reply);
          if (reply.headers) res.set(reply.headers);
          res.status(reply.status ?? 200);
          if (reply.body === undefined) res.end();
          else res.json(reply.body);
        } catch (err) {
          next(err);
        }
      },
    );
  }
}

/**
 * In the tests every JSON reply is checked against the schema its route declares for that status, so a presenter
 * drifting from the documented shape fails the test that hit it (a 500 naming the mismatch), not a client later.
 */
export function checkResponse(spec: RouteSpec, reply: Reply): void {
  const status = reply.status ?? 200;
  const schema = spec.responses[status]?.schema;
  // A route without a schema for this status is reported by test/api/platform/openapi.test.ts, per operation.
  if (reply.body === undefined || status >= 400 || !schema) return;
  const problems = check(schema, reply.body, '/response');
  if (problems)
    throw new ApiError(
      500,
      'response_schema_violation',
      `${spec.method.toUpperCase()} ${spec.path} answered ${status} outside ${schema}.`,
      problems,
    );
}

/** Paths as regular expressions, to tell "no such path" (404) from "no such method on this path" (405). */
function pathPattern(path: string): RegExp {
  const escaped = path
    .split(/(:[A-Za-z]+)/)
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}/?$`);
}

/** After every route: a request to a declared path with a method it does not declare answers 405 with Allow. */
export function methodNotAllowedHandler(routes: RouteSpec[]): express.RequestHandler {
  const patterns = routes.map((r) => ({ re: pathPattern(r.path), method: r.method.toUpperCase() }));
  return (req, _res, next) => {
    if (req.method === 'OPTIONS') return next();
    const allowed = new Set(patterns.filter((p) => p.re.test(req.path)).map((p) => p.method));
    if (!allowed.size || allowed.has(req.method)) return next();
    if (allowed.has('GET')) allowed.add('HEAD');
    next(methodNotAllowed(req.method, [...allowed].sort()));
  };
}

export function pathParams(spec: RouteSpec): string[] {
  return [...spec.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
}

export function paramFormat(spec: RouteSpec, name: string): ParamFormat {
  return spec.params?.[name] ?? 'pathText';
}

/**
 * body-parser's verify hook, run on the raw bytes before JSON.parse: a body nested deeper than MAX_JSON_DEPTH is
 * refused (400 json_too_deep) before any recursive code (parser, ajv, JSON.stringify, jsonb) meets it.
 */
function refuseDeepJson(_req: unknown, _res: unknown, buf: Buffer): void {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < buf.length; i += 1) {
    const c = buf[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > MAX_JSON_DEPTH) throw Object.assign(new Error('JSON nested too deep'), { type: 'entity.too.deep', status: 400 });
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
}

/**
 * Who is asking: a bearer token (systems, API clients), a DPoP-bound app token with its proof (RFC 9449), else the
 * browser session's cookie. A request that changes
 * something with the cookie must carry the session's CSRF token in X-CSRF-Token: another site can make the browser
 * send the cookie, never read the token.
 */
async function authenticate(req: Request, spec: RouteSpec, deps: AppDeps): Promise<Principal> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) {
    const verified = deps.verify(header.slice(7));
    // A public route is answered as to anyone for an act-for token: it acts for its party nowhere else.
    if (spec.auth === 'public') return verified.then((p) => (p.actingFor ? PUBLIC : p)).catch(() => PUBLIC);
    const principal = allowed(spec, await verified);
    if (principal.actingFor) await actForStillHolds(deps, spec, principal);
    return principal;
  }
  if (header?.startsWith('DPoP ')) {
    const citizen = appTokenPrincipal(deps, req, header.slice(5));
    if (spec.auth === 'public') return citizen.catch(() => PUBLIC);
    return allowed(spec, await citizen);
  }
  // GET /api/v1/auth/session reads the session without counting as activity; it looks it up itself.
  const session = spec.touchesSession === false ? null : await sessionFromRequest(deps, req);
  if (!session) {
    if (spec.auth === 'public') return PUBLIC;
    throw unauthenticated(cookieOf(req, sessionCookieName(deps)) ? 'Your session has ended: sign in again.' : undefined);
  }
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
  if (unsafe && !sameSecret(req.get(CSRF_HEADER), session.csrfToken)) {
    throw new ApiError(403, 'csrf_token_invalid', "Send the session's CSRF token in X-CSRF-Token (reload the page to get it).");
  }
  req.browserSession = session;
  return spec.auth === 'public' ? session.principal : allowed(spec, session.principal);
}

/**
 * An act-for token is checked against the representation at every request: the route must act for a party, and the
 * policy must still find a basis for the actor to act for the token's party (a revoked delegation, a member removed
 * from the board or a withdrawn confirmation refuses the very next request).
 */
async function actForStillHolds(deps: AppDeps, spec: RouteSpec, principal: Principal): Promise<void> {
  if (!spec.actsForParty) {
    throw new ApiError(
      403,
      'act_for_not_allowed',
      "This token acts for another party; use it only in that party's area (/api/v1/organisations/...).",
    );
  }
  const party = principal.actingFor as NonNullable<Principal['actingFor']>;
  if (!(await accessToParty(deps.db.pool, principal, party, 'read'))) {
    throw new ApiError(403, 'representation_ended', 'The representation this token acts on has ended.');
  }
}

function allowed(spec: RouteSpec, principal: Principal): Principal {
  if (spec.auth !== 'any-signed-in' && spec.auth !== 'public' && !principal.roles.some((r) => (spec.auth as readonly Role[]).includes(r))) {
    throw forbidden(`This needs one of the roles: ${spec.auth.join(', ')}.`);
  }
  checkAreaScope(principal, spec.tag); // an agency system's token covers the API areas it was granted
  return principal;
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
    /** The browser session the request was made in (absent for bearer-token callers). */
    browserSession?: BrowserSession;
  }
}
