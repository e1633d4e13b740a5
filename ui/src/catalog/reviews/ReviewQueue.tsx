// The versions waiting for the reviewer's decision, oldest submission first: the agency step for an agency's
// approvers, the catalogue step for the catalogue administrator.
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client';
import { Alert, Loading } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useLocalized } from '../../app/i18n/useLocalized';
import { useFormatDate } from '../../app/i18n/dates';
import { loadTaxonomy, useLabeller, useLoaded } from '../reference';
import { StageBadge } from '../StageBadge';
import type { ReviewItem, ReviewQueueReply } from '../types';
import '../catalog.css';

export function ReviewQueue() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const location = useLocation();
  const label = useLabeller(useLoaded(loadTaxonomy).value);
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decided = (location.state as { decided?: string } | null)?.decided;
  usePageTitle(t('catalog.reviews.title'));

  // location.key: following the navigation link while on this page reads the queue again.
  useEffect(() => {
    api<ReviewQueueReply>('/api/v1/catalog/reviews').then(
      (r) => setItems(r.items),
      () => setError(t('errors.generic')),
    );
  }, [t, location.key]);

  return (
    <>
      <h1>{t('catalog.reviews.title')}</h1>
      <p className="lead">{t('catalog.reviews.lead')}</p>
      {decided && <Alert kind="success">{decided}</Alert>}
      {error && <Alert kind="error">{error}</Alert>}
      {!items && !error && <Loading />}
      {items && items.length === 0 && <p role="status">{t('catalog.reviews.none')}</p>}
      {items && items.length > 0 && (
        <table className="tasks review-queue">
          <caption className="visually-hidden">{t('catalog.reviews.caption', { count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.agency.service')}</th>
              <th scope="col">{t('catalog.agency.agency')}</th>
              <th scope="col">{t('catalog.reviews.step')}</th>
              <th scope="col">{t('catalog.reviews.author')}</th>
              <th scope="col">{t('catalog.reviews.submittedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={`${i.serviceId}-${i.version}`} data-service={i.serviceId} data-version={i.version}>
                <th scope="row">
                  <Link
                    to={`/catalog/reviews/${encodeURIComponent(i.serviceId)}/${i.version}`}
                    aria-label={t('catalog.reviews.openNamed', { title: loc(i.title), version: i.version })}
                  >
                    {loc(i.title)}
                  </Link>
                  <div className="muted">
                    {t('catalog.agency.version', { version: i.version })}
                    {i.publishedVersion
                      ? ` · ${t('catalog.reviews.publishedIs', { version: i.publishedVersion })}`
                      : ` · ${t('catalog.reviews.new')}`}
                  </div>
                </th>
                <td>{label.agency(i.agencyId)}</td>
                <td>
                  <StageBadge stage={i.stage} />
                </td>
                <td>{i.author.name}</td>
                <td>{i.submittedAt ? fmt(i.submittedAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
