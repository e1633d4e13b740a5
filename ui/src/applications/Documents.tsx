// Issued documents; downloading needs the bearer token, so the file is fetched and saved from a blob.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../app/api/client';
import type { Application } from './types';
import { Alert } from '../app/components/Alert';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';

export function Documents({ appId, documents }: { appId: string; documents: Application['documents'] }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const [error, setError] = useState<string | null>(null);
  if (!documents.length) return null;
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('documents.title')}</h2>
      {error && <Alert kind="error">{error}</Alert>}
      <ul className="documents">
        {documents.map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className="secondary"
              data-document={d.id}
              onClick={() => {
                void downloadFile(d.href, `${appId}-${d.type}.pdf`).catch(() => setError(t('documents.failed')));
              }}
            >
              {t('documents.download', { title: loc(d.title) })}
            </button>{' '}
            <span className="muted">{fmt(d.issuedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
