// The sign-in page: the national sign-in service first (Latvija.lv: eParaksts mobile, eID card, bank), then, outside
// production only, the demo personas. A failed national sign-in comes back here with ?error=<reason>, explained.
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import type { Persona, PersonaList } from '../api/types';
import { useAuth } from './AuthContext';
import { homeOf } from './session';
import { Alert, Loading } from '../components/Alert';
import { usePageTitle } from '../components/usePageTitle';
import { useLocalized } from '../i18n/useLocalized';
import { EuSignIn } from './EuSignIn';

// The personas the UI serves today: citizens, agency officers, front-office staff, support specialists and the
// service catalogue's administrator.
const SHOWN_ROLES = ['citizen', 'agency-officer', 'kac-staff', 'support-specialist', 'catalogue-admin'];
const REASONS = ['denied', 'expired', 'failed', 'unavailable', 'session_ended'] as const;

/** A path of this site to come back to, or nothing (never another origin). */
export function safeReturnPath(from: string | undefined): string | undefined {
  return from && from !== '/' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/\\') ? from : undefined;
}

/** Server pages (the OpenID Provider's interaction for an external portal, under /oidc/) are left by a real page load. */
export function goOn(navigate: (to: string, opts?: { replace?: boolean }) => unknown, path: string, replace = false): void {
  if (path.startsWith('/oidc/')) window.location.assign(path);
  else void navigate(path, { replace });
}

function NationalSignIn({ from }: { from: string | undefined }) {
  const { t } = useTranslation();
  const returnTo = safeReturnPath(from);
  const href = `/api/v1/auth/national/start${returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : ''}`;
  return (
    <section className="panel" aria-labelledby="national-sign-in">
      <h2 id="national-sign-in">{t('signIn.nationalHeading')}</h2>
      <p>{t('signIn.nationalHelp')}</p>
      <a href={href} className="button-link primary" data-testid="national-sign-in">
        {t('signIn.national')}
      </a>
    </section>
  );
}

export function SignIn() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const { signIn } = useAuth();
  const navigate = useNavigate();
  // A page that asked for sign-in (e.g. /services?start=… from the catalogue) is where the user goes back to.
  const [search] = useSearchParams();
  // …or, after a session ended, the page it ended on (?returnTo=).
  const from = (useLocation().state as { from?: string } | null)?.from ?? search.get('returnTo') ?? undefined;
  const reason = REASONS.find((r) => r === search.get('error'));
  // An e-service that needs a higher level of assurance sends the citizen here with ?loa=: the EU entrance asks for it.
  const loa = (['low', 'substantial', 'high'] as const).find((l) => l === search.get('loa'));
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [demoOffered, setDemoOffered] = useState(true);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('signIn.title'));

  useEffect(() => {
    // Refused in production: the demo section is simply not there.
    api<PersonaList>('/api/v1/auth/dev-personas').then(
      (r) => setPersonas(r.items.filter((p) => p.roles.some((role) => SHOWN_ROLES.includes(role)))),
      () => setDemoOffered(false),
    );
  }, []);

  const choose = async (id: string) => {
    try {
      const principal = await signIn(id);
      goOn(navigate, safeReturnPath(from) ?? homeOf(principal));
    } catch {
      setError(t('signIn.failed'));
    }
  };

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      {reason && <Alert kind="error">{t(`signIn.reasons.${reason}`)}</Alert>}
      <NationalSignIn from={from} />
      <EuSignIn returnTo={safeReturnPath(from)} loa={loa} />
      {demoOffered && (
        <section aria-labelledby="demo-sign-in">
          <h2 id="demo-sign-in">{t('signIn.demoHeading')}</h2>
          <div className="demo-banner" role="note">
            <strong>{t('signIn.demo')}</strong> {t('signIn.demoHelp')}
          </div>
          {error && <Alert kind="error">{error}</Alert>}
          {!personas && <Loading />}
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
        </section>
      )}
    </>
  );
}
