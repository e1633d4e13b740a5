// One case's own page (/cases/:id): what the case register knows of a case delivered by an agency's system or at a
// counter without an application here: its status history, agency, service, channel, office, who acted for the
// citizen, documents, and the link to the agency's own system when the case carries one. A case that is an
// application here goes to the application's page instead.
import { useEffect, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { StatusBadge } from '../app/components/StatusBadge';
import { Timeline } from '../app/components/Timeline';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';
import { useStatusWords, StatusWords, ActedFor, AgencySystemLink, CaseDocuments } from './CaseParts';
import type { CaseItem } from './types';
import { isDiscrepancyService, ReportedDiscrepancy } from '../register-data/ReportedDiscrepancy';
import './cases.css';

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const statusWords = useStatusWords();
  const [item, setItem] = useState<CaseItem | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(item ? `${loc(item.serviceTitle) || item.serviceId} – ${item.id}` : t('cases.caseTitle'));

  useEffect(() => {
    api<CaseItem>(`/api/v1/cases/${encodeURIComponent(id)}`).then(setItem, (e: unknown) =>
      setError(t(e instanceof ApiError && (e.status === 404 || e.status === 400) ? 'cases.notFound' : 'errors.generic')),
    );
  }, [id, t]);

  if (item?.application) return <Navigate to={`/applications/${item.id}`} replace />;
  return (
    <>
      <p>
        <Link to="/cases">{t('cases.back')}</Link>
      </p>
      {error && (
        <>
          <h1>{t('cases.caseTitle')}</h1>
          <Alert kind="error">{error}</Alert>
        </>
      )}
      {!item && !error && <Loading />}
      {item && (
        <>
          <h1>{loc(item.serviceTitle) || item.serviceId}</h1>
          <p>
            <StatusBadge status={item.status} /> <StatusWords item={item} />
          </p>
          <dl className="case-summary">
            <div>
              <dt>{t('cases.fields.id')}</dt>
              <dd className="mono">{item.id}</dd>
            </div>
            <div>
              <dt>{t('cases.fields.agency')}</dt>
              <dd>{loc(item.agencyName) || item.agencyId}</dd>
            </div>
            <div>
              <dt>{t('cases.fields.channel')}</dt>
              <dd>{loc(item.channelName)}</dd>
            </div>
            {item.officeName && (
              <div>
                <dt>{t('cases.fields.office')}</dt>
                <dd>{loc(item.officeName)}</dd>
              </div>
            )}
            <div>
              <dt>{t('cases.fields.registered')}</dt>
              <dd>{fmt(item.registeredAt)}</dd>
            </div>
            <div>
              <dt>{t('cases.fields.agencyReference')}</dt>
              <dd className="mono">{item.externalId}</dd>
            </div>
            {(item.representative || item.actingStaff || item.relation === 'representative') && (
              <div>
                <dt>{t('cases.fields.actedFor')}</dt>
                <dd>
                  <ActedFor item={item} />
                </dd>
              </div>
            )}
          </dl>
          {isDiscrepancyService(item.serviceId) && <ReportedDiscrepancy caseId={item.id} />}
          <CaseDocuments item={item} headingLevel={2} />
          <h2>{t('case.history')}</h2>
          <Timeline entries={item.history.map((h) => ({ ...h, label: statusWords(h.status, h.text, h.label) }))} />
          {item.agencyUrl ? (
            <p>
              <AgencySystemLink item={item} />
            </p>
          ) : (
            <p className="muted">{t('cases.registerOnly', { agency: loc(item.agencyName) || item.agencyId })}</p>
          )}
        </>
      )}
    </>
  );
}
