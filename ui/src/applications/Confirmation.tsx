// After "Submit": the confirmation (GOV.UK pattern): the case number in a panel, what happens next with the date a
// decision is expected by, and how the citizen will be told. The focus goes to its heading.
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import type { Application } from './types';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useFormatDate } from '../app/i18n/dates';
import { UpcomingSteps } from './ApplicationTimeline';

export function Confirmation() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const [app, setApp] = useState<Application | null>(null);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const href = `/applications/${encodeURIComponent(id)}`;

  useEffect(() => {
    api<Application>(`/api/v1/applications/${encodeURIComponent(id)}`).then(setApp, (e: unknown) => {
      setError(e instanceof ApiError && e.status === 404 ? t('application.notFound') : t('errors.generic'));
    });
  }, [id, t]);
  usePageTitle(t('submission.confirmation.title'));
  const submitted = !!app && app.status !== 'draft';
  useEffect(() => {
    if (submitted) heading.current?.focus();
  }, [submitted]);

  if (error || (app && !submitted))
    return (
      <>
        <h1>{t('submission.confirmation.title')}</h1>
        <Alert kind="error">{error ?? t('submission.confirmation.notYet')}</Alert>
        <p>
          <Link to={href}>{t('submission.confirmation.view')}</Link>
        </p>
      </>
    );
  if (!app)
    return (
      <>
        <h1>{t('submission.confirmation.title')}</h1>
        <Loading />
      </>
    );
  const expected = app.progress.expectedDecisionBy;
  return (
    <>
      <div className="confirmation-panel">
        <h1 ref={heading} tabIndex={-1}>
          {t('submission.confirmation.title')}
        </h1>
        <p>
          {t('submission.confirmation.caseNumber')}
          <br />
          <strong className="mono" data-testid="case-number">
            {app.id}
          </strong>
        </p>
      </div>
      <p>{t('submission.confirmation.keep')}</p>
      <h2>{t('submission.confirmation.nextTitle')}</h2>
      <p data-testid="expected-decision">
        {expected ? t('submission.confirmation.expected', { date: fmt(expected, false) }) : t('submission.confirmation.noDate')}
      </p>
      <UpcomingSteps progress={app.progress} headingLevel={3} />
      <h2>{t('submission.confirmation.toldTitle')}</h2>
      <p>{t('submission.confirmation.told')}</p>
      <ul className="links">
        <li>
          <Link to={href}>{t('submission.confirmation.view')}</Link>
        </li>
        <li>
          <Link to="/cases">{t('submission.confirmation.cases')}</Link>
        </li>
      </ul>
    </>
  );
}
