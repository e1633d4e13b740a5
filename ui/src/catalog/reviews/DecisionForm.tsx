// The reviewer's decision on a version: approve (to the catalogue administrator, or published at the last step) or
// return it to the author, which needs a comment saying what to change.
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { ErrorSummary, type SummaryItem } from '../../app/components/ErrorSummary';
import type { Decided, Stage } from '../types';

type Decision = 'approve' | 'return' | '';
const COMMENT_MAX = 2000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The publication workflow may still be starting right after a submit (503): the decision is simply repeated. */
async function decide(serviceId: string, version: number, body: { decision: Decision; comment?: string }): Promise<{ stage: Stage }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await api<Decided>(`/api/v1/catalog/reviews/${encodeURIComponent(serviceId)}/${version}`, { body });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 503 && attempt < 5)) throw e;
      await sleep(1000);
    }
  }
}

export function DecisionForm({ serviceId, version, stage }: { serviceId: string; version: number; stage: Stage }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [decision, setDecision] = useState<Decision>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const errorOf = (field: string) => errors.find((e) => e.fieldId === field)?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: SummaryItem[] = [];
    if (!decision) problems.push({ fieldId: 'decision-approve', label: '', message: t('catalog.review.chooseDecision') });
    if (decision === 'return' && !comment.trim())
      problems.push({ fieldId: 'decision-comment', label: t('catalog.review.comment'), message: t('catalog.review.commentRequired') });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      const result = await decide(serviceId, version, { decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      void navigate('/catalog/reviews', {
        state: { decided: t(`catalog.review.done.${result.stage}`, { defaultValue: t('catalog.review.done.other') }) },
      });
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const field = code === 'review_comment_required' ? 'decision-comment' : null;
      setErrors([
        {
          fieldId: field,
          label: field ? t('catalog.review.comment') : '',
          message: t(`catalog.errors.codes.${code}`, { defaultValue: t('errors.generic') }),
        },
      ]);
      setBusy(false);
    }
  };

  const decisionError = errorOf('decision-approve');
  const commentError = errorOf('decision-comment');
  return (
    <section aria-labelledby="decision-heading" className="panel decision">
      <h2 id="decision-heading" tabIndex={-1}>
        {t('catalog.review.decision')}
      </h2>
      <p>{t(stage === 'agency_review' ? 'catalog.review.agencyStep' : 'catalog.review.catalogueStep')}</p>
      <ErrorSummary items={errors} />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <fieldset className={decisionError ? 'has-error' : undefined} aria-describedby={decisionError ? 'decision-error' : undefined}>
          <legend>{t('catalog.review.decision')}</legend>
          {decisionError && (
            <p id="decision-error" className="field-error">
              {decisionError}
            </p>
          )}
          <div className="radio">
            <input
              type="radio"
              id="decision-approve"
              name="decision"
              value="approve"
              checked={decision === 'approve'}
              onChange={() => setDecision('approve')}
            />
            <label htmlFor="decision-approve">
              {t(stage === 'agency_review' ? 'catalog.review.approveAgency' : 'catalog.review.approvePublish')}
            </label>
          </div>
          <div className="radio">
            <input
              type="radio"
              id="decision-return"
              name="decision"
              value="return"
              checked={decision === 'return'}
              onChange={() => setDecision('return')}
            />
            <label htmlFor="decision-return">{t('catalog.review.return')}</label>
          </div>
        </fieldset>
        <div className={`field${commentError ? ' has-error' : ''}`}>
          <label htmlFor="decision-comment">{t('catalog.review.comment')}</label>
          <p id="decision-comment-hint" className="field-description">
            {t('catalog.review.commentHint')}
          </p>
          {commentError && (
            <p id="decision-comment-error" className="field-error">
              {commentError}
            </p>
          )}
          <textarea
            id="decision-comment"
            value={comment}
            maxLength={COMMENT_MAX}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={commentError ? true : undefined}
            aria-describedby={`decision-comment-hint${commentError ? ' decision-comment-error' : ''}`}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('catalog.review.sending') : t('catalog.review.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
