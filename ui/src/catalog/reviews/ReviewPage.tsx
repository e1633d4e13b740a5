// Reviewing one submitted version: what changed against the published version (when there is one), the version as
// the public would see it, the review trail, and the decision: approve, or return to the author with a comment.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { Alert, Loading } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useLocalized } from '../../app/i18n/useLocalized';
import { AGENCY_BASE, loadOffices, loadServices, loadTaxonomy, useLabeller, useLoaded } from '../reference';
import { StageBadge } from '../StageBadge';
import type { CatalogEntryDetail, Diff, VersionDocument } from '../types';
import { DescriptionView } from '../view/DescriptionView';
import { DiffView } from '../view/DiffView';
import { ReviewTrail } from '../view/ReviewTrail';
import { DecisionForm } from './DecisionForm';
import '../catalog.css';

export function ReviewPage() {
  const { serviceId = '', version: versionParam = '' } = useParams();
  const version = Number(versionParam);
  const { t } = useTranslation();
  const loc = useLocalized();
  const taxonomy = useLoaded(loadTaxonomy);
  const offices = useLoaded(loadOffices);
  const services = useLoaded(loadServices);
  const label = useLabeller(taxonomy.value, offices.value, services.value);
  const [doc, setDoc] = useState<VersionDocument | null>(null);
  const [entry, setEntry] = useState<CatalogEntryDetail | null>(null);
  const [diff, setDiff] = useState<Diff | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(doc ? t('catalog.review.title', { title: loc(doc.document.title), version }) : t('catalog.reviews.title'));

  useEffect(() => {
    const base = `${AGENCY_BASE}/${encodeURIComponent(serviceId)}`;
    const failed = (e: unknown) => setError(e instanceof ApiError && e.status === 404 ? t('catalog.review.notFound') : t('errors.generic'));
    Promise.all([api<VersionDocument>(`${base}/versions/${version}`), api<CatalogEntryDetail>(base)]).then(([d, e]) => {
      setDoc(d);
      setEntry(e);
      if (e.publishedVersion && e.publishedVersion !== version) {
        api<Diff>(`${base}/diff?from=${e.publishedVersion}&to=${version}`).then(setDiff, failed);
      }
    }, failed);
  }, [serviceId, version, t]);

  const officeById = new Map((offices.value ?? []).map((o) => [o.id, o]));
  const inReview = doc && (doc.stage === 'agency_review' || doc.stage === 'catalogue_review');
  return (
    <>
      <p>
        <Link to="/catalog/reviews">{t('catalog.review.back')}</Link>
      </p>
      {error && (
        <>
          <h1>{t('catalog.reviews.title')}</h1>
          <Alert kind="error">{error}</Alert>
        </>
      )}
      {(!doc || !entry) && !error && <Loading />}
      {doc && entry && (
        <>
          <h1>{t('catalog.review.title', { title: loc(doc.document.title), version })}</h1>
          <dl className="summary-list">
            <div>
              <dt>{t('catalog.agency.agency')}</dt>
              <dd>{label.agency(entry.agencyId)}</dd>
            </div>
            <div>
              <dt>{t('catalog.agency.stage')}</dt>
              <dd data-testid="review-stage">
                <StageBadge stage={doc.stage} />
              </dd>
            </div>
            <div>
              <dt>{t('catalog.reviews.author')}</dt>
              <dd>{doc.author.name}</dd>
            </div>
          </dl>
          {inReview && (
            <p>
              <a href="#decision-heading">{t('catalog.review.toDecision')}</a>
            </p>
          )}
          <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">{t('catalog.review.changes')}</h2>
            {entry.publishedVersion && entry.publishedVersion !== version ? (
              diff ? (
                <DiffView changes={diff.changes} from={diff.from} to={diff.to} />
              ) : (
                <Loading />
              )
            ) : (
              <p>{t('catalog.review.firstVersion')}</p>
            )}
          </section>
          <section aria-labelledby="preview-label" className="preview">
            <p id="preview-label" className="preview-label">
              {t('catalog.review.preview')}
            </p>
            <DescriptionView
              preview
              headingLevel={2}
              label={label}
              agencyName={label.agency(entry.agencyId)}
              service={{
                ...doc.document,
                channels: doc.document.channels.map((c) => ({ ...c, offices: c.offices?.map((o) => officeById.get(o) ?? { id: o }) })),
              }}
            />
          </section>
          <ReviewTrail events={entry.events.filter((e) => e.version <= version)} />
          {inReview ? (
            <DecisionForm serviceId={serviceId} version={version} stage={doc.stage} />
          ) : (
            <Alert kind="info">{t('catalog.review.notInReview')}</Alert>
          )}
        </>
      )}
    </>
  );
}
