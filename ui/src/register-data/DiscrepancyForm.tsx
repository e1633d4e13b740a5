// "Something is wrong" on one register item: which entry, what is wrong (as the register has it), what is right and
// an optional comment. Checked here first (error summary linked to the fields), then by the server, whose field
// errors (422) come back onto the same fields (report-form.ts). One Idempotency-Key per form: a resent report opens
// no second case.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorSummary, type SummaryItem } from '../app/components/ErrorSummary';
import { Alert } from '../app/components/Alert';
import { useLocalized } from '../app/i18n/useLocalized';
import type { RegisterDataDiscrepancy, RegisterDataDiscrepancyCreate, RegisterDataItem } from '../../../forms/types/api';
import { useReportForm, type ReportField } from './report-form';

export function DiscrepancyForm({
  register,
  item,
  formId,
  onCancel,
}: {
  register: RegisterDataDiscrepancyCreate['register'];
  item: RegisterDataItem;
  formId: string;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const form = useReportForm(register, item);
  const { errors } = form;
  if (form.sent) return <ReportSent sent={form.sent} />;

  const id = (f: ReportField) => `${formId}-${f}`;
  const labels: Record<ReportField, string> = {
    field: t('registerData.report.field'),
    wrong: t('registerData.report.wrong'),
    correct: t('registerData.report.correct'),
    comment: t('registerData.report.comment'),
  };
  const summary: SummaryItem[] = (Object.keys(errors) as ReportField[]).map((f) => ({
    fieldId: id(f),
    label: labels[f],
    message: errors[f] as string,
  }));
  const control = (f: ReportField, hint?: string) => ({ id: id(f), label: labels[f], error: errors[f], hint });

  return (
    <section className="register-report panel" aria-labelledby={`${formId}-heading`} data-testid="discrepancy-form">
      <h4 id={`${formId}-heading`}>{t('registerData.report.title', { item: loc(item.title) })}</h4>
      <p className="muted">{t('registerData.report.intro', { holder: loc(item.source.holder.name) })}</p>
      <ErrorSummary items={summary} />
      {form.failure && (
        <p className="field-error" role="alert">
          {form.failure}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void form.submit();
        }}
      >
        <Control {...control('field')}>
          {(describedBy) => (
            <select id={id('field')} value={form.field} aria-describedby={describedBy} onChange={(e) => form.chooseField(e.target.value)}>
              {item.fields.map((f) => (
                <option key={f.key} value={f.key}>
                  {loc(f.label)}
                </option>
              ))}
            </select>
          )}
        </Control>
        <Control {...control('wrong', t('registerData.report.wrongHint'))}>
          {(describedBy) => (
            <input
              id={id('wrong')}
              type="text"
              maxLength={500}
              value={form.wrong}
              aria-invalid={!!errors.wrong}
              aria-describedby={describedBy}
              onChange={(e) => form.setWrong(e.target.value)}
            />
          )}
        </Control>
        <Control {...control('correct')}>
          {(describedBy) => (
            <input
              id={id('correct')}
              type="text"
              maxLength={500}
              value={form.correct}
              aria-invalid={!!errors.correct}
              aria-describedby={describedBy}
              onChange={(e) => form.setCorrect(e.target.value)}
            />
          )}
        </Control>
        <Control {...control('comment')}>
          {(describedBy) => (
            <textarea
              id={id('comment')}
              rows={3}
              maxLength={2000}
              value={form.comment}
              aria-invalid={!!errors.comment}
              aria-describedby={describedBy}
              onChange={(e) => form.setComment(e.target.value)}
            />
          )}
        </Control>
        <div className="actions">
          <button type="submit" disabled={form.busy}>
            {t('registerData.report.submit')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('registerData.report.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** A labelled control with its hint and error, which the control is described by. */
function Control({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children(describedBy: string | undefined): ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children(describedBy)}
    </div>
  );
}

function ReportSent({ sent }: { sent: RegisterDataDiscrepancy }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  return (
    <div className="register-report" data-testid="discrepancy-sent">
      <Alert kind="success">
        <p>{t('registerData.report.sent', { holder: loc(sent.holder.name), caseId: sent.caseId })}</p>
        <p>
          <Link to={`/cases/${sent.caseId}`}>{t('registerData.report.follow', { caseId: sent.caseId })}</Link>
        </p>
      </Alert>
    </div>
  );
}
