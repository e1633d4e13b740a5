// "My history" (issue 18 §3): every dealing of the citizen with the state, newest first, filtered by kind, agency and
// period (in the address), a page at a time ("Show more" follows the API's `next` link).
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { HistoryFilters, FILTER_KEYS, filterQuery } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import { useHistoryPages } from './useHistoryPages';
import './timeline.css';

export function MyHistory() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  usePageTitle(t('timeline.title'));
  const { page, error, more, loadingMore } = useHistoryPages(`/api/v1/me/timeline?${filterQuery(params)}`);
  const filtered = FILTER_KEYS.some((k) => params.get(k));
  return (
    <>
      <h1>{t('timeline.title')}</h1>
      <p className="lead">{t('timeline.lead')}</p>
      <HistoryFilters
        key={`${params.toString()}|${page?.agencies.length ?? 0}`}
        params={params}
        agencies={page?.agencies ?? []}
        clearTo="/history"
        onApply={(next) => void navigate(`/history${next.size > 0 ? `?${next.toString()}` : ''}`)}
      />
      {error && <Alert kind="error">{t('errors.generic')}</Alert>}
      {!page && !error && <Loading />}
      {page && page.items.length === 0 && <p>{t(filtered ? 'timeline.noneFiltered' : 'timeline.none')}</p>}
      {page && <HistoryList items={page.items} hasMore={!!page.next} loadingMore={loadingMore} onMore={more} linkCases />}
    </>
  );
}
