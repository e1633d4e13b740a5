// An application opened at the counter: the staff member fills in the citizen's form (the same form components as
// the citizen's own page) and submits it on the citizen's behalf on the basis it was opened with. The case records
// the citizen, the basis, the staff member and the office; its channel becomes the office's (in person).
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import type { Application } from '../../applications/types';
import type { CaseStatus } from '../../app/api/types';
import { Alert, Loading } from '../../app/components/Alert';
import { StatusBadge } from '../../app/components/StatusBadge';
import { usePageTitle } from '../../app/components/usePageTitle';
import { EServiceForm, useLocalizedForm } from '../../applications/form/EServiceForm';
import { serverErrors } from '../../applications/form/errors';
import { useLocalized } from '../../app/i18n/useLocalized';
import type { CounterState } from './CounterStart';
import type { PostApplicationsIdSubmitOnBehalfResponse } from '../types';
import { useCounterDraft } from './useCounterDraft';

type CounterApp = Application & { recipient?: { type: string; id: string; name: string | null } };

function CounterForm({ app, onSubmitted }: { app: CounterApp; onSubmitted(status: CaseStatus): void }) {
  const { t } = useTranslation();
  const { data, onChange, flush } = useCounterDraft(app);
  const localized = useLocalizedForm(app.form.schema, app.form.uiSchema);
  const [errors, setErrors] = useState<ReturnType<typeof serverErrors> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await flush();
      const result = await api<PostApplicationsIdSubmitOnBehalfResponse>(`/api/v1/applications/${app.id}/submit-on-behalf`, { body: {} });
      setErrors(null);
      onSubmitted(result.status);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form_invalid')
        setErrors(serverErrors(e.details, localized.schema, t, 'root', { uiSchema: localized.uiSchema }));
      else setFailure(e instanceof ApiError ? t(`delegations.counter.errors.${e.code}`, { defaultValue: e.message }) : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="counter-form-heading">
      <h2 id="counter-form-heading">{t('delegations.counter.formTitle')}</h2>
      {failure && <Alert kind="error">{failure}</Alert>}
      <EServiceForm
        schema={app.form.schema}
        uiSchema={app.form.uiSchema}
        data={data}
        onChange={onChange}
        onSubmit={() => void submit()}
        serverErrors={errors}
      >
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('application.submitting') : t('delegations.counter.submit')}
          </button>
        </div>
      </EServiceForm>
    </section>
  );
}

export function CounterApplication() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const state = useLocation().state as CounterState | null;
  const [app, setApp] = useState<CounterApp | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitted, setSubmitted] = useState<CaseStatus | null>(null);
  usePageTitle(app ? loc(app.eservice.title) : t('delegations.counter.title'));

  const load = useCallback(() => {
    api<CounterApp>(`/api/v1/applications/${encodeURIComponent(id)}`).then(setApp, (e: unknown) => {
      setError(e instanceof ApiError && e.status === 404 ? t('application.notFound') : t('errors.generic'));
    });
  }, [id, t]);
  useEffect(load, [load]);

  if (error)
    return (
      <>
        <h1>{t('delegations.counter.title')}</h1>
        <Alert kind="error">{error}</Alert>
      </>
    );
  if (!app)
    return (
      <>
        <h1>{t('delegations.counter.title')}</h1>
        <Loading />
      </>
    );
  const status = submitted ?? app.status;
  return (
    <>
      <h1>{loc(app.eservice.title)}</h1>
      <p className="meta" data-testid="counter-meta">
        {t('application.caseId')}: <span className="mono">{app.id}</span> · {t('application.status')}: <StatusBadge status={status} />
        {app.recipient?.name && (
          <>
            {' '}
            · {t('delegations.counter.recipient')}: <strong>{app.recipient.name}</strong>
          </>
        )}
        {state && (
          <>
            {' '}
            · {t('delegations.counter.basisLabel')}: {t(`delegations.counter.basisNames.${state.basis}`)}
          </>
        )}
        {state?.representative && (
          <>
            {' '}
            · {t('delegations.counter.representative')}: {state.representative}
          </>
        )}
      </p>
      {submitted && (
        <Alert kind="success">
          <span data-testid="counter-submitted">{t('delegations.counter.submitted', { status: t(`status.${submitted}`) })}</span>
        </Alert>
      )}
      {!submitted && status !== 'draft' && (
        <Alert kind="info">{t('delegations.counter.notDraft', { status: t(`status.${status}`) })}</Alert>
      )}
      {status === 'draft' && <CounterForm key={app.id} app={app} onSubmitted={setSubmitted} />}
      <p>
        <Link to="/assist/counter">{t('delegations.counter.another')}</Link>
      </p>
    </>
  );
}
