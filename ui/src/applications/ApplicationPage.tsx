// One application: the form while it is a draft; afterwards its status, timeline, documents and actions. The
// status follows live events, so an officer's decision shows without a reload.
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { useStatusEvents } from '../app/api/realtime';
import type { Application } from './types';
import type { StatusEvent } from '../app/api/types';
import { Alert, Loading } from '../app/components/Alert';
import { StatusBadge } from '../app/components/StatusBadge';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { DraftForm } from './DraftForm';
import { ApplicationStatus } from './ApplicationStatus';
import { HelpPanel } from '../assist/citizen/HelpPanel';

export function ApplicationPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const [app, setApp] = useState<Application | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api<Application>(`/api/v1/applications/${encodeURIComponent(id)}`).then(setApp, (e: unknown) => {
      setError(e instanceof ApiError && e.status === 404 ? t('application.notFound') : t('errors.generic'));
    });
  }, [id, t]);
  useEffect(load, [load]);

  const onEvent = useCallback(
    (e: StatusEvent) => {
      if (e.caseId === id) load();
    },
    [id, load],
  );
  useStatusEvents(onEvent);
  usePageTitle(app ? loc(app.eservice.title) : t('application.title'));

  if (error)
    return (
      <>
        <h1>{t('application.title')}</h1>
        <Alert kind="error">{error}</Alert>
      </>
    );
  if (!app)
    return (
      <>
        <h1>{t('application.title')}</h1>
        <Loading />
      </>
    );
  return (
    <>
      <h1>{loc(app.eservice.title)}</h1>
      <p className="meta">
        {t('application.caseId')}: <span className="mono">{app.id}</span> · {t('application.status')}:{' '}
        <span aria-live="polite" id="application-status">
          <StatusBadge status={app.status} />
        </span>
      </p>
      <HelpPanel key={app.id} scope="application" applicationId={app.id} allowNew={app.status === 'draft'} />
      {app.status === 'draft' ? <DraftForm key={app.id} app={app} onSubmitted={load} /> : <ApplicationStatus app={app} reload={load} />}
    </>
  );
}
