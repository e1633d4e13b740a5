// A case's status history, newest last, as an ordered list.
import { useTranslation } from 'react-i18next';
import type { CaseStatus, Localized } from '../api/types';
import { useLocalized } from '../i18n/useLocalized';
import { useFormatDate } from '../i18n/dates';

export interface TimelineEntry {
  status: CaseStatus;
  at: string;
  label: Localized | string | null;
  reason?: string | null;
}

export function Timeline({ entries, label }: { entries: TimelineEntry[]; label?: string }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  return (
    <ol className="timeline" aria-label={label ?? t('case.history')}>
      {entries.map((e, i) => (
        <li key={`${e.status}-${e.at}-${i}`} data-status={e.status}>
          <strong>{t(`status.${e.status}`)}</strong> <time dateTime={e.at}>{fmt(e.at)}</time>
          {e.label && <div className="muted">{loc(e.label)}</div>}
          {e.reason && <div className="muted">{e.reason}</div>}
        </li>
      ))}
    </ol>
  );
}
