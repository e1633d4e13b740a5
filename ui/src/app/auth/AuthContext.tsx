// Who is signed in, for the whole app. The session is the server's (an httpOnly cookie shared by all tabs): on load
// the app asks GET /api/v1/auth/session, and tabs tell each other when someone signs in or out (BroadcastChannel),
// so a new tab is signed in and a sign-out in one tab signs every tab out at once.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Principal, SessionInfo } from '../api/types';
import { getSession, sessionFrom, setSession, subscribe, type SessionState } from './session';

interface AuthValue {
  /** False until the server has said whether this browser is signed in. */
  ready: boolean;
  principal: Principal | null;
  session: SessionState | null;
  signIn(persona: string): Promise<Principal>;
  /** Reads the session from the server again (after the national sign-in's redirect back, say). */
  refresh(): Promise<SessionState | null>;
  /** One click: moves the idle end ahead. */
  extend(): Promise<void>;
  signOut(opts?: { everywhere?: boolean }): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);
const CHANNEL = 'sdp-session';

function broadcast(message: 'signed-in' | 'signed-out'): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage(message);
  channel.close();
}

async function readSession(): Promise<SessionState | null> {
  const next = sessionFrom(await api<SessionInfo>('/api/v1/auth/session'));
  setSession(next);
  return next;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribe, getSession);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    readSession().then(
      () => setReady(true),
      () => setReady(true), // the API unreachable: shown as signed out; the next request says why
    );
    if (typeof BroadcastChannel === 'undefined') return undefined;
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => void readSession().catch(() => setSession(null));
    return () => channel.close();
  }, []);

  const signIn = useCallback(async (persona: string) => {
    const next = sessionFrom(await api<SessionInfo>('/api/v1/auth/dev-session', { body: { persona } }));
    if (!next) throw new Error('no session');
    setSession(next);
    broadcast('signed-in');
    return next.principal;
  }, []);
  const refresh = useCallback(() => readSession(), []);
  const extend = useCallback(async () => {
    setSession(sessionFrom(await api<SessionInfo>('/api/v1/auth/session/extend', { method: 'POST' })));
  }, []);
  const signOut = useCallback(async (opts: { everywhere?: boolean } = {}) => {
    try {
      await api<void>(`/api/v1/auth/session${opts.everywhere ? '?everywhere=true' : ''}`, { method: 'DELETE' });
    } finally {
      setSession(null);
      broadcast('signed-out');
    }
  }, []);
  const value = useMemo(
    () => ({ ready, principal: session?.principal ?? null, session, signIn, refresh, extend, signOut }),
    [ready, session, signIn, refresh, extend, signOut],
  );
  return <AuthContext.Provider value={value}>{ready ? children : null}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
