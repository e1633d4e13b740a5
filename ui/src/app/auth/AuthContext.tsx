// Who is signed in, for the whole app. The demo sign-in exchanges a persona id for a bearer token.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { api } from '../api/client';
import type { Principal } from '../api/types';
import { clearSession, getPrincipal, storeSession } from './session';

interface AuthValue {
  principal: Principal | null;
  signIn(persona: string): Promise<Principal>;
  signOut(): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [principal, setPrincipal] = useState<Principal | null>(getPrincipal);
  const signIn = useCallback(async (persona: string) => {
    const res = await api<{ token: string; principal: Principal }>('/api/v1/auth/dev-login', { body: { persona } });
    storeSession(res.token, res.principal);
    setPrincipal(res.principal);
    return res.principal;
  }, []);
  const signOut = useCallback(() => {
    clearSession();
    setPrincipal(null);
  }, []);
  const value = useMemo(() => ({ principal, signIn, signOut }), [principal, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
