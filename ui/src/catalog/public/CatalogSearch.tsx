// The one search over the service catalogue, for everyone (no sign-in needed) and the citizen's "Services" too
// (/services shows it): words to look for, filters by agency, life event, channel and municipality, and paged
// results with the e-services marked; a signed-in citizen starts the platform's e-services from here. The API's
// search is tolerant of case, diacritics and typos and knows abbreviations and synonyms; when nothing matches it
// helps (NoResults). The whole state lives in the URL query, so a search can be bookmarked and shared and the
// browser's Back button returns to it.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api/client';
import { Alert, Loading } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import { useAuth } from '../../app/auth/AuthContext';
import { isCitizen } from '../../app/auth/session';
import { savedDraftOf, startErrorMessage, startEService } from '../../applications/Services';
import { loadEServices, loadTaxonomy, useLoaded } from '../reference';
import type { SearchResult } from '../types';
import { SearchFilters, FILTER_KEYS } from './SearchFilters';
import { SearchResultItem } from './SearchResultItem';
import { NoResults } from './NoResults';
import '../catalog.css';

const PAGE_SIZE = 20;

export function CatalogSearch() {
  const { t, i18n } = useTranslation();
  const { principal } = useAuth();
  // An EU citizen signed in without a Latvian personal code: e-services that need one say so instead of a Start button.
  const withoutPersonalCode = isCitizen(principal) && principal?.person?.type !== 'natural';
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [starting, setStarting] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const taxonomy = useLoaded(loadTaxonomy);
  const eservices = useLoaded(loadEServices);
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [filters, setFilters] = useState<Record<string, string>>(() =>
    Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])),
  );
  usePageTitle(t('catalog.search.title'));

  const query = params.toString();
  const lang = i18n.language === 'en' ? 'en' : 'lv';
  useEffect(() => {
    const search = new URLSearchParams(query);
    search.set('lang', lang);
    search.set('pageSize', String(PAGE_SIZE));
    if (!search.get('page')) search.set('page', '1');
    setError(null);
    api<SearchResult>(`/api/v1/catalog/services?${search.toString()}`).then(setResult, () => {
      setResult(null);
      setError(t('catalog.search.failed'));
    });
  }, [query, lang, t]);

  // Back and Forward change the URL: the form follows.
  useEffect(() => {
    const search = new URLSearchParams(query);
    setQ(search.get('q') ?? '');
    setFilters(Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) ?? ''])));
  }, [query]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (q.trim()) next.set('q', q.trim());
    for (const k of FILTER_KEYS) if (filters[k]) next.set(k, filters[k]);
    setParams(next);
  };
  const pageLink = (page: number) => {
    const next = new URLSearchParams(query);
    next.set('page', String(page));
    return `/catalog?${next.toString()}`;
  };

  const start = useCallback(
    async (eserviceId: string) => {
      setStarting(eserviceId);
      setStartError(null);
      try {
        // A saved draft of it: the start page asks "continue / start again" rather than opening a second one.
        if (await savedDraftOf(eserviceId).catch(() => null)) {
          void navigate(`/services?start=${encodeURIComponent(eserviceId)}`);
          return;
        }
        const app = await startEService(eserviceId);
        void navigate(`/applications/${app.id}`);
      } catch (e) {
        setStartError(startErrorMessage(e, t));
        setStarting(null);
      }
    },
    [navigate, t],
  );

  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const searched = new URLSearchParams(query).get('q') ?? '';
  const helpNeeded = result !== null && searched !== '' && (result.total === 0 || result.partial);
  return (
    <>
      <h1>{t('catalog.search.title')}</h1>
      <p className="lead">{t('catalog.search.lead')}</p>
      <form role="search" className="catalog-search" onSubmit={apply} aria-label={t('catalog.search.title')}>
        <div className="field">
          <label htmlFor="catalog-q">{t('catalog.search.q')}</label>
          <p id="catalog-q-hint" className="field-description">
            {t('catalog.search.qHint')}
          </p>
          <div className="search-row">
            <input
              id="catalog-q"
              type="search"
              value={q}
              maxLength={200}
              onChange={(e) => setQ(e.target.value)}
              aria-describedby="catalog-q-hint"
            />
            <button type="submit" className="primary">
              {t('catalog.search.submit')}
            </button>
          </div>
        </div>
        <SearchFilters taxonomy={taxonomy.value} values={filters} onChange={(k, v) => setFilters((f) => ({ ...f, [k]: v }))} />
        <p>
          <Link to="/catalog">{t('catalog.search.clear')}</Link>
        </p>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {startError && <Alert kind="error">{startError}</Alert>}
      {!result && !error && <Loading />}
      {result && (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading" className="visually-hidden">
            {t('catalog.search.results')}
          </h2>
          <p role="status" data-testid="result-count">
            {t('catalog.search.count', { count: result.total })}
          </p>
          {helpNeeded && <NoResults q={searched} result={result} />}
          {result.items.length > 0 && (
            <ul className="results" aria-label={result.partial ? t('catalog.noResults.partialList') : undefined}>
              {result.items.map((s) => (
                <SearchResultItem
                  key={s.id}
                  item={s}
                  own={(id) => eservices.value?.some((e) => e.id === id && e.serviceId === s.id) ?? false}
                  citizen={isCitizen(principal)}
                  needsPersonalCode={(id) =>
                    withoutPersonalCode ? (eservices.value?.find((e) => e.id === id)?.requiresLatvianPersonalCode ?? null) : null
                  }
                  starting={starting}
                  onStart={(id) => void start(id)}
                />
              ))}
            </ul>
          )}
          {pages > 1 && (
            <nav aria-label={t('catalog.search.pages')} className="pagination">
              {result.page > 1 && (
                <Link to={pageLink(result.page - 1)} rel="prev">
                  {t('catalog.search.prev')}
                </Link>
              )}
              <span>{t('catalog.search.pageOf', { page: result.page, pages })}</span>
              {result.page < pages && (
                <Link to={pageLink(result.page + 1)} rel="next">
                  {t('catalog.search.next')}
                </Link>
              )}
            </nav>
          )}
        </section>
      )}
    </>
  );
}
