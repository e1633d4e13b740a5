// The review trail of a description, oldest first: who created, changed, submitted, approved, returned, published,
// withdrew or reviewed which version, when, and with what comment.
import { useTranslation } from 'react-i18next';
import { useFormatDate } from '../../app/i18n/dates';
import type { ReviewEvent } from '../types';

export function ReviewTrail({ events }: { events: ReviewEvent[] }) {
  const { t } = useTranslation();
  const fmt = useFormatDate();
  if (events.length === 0) return null;
  return (
    <section aria-labelledby="trail-heading">
      <h2 id="trail-heading">{t('catalog.trail.title')}</h2>
      <ol className="timeline review-trail" data-testid="review-trail">
        {events.map((e, i) => (
          <li key={`${e.version}-${e.action}-${i}`} data-action={e.action} data-version={e.version}>
            <strong>{t(`catalog.trail.action.${e.action}`)}</strong>
            {(e.action === 'approved' || e.action === 'returned') && e.step && e.step !== 'author' && (
              <> ({t(`catalog.trail.step.${e.step}`)})</>
            )}
            {' · '}
            {t('catalog.agency.version', { version: e.version })}
            {' · '}
            {e.actor.name}
            {' · '}
            <time dateTime={e.at}>{fmt(e.at)}</time>
            {e.comment && <blockquote className="trail-comment">{e.comment}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
