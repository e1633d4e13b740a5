// Every version of a description with its stage, author and time, and a comparison of any two of them.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client';
import { Alert, Loading } from '../../app/components/Alert';
import { useFormatDate } from '../../app/i18n/dates';
import { AGENCY_BASE } from '../reference';
import { StageBadge } from '../StageBadge';
import type { Diff, VersionList, VersionSummary } from '../types';
import { DiffView } from '../view/DiffView';

export function VersionHistory({ serviceId, latest }: { serviceId: string; latest: number }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  const [versions, setVersions] = useState<VersionSummary[] | null>(null);
  const [from, setFrom] = useState(String(Math.max(1, latest - 1)));
  const [to, setTo] = useState(String(latest));
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = `${AGENCY_BASE}/${encodeURIComponent(serviceId)}`;

  useEffect(() => {
    api<VersionList>(`${base}/versions`).then(
      (r) => setVersions(r.items),
      () => setError(t('errors.generic')),
    );
    setFrom(String(Math.max(1, latest - 1)));
    setTo(String(latest));
    setDiff(null);
  }, [base, latest, t]);

  const compare = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    api<Diff>(`${base}/diff?from=${from}&to=${to}`).then(setDiff, () => setError(t('errors.generic')));
  };

  return (
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('catalog.versions.title')}</h2>
      {!versions && !error && <Loading />}
      {versions && (
        <table className="tasks versions">
          <caption className="visually-hidden">{t('catalog.versions.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.versions.version')}</th>
              <th scope="col">{t('catalog.agency.stage')}</th>
              <th scope="col">{t('catalog.versions.author')}</th>
              <th scope="col">{t('catalog.versions.created')}</th>
              <th scope="col">{t('catalog.versions.publishedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.version} data-version={v.version}>
                <th scope="row">{v.version}</th>
                <td>
                  <StageBadge stage={v.stage} />
                </td>
                <td>{v.author.name}</td>
                <td>{fmt(v.createdAt)}</td>
                <td>{v.publishedAt ? fmt(v.publishedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {versions && versions.length > 1 && (
        <form className="filters compare" onSubmit={compare} aria-label={t('catalog.versions.compare')}>
          {(
            [
              ['diff-from', t('catalog.versions.from'), from, setFrom],
              ['diff-to', t('catalog.versions.to'), to, setTo],
            ] as const
          ).map(([id, label, value, set]) => (
            <div className="field-inline" key={id}>
              <label htmlFor={id}>{label}</label>
              <select id={id} value={value} onChange={(e) => set(e.target.value)}>
                {versions.map((v) => (
                  <option key={v.version} value={v.version}>
                    {t('catalog.agency.version', { version: v.version })}
                  </option>
                ))}
              </select>
            </div>
          ))}
          <button type="submit" className="secondary">
            {t('catalog.versions.compare')}
          </button>
        </form>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      {diff && (
        <div aria-live="polite">
          <DiffView changes={diff.changes} from={diff.from} to={diff.to} />
        </div>
      )}
    </section>
  );
}
