// An agency administrator issues an invoice (POST /api/v1/invoices): the payer, one or more lines, the due date and
// optionally the case it is for. Problems appear in an error summary linked to the fields (GOV.UK pattern); the
// issued invoice opens at once. One idempotency key per form: pressing "Issue" twice issues one invoice.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { Alert } from '../app/components/Alert';
import { ErrorSummary, type SummaryItem } from '../app/components/ErrorSummary';
import { usePageTitle } from '../app/components/usePageTitle';
import { emptyLine, fieldOfPointer, invoiceRequest, VAT_CHOICES, type InvoiceInput, type LineInput } from './issue-invoice-form';
import type { Invoice } from '../../../forms/types/api';
import './billing.css';

function Field(props: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  value: string;
  onChange(v: string): void;
  inputMode?: 'decimal' | 'numeric';
  autoComplete?: string;
  className?: string;
}) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field ${props.className ?? ''}`}>
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <p id={`${props.id}-hint`} className="muted">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="field-error">
          {props.error}
        </p>
      )}
      <input
        id={props.id}
        type="text"
        value={props.value}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete ?? 'off'}
        aria-describedby={described || undefined}
        aria-invalid={!!props.error}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </div>
  );
}

export function IssueInvoice() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const idempotencyKey = useMemo(() => `ui-${crypto.randomUUID()}`, []);
  const [input, setInput] = useState<InvoiceInput>({
    payerType: 'natural',
    payerId: '',
    payerName: '',
    payerAddress: '',
    lines: [emptyLine()],
    dueDate: '',
    caseId: '',
  });
  const [errors, setErrors] = useState<SummaryItem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(errors.length ? t('issue.titleWithErrors') : t('issue.title'));

  const set = (patch: Partial<InvoiceInput>) => setInput((i) => ({ ...i, ...patch }));
  const setLine = (n: number, patch: Partial<LineInput>) =>
    setInput((i) => ({ ...i, lines: i.lines.map((l, k) => (k === n ? { ...l, ...patch } : l)) }));
  const errorOf = (id: string) => errors.find((e) => e.fieldId === id)?.message;

  const issue = async () => {
    setFailure(null);
    const today = new Date().toISOString().slice(0, 10);
    const checked = invoiceRequest(input, idempotencyKey, today);
    if (!checked.request) {
      setErrors(checked.problems.map((p) => ({ fieldId: p.fieldId, label: t(p.labelKey, p.values), message: t(p.messageKey, p.values) })));
      return;
    }
    setErrors([]);
    setBusy(true);
    try {
      const invoice = await api<Invoice>('/api/v1/invoices', { body: checked.request });
      void navigate(`/agency/invoices/${invoice.id}`, { state: { issued: invoice.number } });
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.details.length) {
        // Each problem the server found, on its field when the form has one (the VAT mix, say, concerns all lines).
        setErrors(
          e.details.map((d) => ({
            fieldId: fieldOfPointer(d.path),
            label: '',
            message: t(`issue.server.${d.code}`, { defaultValue: d.message }),
          })),
        );
      } else setFailure(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p>
        <Link to="/agency/invoices">{t('billing.detail.backAgency')}</Link>
      </p>
      <h1>{t('issue.title')}</h1>
      <p className="lead">{t('issue.lead')}</p>
      <ErrorSummary items={errors} />
      {failure && <Alert kind="error">{failure}</Alert>}
      <form
        noValidate
        className="issue-invoice"
        onSubmit={(e) => {
          e.preventDefault();
          void issue();
        }}
      >
        <fieldset>
          <legend>{t('issue.payer')}</legend>
          <div className="radio">
            <input
              type="radio"
              id="payer-natural"
              name="payer-type"
              checked={input.payerType === 'natural'}
              onChange={() => set({ payerType: 'natural' })}
            />
            <label htmlFor="payer-natural">{t('issue.payerType.natural')}</label>
          </div>
          <div className="radio">
            <input
              type="radio"
              id="payer-legal"
              name="payer-type"
              checked={input.payerType === 'legal'}
              onChange={() => set({ payerType: 'legal' })}
            />
            <label htmlFor="payer-legal">{t('issue.payerType.legal')}</label>
          </div>
          <Field
            id="payer-id"
            label={t(`issue.payerId.${input.payerType}`)}
            hint={t(`issue.payerIdHint.${input.payerType}`)}
            error={errorOf('payer-id')}
            value={input.payerId}
            inputMode="numeric"
            onChange={(v) => set({ payerId: v })}
          />
          <Field
            id="payer-name"
            label={t('issue.payerName')}
            error={errorOf('payer-name')}
            value={input.payerName}
            onChange={(v) => set({ payerName: v })}
          />
          <Field
            id="payer-address"
            label={t('issue.payerAddress')}
            error={errorOf('payer-address')}
            value={input.payerAddress}
            onChange={(v) => set({ payerAddress: v })}
          />
        </fieldset>
        {input.lines.map((line, n) => (
          <fieldset key={n} className="invoice-line" data-line={n}>
            <legend>{t('issue.line.legend', { number: n + 1 })}</legend>
            <Field
              id={`line-${n}-description`}
              label={t('issue.line.description', { number: n + 1 })}
              error={errorOf(`line-${n}-description`)}
              value={line.description}
              onChange={(v) => setLine(n, { description: v })}
            />
            <Field
              id={`line-${n}-quantity`}
              label={t('issue.line.quantity', { number: n + 1 })}
              error={errorOf(`line-${n}-quantity`)}
              value={line.quantity}
              inputMode="decimal"
              onChange={(v) => setLine(n, { quantity: v })}
            />
            <Field
              id={`line-${n}-unitPrice`}
              label={t('issue.line.unitPrice', { number: n + 1 })}
              hint={t('issue.line.unitPriceHint')}
              error={errorOf(`line-${n}-unitPrice`)}
              value={line.unitPrice}
              inputMode="decimal"
              onChange={(v) => setLine(n, { unitPrice: v })}
            />
            <div className="field">
              <label htmlFor={`line-${n}-vat`}>{t('issue.line.vat', { number: n + 1 })}</label>
              {errorOf(`line-${n}-vat`) && (
                <p id={`line-${n}-vat-error`} className="field-error">
                  {errorOf(`line-${n}-vat`)}
                </p>
              )}
              <select
                id={`line-${n}-vat`}
                value={line.vat}
                aria-invalid={!!errorOf(`line-${n}-vat`)}
                aria-describedby={errorOf(`line-${n}-vat`) ? `line-${n}-vat-error` : undefined}
                onChange={(e) => setLine(n, { vat: e.target.value })}
              >
                {VAT_CHOICES.map((v) => (
                  <option key={v} value={v}>
                    {v === 'exempt-O' ? t('issue.line.stateFee') : `${v} %`}
                  </option>
                ))}
              </select>
            </div>
            {input.lines.length > 1 && (
              <button type="button" className="secondary" onClick={() => set({ lines: input.lines.filter((_, k) => k !== n) })}>
                {t('issue.line.remove', { number: n + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <p>
          <button type="button" className="secondary" onClick={() => set({ lines: [...input.lines, emptyLine()] })}>
            {t('issue.line.add')}
          </button>
        </p>
        <Field
          id="due-date"
          label={t('issue.dueDate')}
          hint={t('issue.dueDateHint')}
          error={errorOf('due-date')}
          value={input.dueDate}
          inputMode="numeric"
          onChange={(v) => set({ dueDate: v })}
        />
        <Field
          id="case-id"
          label={t('issue.caseId')}
          hint={t('issue.caseIdHint')}
          error={errorOf('case-id')}
          value={input.caseId}
          onChange={(v) => set({ caseId: v })}
        />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('issue.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
