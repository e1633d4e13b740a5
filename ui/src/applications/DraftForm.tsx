// Filling in a draft: autosaved as the citizen types; "Continue" saves what is pending and shows the answers to
// check ("Change" leads back to a field), and "Submit" submits exactly the draft checked, once: the request
// carries the version read after the last save, so it never races the autosave. The server's field errors come
// back into the form and the error summary. While the page is open the draft is shared with the helpers the
// citizen let in (co-browsing): each change goes to them live, their changes appear here, marked.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import type { Application } from './types';
import type { FormData } from '../app/api/types';
import { Alert } from '../app/components/Alert';
import { focusField } from '../app/components/ErrorSummary';
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
import { CheckAnswers } from './CheckAnswers';

export function DraftForm({ app, onSubmitted }: { app: Application; onSubmitted(): void }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const checking = params.get('step') === 'check';
  const { data, state, onChange, flush, current, replace } = useAutosave(app);
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
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The application read after the last save: what the citizen checks and submits. */
  const [reviewed, setReviewed] = useState<Application | null>(null);
  /** What gets the focus once the form is back: the field a "Change" link leads to, or the form's heading. */
  const changing = useRef<string | null>(null);

  const read = useCallback(() => api<Application>(`/api/v1/applications/${app.id}`), [app.id]);

  // Leaving the check step forgets the answers read, so they are never shown stale (say after the browser's Back,
  // changes, and Forward).
  const wasChecking = useRef(checking);
  useEffect(() => {
    if (wasChecking.current && !checking) setReviewed(null);
    wasChecking.current = checking;
  }, [checking]);

  // On the check step without answers read (reloaded, or come back with Forward): save what is pending, then read.
  useEffect(() => {
    if (!checking || reviewed) return;
    flush()
      .then(read)
      .then(
        (fresh) => (fresh.status === 'draft' ? setReviewed(fresh) : onSubmitted()),
        () => setFailure(t('errors.generic')),
      );
  }, [checking, reviewed, flush, read, onSubmitted, t]);

  // Back on the form: the field the citizen wants to change (or the form's heading) gets the focus.
  useEffect(() => {
    if (checking || !changing.current) return undefined;
    const fieldId = changing.current;
    changing.current = null;
    const id = requestAnimationFrame(() => focusField(fieldId));
    return () => cancelAnimationFrame(id);
  }, [checking]);

  const showErrors = (e: ApiError) => {
    setErrors(serverErrors(e.details, localized.schema, t, 'root', { uiSchema: localized.uiSchema, data: current.current }));
    co.setErrors(fromServerDetails(e.details));
  };

  /** "Continue": the form is valid here; save what is pending, then check the answers as saved. */
  const toCheck = async () => {
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await co.flush();
      await flush();
      setReviewed(await read());
      setErrors(null);
      co.setErrors([]);
      setParams({ step: 'check' });
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!reviewed) return;
    setBusy(true);
    setFailure(null);
    setNotice(null);
    try {
      await api(`/api/v1/applications/${app.id}/submit`, { body: { version: reviewed.draft.version } });
      void navigate(`/applications/${encodeURIComponent(app.id)}/confirmation`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form_invalid') {
        showErrors(e);
        setParams({});
      } else if (e instanceof ApiError && e.code === 'stale_version') {
        // Changed after it was read (a helper's edit): show the answers as they are now, to be checked again.
        setReviewed(await read().catch(() => reviewed));
        setNotice(t('submission.check.changed'));
      } else if (e instanceof ApiError && e.code === 'not_draft') onSubmitted();
      else setFailure(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  const change = (next: FormData) => {
    co.local(next);
    onChange(next);
  };

  if (checking)
    return reviewed ? (
      <CheckAnswers
        reviewed={reviewed}
        busy={busy}
        failure={failure}
        notice={notice}
        onSubmit={() => void submit()}
        onChange={(fieldId) => {
          changing.current = fieldId;
          setParams({});
        }}
        onBack={() => {
          changing.current = 'form-heading';
          setParams({});
        }}
      />
    ) : (
      failure && <Alert kind="error">{failure}</Alert>
    );

  return (
    <section aria-labelledby="form-heading">
      <h2 id="form-heading" tabIndex={-1}>
        {t('application.fillIn')}
      </h2>
      <p className="muted">{t('application.draftHelp', { date: fmt(app.draft.expiresAt, false) })}</p>
      <SaveIndicator state={state} />
      <ChangeAnnouncer change={co.lastChange} schema={localized.schema} author={author} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <EServiceForm
        schema={app.form.schema}
        uiSchema={uiSchema}
        data={data}
        onChange={change}
        onSubmit={() => void toCheck()}
        serverErrors={errors}
        onFocusField={co.setFocus}
        onClientErrors={(list) => co.setErrors(fromClientErrors(list))}
      >
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('submission.continue')}
          </button>
        </div>
      </EServiceForm>
    </section>
  );
}
