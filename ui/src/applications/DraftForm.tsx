// Filling in a draft: autosaved as the citizen types, submitted after the pending save; the server's field
// errors come back into the form and the error summary. While the page is open the draft is shared with the
// helpers the citizen let in (co-browsing): each change goes to them live, their changes appear here, marked.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import type { Application } from './types';
import type { FormData } from '../app/api/types';
import { Alert } from '../app/components/Alert';
import { ChangeAnnouncer } from '../assist/ChangeAnnouncer';
import { authorMarks, decorateUiSchema } from '../assist/marks';
import { fromClientErrors, fromServerDetails } from '../assist/presence-errors';
import { useCitizenAssist } from '../assist/citizen/useCitizenAssist';
import { useAuthorName } from '../assist/useOffices';
import { EServiceForm, useLocalizedForm } from './form/EServiceForm';
import { serverErrors } from './form/errors';
import { useAutosave } from './form/useAutosave';
import { useFormatDate } from '../app/i18n/dates';
import { SaveIndicator } from './SaveIndicator';

const wait = (ms: number) =>
  new Promise((resolve) => {
    window.setTimeout(resolve, ms);
  });

export function DraftForm({ app, onSubmitted }: { app: Application; onSubmitted(): void }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const { data, state, onChange, flush, version, current, replace, saveAgain } = useAutosave(app);
  const co = useCitizenAssist({ appId: app.id, step: app.draft.step ?? 'form', schema: app.form.schema, current, replace });
  const author = useAuthorName();
  const uiSchema = useMemo(
    () =>
      decorateUiSchema(
        app.form.uiSchema,
        authorMarks(co.marks, (by) => t('assist.changes.changedBy', { name: author(by) })),
      ),
    [app.form.uiSchema, co.marks, author, t],
  );
  const localized = useLocalizedForm(app.form.schema, app.form.uiSchema);
  const [errors, setErrors] = useState<ReturnType<typeof serverErrors> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submitOnce = () => api(`/api/v1/applications/${app.id}/submit`, { body: { version: version.current } });

  const submit = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await co.flush();
      await flush();
      try {
        await submitOnce();
      } catch (e) {
        // Co-browsing edits are written to the draft by the server a moment later, which moves its version on:
        // save what this screen shows once more and submit that.
        if (!(e instanceof ApiError && e.code === 'stale_version')) throw e;
        await wait(300);
        await saveAgain();
        await submitOnce();
      }
      setErrors(null);
      co.setErrors([]);
      onSubmitted();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form_invalid') {
        setErrors(serverErrors(e.details, localized.schema, t, 'root', { uiSchema: localized.uiSchema, data: current.current }));
        co.setErrors(fromServerDetails(e.details));
      } else if (e instanceof ApiError && e.code === 'stale_version') setFailure(t('application.stale'));
      else setFailure(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  const change = (next: FormData) => {
    co.local(next);
    onChange(next);
  };

  return (
    <section aria-labelledby="form-heading">
      <h2 id="form-heading">{t('application.fillIn')}</h2>
      <p className="muted">{t('application.draftHelp', { date: fmt(app.draft.expiresAt, false) })}</p>
      <SaveIndicator state={state} />
      <ChangeAnnouncer change={co.lastChange} schema={localized.schema} author={author} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <EServiceForm
        schema={app.form.schema}
        uiSchema={uiSchema}
        data={data}
        onChange={change}
        onSubmit={() => void submit()}
        serverErrors={errors}
        onFocusField={co.setFocus}
        onClientErrors={(list) => co.setErrors(fromClientErrors(list))}
      >
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('application.submitting') : t('application.submit')}
          </button>
        </div>
      </EServiceForm>
    </section>
  );
}
