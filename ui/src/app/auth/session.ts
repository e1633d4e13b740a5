// The demo sign-in keeps the bearer token and the principal in sessionStorage: they end with the browser tab.
import type { Principal } from '../api/types';

const TOKEN = 'sdp.token';
const PRINCIPAL = 'sdp.principal';

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN);
}

export function getPrincipal(): Principal | null {
  const raw = sessionStorage.getItem(PRINCIPAL);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Principal;
  } catch {
    return null;
  }
}

export function storeSession(token: string, principal: Principal): void {
  sessionStorage.setItem(TOKEN, token);
  sessionStorage.setItem(PRINCIPAL, JSON.stringify(principal));
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(PRINCIPAL);
}

export const isCitizen = (p: Principal | null) => !!p?.roles.includes('citizen');
export const isOfficer = (p: Principal | null) => !!p?.roles.some((r) => r === 'agency-officer' || r === 'agency-admin');
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
