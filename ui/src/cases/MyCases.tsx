// "My cases": every case from every channel with its status timeline. Live `case:status` events update the list
// without a reload and are announced to screen readers.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { useStatusEvents } from '../app/api/realtime';
import type { CaseItem, CasePage } from './types';
import type { StatusEvent } from '../app/api/types';
import { Alert, Loading } from '../app/components/Alert';
import { StatusBadge } from '../app/components/StatusBadge';
import { Timeline } from '../app/components/Timeline';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';

export function MyCases() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const [cases, setCases] = useState<CaseItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  usePageTitle(t('cases.title'));

  const load = useCallback(() => {
    api<CasePage>('/api/v1/me/cases?limit=100').then(
      (r) => setCases(r.items),
      () => setError(t('errors.generic')),
    );
  }, [t]);
  useEffect(load, [load]);

  const onEvent = useCallback(
    (e: StatusEvent) => {
      setCases((prev) => {
        if (!prev || !prev.some((c) => c.id === e.caseId)) {
          load();
          return prev;
        }
        return prev.map((c) =>
          c.id !== e.caseId
            ? c
            : {
                ...c,
                status: e.status,
                statusLabel: e.label,
                statusAt: e.at,
                history: [...c.history, { status: e.status, label: e.label, at: e.at, reason: null }],
              },
        );
      });
      setAnnouncement(t('cases.changed', { id: e.caseId, status: t(`status.${e.status}`) }));
    },
    [load, t],
  );
  useStatusEvents(onEvent);

  return (
    <>
      <h1>{t('cases.title')}</h1>
      <p className="lead">{t('cases.lead')}</p>
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
      {error && <Alert kind="error">{error}</Alert>}
      {!cases && !error && <Loading />}
      {cases && cases.length === 0 && <p>{t('cases.none')}</p>}
      {cases && cases.length > 0 && (
        <ul className="case-list">
          {cases.map((c) => (
            <li key={c.id} className="case" data-case={c.id} data-status={c.status}>
              <h2>{loc(c.serviceTitle) || c.serviceId}</h2>
              <p className="meta">
                <span className="mono">{c.id}</span> · {loc(c.agencyName)} · {t(`channel.${c.channel}`, { defaultValue: c.channel })}
                {c.relation === 'representative' && <> · {t('cases.asRepresentative')}</>}
              </p>
              <p>
                <StatusBadge status={c.status} /> {c.statusLabel && <span>{c.statusLabel}</span>}{' '}
                <span className="muted">{fmt(c.statusAt)}</span>
              </p>
              <details>
                <summary>{t('cases.showHistory')}</summary>
                <Timeline entries={c.history} />
              </details>
              {c.channel === 'eservice' && (
                <Link to={`/applications/${c.id}`} aria-label={t('cases.openNamed', { id: c.id })}>
                  {t('cases.open')}
                </Link>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
