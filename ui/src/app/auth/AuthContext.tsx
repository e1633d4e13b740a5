// Who is signed in, for the whole app. The national sign-in hands the SPA a one-time code (POST
// /api/v1/auth/national/handoff exchanges it for the session); the demo sign-in exchanges a persona id.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { DevSignIn, NationalHandoff, Principal } from '../api/types';
import { clearSession, getPrincipal, storeSession } from './session';

interface AuthValue {
  principal: Principal | null;
  signIn(persona: string): Promise<Principal>;
  /** The national sign-in's last step: the one-time code from /signed-in for the session and the page to return to. */
  completeNationalSignIn(code: string): Promise<{ principal: Principal; returnTo: string | null }>;
  signOut(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(getPrincipal);
  const signIn = useCallback(async (persona: string) => {
    const res = await api<DevSignIn>('/api/v1/auth/dev-login', { body: { persona } });
    storeSession(res.token, res.principal);
    setPrincipal(res.principal);
    return res.principal;
  }, []);
  const completeNationalSignIn = useCallback(async (code: string) => {
    const res = await api<NationalHandoff>('/api/v1/auth/national/handoff', {
      body: { code },
    });
    storeSession(res.token, res.principal);
    setPrincipal(res.principal);
    return { principal: res.principal, returnTo: res.returnTo };
  }, []);
  const signOut = useCallback(() => {
    clearSession();
    setPrincipal(null);
  }, []);
  const value = useMemo(
    () => ({ principal, signIn, completeNationalSignIn, signOut }),
    [principal, signIn, completeNationalSignIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
