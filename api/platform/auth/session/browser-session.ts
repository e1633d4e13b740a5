// Server-side browser sessions (issue 16): one httpOnly, SameSite=Lax cookie (Secure and __Host- prefixed behind
// https) holds a random key; the database holds its hash, the principal, a CSRF token and the idle and absolute
// deadlines. All tabs share the cookie, so they share the session; ending it ends it for every tab and node at once.
import crypto from 'node:crypto';
import type { Request, Response } from 'express';
import type { AppDeps } from '../../deps';
import type { Principal } from '../principal';
import {
  endExpiredSessions,
  endSession,
  endSessionsOf,
  findOpenSession,
  insertSession,
  type BrowserSession as StoredSession,
  type SessionEnd,
} from '../../../../db/sessions/browser-sessions';

export type BrowserSession = StoredSession<Principal>;

/** Unsafe requests made with the session cookie carry the session's CSRF token in this header. */
export const CSRF_HEADER = 'x-csrf-token';

const secureCookies = (deps: Pick<AppDeps, 'config'>) => new URL(deps.config.publicUrl).protocol === 'https:';

/** `__Host-` binds the cookie to this exact origin (no Domain, Path=/, Secure); it needs https. */
export const sessionCookieName = (deps: Pick<AppDeps, 'config'>) => (secureCookies(deps) ? '__Host-sdp_session' : 'sdp_session');

export const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest();

export function cookieOf(req: Pick<Request, 'headers'>, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

const KEY = /^[A-Za-z0-9_-]{43}$/;

function cookieOptions(deps: Pick<AppDeps, 'config'>) {
  // Lax, not Strict: the national sign-in's and the bank's top-level redirects back must arrive signed in.
  return { httpOnly: true, secure: secureCookies(deps), sameSite: 'lax' as const, path: '/' };
}

/**
 * Starts a session for the principal and sets its cookie on the response (a session cookie: ends with the browser).
 * A session this browser still had is ended as replaced: a new sign-in never inherits an old session's key.
 */
export async function startSession(
  deps: AppDeps,
  req: Pick<Request, 'headers'>,
  res: Response,
  principal: Principal,
): Promise<BrowserSession> {
  const previous = await sessionFromRequest(deps, req, { touch: false });
  if (previous && (await endSession(deps.db.pool, previous.id, 'replaced'))) await tell(deps, [previous.id], previous.subject, 'replaced');
  const key = crypto.randomBytes(32).toString('base64url');
  const session = await insertSession(deps.db.pool, {
    id: crypto.randomUUID(),
    keyHash: hashKey(key),
    principal,
    csrfToken: crypto.randomBytes(32).toString('base64url'),
    idleMinutes: deps.config.sessions.idleMinutes,
    maxHours: deps.config.sessions.maxHours,
  });
  res.cookie(sessionCookieName(deps), key, cookieOptions(deps));
  return session;
}

/**
 * The open session the request's cookie names, or null (no cookie, unknown, ended, idle or too old). `touch` counts
 * the request as activity and moves the idle deadline.
 */
export async function sessionFromRequest(
  deps: AppDeps,
  req: Pick<Request, 'headers'>,
  opts: { touch: boolean } = { touch: true },
): Promise<BrowserSession | null> {
  const key = cookieOf(req, sessionCookieName(deps));
  if (!key || !KEY.test(key)) return null;
  return findOpenSession<Principal>(deps.db.pool, hashKey(key), opts.touch ? { idleMinutes: deps.config.sessions.idleMinutes } : null);
}

export function clearSessionCookie(deps: AppDeps, res: Response): void {
  res.clearCookie(sessionCookieName(deps), cookieOptions(deps));
}

/** Listeners told when sessions end (live sockets are closed, external portals logged out). */
type EndedListener = (sessionIds: string[], subject: string, reason: SessionEnd) => Promise<void> | void;
const listeners = new WeakMap<AppDeps, EndedListener[]>();

export function onSessionsEnded(deps: AppDeps, listener: EndedListener): void {
  listeners.set(deps, [...(listeners.get(deps) ?? []), listener]);
}

async function tell(deps: AppDeps, ids: string[], subject: string, reason: SessionEnd): Promise<void> {
  if (!ids.length) return;
  for (const listener of listeners.get(deps) ?? []) {
    try {
      await listener(ids, subject, reason);
    } catch (err) {
      deps.logger.warn({ err, reason }, 'a session-ended listener failed');
    }
  }
}

/** Ends this session (sign-out) or every open session of its subject (sign out everywhere). */
export async function endBrowserSession(deps: AppDeps, session: BrowserSession, everywhere: boolean): Promise<string[]> {
  const ids = everywhere
    ? await endSessionsOf(deps.db.pool, session.subject, 'sign-out-everywhere')
    : (await endSession(deps.db.pool, session.id, 'sign-out'))
      ? [session.id]
      : [];
  await tell(deps, ids, session.subject, everywhere ? 'sign-out-everywhere' : 'sign-out');
  return ids;
}

/** Ends the sessions that expired while nobody used them, and tells the listeners (per subject). */
export async function sweepExpiredSessions(deps: AppDeps): Promise<number> {
  const ended = await endExpiredSessions(deps.db.pool);
  const bySubject = new Map<string, string[]>();
  for (const { id, subject } of ended) bySubject.set(subject, [...(bySubject.get(subject) ?? []), id]);
  for (const [subject, ids] of bySubject) await tell(deps, ids, subject, 'idle');
  return ended.length;
}

/** Sweeps every minute until stopped (each API node; a row is ended by one of them). */
export function sweepExpiredSessionsEvery(deps: AppDeps, ms = 60_000): { stop(): void } {
  const timer = setInterval(() => {
    sweepExpiredSessions(deps).catch((err: unknown) => deps.logger.warn({ err }, 'sweeping expired sessions failed'));
  }, ms);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
