// The published e-services, searchable; starting one opens a new draft and goes to its page. `?start=<eserviceId>`
// (the service catalogue's "Start the e-service" link, after sign-in) starts that e-service at once.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../app/api/client';
import type { Application, EServiceList, EServiceSummary } from './types';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { useAuth } from '../app/auth/AuthContext';

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

export function Services() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const navigate = useNavigate();
  // An EU citizen signed in without a Latvian personal code: services that need one say so instead of a Start button.
  const { principal } = useAuth();
  const withoutPersonalCode = principal !== null && principal.person?.type !== 'natural';
  const [items, setItems] = useState<EServiceSummary[] | null>(null);
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState<string | null>(null);
  const [params] = useSearchParams();
  const startRequested = useRef(false);
  usePageTitle(t('services.title'));

  useEffect(() => {
    api<EServiceList>('/api/v1/eservice-definitions').then(
      (r) => setItems(r.items),
      () => setError(t('errors.generic')),
    );
  }, [t]);

  const shown = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    return (items ?? []).filter((s) => !q || `${loc(s.title)} ${loc(s.description)} ${s.id}`.toLocaleLowerCase().includes(q));
  }, [items, query, loc]);

  const start = useCallback(
    async (id: string, replace = false) => {
      setStarting(id);
      try {
        const app = await startEService(id);
        void navigate(`/applications/${app.id}`, { replace });
      } catch (e) {
        if (e instanceof ApiError && e.status === 403) setError(`${t('services.startRefused')} ${e.message}`);
        else setError(t(e instanceof ApiError && e.status === 503 ? 'services.startUnavailable' : 'services.startFailed'));
        setStarting(null);
      }
    },
    [navigate, t],
  );

  const requested = params.get('start');
  useEffect(() => {
    if (!requested || startRequested.current) return;
    startRequested.current = true; // once, even when the effect runs twice or start changes
    void start(requested, true);
  }, [requested, start]);

  return (
    <>
      <h1>{t('services.title')}</h1>
      <div role="search" className="search">
        <label htmlFor="service-search">{t('services.search')}</label>
        <input
          id="service-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby="service-count"
        />
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {!items ? (
        <Loading />
      ) : (
        <>
          <p id="service-count" role="status">
            {t('services.count', { count: shown.length })}
          </p>
          <ul className="cards">
            {shown.map((s) => (
              <li key={s.id} className="card" data-eservice={s.id}>
                <h2>{loc(s.title)}</h2>
                <p>{loc(s.description)}</p>
                {s.requiresLatvianPersonalCode && withoutPersonalCode ? (
                  <p className="muted" data-testid="needs-personal-code">
                    <strong>{t('services.needsPersonalCode')}</strong> {loc(s.requiresLatvianPersonalCode.otherChannels)}
                  </p>
                ) : (
                  <button
                    type="button"
                    className="primary"
                    disabled={starting !== null}
                    onClick={() => void start(s.id)}
                    aria-label={t('services.startNamed', { title: loc(s.title) })}
                  >
                    {starting === s.id ? t('services.starting') : t('services.start')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
