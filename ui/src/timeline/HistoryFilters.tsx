// The filters of a history (kind, agency, period), kept in the address so that a filtered view can be bookmarked.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TimelineKind, TimelinePage } from '../../../forms/types/api';
import { DateInput } from '../app/components/DateInput';
import { useLocalized } from '../app/i18n/useLocalized';

export const KINDS: TimelineKind[] = [
  'case',
  'case-status',
  'application',
  'notification',
  'message',
  'invoice',
  'payment',
  'consultation',
  'delegation',
  'co-browsing',
];
export const FILTER_KEYS = ['kind', 'agencyId', 'from', 'to'] as const;

interface Props {
  params: URLSearchParams;
  agencies: TimelinePage['agencies'];
  /** The address of the unfiltered list (clear filters). */
  clearTo: string;
  onApply(filters: URLSearchParams): void;
}

export function HistoryFilters({ params, agencies, clearTo, onApply }: Props) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [from, setFrom] = useState(params.get('from') ?? '');
  const [to, setTo] = useState(params.get('to') ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const typed = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value.trim() ?? '';
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if ((typed('history-from') && !from) || (typed('history-to') && !to)) return setProblem(t('timeline.filters.badDate'));
    if (from && to && from > to) return setProblem(t('timeline.filters.backwards'));
    setProblem(null);
    const form = new FormData(e.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['kind', 'agencyId']) {
      const value = form.get(key);
      if (typeof value === 'string' && value) next.set(key, value);
    }
    if (from) next.set('from', from);
    if (to) next.set('to', to);
    onApply(next);
  };
  const filtered = FILTER_KEYS.some((k) => params.get(k));
  return (
    <form className="history-filters" onSubmit={submit} aria-label={t('timeline.filters.title')} noValidate>
      <div className="field">
        <label htmlFor="history-kind">{t('timeline.filters.kind')}</label>
        <select id="history-kind" name="kind" defaultValue={params.get('kind') ?? ''}>
          <option value="">{t('timeline.filters.allKinds')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`timeline.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-agency">{t('timeline.filters.agency')}</label>
        <select id="history-agency" name="agencyId" defaultValue={params.get('agencyId') ?? ''}>
          <option value="">{t('timeline.filters.allAgencies')}</option>
          {agencies.map((a) => (
            <option key={a.id} value={a.id}>
              {loc(a.name)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-from">{t('timeline.filters.from')}</label>
        <DateInput
          id="history-from"
          value={from}
          onChange={setFrom}
          invalid={!!problem}
          describedBy={problem ? 'history-problem' : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="history-to">{t('timeline.filters.to')}</label>
        <DateInput id="history-to" value={to} onChange={setTo} invalid={!!problem} describedBy={problem ? 'history-problem' : undefined} />
      </div>
      <div className="field history-filters-actions">
        <button type="submit" className="secondary">
          {t('timeline.filters.apply')}
        </button>
        {filtered && <Link to={clearTo}>{t('timeline.filters.clear')}</Link>}
      </div>
      {problem && (
        <p id="history-problem" className="field-error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** The API query of the filters in the address. */
export function filterQuery(params: URLSearchParams, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) q.set(key, value);
  }
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  q.set('limit', '20');
  return q.toString();
}
