// `/services`: the citizen's way into the e-services. The list itself is the one search over the service catalogue
// (ui/src/catalog/public/CatalogSearch.tsx, e-services marked and started from there), so `/services` shows it;
// `?start=<eserviceId>` (the catalogue's "Start the e-service" link, after sign-in) starts that e-service at once.
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../app/api/client';
import type { Application } from './types';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';

/**
 * Opens an e-service. One Idempotency-Key per attempt to open it, kept (in sessionStorage, so a reload keeps it too)
 * until the draft exists: a retry after "temporarily unavailable" or a second click answers the same draft instead of
 * opening another.
 */
export async function startEService(eserviceId: string): Promise<Application> {
  const slot = `open-application:${eserviceId}`;
  const key = sessionStorage.getItem(slot) ?? newIdempotencyKey();
  sessionStorage.setItem(slot, key);
  const app = await api<Application>('/api/v1/applications', { body: { eserviceId }, headers: { 'idempotency-key': key } });
  sessionStorage.removeItem(slot); // the next press opens a new application
  return app;
}

/**
 * Why an e-service did not open, as the page says it. A refusal (403: a service that needs a Latvian personal code,
 * or a higher level of assurance) carries the server's explanation of which sign-in would do.
 */
export function startErrorMessage(e: unknown, t: (key: string) => string): string {
  if (e instanceof ApiError && e.status === 403) return `${t('services.startRefused')} ${e.message}`;
  return t(e instanceof ApiError && e.status === 503 ? 'services.startUnavailable' : 'services.startFailed');
}

export function Services() {
  const [params] = useSearchParams();
  const requested = params.get('start');
  if (!requested) {
    const rest = new URLSearchParams(params);
    return <Navigate to={`/catalog${rest.size > 0 ? `?${rest.toString()}` : ''}`} replace />;
  }
  return <StartRequested eserviceId={requested} />;
}

/** The level a refusal asks for (403 level_of_assurance_too_low names it): the sign-in page asks the eIDAS node for it. */
function levelAskedFor(e: unknown): string | undefined {
  if (!(e instanceof ApiError) || e.code !== 'level_of_assurance_too_low') return undefined;
  return e.details.find((d) => d.code === 'level_of_assurance_too_low')?.message;
}

function StartRequested({ eserviceId }: { eserviceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [signInAgain, setSignInAgain] = useState<string | null>(null);
  const started = useRef(false);
  usePageTitle(t('services.title'));

  useEffect(() => {
    if (started.current) return;
    started.current = true; // once, even when the effect runs twice
    startEService(eserviceId).then(
      (app) => void navigate(`/applications/${app.id}`, { replace: true }),
      (e: unknown) => {
        setError(startErrorMessage(e, t));
        const level = levelAskedFor(e);
        if (level) setSignInAgain(`/sign-in?${new URLSearchParams({ returnTo: `/services?start=${eserviceId}`, loa: level }).toString()}`);
      },
    );
  }, [eserviceId, navigate, t]);

  return (
    <>
      <h1>{t('services.title')}</h1>
      {error ? (
        <>
          <Alert kind="error">{error}</Alert>
          {signInAgain && (
            <p>
              <Link to={signInAgain}>{t('services.signInAgain')}</Link>
            </p>
          )}
          <p>
            <Link to="/catalog">{t('services.backToSearch')}</Link>
          </p>
        </>
      ) : (
        <Loading />
      )}
    </>
  );
}
