// Filling in a draft: autosaved as the citizen types, submitted after the pending save; the server's field
// errors come back into the form and the error summary.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client';
import type { Application } from '../../api/types';
import { Alert } from '../../components/Alert';
import { EServiceForm, useLocalizedForm } from '../../forms/EServiceForm';
import { serverErrors } from '../../forms/errors';
import { useAutosave } from '../../forms/useAutosave';
import { useFormatDate } from '../../i18n/useLocalized';
import { SaveIndicator } from './SaveIndicator';

export function DraftForm({ app, onSubmitted }: { app: Application; onSubmitted(): void }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const { data, state, onChange, flush, version } = useAutosave(app);
  const localized = useLocalizedForm(app.form.schema, app.form.uiSchema);
  const [errors, setErrors] = useState<ReturnType<typeof serverErrors> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await flush();
      await api(`/api/v1/applications/${app.id}/submit`, { body: { version: version.current } });
      setErrors(null);
      onSubmitted();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form_invalid') setErrors(serverErrors(e.details, localized.schema, t));
      else if (e instanceof ApiError && e.code === 'stale_version') setFailure(t('application.stale'));
      else setFailure(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="form-heading">
      <h2 id="form-heading">{t('application.fillIn')}</h2>
      <p className="muted">{t('application.draftHelp', { date: fmt(app.draft.expiresAt, false) })}</p>
      <SaveIndicator state={state} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <EServiceForm schema={app.form.schema} uiSchema={app.form.uiSchema} data={data} onChange={onChange}
        onSubmit={() => void submit()} serverErrors={errors}>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>{busy ? t('application.submitting') : t('application.submit')}</button>
        </div>
      </EServiceForm>
    </section>
  );
}
