// A submitted application: the latest word from the agency, documents, the timeline (what happened and what is
// still to come), what was submitted (a summary list), and what the citizen can still do (answer a request for
// information, withdraw).
import { useTranslation } from 'react-i18next';
import type { Application } from './types';
import { Alert } from '../app/components/Alert';
import { useLocalized } from '../app/i18n/useLocalized';
import { Documents } from './Documents';
import { InfoAnswer } from './InfoAnswer';
import { Withdraw } from './Withdraw';
import { ApplicationTimeline } from './ApplicationTimeline';
import { AnswerSummary } from './answers/AnswerSummary';
import { withInfoAnswers } from './answers/answer-rows';

const ENDED = new Set(['rejected', 'completed', 'withdrawn', 'answered', 'licence_issued']);

export function ApplicationStatus({ app, reload }: { app: Application; reload(): void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  return (
    <>
      {app.statusLabel && (
        <Alert kind={app.status === 'rejected' ? 'error' : 'info'}>
          <span id="status-label">{loc(app.statusLabel)}</span>
        </Alert>
      )}
      {app.waitingFor && <p className="muted">{t('application.waitingFor', { system: app.waitingFor })}</p>}
      {app.status === 'info_requested' && <InfoAnswer app={app} onAnswered={reload} />}
      <Documents appId={app.id} documents={app.documents} />
      <ApplicationTimeline app={app} />
      {app.submittedData && (
        <section aria-labelledby="submitted-heading" data-testid="submitted-data">
          <h2 id="submitted-heading">{t('application.submittedData')}</h2>
          <AnswerSummary schema={app.form.schema} uiSchema={app.form.uiSchema} data={withInfoAnswers(app.submittedData)} />
        </section>
      )}
      {!ENDED.has(app.status) && <Withdraw appId={app.id} onWithdrawn={reload} />}
    </>
  );
}
