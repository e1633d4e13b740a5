// "My invoices": the citizen's invoices from every agency, newest first, with what is left to pay and by when.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { useMoney } from '../app/i18n/format';
import { useFormatDay } from '../app/i18n/dates';
import { isPayable } from './payable';
import type { Invoice, MyInvoiceList } from './types';
import './billing.css';

export function MyInvoices() {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useFormatDay();
  const [invoices, setInvoices] = useState<Invoice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  usePageTitle(t('billing.mine.title'));

  useEffect(() => {
    api<MyInvoiceList>('/api/v1/me/invoices').then(
      (r) => setInvoices(r.items),
      () => setError(t('errors.generic')),
    );
  }, [t]);

  const toPay = (invoices ?? []).filter(isPayable);
  return (
    <>
      <h1>{t('billing.mine.title')}</h1>
      <p className="lead">{t('billing.mine.lead')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {!invoices && !error && <Loading />}
      {invoices && invoices.length === 0 && <p>{t('billing.mine.none')}</p>}
      {invoices && invoices.length > 0 && (
        <>
          <p data-testid="invoices-to-pay">{t('billing.mine.toPay', { count: toPay.length })}</p>
          <table className="tasks invoices">
            <caption className="visually-hidden">{t('billing.mine.caption', { count: invoices.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('billing.invoice')}</th>
                <th scope="col">{t('billing.creditor')}</th>
                <th scope="col" className="num">
                  {t('billing.amountDue')}
                </th>
                <th scope="col">{t('billing.dueDate')}</th>
                <th scope="col">{t('billing.statusLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((inv) => (
                <tr key={inv.id} data-invoice={inv.id} data-status={inv.status}>
                  <th scope="row">
                    <Link className="nowrap" to={`/invoices/${inv.id}`} aria-label={t('billing.openNamed', { number: inv.number })}>
                      {inv.number}
                    </Link>
                    {inv.lines[0] && (
                      <div className="muted">
                        {inv.lines[0].description}
                        {inv.lines.length > 1 && ` ${t('billing.andMore', { count: inv.lines.length - 1 })}`}
                      </div>
                    )}
                  </th>
                  <td>{inv.creditor.name}</td>
                  <td className="num">
                    {money(inv.totals.due)}
                    <div className="muted">{t('billing.ofTotal', { total: money(inv.totals.total) })}</div>
                  </td>
                  <td className="nowrap">{day(inv.dueDate)}</td>
                  <td>
                    <InvoiceStatusBadge status={inv.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
