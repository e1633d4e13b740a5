// One invoice, for its payer (with the QR code and "Pay online") and for the issuing agency: what is due and by
// when, the RF payment reference, the lines, the payments booked, and the PDF and UBL XML to download.
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError, downloadFile } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useFormatDate, useFormatDay } from '../app/i18n/dates';
import { InvoiceQr } from './InvoiceQr';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { PayOnline } from './PayOnline';
import { useMoney } from '../app/i18n/format';
import { isPayable } from './payable';
import type { Invoice } from './types';
import './billing.css';

export function InvoicePage({ agency = false }: { agency?: boolean }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const money = useMoney();
  const day = useFormatDay();
  const fmt = useFormatDate();
  const [inv, setInv] = useState<Invoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const issued = (useLocation().state as { issued?: string } | null)?.issued ?? null;
  usePageTitle(inv ? t('billing.detail.title', { number: inv.number }) : t('billing.detail.titlePlain'));

  const load = useCallback(() => {
    api<Invoice>(`/api/v1/invoices/${encodeURIComponent(id)}`).then(setInv, (e: unknown) => {
      setError(e instanceof ApiError && e.status === 404 ? t('billing.detail.notFound') : t('errors.generic'));
    });
  }, [id, t]);
  useEffect(load, [load]);

  const back = agency ? '/agency/invoices' : '/invoices';
  const backLink = (
    <p>
      <Link to={back}>{agency ? t('billing.detail.backAgency') : t('billing.detail.back')}</Link>
    </p>
  );
  if (error)
    return (
      <>
        <h1>{t('billing.detail.titlePlain')}</h1>
        <Alert kind="error">{error}</Alert>
        {backLink}
      </>
    );
  if (!inv)
    return (
      <>
        <h1>{t('billing.detail.titlePlain')}</h1>
        <Loading />
      </>
    );

  const payable = isPayable(inv);
  const due = money(inv.totals.due);
  const download = (href: string, name: string) => {
    setDownloadError(null);
    downloadFile(href, name).catch(() => setDownloadError(t('billing.downloads.failed')));
  };
  const vatText = (l: Invoice['lines'][number]) => (l.vatExemptionReason ? l.vatExemptionReason : `${l.vatRate} %`);

  return (
    <>
      {backLink}
      <h1>{t('billing.detail.title', { number: inv.number })}</h1>
      {agency && issued === inv.number && <Alert kind="success">{t('issue.issued', { number: inv.number })}</Alert>}
      <p className="meta">{inv.creditor.name}</p>
      <dl className="summary-list" data-invoice={inv.id} data-status={inv.status}>
        <div>
          <dt>{t('billing.statusLabel')}</dt>
          <dd id="invoice-status">
            <InvoiceStatusBadge status={inv.status} />
          </dd>
        </div>
        <div>
          <dt>{t('billing.amountDue')}</dt>
          <dd className="amount-due" data-testid="amount-due">
            {due}
          </dd>
        </div>
        <div>
          <dt>{t('billing.dueDate')}</dt>
          <dd>{day(inv.dueDate)}</dd>
        </div>
        <div>
          <dt>{t('billing.reference')}</dt>
          <dd className="mono" data-testid="payment-reference">
            {inv.paymentReferenceFormatted}
          </dd>
        </div>
        <div>
          <dt>{t('billing.total')}</dt>
          <dd>{money(inv.totals.total)}</dd>
        </div>
        <div>
          <dt>{t('billing.paid')}</dt>
          <dd>{money(inv.totals.paid)}</dd>
        </div>
        <div>
          <dt>{t('billing.detail.recipient')}</dt>
          <dd>
            {inv.creditor.name}
            <br />
            <span className="mono">{inv.creditor.ibanFormatted}</span>
            {inv.creditor.bic && <> · {inv.creditor.bic}</>}
          </dd>
        </div>
        {agency && (
          <div>
            <dt>{t('billing.payer')}</dt>
            <dd>{inv.payer.name}</dd>
          </div>
        )}
        <div>
          <dt>{t('billing.issueDate')}</dt>
          <dd>{day(inv.issueDate)}</dd>
        </div>
        {inv.caseId && (
          <div>
            <dt>{t('billing.detail.case')}</dt>
            <dd className="mono">{inv.caseId}</dd>
          </div>
        )}
      </dl>
      {inv.status === 'overdue' && <Alert kind="error">{t('billing.detail.overdue')}</Alert>}
      {inv.status === 'cancelled' && <Alert kind="info">{t('billing.detail.cancelled')}</Alert>}
      {inv.status === 'paid' && <Alert kind="success">{t('billing.detail.paidInFull')}</Alert>}

      {payable && (
        <div className="pay-row">
          {!agency && <PayOnline invoice={inv} amount={due} onClosed={load} />}
          <InvoiceQr invoice={inv} amount={due} />
        </div>
      )}

      <h2 id="lines-heading">{t('billing.lines.title')}</h2>
      <table className="tasks invoice-lines" aria-labelledby="lines-heading">
        <thead>
          <tr>
            <th scope="col">{t('billing.lines.description')}</th>
            <th scope="col" className="num">
              {t('billing.lines.quantity')}
            </th>
            <th scope="col" className="num">
              {t('billing.lines.unitPrice')}
            </th>
            <th scope="col">{t('billing.lines.vat')}</th>
            <th scope="col" className="num">
              {t('billing.lines.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {inv.lines.map((l) => (
            <tr key={l.lineNo}>
              <th scope="row">{l.description}</th>
              <td className="num">{l.quantity}</td>
              <td className="num">{money(l.unitPrice)}</td>
              <td>{vatText(l)}</td>
              <td className="num">{money(l.net)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t('billing.lines.net')}
            </th>
            <td className="num">{money(inv.totals.net)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4}>
              {t('billing.lines.vatTotal')}
            </th>
            <td className="num">{money(inv.totals.vat)}</td>
          </tr>
          <tr>
            <th scope="row" colSpan={4}>
              {t('billing.total')}
            </th>
            <td className="num">
              <strong>{money(inv.totals.total)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>

      {inv.payments.length > 0 && (
        <section aria-labelledby="payments-heading">
          <h2 id="payments-heading">{t('billing.payments.title')}</h2>
          <ul className="plain" data-testid="invoice-payments">
            {inv.payments.map((p, i) => (
              <li key={`${p.bookedAt}-${i}`}>
                {money(p.amount)} · {t(`billing.payments.source.${p.source}`, { defaultValue: p.source })} ·{' '}
                <span className="muted">{fmt(p.bookedAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">{t('billing.downloads.title')}</h2>
        {downloadError && <Alert kind="error">{downloadError}</Alert>}
        <ul className="documents actions">
          <li>
            <button
              type="button"
              className="secondary"
              data-download="pdf"
              onClick={() => download(inv.links.pdf, `invoice-${inv.number}.pdf`)}
            >
              {t('billing.downloads.pdf')}
            </button>
          </li>
          <li>
            <button
              type="button"
              className="secondary"
              data-download="ubl"
              onClick={() => download(inv.links.ubl, `invoice-${inv.number}.xml`)}
            >
              {t('billing.downloads.ubl')}
            </button>
          </li>
        </ul>
        <p className="muted">{t('billing.downloads.help')}</p>
      </section>
    </>
  );
}
