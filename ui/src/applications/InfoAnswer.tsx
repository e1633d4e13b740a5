// Answering a request for more information: the agency's question, the corrected form (from the same schema)
// and optional attachments.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import type { Application, UploadedFile } from './types';
import type { FormData } from '../app/api/types';
import { Alert } from '../app/components/Alert';
import { EServiceForm, useLocalizedForm } from './form/EServiceForm';
import { serverErrors } from './form/errors';
import { stableJson } from './form/merge';

const ACCEPT = 'application/pdf,image/png,image/jpeg,text/plain';

export function InfoAnswer({ app, onAnswered }: { app: Application; onAnswered(): void }) {
  const { t } = useTranslation();
  const localized = useLocalizedForm(app.form.schema, app.form.uiSchema);
  const [data, setData] = useState<FormData>(app.submittedData ?? app.draft.data);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<ReturnType<typeof serverErrors> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (answer: FormData) => {
    setBusy(true);
    setFailure(null);
    try {
      const fileIds: string[] = [];
      for (const f of files) {
        const up = await api<UploadedFile>(`/api/v1/applications/${app.id}/files`, {
          method: 'POST',
          raw: f,
          headers: { 'content-type': f.type || 'application/octet-stream', 'x-file-name': encodeURIComponent(f.name) },
        });
        fileIds.push(up.id);
      }
      // Only the corrected fields: the workflow merges them into the form and keeps them as a log.
      const before = app.submittedData ?? {};
      const changed = Object.fromEntries(Object.entries(answer).filter(([k, v]) => stableJson(v) !== stableJson(before[k])));
      await api(`/api/v1/applications/${app.id}/info`, { body: { data: changed, fileIds } });
      onAnswered();
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.details.length)
        setErrors(
          serverErrors(
            e.details.map((d) => ({ ...d, path: (d.path ?? '').replace(/^\/data/, '') })),
            localized.schema,
            t,
            'info',
            { uiSchema: localized.uiSchema, data: answer },
          ),
        );
      else setFailure(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="info-heading" className="panel">
      <h2 id="info-heading">{t('info.title')}</h2>
      <p>{t('info.help')}</p>
      {failure && <Alert kind="error">{failure}</Alert>}
      <EServiceForm
        schema={app.form.schema}
        uiSchema={app.form.uiSchema}
        data={data}
        idPrefix="info"
        onChange={setData}
        onSubmit={(d) => void send(d)}
        serverErrors={errors}
      >
        <div className="field">
          <label htmlFor="info-files">{t('info.files')}</label>
          <input id="info-files" type="file" multiple accept={ACCEPT} onChange={(e) => setFiles([...(e.target.files ?? [])])} />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('info.send')}
          </button>
        </div>
      </EServiceForm>
    </section>
  );
}
