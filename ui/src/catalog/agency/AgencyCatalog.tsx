// The agency's service descriptions (all agencies' for the catalogue administrator): the latest version's stage, the
// published version, the review-by date with a badge when the review is due or overdue.
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { Alert, Loading } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useFormatDate, useFormatDay } from '../../app/i18n/dates';
import { useLocalized } from '../../app/i18n/useLocalized';
import { AGENCY_BASE, loadTaxonomy, useLabeller, useLoaded } from '../reference';
import { isCatalogAuthor, isCatalogueAdmin } from '../roles';
import { FreshnessBadge, StageBadge } from '../StageBadge';
import type { AgencyEntries, CatalogEntry } from '../types';
import '../catalog.css';

export function AgencyCatalog() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const day = useFormatDay();
  const fmt = useFormatDate();
  const { principal } = useAuth();
  const label = useLabeller(useLoaded(loadTaxonomy).value);
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allAgencies = isCatalogueAdmin(principal);
  const { key } = useLocation(); // following the navigation link while here reads the list again
  usePageTitle(t('catalog.agency.title'));

  useEffect(() => {
    api<AgencyEntries>(AGENCY_BASE).then(
      (r) => setEntries(r.items),
      () => setError(t('errors.generic')),
    );
  }, [t, key]);

  return (
    <>
      <h1>{t('catalog.agency.title')}</h1>
      <p className="lead">{t(allAgencies ? 'catalog.agency.leadAll' : 'catalog.agency.lead')}</p>
      <ul className="link-row">
        {isCatalogAuthor(principal) && (
          <li>
            <Link to="/agency/catalog/new" className="button-link primary">
              {t('catalog.agency.new')}
            </Link>
          </li>
        )}
        <li>
          <Link to="/catalog/stale">{t('catalog.nav.stale')}</Link>
        </li>
      </ul>
      {error && <Alert kind="error">{error}</Alert>}
      {!entries && !error && <Loading />}
      {entries && entries.length === 0 && <p role="status">{t('catalog.agency.none')}</p>}
      {entries && entries.length > 0 && (
        <table className="tasks catalog-entries">
          <caption className="visually-hidden">{t('catalog.agency.caption', { count: entries.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.agency.service')}</th>
              {allAgencies && <th scope="col">{t('catalog.agency.agency')}</th>}
              <th scope="col">{t('catalog.agency.stage')}</th>
              <th scope="col">{t('catalog.agency.published')}</th>
              <th scope="col">{t('catalog.agency.reviewBy')}</th>
              <th scope="col">{t('catalog.agency.lastChange')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.serviceId} data-service={e.serviceId} data-stage={e.stage}>
                <th scope="row">
                  <Link to={`/agency/catalog/${encodeURIComponent(e.serviceId)}`}>{loc(e.title)}</Link>
                  <div className="muted mono">{e.serviceId}</div>
                </th>
                {allAgencies && <td>{label.agency(e.agencyId)}</td>}
                <td>
                  <StageBadge stage={e.stage} /> <span className="muted">{t('catalog.agency.version', { version: e.latestVersion })}</span>
                  {e.withdrawnAt && (
                    <div>
                      <span className="badge stage-withdrawn">{t('catalog.agency.withdrawn')}</span>
                    </div>
                  )}
                </td>
                <td>
                  {e.publishedVersion ? (
                    t('catalog.agency.version', { version: e.publishedVersion })
                  ) : (
                    <span className="muted">{t('catalog.agency.notPublished')}</span>
                  )}
                </td>
                <td className="nowrap">
                  {day(e.reviewBy)} <FreshnessBadge stale={e.stale} overdue={e.overdue} />
                </td>
                <td>
                  {e.lastChangedBy}
                  <div className="muted">{fmt(e.lastChangedAt)}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
