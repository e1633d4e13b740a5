// The one way a browser sign-in ends, whatever the identity provider (national sign-in, eIDAS): a server-side
// session is started (its cookie set on this redirect), the sign-in is audited and counted, and the browser goes to
// /signed-in, which announces it and moves on to the page the citizen came from.
import type { RouteContext, Reply } from '../../routing';
import type { Principal } from '../principal';
import { actorType } from '../principal';
import { audit } from '../../../../db/audit';
import { signIns } from '../../metrics';
import { startSession, type BrowserSession } from './browser-session';

export interface SignInOutcome {
  /** The identity provider: 'national', 'eidas', 'dev'. */
  provider: string;
  /** The method the person used there (eparaksts-mobile, eid-card, bank; the eIDAS country). */
  method: string;
  /** Where to land afterwards: a path on this site, or null for the home page. */
  returnTo: string | null;
  /** Recorded with the audit entry (acr, method, country …). */
  details?: Record<string, unknown>;
}

/** A path on this site only: anything else (another origin, `//host`, `/\\host`) lands on the home page. */
export function safeReturnPath(returnTo: string | null | undefined): string | null {
  if (!returnTo || !returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.includes('\\')) return null;
  return /^[\x21-\x7e]*$/.test(returnTo) ? returnTo : null;
}

/** Starts the session (its cookie set on this response), audits the sign-in and counts it. */
export async function signIn(ctx: RouteContext<unknown, unknown>, principal: Principal, outcome: SignInOutcome): Promise<BrowserSession> {
  const session = await startSession(ctx.deps, ctx.req, ctx.res, principal);
  await audit(ctx.deps.db.pool, {
    actor: { type: actorType(principal), id: principal.sub, agency: principal.agency, office: principal.office },
    subject: principal.person,
    action: 'login',
    resource: `auth/${outcome.provider}`,
    purpose: 'sign-in',
    requestId: ctx.requestId,
    details: outcome.details,
  });
  signIns.inc({ provider: outcome.provider, method: outcome.method, outcome: 'success' });
  return session;
}

/** signIn, then the redirect that ends a browser's round trip through an identity provider. */
export async function completeSignIn(ctx: RouteContext<unknown, unknown>, principal: Principal, outcome: SignInOutcome): Promise<Reply> {
  await signIn(ctx, principal, outcome);
  const back = safeReturnPath(outcome.returnTo);
  return {
    status: 302,
    headers: { Location: back ? `/signed-in?returnTo=${encodeURIComponent(back)}` : '/signed-in', 'Cache-Control': 'no-store' },
  };
}
