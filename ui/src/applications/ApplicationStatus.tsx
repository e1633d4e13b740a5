// A submitted application: the latest word from the agency, documents, the timeline, what was submitted, and
// what the citizen can still do (answer a request for information, withdraw).
import { useTranslation } from 'react-i18next';
import type { Application } from './types';
import { Alert } from '../app/components/Alert';
import { Timeline } from '../app/components/Timeline';
import { EServiceForm } from './form/EServiceForm';
import { useLocalized } from '../app/i18n/useLocalized';
import { Documents } from './Documents';
import { InfoAnswer } from './InfoAnswer';
import { Withdraw } from './Withdraw';

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
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('case.history')}</h2>
        <Timeline entries={app.history} />
      </section>
      {app.submittedData && (
        <section aria-labelledby="submitted-heading">
          <h2 id="submitted-heading">{t('application.submittedData')}</h2>
          <EServiceForm schema={app.form.schema} uiSchema={app.form.uiSchema} data={app.submittedData} readonly idPrefix="submitted" />
        </section>
      )}
      {!ENDED.has(app.status) && <Withdraw appId={app.id} onWithdrawn={reload} />}
    </>
  );
}
