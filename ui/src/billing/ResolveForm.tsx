// Resolving one suspense entry (POST /api/v1/suspense/:id/resolve, forms/api/suspense-resolve.schema.json): book
// its amount onto one of the agency's invoices, or mark it refunded to the payer; a note says why. Errors appear in
// an error summary linked to the fields (GOV.UK pattern).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { ErrorSummary, type SummaryItem } from '../app/components/ErrorSummary';
import { useMoney } from '../app/i18n/format';
import type { AgencyInvoice, AgencyInvoices, ResolveOutcome, SuspenseEntry } from './types';

type Choice = 'book' | 'refund' | '';
const NOTE_MAX = 500;

export function ResolveForm({
  entry,
  onResolved,
  onCancel,
}: {
  entry: SuspenseEntry;
  onResolved: (o: ResolveOutcome) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const money = useMoney();
  const bookable = entry.currency === 'EUR';
  const [choice, setChoice] = useState<Choice>(bookable ? '' : 'refund');
  const [invoiceId, setInvoiceId] = useState('');
  const [note, setNote] = useState('');
  const [invoices, setInvoices] = useState<AgencyInvoice[] | null>(null);
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    if (!bookable) return;
    api<AgencyInvoices>('/api/v1/invoices').then(
      (r) => {
        const open = r.items.filter((i) => i.status !== 'paid' && i.status !== 'cancelled');
        // Invoices whose amount due is exactly this credit first: the likeliest match.
        const dueOf = (i: AgencyInvoice) => Math.round((i.total - i.paid) * 100);
        const cents = Math.round(entry.amount * 100);
        setInvoices([...open.filter((i) => dueOf(i) === cents), ...open.filter((i) => dueOf(i) !== cents)]);
      },
      () => setInvoices([]),
    );
  }, [bookable, entry.amount]);

  const errorOf = (field: string) => errors.find((e) => e.fieldId === field)?.message;
  const labels = { choice: t('billing.resolve.how'), invoice: t('billing.resolve.invoice'), note: t('billing.resolve.note') };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: SummaryItem[] = [];
    if (!choice) problems.push({ fieldId: 'resolve-book', label: '', message: t('billing.resolve.chooseHow') });
    if (choice === 'book' && !invoiceId)
      problems.push({ fieldId: 'resolve-invoice', label: labels.invoice, message: t('billing.resolve.chooseInvoice') });
    if (!note.trim()) problems.push({ fieldId: 'resolve-note', label: labels.note, message: t('billing.resolve.noteRequired') });
    setErrors(problems);
    if (problems.length) return;
    setBusy(true);
    try {
      const body = choice === 'book' ? { invoiceId, note: note.trim() } : { refund: true, note: note.trim() };
      onResolved(await api<ResolveOutcome>(`/api/v1/suspense/${entry.id}/resolve`, { body }));
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      const field = code === 'unknown_invoice' || code === 'invoice_cancelled' ? 'resolve-invoice' : null;
      const message = t(`billing.resolve.errors.${code}`, { defaultValue: t('errors.generic') });
      setErrors([{ fieldId: field, label: field ? labels.invoice : '', message }]);
      setBusy(false);
    }
  };

  const amount = money(entry.amount, entry.currency);
  return (
    <section id="resolve-form" className="panel resolve-form" aria-labelledby="resolve-heading">
      <h2 id="resolve-heading" ref={heading} tabIndex={-1}>
        {t('billing.resolve.title', { amount })}
      </h2>
      <p className="muted">{[entry.debtorName, entry.reference, entry.remittance].filter(Boolean).join(' · ')}</p>
      <ErrorSummary items={errors} />
      <form noValidate onSubmit={(e) => void submit(e)}>
        <fieldset
          className={errorOf('resolve-book') ? 'has-error' : undefined}
          aria-describedby={errorOf('resolve-book') ? 'resolve-how-error' : undefined}
        >
          <legend>{labels.choice}</legend>
          {errorOf('resolve-book') && (
            <p id="resolve-how-error" className="field-error">
              {errorOf('resolve-book')}
            </p>
          )}
          <div className="radio">
            <input
              type="radio"
              id="resolve-book"
              name="resolution"
              value="book"
              checked={choice === 'book'}
              disabled={!bookable}
              onChange={() => setChoice('book')}
            />
            <label htmlFor="resolve-book">{t('billing.resolve.book')}</label>
          </div>
          {!bookable && <p className="muted">{t('billing.resolve.notBookable', { currency: entry.currency })}</p>}
          <div className="radio">
            <input
              type="radio"
              id="resolve-refund"
              name="resolution"
              value="refund"
              checked={choice === 'refund'}
              onChange={() => setChoice('refund')}
            />
            <label htmlFor="resolve-refund">{t('billing.resolve.refund')}</label>
          </div>
        </fieldset>
        {choice === 'book' && (
          <div className={`field${errorOf('resolve-invoice') ? ' has-error' : ''}`}>
            <label htmlFor="resolve-invoice">{labels.invoice}</label>
            <p id="resolve-invoice-hint" className="field-description">
              {t('billing.resolve.invoiceHint')}
            </p>
            {errorOf('resolve-invoice') && (
              <p id="resolve-invoice-error" className="field-error">
                {errorOf('resolve-invoice')}
              </p>
            )}
            <select
              id="resolve-invoice"
              value={invoiceId}
              onChange={(e) => setInvoiceId(e.target.value)}
              aria-invalid={!!errorOf('resolve-invoice')}
              aria-describedby={`resolve-invoice-hint${errorOf('resolve-invoice') ? ' resolve-invoice-error' : ''}`}
            >
              <option value="">{invoices ? t('billing.resolve.pickInvoice') : '…'}</option>
              {(invoices ?? []).map((i) => (
                <option
                  key={i.id}
                  value={i.id}
                >{`${i.number} · ${i.payerName} · ${i.paymentReference} · ${t('billing.resolve.due', { amount: money(i.total - i.paid) })}`}</option>
              ))}
            </select>
          </div>
        )}
        <div className={`field${errorOf('resolve-note') ? ' has-error' : ''}`}>
          <label htmlFor="resolve-note">{labels.note}</label>
          <p id="resolve-note-hint" className="field-description">
            {t('billing.resolve.noteHint', { max: NOTE_MAX })}
          </p>
          {errorOf('resolve-note') && (
            <p id="resolve-note-error" className="field-error">
              {errorOf('resolve-note')}
            </p>
          )}
          <textarea
            id="resolve-note"
            value={note}
            maxLength={NOTE_MAX}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={!!errorOf('resolve-note')}
            aria-describedby={`resolve-note-hint${errorOf('resolve-note') ? ' resolve-note-error' : ''}`}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('billing.resolve.saving') : t('billing.resolve.submit')}
          </button>
          <button type="button" className="secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
