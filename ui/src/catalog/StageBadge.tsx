// The stage of a description version in words, and the freshness of a published one (review due or overdue).
import { useTranslation } from 'react-i18next';
import type { Stage } from './types';

export function StageBadge({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  return (
    <span className={`badge stage-${stage}`} data-stage={stage}>
      {t(`catalog.stage.${stage}`)}
    </span>
  );
}

export function FreshnessBadge({ stale, overdue }: { stale: boolean; overdue: boolean }) {
  const { t } = useTranslation();
  if (overdue)
    return (
      <span className="badge fresh-overdue" data-freshness="overdue">
        {t('catalog.freshness.overdue')}
      </span>
    );
  if (stale)
    return (
      <span className="badge fresh-due" data-freshness="due">
        {t('catalog.freshness.due')}
      </span>
    );
  return null;
}
