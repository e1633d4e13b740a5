// "Check your answers" before submitting (GOV.UK pattern): every answer as the server holds it after the last save,
// in the form's order, a "Change" link back to each field, when a decision can be expected, then "Submit".
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Application } from './types';
import { Alert } from '../app/components/Alert';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';
import { AnswerSummary } from './answers/AnswerSummary';

export interface CheckAnswersProps {
  /** The application as read after the last save: its draft is what is submitted, its version the one checked. */
  reviewed: Application;
  busy: boolean;
  failure: string | null;
  /** Said when the answers changed while they were being checked (the summary shows the new ones). */
  notice: string | null;
  onChange(fieldId: string): void;
  onSubmit(): void;
  onBack(): void;
}

export function CheckAnswers({ reviewed, busy, failure, notice, onChange, onSubmit, onBack }: CheckAnswersProps) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const heading = useRef<HTMLHeadingElement>(null);

  // A page of its own for the person: the focus and the title go to it (and the title back when leaving).
  useEffect(() => {
    heading.current?.focus();
    const before = document.title;
    document.title = `${t('submission.check.title')} – ${loc(reviewed.eservice.title)} – ${t('layout.brand')}`;
    return () => {
      document.title = before;
    };
  }, [t, loc, reviewed.eservice.title]);

  const expected = reviewed.progress.expectedDecisionBy;
  return (
    <section aria-labelledby="check-heading" data-testid="check-answers">
      <h2 id="check-heading" ref={heading} tabIndex={-1}>
        {t('submission.check.title')}
      </h2>
      <p>{t('submission.check.lead')}</p>
      {notice && <Alert kind="info">{notice}</Alert>}
      {failure && <Alert kind="error">{failure}</Alert>}
      <AnswerSummary schema={reviewed.form.schema} uiSchema={reviewed.form.uiSchema} data={reviewed.draft.data} onChange={onChange} />
      <h3>{t('submission.check.submitTitle')}</h3>
      <p>{t('submission.check.submitLead')}</p>
      {expected && <p data-testid="expected-if-submitted">{t('submission.check.expected', { date: fmt(expected, false) })}</p>}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={onSubmit}>
          {busy ? t('application.submitting') : t('application.submit')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={onBack}>
          {t('submission.check.back')}
        </button>
      </div>
    </section>
  );
}
