// The page the bank sends the payer back to (/payments/online/:id). The bank's own "status" in the address is not
// trusted: the outcome is what the platform booked from the bank's signed callback, so the page asks the API
// until the payment is final (the callback may come a moment after the browser, and callbacks may come out of order:
// when the bank says "succeeded" but the platform has only a failed attempt so far, the page keeps asking a while).
import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { useMoney } from '../app/i18n/format';
import type { OnlinePayment } from './types';
import './billing.css';

const POLL_MS = 1500;
/** After this long without a final answer the page says so (and keeps asking, more slowly). */
const PATIENCE_MS = 45_000;

export function PaymentReturn() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const bankSaid = search.get('status');
  const money = useMoney();
  const [payment, setPayment] = useState<OnlinePayment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [slow, setSlow] = useState(false);
  const [final, setFinal] = useState(false);
  const started = useRef(Date.now());
  usePageTitle(t('billing.return.title'));

  useEffect(() => {
    let timer: number | undefined;
    let live = true;
    const ask = () => {
      api<OnlinePayment>(`/api/v1/online-payments/${encodeURIComponent(id)}`).then(
        (p) => {
          if (!live) return;
          setPayment(p);
          // Final: paid (booked in the same transaction), or failed. A failed payment may still be paid on the
          // bank's page; the payer can start again from the invoice.
          const waited = Date.now() - started.current;
          if (isFinal(p, bankSaid, waited)) {
            setFinal(true);
            setSlow(false);
            return;
          }
          if (waited > PATIENCE_MS) setSlow(true);
          timer = window.setTimeout(ask, waited > PATIENCE_MS ? POLL_MS * 4 : POLL_MS);
        },
        (e: unknown) => {
          if (!live) return;
          if (e instanceof ApiError && e.status === 404) setError(t('billing.return.notFound'));
          else timer = window.setTimeout(ask, POLL_MS * 2); // a blip: ask again
        },
      );
    };
    ask();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [id, t, bankSaid]);

  const invoiceLink = payment && (
    <p>
      <Link to={`/invoices/${payment.invoiceId}`}>{t('billing.return.toInvoice')}</Link>
    </p>
  );
  const pending = payment && !final;
  return (
    <>
      <h1>{t('billing.return.title')}</h1>
      {error && (
        <>
          <Alert kind="error">{error}</Alert>
          <p>
            <Link to="/invoices">{t('billing.return.toInvoices')}</Link>
          </p>
        </>
      )}
      {!payment && !error && <Loading />}
      <div data-testid="payment-outcome" data-status={payment?.status ?? ''}>
        {pending && (
          <div role="status">
            <p className="outcome-final">{t('billing.return.pending')}</p>
            {slow && <p>{t('billing.return.slow')}</p>}
          </div>
        )}
        {payment?.status === 'succeeded' && (
          <Alert kind="success">
            <p className="outcome-final">
              <strong>{t('billing.return.succeeded', { amount: money(payment.amount, payment.currency) })}</strong>
            </p>
            <p>
              {t('billing.return.invoiceNow')} <InvoiceStatusBadge status={payment.invoiceStatus} />
            </p>
          </Alert>
        )}
        {(payment?.status === 'failed' || payment?.status === 'expired') && !pending && (
          <Alert kind="error">
            <p className="outcome-final">
              <strong>{t('billing.return.failed')}</strong>
            </p>
            <p>{t('billing.return.failedHelp')}</p>
          </Alert>
        )}
      </div>
      {payment && (
        <dl className="summary-list">
          <div>
            <dt>{t('billing.return.amount')}</dt>
            <dd>{money(payment.amount, payment.currency)}</dd>
          </div>
          <div>
            <dt>{t('billing.reference')}</dt>
            <dd className="mono">{payment.paymentReference.replace(/(.{4})(?!$)/g, '$1 ')}</dd>
          </div>
        </dl>
      )}
      {invoiceLink}
    </>
  );
}

function isFinal(p: OnlinePayment, bankSaid: string | null, waited: number): boolean {
  if (p.status === 'succeeded') return true;
  if (p.status === 'expired') return bankSaid !== 'succeeded' || waited > PATIENCE_MS;
  return p.status === 'failed' && (bankSaid !== 'succeeded' || waited > PATIENCE_MS);
}
