// The demo sign-in: clearly marked, lists the seeded personas; real authentication replaces it later.
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Persona } from '../api/types';
import { useAuth } from './AuthContext';
import { homeOf } from './session';
import { Alert, Loading } from '../components/Alert';
import { usePageTitle } from '../components/usePageTitle';
import { useLocalized } from '../i18n/useLocalized';

// The personas the UI serves today: citizens, agency officers, front-office staff, support specialists and the
// service catalogue's administrator.
const SHOWN_ROLES = ['citizen', 'agency-officer', 'kac-staff', 'support-specialist', 'catalogue-admin'];

export function SignIn() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  // A page that asked for sign-in (e.g. /services?start=… from the catalogue) is where the user goes back to.
  const from = (useLocation().state as { from?: string } | null)?.from;
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('signIn.title'));

  useEffect(() => {
    api<{ items: Persona[] }>('/api/v1/auth/dev-personas').then(
      (r) => setPersonas(r.items.filter((p) => p.roles.some((role) => SHOWN_ROLES.includes(role)))),
      () => setError(t('signIn.unavailable')),
    );
  }, [t]);

  const choose = async (id: string) => {
    try {
      const principal = await signIn(id);
      void navigate(from && from !== '/' && from.startsWith('/') && !from.startsWith('//') ? from : homeOf(principal));
    } catch {
      setError(t('signIn.failed'));
    }
  };

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      <div className="demo-banner" role="note">
        <strong>{t('signIn.demo')}</strong> {t('signIn.demoHelp')}
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {!personas && !error && <Loading />}
      {personas && (
        <ul className="persona-list">
          {personas.map((p) => (
            <li key={p.id}>
              <button type="button" className="persona" data-persona={p.id} onClick={() => void choose(p.id)}>
                <span className="persona-name">{p.name}</span>
                <span className="muted">{loc(p.description)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
