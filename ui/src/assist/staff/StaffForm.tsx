// The citizen's form on the helper's screen, rendered from the same schema and UI schema with the same field ids:
// the citizen's values and errors, the field the citizen is on, and who changed what. Editable only in assist
// mode; there the helper can also submit on the citizen's behalf (after sending every pending edit).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import type { CaseStatus, FormData } from '../../app/api/types';
import { Alert } from '../../app/components/Alert';
import { ChangeAnnouncer } from '../ChangeAnnouncer';
import { addMark, authorMarks, decorateUiSchema } from '../marks';
import { presenceErrorSchema } from '../presence-errors';
import type { StaffSession } from './useStaffAssist';
import type { PostApplicationsIdSubmitOnBehalfResponse } from '../types';
import { useAuthorName } from '../useOffices';
import { EServiceForm, useLocalizedForm } from '../../applications/form/EServiceForm';
import { serverErrors } from '../../applications/form/errors';

interface Props {
  session: StaffSession;
  canEdit: boolean;
  canSubmit: boolean;
  /** Why the form is (not) editable, in words. */
  hint: string;
  onChange(data: FormData): void;
  flush(): Promise<void>;
  onSubmitted(status: CaseStatus): void;
}

export function StaffForm({ session, canEdit, canSubmit, hint, onChange, flush, onSubmitted }: Props) {
  const { t } = useTranslation();
  const author = useAuthorName();
  const snapshot = session.snapshot;
  const form = snapshot?.form ?? { schema: {}, uiSchema: {} };
  const localized = useLocalizedForm(form.schema, form.uiSchema);
  const [errors, setErrors] = useState<ReturnType<typeof serverErrors> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const focus = session.presence?.focus ?? null;

  const uiSchema = useMemo(() => {
    let marks = authorMarks(session.marks, (by) =>
      by.type === 'citizen' ? t('assist.changes.changedByCitizen') : t('assist.changes.changedBy', { name: author(by) }),
    );
    if (focus) marks = addMark(marks, focus, { className: 'cb-focus', text: t('assist.changes.citizenHere') });
    return decorateUiSchema(form.uiSchema, marks);
  }, [form.uiSchema, session.marks, focus, author, t]);

  // The citizen's own errors show on the fields, without an error summary taking the helper's focus.
  const citizenErrors = useMemo(
    () => ({ extraErrors: presenceErrorSchema(session.presence?.errors ?? [], t), summary: [] }),
    [session.presence?.errors, t],
  );

  const submit = async () => {
    if (!session.grant?.caseId) return;
    setBusy(true);
    setFailure(null);
    try {
      await flush();
      const result = await api<PostApplicationsIdSubmitOnBehalfResponse>(`/api/v1/applications/${session.grant.caseId}/submit-on-behalf`, {
        body: { grantId: session.grant.id },
      });
      setErrors(null);
      onSubmitted(result.status);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'form_invalid')
        setErrors(serverErrors(e.details, localized.schema, t, 'root', { uiSchema: localized.uiSchema }));
      else setFailure(e instanceof ApiError ? t(`assist.submitErrors.${e.code}`, { defaultValue: e.message }) : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  if (!snapshot) return null;
  return (
    <section aria-labelledby="citizen-form-heading" className="cobrowse-form" data-mode={session.mode}>
      <h2 id="citizen-form-heading">{t('assist.formTitle')}</h2>
      <p className="muted">{hint}</p>
      <ChangeAnnouncer change={session.lastChange} schema={localized.schema} author={author} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <EServiceForm
        schema={form.schema}
        uiSchema={uiSchema}
        data={session.data}
        readonly={!canEdit}
        onChange={onChange}
        onSubmit={() => void submit()}
        serverErrors={errors ?? citizenErrors}
      >
        {canSubmit ? (
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('application.submitting') : t('assist.submit')}
            </button>
          </div>
        ) : (
          <></>
        )}
      </EServiceForm>
    </section>
  );
}
