// The officer's decision on a claimed task: an outcome and a message to the citizen (required unless approving).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { Alert } from '../../app/components/Alert';
import { ErrorSummary, type SummaryItem } from '../../app/components/ErrorSummary';
import type { TaskCompleted } from '../types';

export function Decision({ taskId, outcomes, onDone }: { taskId: string; outcomes: string[]; onDone(result: TaskCompleted): void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const decide = async () => {
    const problems: SummaryItem[] = [];
    if (!outcome) problems.push({ fieldId: `outcome-${outcomes[0]}`, label: t('decision.outcome'), message: t('decision.chooseOutcome') });
    if (outcome && outcome !== 'approve' && !message.trim())
      problems.push({ fieldId: 'decision-message', label: t('decision.message'), message: t('decision.messageRequired') });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    setFailure(null);
    try {
      const result = await api<TaskCompleted>(`/api/v1/tasks/${encodeURIComponent(taskId)}/complete`, {
        body: { outcome, ...(message.trim() ? { message: message.trim() } : {}) },
      });
      onDone(result);
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  const messageError = errors.find((e) => e.fieldId === 'decision-message');
  return (
    <section aria-labelledby="decision-heading" className="panel">
      <h2 id="decision-heading">{t('decision.title')}</h2>
      <ErrorSummary items={errors} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void decide();
        }}
      >
        <fieldset>
          <legend>{t('decision.outcome')}</legend>
          {outcomes.map((o) => (
            <div className="radio" key={o}>
              <input type="radio" id={`outcome-${o}`} name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />
              <label htmlFor={`outcome-${o}`}>{t(`decision.outcomes.${o}`, { defaultValue: o })}</label>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="decision-message">{t('decision.message')}</label>
          <p id="decision-message-hint" className="muted">
            {t('decision.messageHint')}
          </p>
          {messageError && (
            <p id="decision-message-error" className="field-error">
              {messageError.message}
            </p>
          )}
          <textarea
            id="decision-message"
            value={message}
            maxLength={2000}
            onChange={(e) => setMessage(e.target.value)}
            aria-describedby={`decision-message-hint${messageError ? ' decision-message-error' : ''}`}
            aria-invalid={!!messageError}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('decision.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
