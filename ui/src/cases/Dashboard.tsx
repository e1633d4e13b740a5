// The citizen's dashboard: one-click information cards (no form): the declared address from the population
// register, open cases, drafts to resume; help from a portal support specialist (a join code for viewing).
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { useStatusEvents } from '../app/api/realtime';
import type { ApplicationSummary, MyApplications } from '../applications/types';
import type { CasePage } from './types';
import { useAuth } from '../app/auth/AuthContext';
import { Loading } from '../app/components/Alert';
import { StatusBadge } from '../app/components/StatusBadge';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';
import { DeclaredAddressCard } from './DeclaredAddressCard';
import { HelpPanel } from '../assist/citizen/HelpPanel';
import { InvoicesCard } from '../billing/InvoicesCard';
import { PortalLinks } from '../app/auth/PortalLinks';

export function Dashboard() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const { principal } = useAuth();
  const [cases, setCases] = useState<CasePage | null>(null);
  const [drafts, setDrafts] = useState<ApplicationSummary[] | null>(null);
  usePageTitle(t('dashboard.title'));

  const load = useCallback(() => {
    // Open: being handled (an answered statement or a draft is not an open case); the number of them asked for (count).
    api<CasePage>('/api/v1/me/cases?state=open&limit=3&count=true').then(setCases, () =>
      setCases({ items: [], total: 0, nextCursor: null, next: null }),
    );
    api<MyApplications>('/api/v1/me/applications?status=draft').then(
      (r) => setDrafts(r.items),
      () => setDrafts([]),
    );
  }, []);
  useEffect(load, [load]);
  useStatusEvents(load);

  return (
    <>
      <h1>{t('dashboard.greeting', { name: principal?.name ?? '' })}</h1>
      <p className="lead">{t('dashboard.lead')}</p>
      <ul className="cards dashboard">
        <li className="card">
          <DeclaredAddressCard />
        </li>
        <li className="card">
          <h2>{t('dashboard.openCases')}</h2>
          {!cases ? (
            <Loading />
          ) : (
            <>
              <p className="big-number" data-testid="open-cases">
                {cases.total}
              </p>
              <ul className="plain">
                {cases.items.map((c) => (
                  <li key={c.id}>
                    {loc(c.serviceTitle) || c.serviceId} <StatusBadge status={c.status} />
                  </li>
                ))}
              </ul>
              <Link to="/cases">{t('dashboard.allCases')}</Link>
            </>
          )}
        </li>
        <li className="card">
          <h2>{t('dashboard.drafts')}</h2>
          {!drafts ? (
            <Loading />
          ) : drafts.length === 0 ? (
            <p className="muted">{t('dashboard.noDrafts')}</p>
          ) : (
            <ul className="plain">
              {drafts.slice(0, 5).map((d) => (
                <li key={d.id}>
                  <Link to={`/applications/${d.id}`}>{loc(d.title)}</Link>
                  <div className="muted">{t('dashboard.savedAt', { date: fmt(d.draftSavedAt ?? d.statusAt) })}</div>
                </li>
              ))}
            </ul>
          )}
        </li>
        <li className="card">
          <InvoicesCard />
        </li>
        <li className="card">
          <h2>{t('dashboard.servicesCard')}</h2>
          <p>{t('dashboard.servicesHelp')}</p>
          <Link to="/catalog">{t('dashboard.browse')}</Link>
          <PortalLinks />
        </li>
      </ul>
      <HelpPanel scope="portal" />
    </>
  );
}
