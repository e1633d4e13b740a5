// The portal's own sessions (its cookie `portal_session`, unrelated to the platform's) and its pending sign-ins, in
// this process's memory: a restart signs everyone out of the portal, as a small portal would.
import crypto from 'node:crypto';

export interface PortalSession {
  id: string;
  sub: string;
  name: string;
  personalCode?: string;
  acr?: string;
  amr: string[];
  /** The provider's session id for this portal (ID token `sid`): what a logout token names. */
  sid?: string;
}

export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
  /** The silent attempt (prompt=none) comes first; its login_required falls back to a normal request. */
  silent: boolean;
}

export const SESSION_COOKIE = 'portal_session';
export const PENDING_COOKIE = 'portal_login';

export class PortalState {
  private readonly sessions = new Map<string, PortalSession>();
  private readonly pending = new Map<string, PendingLogin>();
  /** Logout token ids already accepted (a replayed token is refused). */
  private readonly seenLogoutTokens = new Set<string>();

  startSession(s: Omit<PortalSession, 'id'>): PortalSession {
    const session = { ...s, id: crypto.randomBytes(24).toString('base64url') };
    this.sessions.set(session.id, session);
    return session;
  }

  session(id: string | undefined): PortalSession | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  endSession(id: string | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Ends the sessions a logout token names (by sid, else every session of the sub); answers how many. */
  endSessionsFor(sub: string | undefined, sid: string | undefined): number {
    let ended = 0;
    for (const [id, s] of this.sessions) {
      if ((sid && s.sid === sid) || (!sid && sub && s.sub === sub)) {
        this.sessions.delete(id);
        ended++;
      }
    }
    return ended;
  }

  remember(login: PendingLogin): string {
    const key = crypto.randomBytes(24).toString('base64url');
    this.pending.set(key, login);
    return key;
  }

  /** The pending sign-in, usable once. */
  take(key: string | undefined): PendingLogin | undefined {
    const login = key ? this.pending.get(key) : undefined;
    if (key) this.pending.delete(key);
    return login;
  }

  /** False when the logout token's jti was seen before. */
  firstUseOf(jti: string): boolean {
    if (this.seenLogoutTokens.has(jti)) return false;
    this.seenLogoutTokens.add(jti);
    return true;
  }
}
