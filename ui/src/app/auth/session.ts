// The browser session lives on the server: an httpOnly cookie the page cannot read, shared by every tab. The page
// keeps only what it needs in memory: who is signed in, the CSRF token that unsafe requests send, and when the
// session would end if left idle (each request moves that ahead on the server, and here).
import type { Principal, SessionInfo } from '../api/types';

export interface SessionState {
  principal: Principal;
  csrfToken: string;
  /** When the session ends without activity (ms since the epoch, this browser's clock). */
  idleEndsAt: number;
  /** When it ends at the latest, however active. */
  endsAt: number;
  idleMinutes: number;
}

let current: SessionState | null = null;
const listeners = new Set<() => void>();

/** The session the server answered (GET /api/v1/auth/session and friends), or null when not signed in. */
export function sessionFrom(info: SessionInfo): SessionState | null {
  if (!info.signedIn || !info.principal || !info.csrfToken || !info.idleExpiresAt || !info.expiresAt) return null;
  // Counted on this browser's clock from the server's: a skewed clock must not end (or prolong) the session early.
  const skew = info.now ? Date.now() - Date.parse(info.now) : 0;
  return {
    principal: info.principal,
    csrfToken: info.csrfToken,
    idleEndsAt: Date.parse(info.idleExpiresAt) + skew,
    endsAt: Date.parse(info.expiresAt) + skew,
    idleMinutes: info.idleMinutes ?? 15,
  };
}

export function getSession(): SessionState | null {
  return current;
}

export function setSession(next: SessionState | null): void {
  current = next;
  for (const l of listeners) l();
}

export function clearSession(): void {
  setSession(null);
}

/** A request the server counted as activity: the idle end moved ahead (never past the absolute end). */
export function noteActivity(): void {
  if (!current) return;
  setSession({ ...current, idleEndsAt: Math.min(current.endsAt, Date.now() + current.idleMinutes * 60_000) });
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Work to finish while the session is still open, just before it ends for inactivity (pending autosaves). */
const finishers = new Set<() => Promise<unknown>>();
export function beforeSessionEnds(finish: () => Promise<unknown>): () => void {
  finishers.add(finish);
  return () => finishers.delete(finish);
}
export function finishPendingWork(): Promise<unknown> {
  return Promise.allSettled([...finishers].map((f) => f()));
}

export const isCitizen = (p: Principal | null) => !!p?.roles.includes('citizen');
export const isOfficer = (p: Principal | null) => !!p?.roles.some((r) => r === 'agency-officer' || r === 'agency-admin');
/** Who issues invoices from the console (POST /api/v1/invoices): the agency's administrator. */
export const isInvoiceIssuer = (p: Principal | null) => !!p?.roles.includes('agency-admin');
/** Front-office staff and support specialists: the e-service assistant console (co-browsing with a join code). */
export const isAssistStaff = (p: Principal | null) =>
  !!p?.roles.some((r) => r === 'kac-staff' || r === 'agency-officer' || r === 'support-specialist');

/** Where a signed-in user starts: citizens at the portal, officers at their tasks, front-office staff at the assistant. */
export function homeOf(p: Principal | null): string {
  if (isCitizen(p)) return '/';
  if (isOfficer(p)) return '/officer/tasks';
  if (isAssistStaff(p)) return '/assist';
  if (p?.roles.includes('catalogue-admin')) return '/catalog/reviews'; // the service catalogue's administrator
  return '/';
}
