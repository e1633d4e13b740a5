// `/services`: the citizen's way into the e-services. The list itself is the one search over the service catalogue
// (ui/src/catalog/public/CatalogSearch.tsx, e-services marked and started from there), so `/services` shows it;
// `?start=<eserviceId>` (the catalogue's "Start the e-service" link, after sign-in) starts that e-service at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../app/api/client';
import type { Application, ApplicationSummary, MyApplications } from './types';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';

/** Where the Idempotency-Key of an opening in progress is kept (sessionStorage). */
const openingSlot = (eserviceId: string) => `open-application:${eserviceId}`;

/**
 * Opens an e-service. One Idempotency-Key per attempt to open it, kept (in sessionStorage, so a reload keeps it too)
 * until the draft exists: a retry after "temporarily unavailable" or a second click answers the same draft instead of
 * opening another.
 */
export async function startEService(eserviceId: string, ifDraftExists?: 'continue'): Promise<Application> {
  const slot = openingSlot(eserviceId);
  const key = sessionStorage.getItem(slot) ?? newIdempotencyKey();
  sessionStorage.setItem(slot, key);
  const app = await api<Application>('/api/v1/applications', {
    body: { eserviceId, ...(ifDraftExists ? { ifDraftExists } : {}) },
    headers: { 'idempotency-key': key },
  });
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

/** The citizen's saved draft of this e-service (the newest), if any: starting again offers to continue it. */
export async function savedDraftOf(eserviceId: string): Promise<ApplicationSummary | null> {
  // An opening still pending (the last attempt got no answer, or "temporarily unavailable") is retried with its
  // Idempotency-Key as it was: the draft it may have made is that same application, not one to choose from.
  if (sessionStorage.getItem(openingSlot(eserviceId)) !== null) return null;
  const mine = await api<MyApplications>('/api/v1/me/applications?status=draft');
  const drafts = mine.items.filter((d) => d.eserviceId === eserviceId && d.status === 'draft');
  drafts.sort((a, b) => (b.draftSavedAt ?? b.createdAt).localeCompare(a.draftSavedAt ?? a.createdAt));
  return drafts[0] ?? null;
}

/** Discards a saved draft (withdrawn before it was ever sent: "My cases" does not list it). */
export async function discardDraft(id: string): Promise<void> {
  await api(`/api/v1/applications/${id}/withdraw`, { body: {} });
}

function StartRequested({ eserviceId }: { eserviceId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [signInAgain, setSignInAgain] = useState<string | null>(null);
  const [draft, setDraft] = useState<ApplicationSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);
  usePageTitle(draft ? t('services.draft.title') : t('services.title'));

  const start = useCallback(() => {
    startEService(eserviceId).then(
      (app) => void navigate(`/applications/${app.id}`, { replace: true }),
      (e: unknown) => {
        setBusy(false);
        setError(startErrorMessage(e, t));
        const level = levelAskedFor(e);
        if (level) setSignInAgain(`/sign-in?${new URLSearchParams({ returnTo: `/services?start=${eserviceId}`, loa: level }).toString()}`);
      },
    );
  }, [eserviceId, navigate, t]);

  useEffect(() => {
    if (started.current) return;
    started.current = true; // once, even when the effect runs twice
    // A saved draft of the same e-service: the citizen chooses (GOV.UK "continue / start again"), no second draft.
    savedDraftOf(eserviceId).then(
      (found) => (found ? setDraft(found) : start()),
      () => start(),
    );
  }, [eserviceId, start]);

  if (draft && !error) {
    return (
      <DraftChoice
        draft={draft}
        busy={busy}
        onStartAgain={() => {
          setBusy(true);
          discardDraft(draft.id).then(start, () => {
            setBusy(false);
            setError(t('services.draft.discardFailed'));
          });
        }}
      />
    );
  }
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
            {draft ? (
              <Link to={`/applications/${draft.id}`}>{t('services.draft.continue')}</Link>
            ) : (
              <Link to="/catalog">{t('services.backToSearch')}</Link>
            )}
          </p>
        </>
      ) : (
        <Loading />
      )}
    </>
  );
}

function DraftChoice({ draft, busy, onStartAgain }: { draft: ApplicationSummary; busy: boolean; onStartAgain: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const loc = useLocalized();
  const fmt = useFormatDate();
  return (
    <>
      <h1>{t('services.draft.title')}</h1>
      <p>
        {t('services.draft.saved', {
          title: loc(draft.title),
          started: fmt(draft.createdAt, false),
          saved: fmt(draft.draftSavedAt ?? draft.createdAt),
        })}
      </p>
      <p>{t('services.draft.choose')}</p>
      <div className="actions" aria-busy={busy}>
        <button
          type="button"
          className="primary"
          onClick={() => void navigate(`/applications/${draft.id}`, { replace: true })}
          disabled={busy}
        >
          {t('services.draft.continue')}
        </button>
        <button type="button" className="secondary" onClick={onStartAgain} disabled={busy} aria-describedby="start-again-hint">
          {t('services.draft.startAgain')}
        </button>
      </div>
      <p id="start-again-hint" className="muted">
        {t('services.draft.startAgainHint')}
      </p>
    </>
  );
}
