// Descriptions due for review, overdue first (all agencies' for the catalogue administrator, the agency's own for
// its staff); an agency administrator marks one reviewed without changes here. Below, the reminders the freshness
// schedule sent to the signed-in person.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { useAuth } from '../../app/auth/AuthContext';
import { Alert, Loading } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useFormatDate, useFormatDay } from '../../app/i18n/dates';
import { useLocalized } from '../../app/i18n/useLocalized';
import { AGENCY_BASE, loadTaxonomy, useLabeller, useLoaded } from '../reference';
import { isCatalogAuthor, isCatalogueAdmin } from '../roles';
import { FreshnessBadge } from '../StageBadge';
import type { CatalogEntry, Reminder, Reminders, Reviewed, StaleEntries } from '../types';
import '../catalog.css';

export function StalePage() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const day = useFormatDay();
  const fmt = useFormatDate();
  const { principal } = useAuth();
  const label = useLabeller(useLoaded(loadTaxonomy).value);
  const [entries, setEntries] = useState<CatalogEntry[] | null>(null);
  const [reminders, setReminders] = useState<Reminder[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const author = isCatalogAuthor(principal);
  const allAgencies = isCatalogueAdmin(principal);
  const { key } = useLocation(); // following the navigation link while here reads the list again
  usePageTitle(t('catalog.stale.title'));

  const load = useCallback(() => {
    api<StaleEntries>('/api/v1/catalog/stale').then(
      (r) => setEntries(r.items),
      () => setError(t('errors.generic')),
    );
    api<Reminders>('/api/v1/staff/reminders').then(
      (r) => setReminders(r.items),
      () => setReminders([]),
    );
  }, [t]);
  useEffect(load, [load, key]);
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);

  const reviewed = async (e: CatalogEntry) => {
    setBusy(e.serviceId);
    try {
      const r = await api<Reviewed>(`${AGENCY_BASE}/${encodeURIComponent(e.serviceId)}/reviewed`, { body: {} });
      setMessage({ kind: 'success', text: t('catalog.stale.reviewedDone', { title: loc(e.title), date: day(r.reviewBy) }) });
      load();
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setMessage({ kind: 'error', text: t(`catalog.errors.codes.${code}`, { defaultValue: t('errors.generic') }) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <h1>{t('catalog.stale.title')}</h1>
      <p className="lead">{t(allAgencies ? 'catalog.stale.leadAll' : 'catalog.stale.lead')}</p>
      {message && (
        <div ref={messageRef} tabIndex={-1}>
          <Alert kind={message.kind}>{message.text}</Alert>
        </div>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      {!entries && !error && <Loading />}
      {entries && entries.length === 0 && <p role="status">{t('catalog.stale.none')}</p>}
      {entries && entries.length > 0 && (
        <table className="tasks stale-list">
          <caption className="visually-hidden">{t('catalog.stale.caption', { count: entries.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('catalog.agency.service')}</th>
              {allAgencies && <th scope="col">{t('catalog.agency.agency')}</th>}
              <th scope="col">{t('catalog.agency.reviewBy')}</th>
              <th scope="col">{t('catalog.agency.published')}</th>
              {author && (
                <th scope="col">
                  <span className="visually-hidden">{t('catalog.stale.action')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.serviceId} data-service={e.serviceId} data-overdue={e.overdue}>
                <th scope="row">
                  <Link to={`/agency/catalog/${encodeURIComponent(e.serviceId)}`}>{loc(e.title)}</Link>
                  <div className="muted mono">{e.serviceId}</div>
                </th>
                {allAgencies && <td>{label.agency(e.agencyId)}</td>}
                <td className={e.overdue ? 'overdue nowrap' : 'nowrap'}>
                  {day(e.reviewBy)} <FreshnessBadge stale={e.stale} overdue={e.overdue} />
                </td>
                <td>{e.publishedVersion ? t('catalog.agency.version', { version: e.publishedVersion }) : '—'}</td>
                {author && (
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      disabled={busy !== null}
                      onClick={() => void reviewed(e)}
                      aria-label={t('catalog.stale.reviewedNamed', { title: loc(e.title) })}
                    >
                      {t('catalog.entry.reviewed')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="reminders-heading">
        <h2 id="reminders-heading">{t('catalog.stale.reminders')}</h2>
        {!reminders && <Loading />}
        {reminders && reminders.length === 0 && <p>{t('catalog.stale.noReminders')}</p>}
        {reminders && reminders.length > 0 && (
          <ul className="reminders" data-testid="reminders">
            {reminders.map((r) => (
              <li key={r.id} data-kind={r.kind} data-service={r.serviceId}>
                <strong>{loc(r.subject)}</strong> <span className="muted">· {fmt(r.createdAt)}</span>
                <p>{loc(r.body)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
