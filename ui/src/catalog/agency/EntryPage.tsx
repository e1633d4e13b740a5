// One description in the agency's management: its latest version's stage, the published version, the review-by
// date, a reviewer's comment when it was returned, the author's actions, the review trail and the version history
// with a comparison of any two versions.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { Alert, Loading } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useFormatDay } from '../../app/i18n/dates';
import { useLocalized } from '../../app/i18n/useLocalized';
import { AGENCY_BASE, loadTaxonomy, useLabeller, useLoaded } from '../reference';
import { isCatalogAuthor } from '../roles';
import { FreshnessBadge, StageBadge } from '../StageBadge';
import type { CatalogEntryDetail } from '../types';
import { ReviewTrail } from '../view/ReviewTrail';
import { EntryActions } from './EntryActions';
import { VersionHistory } from './VersionHistory';
import '../catalog.css';

export function EntryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const loc = useLocalized();
  const day = useFormatDay();
  const location = useLocation();
  const { principal } = useAuth();
  const label = useLabeller(useLoaded(loadTaxonomy).value);
  const [entry, setEntry] = useState<CatalogEntryDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const saved = (location.state as { saved?: number } | null)?.saved;
  const [message, setMessage] = useState<string | null>(saved ? t('catalog.entry.saved', { version: saved }) : null);
  const messageRef = useRef<HTMLDivElement>(null);
  usePageTitle(entry ? loc(entry.title) : t('catalog.entry.title'));

  const load = useCallback(() => {
    api<CatalogEntryDetail>(`${AGENCY_BASE}/${encodeURIComponent(id)}`).then(setEntry, (e: unknown) =>
      setError(e instanceof ApiError && e.status === 404 ? t('catalog.entry.notFound') : t('errors.generic')),
    );
  }, [id, t]);
  useEffect(load, [load]);
  useEffect(() => {
    if (message && !saved) messageRef.current?.focus();
  }, [message, saved]);

  const done = (text: string) => {
    setMessage(text);
    load();
  };
  const returned =
    entry?.stage === 'returned'
      ? [...entry.events].reverse().find((e) => e.action === 'returned' && e.version === entry.latestVersion)
      : undefined;

  return (
    <>
      <p>
        <Link to="/agency/catalog">{t('catalog.entry.back')}</Link>
      </p>
      {error && (
        <>
          <h1>{t('catalog.entry.title')}</h1>
          <Alert kind="error">{error}</Alert>
        </>
      )}
      {!entry && !error && <Loading />}
      {entry && (
        <>
          <h1>{loc(entry.title)}</h1>
          {message && (
            <div ref={messageRef} tabIndex={-1}>
              <Alert kind="success">{message}</Alert>
            </div>
          )}
          {returned && (
            <div className="alert alert-returned" role="note" data-testid="returned-comment">
              <strong>{t('catalog.entry.returnedBy', { name: returned.actor.name })}</strong>
              <blockquote className="trail-comment">{returned.comment}</blockquote>
            </div>
          )}
          <dl className="summary-list">
            <div>
              <dt>{t('catalog.fields.id')}</dt>
              <dd className="mono">{entry.serviceId}</dd>
            </div>
            <div>
              <dt>{t('catalog.agency.agency')}</dt>
              <dd>{label.agency(entry.agencyId)}</dd>
            </div>
            <div>
              <dt>{t('catalog.entry.latest')}</dt>
              <dd data-testid="entry-stage">
                {t('catalog.agency.version', { version: entry.latestVersion })} · <StageBadge stage={entry.stage} />
              </dd>
            </div>
            <div>
              <dt>{t('catalog.agency.published')}</dt>
              <dd>
                {entry.publishedVersion && !entry.withdrawnAt ? (
                  <>
                    {t('catalog.agency.version', { version: entry.publishedVersion })} ·{' '}
                    <Link to={`/catalog/${encodeURIComponent(entry.serviceId)}`}>{t('catalog.entry.publicPage')}</Link>
                  </>
                ) : (
                  t('catalog.agency.notPublished')
                )}
              </dd>
            </div>
            <div>
              <dt>{t('catalog.agency.reviewBy')}</dt>
              <dd data-testid="review-by">
                {day(entry.reviewBy)} <FreshnessBadge stale={entry.stale} overdue={entry.overdue} />
              </dd>
            </div>
            {entry.withdrawnAt && (
              <div>
                <dt>{t('catalog.agency.withdrawn')}</dt>
                <dd>
                  {day(entry.withdrawnAt)} · {entry.withdrawalReason}
                </dd>
              </div>
            )}
          </dl>
          {isCatalogAuthor(principal) && <EntryActions entry={entry} onDone={done} />}
          <ReviewTrail events={entry.events} />
          <VersionHistory serviceId={entry.serviceId} latest={entry.latestVersion} />
        </>
      )}
    </>
  );
}
