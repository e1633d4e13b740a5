// A company's own account, as its representative sees it after switching to "acting for <company>": its cases
// from every channel, its invoices and its e-address messages. The API checks the representation at each request;
// without one it answers 404 and the page says so.
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { StatusBadge } from '../app/components/StatusBadge';
import { Timeline } from '../app/components/Timeline';
import { usePageTitle } from '../app/components/usePageTitle';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate, useFormatDay } from '../app/i18n/dates';
import { useMoney } from '../app/i18n/format';
import { CompanyEServices } from './CompanyEServices';
import type { CaseList, GetMeInvoicesResponse, Organisation, OrganisationMessage, OrganisationMessages } from '../../../forms/types/api';

interface Account {
  organisation: Organisation;
  cases: CaseList['items'];
  invoices: GetMeInvoicesResponse['items'];
  messages: OrganisationMessages['items'];
}

export function OrganisationPage() {
  const { t } = useTranslation();
  const { regNo = '' } = useParams();
  const [account, setAccount] = useState<Account | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [actError, setActError] = useState<string | null>(null);
  usePageTitle(account ? t('organisations.actingFor', { name: account.organisation.name }) : t('organisations.title'));

  useEffect(() => {
    const base = `/api/v1/organisations/${encodeURIComponent(regNo)}`;
    Promise.all([
      api<Organisation>(base),
      api<CaseList>(`${base}/cases?limit=100`),
      api<GetMeInvoicesResponse>(`${base}/invoices`),
      api<OrganisationMessages>(`${base}/messages`),
    ]).then(
      ([organisation, cases, invoices, messages]) =>
        setAccount({ organisation, cases: cases.items, invoices: invoices.items, messages: messages.items }),
      (e) => setError(e instanceof ApiError && e.status === 404 ? t('organisations.notFound') : t('organisations.load')),
    );
  }, [regNo, t]);

  const markRead = async (id: string) => {
    try {
      const read = await api<OrganisationMessage>(
        `/api/v1/organisations/${encodeURIComponent(regNo)}/messages/${encodeURIComponent(id)}/read`,
        {
          method: 'POST',
        },
      );
      setAccount((a) => a && { ...a, messages: a.messages.map((m) => (m.id === id ? read : m)) });
    } catch (e) {
      setActError(e instanceof ApiError && e.code === 'outside_representation' ? t('organisations.viewOnly') : t('errors.generic'));
    }
  };

  if (error)
    return (
      <>
        <h1>{t('organisations.title')}</h1>
        <Alert kind="error">{error}</Alert>
        <Link to="/organisations">{t('organisations.backToOwn')}</Link>
      </>
    );
  if (!account) return <Loading />;
  const { organisation: org, cases, invoices, messages } = account;
  return (
    <>
      <div className="alert alert-info" role="status" data-testid="acting-for">
        <h1>{t('organisations.actingFor', { name: org.name })}</h1>
        <p>
          {t('organisations.actingForDetail', { regNo: org.registrationNumber, basis: t(`organisations.basis.${org.basis}`) })}
          {org.rights && <> · {t(`organisations.rights.${org.rights}`)}</>}
        </p>
        <Link to="/">{t('organisations.backToOwn')}</Link>
      </div>
      <CompanyEServices regNo={org.registrationNumber} />
      <CompanyCases cases={cases} />
      <CompanyInvoices invoices={invoices} />
      <CompanyMessages messages={messages} error={actError} onRead={(id) => void markRead(id)} />
    </>
  );
}

function CompanyCases({ cases }: { cases: Account['cases'] }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  return (
    <section aria-labelledby="org-cases-heading">
      <h2 id="org-cases-heading">{t('organisations.cases')}</h2>
      {cases.length === 0 && <p>{t('organisations.noCases')}</p>}
      <ul className="case-list" data-testid="company-cases">
        {cases.map((c) => (
          <li key={c.id} className="case" data-case={c.id} data-status={c.status}>
            <h3>{loc(c.serviceTitle) || c.serviceId}</h3>
            <p className="meta">
              <span className="mono">{c.id}</span> · {loc(c.agencyName)} · {t(`channel.${c.channel}`, { defaultValue: c.channel })}
            </p>
            <p>
              <StatusBadge status={c.status} /> <span className="muted">{fmt(c.statusAt)}</span>
            </p>
            <details>
              <summary>{t('cases.showHistory')}</summary>
              <Timeline entries={c.history} />
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}

function CompanyInvoices({ invoices }: { invoices: Account['invoices'] }) {
  const { t } = useTranslation();
  const day = useFormatDay();
  const money = useMoney();
  return (
    <section aria-labelledby="org-invoices-heading">
      <h2 id="org-invoices-heading">{t('organisations.invoices')}</h2>
      {invoices.length === 0 ? (
        <p>{t('organisations.noInvoices')}</p>
      ) : (
        <table className="tasks" data-testid="company-invoices">
          <thead>
            <tr>
              <th scope="col">{t('organisations.columns.number')}</th>
              <th scope="col" className="num">
                {t('organisations.columns.amount')}
              </th>
              <th scope="col">{t('organisations.columns.due')}</th>
              <th scope="col">{t('organisations.columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {invoices.map((inv) => (
              <tr key={inv.id}>
                <th scope="row">{inv.number}</th>
                <td className="num">{money(inv.totals.due)}</td>
                <td>{day(inv.dueDate)}</td>
                <td>{t(`billing.status.${inv.status}`, { defaultValue: inv.status })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CompanyMessages({ messages, error, onRead }: { messages: Account['messages']; error: string | null; onRead(id: string): void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  return (
    <section aria-labelledby="org-messages-heading">
      <h2 id="org-messages-heading">{t('organisations.messages')}</h2>
      {error && <Alert kind="error">{error}</Alert>}
      {messages.length === 0 && <p>{t('organisations.noMessages')}</p>}
      <ul data-testid="company-messages">
        {messages.map((m) => (
          <li key={m.id} data-message={m.id}>
            <strong>{loc(m.subject)}</strong> <span className="muted">{fmt(m.createdAt)}</span>
            <p>{loc(m.body)}</p>
            {m.readAt ? (
              <p className="muted">{t('organisations.read', { at: fmt(m.readAt) })}</p>
            ) : (
              <button type="button" className="secondary" onClick={() => onRead(m.id)}>
                {t('organisations.markRead', { subject: loc(m.subject) })}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
