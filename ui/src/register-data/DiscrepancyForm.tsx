// "Something is wrong" on one register item: which entry, what is wrong (as the register has it), what is right and
// an optional comment. Checked here first (error summary linked to the fields), then by the server, whose field
// errors (422) come back onto the same fields. One Idempotency-Key per form: a resent report opens no second case.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, newIdempotencyKey } from '../app/api/client';
import { ErrorSummary, type SummaryItem } from '../app/components/ErrorSummary';
import { Alert } from '../app/components/Alert';
import { useLocalized } from '../app/i18n/useLocalized';
import type { RegisterDataDiscrepancy, RegisterDataDiscrepancyCreate, RegisterDataItem } from '../../../forms/types/api';
import { useFieldValue } from './field-value';

type Field = 'field' | 'wrong' | 'correct' | 'comment';
const PATH_FIELDS: Record<string, Field> = { '/field': 'field', '/wrong': 'wrong', '/correct': 'correct', '/comment': 'comment' };

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
  const valueOf = useFieldValue();
  const idempotencyKey = useMemo(() => `ui-${newIdempotencyKey()}`, []);
  const [field, setField] = useState(item.fields[0]?.key ?? '');
  const [wrong, setWrong] = useState(() => (item.fields[0] ? valueOf(item.fields[0]) : ''));
  const [correct, setCorrect] = useState('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState<RegisterDataDiscrepancy | null>(null);
  const [busy, setBusy] = useState(false);

  const id = (f: Field) => `${formId}-${f}`;
  const labels: Record<Field, string> = {
    field: t('registerData.report.field'),
    wrong: t('registerData.report.wrong'),
    correct: t('registerData.report.correct'),
    comment: t('registerData.report.comment'),
  };
  const summary: SummaryItem[] = (Object.keys(errors) as Field[]).map((f) => ({
    fieldId: id(f),
    label: labels[f],
    message: errors[f] as string,
  }));

  const chooseField = (key: string) => {
    setField(key);
    const chosen = item.fields.find((f) => f.key === key);
    setWrong(chosen ? valueOf(chosen) : '');
  };

  const check = (): Partial<Record<Field, string>> => {
    const found: Partial<Record<Field, string>> = {};
    if (!wrong.trim()) found.wrong = t('registerData.errors.wrongRequired');
    if (!correct.trim()) found.correct = t('registerData.errors.correctRequired');
    else if (correct.trim() === wrong.trim()) found.correct = t('registerData.errors.same_as_wrong');
    return found;
  };

  const submit = async () => {
    const found = check();
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const body: RegisterDataDiscrepancyCreate = {
        register,
        itemId: item.id,
        field,
        wrong: wrong.trim(),
        correct: correct.trim(),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      };
      setSent(
        await api<RegisterDataDiscrepancy>('/api/v1/me/register-data/discrepancies', {
          method: 'POST',
          body,
          headers: { 'idempotency-key': idempotencyKey },
        }),
      );
    } catch (e) {
      const fromServer: Partial<Record<Field, string>> = {};
      if (e instanceof ApiError) {
        for (const d of e.details) {
          const f = d.path ? PATH_FIELDS[d.path] : undefined;
          if (f && !fromServer[f]) fromServer[f] = t(`registerData.errors.${d.code}`, { defaultValue: d.message });
        }
      }
      if (Object.keys(fromServer).length) setErrors(fromServer);
      else setFailure(t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  if (sent) {
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

  const described = (f: Field, hint?: string) => [hint, errors[f] ? `${id(f)}-error` : null].filter(Boolean).join(' ') || undefined;
  const fieldError = (f: Field) =>
    errors[f] ? (
      <p id={`${id(f)}-error`} className="field-error">
        {errors[f]}
      </p>
    ) : null;

  return (
    <section className="register-report panel" aria-labelledby={`${formId}-heading`} data-testid="discrepancy-form">
      <h4 id={`${formId}-heading`}>{t('registerData.report.title', { item: loc(item.title) })}</h4>
      <p className="muted">{t('registerData.report.intro', { holder: loc(item.source.holder.name) })}</p>
      <ErrorSummary items={summary} />
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor={id('field')}>{labels.field}</label>
          {fieldError('field')}
          <select id={id('field')} value={field} aria-describedby={described('field')} onChange={(e) => chooseField(e.target.value)}>
            {item.fields.map((f) => (
              <option key={f.key} value={f.key}>
                {loc(f.label)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={id('wrong')}>{labels.wrong}</label>
          <p id={`${id('wrong')}-hint`} className="muted">
            {t('registerData.report.wrongHint')}
          </p>
          {fieldError('wrong')}
          <input
            id={id('wrong')}
            type="text"
            maxLength={500}
            value={wrong}
            aria-invalid={!!errors.wrong}
            aria-describedby={described('wrong', `${id('wrong')}-hint`)}
            onChange={(e) => setWrong(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id('correct')}>{labels.correct}</label>
          {fieldError('correct')}
          <input
            id={id('correct')}
            type="text"
            maxLength={500}
            value={correct}
            aria-invalid={!!errors.correct}
            aria-describedby={described('correct')}
            onChange={(e) => setCorrect(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={id('comment')}>{labels.comment}</label>
          {fieldError('comment')}
          <textarea
            id={id('comment')}
            rows={3}
            maxLength={2000}
            value={comment}
            aria-invalid={!!errors.comment}
            aria-describedby={described('comment')}
            onChange={(e) => setComment(e.target.value)}
          />
        </div>
        <div className="actions">
          <button type="submit" disabled={busy}>
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
