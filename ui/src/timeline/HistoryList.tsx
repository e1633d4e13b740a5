// The events of a history as a list, newest first, and "Show more" that follows the API's `next` link and appends
// the next page (the citizen's page and the officer's view of a client share it).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineEvent } from '../../../forms/types/api';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';

interface Props {
  items: TimelineEvent[];
  hasMore: boolean;
  loadingMore: boolean;
  onMore(): void;
  /** Link a case to the citizen's own case page. */
  linkCases: boolean;
}

export function HistoryList({ items, hasMore, loadingMore, onMore, linkCases }: Props) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  return (
    <>
      <ol className="history-list" aria-label={t('timeline.list')}>
        {items.map((e) => (
          <li key={e.id} className="history-event" data-kind={e.kind} data-agency={e.agency?.id ?? ''}>
            <p className="history-meta muted">
              <time dateTime={e.occurredAt}>{fmt(e.occurredAt)}</time> · {t(`timeline.kinds.${e.kind}`)} ·{' '}
              {e.agency ? loc(e.agency.name) : t('timeline.noAgency')}
              {e.role !== 'self' && <> · {t(`timeline.roles.${e.role}`)}</>}
            </p>
            <p className="history-title">{loc(e.title)}</p>
            {linkCases && e.caseId && e.role === 'self' && (
              <p>
                <Link to={`/cases/${e.caseId}`}>{t('timeline.openCase', { id: e.caseId })}</Link>
              </p>
            )}
          </li>
        ))}
      </ol>
      {hasMore ? (
        <button type="button" className="secondary" onClick={onMore} disabled={loadingMore}>
          {t('timeline.more')}
        </button>
      ) : (
        items.length > 0 && <p className="muted">{t('timeline.end')}</p>
      )}
    </>
  );
}
