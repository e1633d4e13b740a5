// What the author can do with a description: change it (a new version), send the latest version to review, mark
// the published one reviewed without changes (moves the review-by date), or withdraw it from the catalogue with a
// reason.
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { ErrorSummary, type SummaryItem } from '../../app/components/ErrorSummary';
import { useFormatDay } from '../../app/i18n/dates';
import { AGENCY_BASE } from '../reference';
import type { CatalogEntryDetail, Reviewed, Submitted } from '../types';

const IN_REVIEW = new Set(['agency_review', 'catalogue_review']);

export function EntryActions({ entry, onDone }: { entry: CatalogEntryDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const day = useFormatDay();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const base = `${AGENCY_BASE}/${encodeURIComponent(entry.serviceId)}`;

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setErrors([]);
    try {
      onDone(await work());
      setWithdrawing(false);
    } catch (e) {
      const code = e instanceof ApiError ? e.code : '';
      setErrors([{ fieldId: null, label: '', message: t(`catalog.errors.codes.${code}`, { defaultValue: t('errors.generic') }) }]);
    } finally {
      setBusy(false);
    }
  };

  const submit = () =>
    run(async () => {
      const r = await api<Submitted>(`${base}/submit`, { body: {} });
      return t('catalog.entry.submitted', { version: r.version });
    });
  const reviewed = () =>
    run(async () => {
      const r = await api<Reviewed>(`${base}/reviewed`, { body: {} });
      return t('catalog.entry.reviewedDone', { date: day(r.reviewBy) });
    });
  const withdraw = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setErrors([{ fieldId: 'withdraw-reason', label: t('catalog.entry.withdrawReason'), message: t('catalog.entry.reasonRequired') }]);
      return;
    }
    void run(async () => {
      await api(`${base}/withdraw`, { body: { reason: reason.trim() } });
      return t('catalog.entry.withdrawnDone');
    });
  };

  const inReview = IN_REVIEW.has(entry.stage);
  const submittable = entry.stage === 'draft' || entry.stage === 'returned';
  const reasonError = errors.find((e) => e.fieldId === 'withdraw-reason')?.message;
  return (
    <section aria-labelledby="actions-heading" className="panel">
      <h2 id="actions-heading">{t('catalog.entry.actions')}</h2>
      <ErrorSummary items={errors} />
      {inReview && <p>{t('catalog.entry.inReviewHelp')}</p>}
      <div className="actions">
        {!inReview && (
          <Link to={`/agency/catalog/${encodeURIComponent(entry.serviceId)}/edit`} className="button-link secondary">
            {t('catalog.entry.edit')}
          </Link>
        )}
        {submittable && (
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {t('catalog.entry.submit')}
          </button>
        )}
        {entry.publishedVersion !== null && !entry.withdrawnAt && (
          <button type="button" className="secondary" disabled={busy} onClick={() => void reviewed()}>
            {t('catalog.entry.reviewed')}
          </button>
        )}
        {!entry.withdrawnAt && (
          <button
            type="button"
            className="secondary"
            aria-expanded={withdrawing}
            aria-controls="withdraw-form"
            onClick={() => setWithdrawing((w) => !w)}
          >
            {t('catalog.entry.withdraw')}
          </button>
        )}
      </div>
      {submittable && <p className="field-description">{t('catalog.entry.submitHelp')}</p>}
      {withdrawing && (
        <form id="withdraw-form" noValidate onSubmit={withdraw} className="withdraw-form">
          <div className={`field${reasonError ? ' has-error' : ''}`}>
            <label htmlFor="withdraw-reason">{t('catalog.entry.withdrawReason')}</label>
            <p id="withdraw-reason-hint" className="field-description">
              {t('catalog.entry.withdrawHint')}
            </p>
            {reasonError && (
              <p id="withdraw-reason-error" className="field-error">
                {reasonError}
              </p>
            )}
            <textarea
              id="withdraw-reason"
              value={reason}
              maxLength={2000}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`withdraw-reason-hint${reasonError ? ' withdraw-reason-error' : ''}`}
            />
          </div>
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>
              {t('catalog.entry.withdrawConfirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setWithdrawing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
