// The public page of one service (no sign-in): the published description with a tab per channel, a "Start the
// e-service" button when there is an e-service, and the CPSV-AP JSON-LD representation for machines.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { Alert, Loading } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useFormatDay } from '../../app/i18n/dates';
import { useLocalized } from '../../app/i18n/useLocalized';
import { loadServices, loadTaxonomy, useLabeller, useLoaded } from '../reference';
import type { PublishedService } from '../types';
import { DescriptionView } from '../view/DescriptionView';
import '../catalog.css';

export function ServicePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const day = useFormatDay();
  const [service, setService] = useState<PublishedService | null>(null);
  const [error, setError] = useState<string | null>(null);
  const taxonomy = useLoaded(loadTaxonomy);
  const services = useLoaded(loadServices);
  const label = useLabeller(taxonomy.value, null, services.value);
  usePageTitle(service ? loc(service.title) : t('catalog.service.title'));

  useEffect(() => {
    setService(null);
    setError(null);
    api<PublishedService>(`/api/v1/catalog/services/${encodeURIComponent(id)}`).then(setService, (e: unknown) => {
      setError(e instanceof ApiError && e.status === 404 ? t('catalog.service.notFound') : t('errors.generic'));
    });
  }, [id, t]);

  return (
    <>
      <p>
        <Link to="/catalog">{t('catalog.service.back')}</Link>
      </p>
      {error && (
        <>
          <h1>{t('catalog.service.title')}</h1>
          <Alert kind="error">{error}</Alert>
        </>
      )}
      {!service && !error && <Loading />}
      {service && (
        <>
          <DescriptionView
            agencyName={loc(service.agency.name)}
            label={{ ...label, sector: () => loc(service.sector.name) }}
            service={{ ...service, sector: service.sector.id }}
          />
          <section className="panel" aria-labelledby="open-data-heading">
            <h2 id="open-data-heading">{t('catalog.service.openData')}</h2>
            <p className="muted">{t('catalog.service.published', { date: day(service.publishedAt), version: service.version })}</p>
            <p>
              <a href={service.links.jsonld} type="application/ld+json" data-testid="jsonld-link">
                {t('catalog.service.jsonld')}
              </a>
            </p>
          </section>
        </>
      )}
    </>
  );
}
