// The agency's invoices, newest first: who pays, how much is paid, by when, and the status; filtered by status.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useAuth } from '../app/auth/AuthContext';
import { isInvoiceIssuer } from '../app/auth/session';
import { InvoiceStatusBadge } from './InvoiceStatusBadge';
import { useMoney } from '../app/i18n/format';
import { useFormatDay } from '../app/i18n/dates';
import type { AgencyInvoice, AgencyInvoices } from './types';
import './billing.css';

const FILTERS = ['all', 'issued', 'partly_paid', 'overdue', 'paid', 'cancelled'] as const;
type Filter = (typeof FILTERS)[number];

export function AgencyInvoices() {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useFormatDay();
  const [invoices, setInvoices] = useState<AgencyInvoice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const { principal } = useAuth();
  usePageTitle(t('billing.agency.title'));

  useEffect(() => {
    api<AgencyInvoices>('/api/v1/invoices').then(
      (r) => setInvoices(r.items),
      () => setError(t('errors.generic')),
    );
  }, [t]);

  const shown = (invoices ?? []).filter((i) => filter === 'all' || i.status === filter);
  return (
    <>
      <h1>{t('billing.agency.title')}</h1>
      <p className="lead">{t('billing.agency.lead')}</p>
      {isInvoiceIssuer(principal) && (
        <p>
          <Link to="/agency/invoices/new" className="button-link" data-testid="issue-invoice">
            {t('issue.title')}
          </Link>
        </p>
      )}
      <p>
        <Link to="/agency/suspense">{t('billing.agency.toSuspense')}</Link>
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field-inline">
          <label htmlFor="invoice-status">{t('billing.statusLabel')}</label>
          <select id="invoice-status" value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {f === 'all' ? t('billing.agency.all') : t(`billing.status.${f}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {!invoices && !error && <Loading />}
      {invoices && shown.length === 0 && <p role="status">{t('billing.agency.none')}</p>}
      {shown.length > 0 && (
        <table className="tasks invoices">
          <caption className="visually-hidden">{t('billing.agency.caption', { count: shown.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('billing.invoice')}</th>
              <th scope="col">{t('billing.payer')}</th>
              <th scope="col">{t('billing.reference')}</th>
              <th scope="col" className="num">
                {t('billing.total')}
              </th>
              <th scope="col" className="num">
                {t('billing.paid')}
              </th>
              <th scope="col">{t('billing.dueDate')}</th>
              <th scope="col">{t('billing.statusLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((inv) => (
              <tr key={inv.id} data-invoice={inv.id} data-status={inv.status}>
                <th scope="row" className="nowrap">
                  <Link to={`/agency/invoices/${inv.id}`} aria-label={t('billing.openNamed', { number: inv.number })}>
                    {inv.number}
                  </Link>
                  <div className="muted">{day(inv.issueDate)}</div>
                </th>
                <td>{inv.payerName}</td>
                <td className="mono">{inv.paymentReference}</td>
                <td className="num">{money(inv.total)}</td>
                <td className="num">{money(inv.paid)}</td>
                <td className={inv.status === 'overdue' ? 'overdue nowrap' : 'nowrap'}>{day(inv.dueDate)}</td>
                <td>
                  <InvoiceStatusBadge status={inv.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
