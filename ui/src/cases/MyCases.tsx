// "My cases": every case from every channel, newest status first, filtered (open / closed / drafts, service, year)
// and paged by the API's cursor (the filters and the cursor are in the address, so a page can be bookmarked and the
// back button returns to the page before). Each case leads on: to its application (also one submitted for the
// citizen at a counter) and its decision document, or to its own page with what the case register knows. Live
// `case:status` events reload the page shown and are announced to screen readers. The total is asked for (count=true)
// with the first page only; the next pages carry it in the navigation's state, so paging never counts again.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { useStatusEvents } from '../app/api/realtime';
import type { CasePage } from './types';
import type { StatusEvent } from '../app/api/types';
import { Alert, Loading } from '../app/components/Alert';
import { StatusBadge } from '../app/components/StatusBadge';
import { Timeline } from '../app/components/Timeline';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';
import { loadServices, useLoaded } from '../catalog/reference';
import { useStatusWords, StatusWords, ActedFor, AgencySystemLink, CaseDocuments, OpenCaseLink } from './CaseParts';
import './cases.css';

const PAGE_SIZE = 10;
const STATES = ['open', 'closed', 'draft'] as const;
const FIRST_YEAR = 2015;

/** The list's query for the API: the filters of the address, the page size and the cursor; the count on the first page. */
function apiQuery(params: URLSearchParams): string {
  const q = new URLSearchParams();
  for (const key of ['state', 'serviceId', 'year', 'cursor']) {
    const value = params.get(key);
    if (value) q.set(key, value);
  }
  q.set('limit', String(PAGE_SIZE));
  if (!params.get('cursor')) q.set('count', 'true');
  return q.toString();
}

/** The total counted with the first page, handed on from page to page in the navigation's state. */
interface ListTotal {
  total: number;
  totalExact: boolean;
}

function totalOf(page: CasePage | null, handedOn: unknown): ListTotal | null {
  if (page?.total !== undefined) return { total: page.total, totalExact: page.totalExact ?? true };
  const state = handedOn as Partial<ListTotal> | null;
  return typeof state?.total === 'number' ? { total: state.total, totalExact: state.totalExact !== false } : null;
}

export function MyCases() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const statusWords = useStatusWords();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const location = useLocation();
  const [page, setPage] = useState<CasePage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const services = useLoaded(loadServices).value;
  usePageTitle(t('cases.title'));
  const query = apiQuery(params);
  const cursor = params.get('cursor');

  const load = useCallback(() => {
    api<CasePage>(`/api/v1/me/cases?${query}`).then(
      (r) => {
        setPage(r);
        setError(null);
      },
      () => setError(t('errors.generic')),
    );
  }, [query, t]);
  // Another page or other filters: nothing of the page before stays on the screen while the new one loads.
  useEffect(() => {
    setPage(null);
    load();
  }, [load]);

  const onEvent = useCallback(
    (e: StatusEvent) => {
      load();
      setAnnouncement(t('cases.changed', { id: e.caseId, status: t(`status.${e.status}`) }));
    },
    [load, t],
  );
  useStatusEvents(onEvent);

  const applyFilters = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['state', 'serviceId', 'year']) {
      const value = form.get(key);
      if (typeof value === 'string' && value) next.set(key, value);
    }
    setPage(null);
    void navigate(`/cases${next.size > 0 ? `?${next.toString()}` : ''}`);
  };
  const nextPage = () => {
    if (!page?.nextCursor) return '/cases';
    const next = new URLSearchParams(params);
    next.set('cursor', page.nextCursor);
    return `/cases?${next.toString()}`;
  };
  const firstPage = () => {
    const first = new URLSearchParams(params);
    first.delete('cursor');
    return `/cases${first.size > 0 ? `?${first.toString()}` : ''}`;
  };
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i);
  const filtered = ['state', 'serviceId', 'year'].some((k) => params.get(k));
  const listTotal = totalOf(page, location.state);

  return (
    <>
      <h1>{t('cases.title')}</h1>
      <p className="lead">{t('cases.lead')}</p>
      <div className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </div>
      <form className="case-filters" onSubmit={applyFilters} aria-label={t('cases.filters.title')} key={params.toString()}>
        <div className="field">
          <label htmlFor="case-state">{t('cases.filters.state')}</label>
          <select id="case-state" name="state" defaultValue={params.get('state') ?? ''}>
            <option value="">{t('cases.filters.all')}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`cases.filters.states.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="case-service">{t('cases.filters.service')}</label>
          <select id="case-service" name="serviceId" defaultValue={params.get('serviceId') ?? ''}>
            <option value="">{t('cases.filters.allServices')}</option>
            {[...(services ?? [])]
              .sort((a, b) => loc(a.title).localeCompare(loc(b.title)))
              .map((s) => (
                <option key={s.id} value={s.id}>
                  {loc(s.title)}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="case-year">{t('cases.filters.year')}</label>
          <select id="case-year" name="year" defaultValue={params.get('year') ?? ''}>
            <option value="">{t('cases.filters.allYears')}</option>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <div className="field case-filters-actions">
          <button type="submit" className="secondary">
            {t('cases.filters.apply')}
          </button>
          {filtered && <Link to="/cases">{t('cases.filters.clear')}</Link>}
        </div>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {!page && !error && <Loading />}
      {page && listTotal && listTotal.total > 0 && (
        <p className="muted" data-testid="case-count">
          {t(filtered ? 'cases.countFiltered' : 'cases.count', { count: listTotal.total })}
          {!listTotal.totalExact && <> {t('cases.countEstimated')}</>}
        </p>
      )}
      {page && page.items.length === 0 && <p>{t(filtered ? 'cases.noneFiltered' : 'cases.none')}</p>}
      {page && page.items.length > 0 && (
        <ul className="case-list">
          {page.items.map((c) => (
            <li key={c.id} className="case" data-case={c.id} data-status={c.status}>
              <h2>{loc(c.serviceTitle) || c.serviceId}</h2>
              <p className="meta">
                <span className="mono">{c.id}</span> · {loc(c.agencyName) || c.agencyId} · {loc(c.channelName)}
                {c.officeName && <> · {loc(c.officeName)}</>}
                {c.relation === 'representative' && <> · {t('cases.asRepresentative')}</>}
              </p>
              <p>
                <StatusBadge status={c.status} /> <StatusWords item={c} /> <span className="muted">{fmt(c.statusAt)}</span>
              </p>
              <ActedFor item={c} />
              <CaseDocuments item={c} />
              <details>
                <summary>{t('cases.showHistory')}</summary>
                <Timeline entries={c.history.map((h) => ({ ...h, label: statusWords(h.status, h.text, h.label) }))} />
              </details>
              <p className="case-links">
                <OpenCaseLink item={c} />
                <AgencySystemLink item={c} />
              </p>
            </li>
          ))}
        </ul>
      )}
      {page && (cursor || page.nextCursor) && (
        <nav aria-label={t('cases.pages')} className="pagination">
          {cursor && <Link to={firstPage()}>{t('cases.firstPage')}</Link>}
          {page.nextCursor && (
            <Link to={nextPage()} rel="next" state={listTotal}>
              {t('cases.nextPage')}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
