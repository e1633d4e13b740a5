// The agency's suspense list: bank statement credits that could not be booked onto an invoice (unknown or missing
// reference, an overpayment, a cancelled invoice, another currency). Each open entry is resolved here: booked onto
// one of the agency's invoices, or marked refunded, with a note.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useFormatDate, useFormatDay } from '../app/i18n/dates';
import { ResolveForm } from './ResolveForm';
import { useMoney } from '../app/i18n/format';
import type { ResolveOutcome, SuspenseEntry, SuspensePage } from './types';
import './billing.css';

const FILTERS = ['open', 'resolved', 'refunded', 'all'] as const;
type Filter = (typeof FILTERS)[number];
const PAGE = 200;

export function SuspensePage() {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useFormatDay();
  const fmt = useFormatDate();
  const [filter, setFilter] = useState<Filter>('open');
  const [entries, setEntries] = useState<SuspenseEntry[] | null>(null);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<SuspenseEntry | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  usePageTitle(t('billing.suspense.title'));

  // Keyset pages: the first is counted (count=true), each next one is the `next` link the previous page gave.
  const load = useCallback(
    (nextPage: string | null = null) => {
      if (!nextPage) setEntries(null);
      api<SuspensePage>(nextPage ?? `/api/v1/suspense?status=${filter}&limit=${PAGE}&count=true`).then(
        (r) => {
          setEntries((prev) => (!nextPage || !prev ? r.items : [...prev, ...r.items]));
          if (r.total !== undefined) setTotal(r.total);
          setNext(r.next);
        },
        () => setError(t('errors.generic')),
      );
    },
    [filter, t],
  );
  useEffect(() => load(null), [load]);

  const resolved = (outcome: ResolveOutcome) => {
    setSelected(null);
    const amount = money(outcome.entry.amount, outcome.entry.currency);
    setDone(
      outcome.invoice
        ? t('billing.suspense.booked', { amount, status: t(`billing.status.${outcome.invoice.status}`) })
        : t('billing.suspense.refundedDone', { amount }),
    );
    load(null);
  };
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  return (
    <>
      <h1>{t('billing.suspense.title')}</h1>
      <p className="lead">{t('billing.suspense.lead')}</p>
      <p>
        <Link to="/agency/invoices">{t('billing.suspense.toInvoices')}</Link>
      </p>
      {done && (
        <div ref={doneRef} tabIndex={-1}>
          <Alert kind="success">{done}</Alert>
        </div>
      )}
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <div className="field-inline">
          <label htmlFor="suspense-status">{t('billing.statusLabel')}</label>
          <select
            id="suspense-status"
            value={filter}
            onChange={(e) => {
              setSelected(null);
              setFilter(e.target.value as Filter);
            }}
          >
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`billing.suspense.filter.${f}`)}
              </option>
            ))}
          </select>
        </div>
      </form>
      {error && <Alert kind="error">{error}</Alert>}
      {!entries && !error && <Loading />}
      {entries && entries.length === 0 && <p role="status">{t('billing.suspense.none')}</p>}
      {entries && entries.length > 0 && (
        <table className="tasks suspense">
          <caption className="visually-hidden">{t('billing.suspense.caption', { count: total })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('billing.suspense.date')}</th>
              <th scope="col" className="num">
                {t('billing.suspense.amount')}
              </th>
              <th scope="col">{t('billing.payer')}</th>
              <th scope="col">{t('billing.suspense.details')}</th>
              <th scope="col">{t('billing.suspense.reason')}</th>
              <th scope="col">{t('billing.statusLabel')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('billing.suspense.action')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((s) => (
              <tr key={s.id} data-suspense={s.id} data-status={s.status}>
                <td className="nowrap">{day(s.bookedAt)}</td>
                <td className="num">{money(s.amount, s.currency)}</td>
                <td>{s.debtorName ?? <span className="muted">{t('billing.suspense.unknownPayer')}</span>}</td>
                <td>
                  {s.reference && <div className="mono">{s.reference}</div>}
                  {s.remittance && <div className="muted">{s.remittance}</div>}
                </td>
                <td>{t(`billing.suspense.reasons.${s.reason}`, { defaultValue: s.reason })}</td>
                <td>
                  {t(`billing.suspense.state.${s.status}`)}
                  {s.resolvedAt && <div className="muted">{fmt(s.resolvedAt)}</div>}
                  {s.resolvedInvoiceId && (
                    <div>
                      <Link to={`/agency/invoices/${s.resolvedInvoiceId}`}>{t('billing.suspense.toInvoice')}</Link>
                    </div>
                  )}
                  {s.note && <div className="muted">{s.note}</div>}
                </td>
                <td>
                  {s.status === 'open' && (
                    <button
                      type="button"
                      className="secondary"
                      aria-expanded={selected?.id === s.id}
                      onClick={() => {
                        setDone(null);
                        setSelected(selected?.id === s.id ? null : s);
                      }}
                      aria-label={t('billing.suspense.resolveNamed', {
                        amount: money(s.amount, s.currency),
                        payer: s.debtorName ?? t('billing.suspense.unknownPayer'),
                      })}
                    >
                      {t('billing.suspense.resolve')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries && next && (
        <p>
          <button type="button" className="secondary" onClick={() => load(next)}>
            {t('billing.suspense.more', { shown: entries.length, total: Math.max(total, entries.length) })}
          </button>
        </p>
      )}
      {selected && <ResolveForm key={selected.id} entry={selected} onResolved={resolved} onCancel={() => setSelected(null)} />}
    </>
  );
}
