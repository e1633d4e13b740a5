// An application's timeline: what happened (status changes and the citizen's own answers to requests for
// information, oldest first) and the steps still to come, with the date a decision is expected by.
import { useTranslation } from 'react-i18next';
import type { Application } from './types';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';
import { useLocalizedForm } from './form/EServiceForm';
import { fieldTitle } from './answers/answer-rows';

type Event =
  | { kind: 'status'; at: string; entry: Application['history'][number] }
  | { kind: 'answer'; at: string; answer: Application['infoAnswers'][number] };

export function UpcomingSteps({ progress, headingLevel = 2 }: { progress: Application['progress']; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  if (!progress.upcoming.length) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby="upcoming-heading">
      <Heading id="upcoming-heading">{t('submission.progress.title')}</Heading>
      <ol className="timeline upcoming" data-testid="upcoming">
        {progress.upcoming.map((u, i) => (
          <li key={`${u.kind}-${i}`} data-step={u.kind}>
            {u.kind === 'checks' && t('submission.progress.checks')}
            {u.kind === 'decision' && t('submission.progress.decision')}
            {u.kind === 'document' && t('submission.progress.document', { title: loc(u.title) })}
            {u.kind === 'outcome' && t('submission.progress.outcome', { title: loc(u.title) })}
            {u.expectedBy && (
              <>
                {' '}
                <span className="muted">({t('submission.progress.expectedBy', { date: fmt(u.expectedBy, false) })})</span>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ApplicationTimeline({ app }: { app: Application }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const { schema } = useLocalizedForm(app.form.schema, app.form.uiSchema);
  const events: Event[] = [
    ...app.history.map((entry): Event => ({ kind: 'status', at: entry.at, entry })),
    ...app.infoAnswers.map((answer): Event => ({ kind: 'answer', at: answer.at, answer })),
  ].sort((a, b) => a.at.localeCompare(b.at)); // stable: a status and an answer at the same moment keep this order

  return (
    <>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t('case.history')}</h2>
        <ol className="timeline" aria-labelledby="history-heading">
          {events.map((e, i) =>
            e.kind === 'status' ? (
              <li key={`s-${e.at}-${i}`} data-status={e.entry.status}>
                <strong>{t(`status.${e.entry.status}`)}</strong> <time dateTime={e.at}>{fmt(e.at)}</time>
                {e.entry.label && <div className="muted">{loc(e.entry.label)}</div>}
                {e.entry.reason && <div className="muted">{e.entry.reason}</div>}
              </li>
            ) : (
              <li key={`a-${e.at}-${i}`} data-event="info-answer">
                <strong>{t('submission.progress.infoAnswered')}</strong> <time dateTime={e.at}>{fmt(e.at)}</time>
                <div className="muted">
                  {(() => {
                    const titles = e.answer.fields.map((f) => fieldTitle(schema, f)).filter((x): x is string => !!x);
                    return titles.length
                      ? t('submission.progress.infoFields', { fields: titles.join(', ') })
                      : t('submission.progress.infoNoChanges');
                  })()}
                </div>
                {e.answer.files > 0 && <div className="muted">{t('submission.progress.infoFiles', { count: e.answer.files })}</div>}
              </li>
            ),
          )}
        </ol>
      </section>
      {app.status === 'info_requested' && <p className="muted">{t('submission.progress.waitingForYou')}</p>}
      <UpcomingSteps progress={app.progress} />
    </>
  );
}
