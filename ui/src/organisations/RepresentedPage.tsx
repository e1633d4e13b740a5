// "Companies": whom the citizen may act for (the enterprise register's answer now, and delegations they hold), the
// switch into a company's account, a joint representative's request for confirmation, and the other members'
// requests to confirm.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useFormatDay } from '../app/i18n/dates';
import type { ConfirmationRequest, GetMeConfirmationRequestsResponse, GetMeRepresentedResponse } from '../../../forms/types/api';

type Represented = GetMeRepresentedResponse['items'][number];

export function RepresentedPage() {
  const { t } = useTranslation();
  const day = useFormatDay();
  const [items, setItems] = useState<Represented[] | null>(null);
  const [requests, setRequests] = useState<GetMeConfirmationRequestsResponse | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  usePageTitle(t('organisations.title'));

  const load = useCallback(
    () =>
      Promise.all([
        api<GetMeRepresentedResponse>('/api/v1/me/represented').then((r) => setItems(r.items)),
        api<GetMeConfirmationRequestsResponse>('/api/v1/me/confirmation-requests').then(setRequests),
      ]).catch(() => setNotice({ kind: 'error', text: t('organisations.load') })),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const ask = async (regNo: string) => {
    try {
      const r = await api<ConfirmationRequest>(`/api/v1/organisations/${regNo}/confirmation-requests`, { method: 'POST', body: {} });
      setNotice({ kind: 'success', text: t('organisations.asked', { names: r.awaiting.join(', ') }) });
    } catch {
      setNotice({ kind: 'error', text: t('errors.generic') });
    }
    await load();
  };
  const decide = async (r: ConfirmationRequest, verb: 'confirm' | 'decline') => {
    try {
      await api(`/api/v1/confirmation-requests/${r.id}/${verb}`, { method: 'POST' });
      setNotice({ kind: 'success', text: t(verb === 'confirm' ? 'organisations.confirmed' : 'organisations.declined') });
    } catch {
      setNotice({ kind: 'error', text: t('errors.generic') });
    }
    await load();
  };

  const companies = items?.filter((i) => i.party.type === 'legal') ?? [];
  return (
    <>
      <h1>{t('organisations.title')}</h1>
      <p className="lead">{t('organisations.lead')}</p>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      {!items && !notice && <Loading />}
      {items && companies.length === 0 && <p>{t('organisations.none')}</p>}
      {companies.length > 0 && (
        <ul className="case-list" data-testid="represented-companies">
          {companies.map((c) => (
            <li key={c.party.id} className="case" data-company={c.party.id}>
              <h2>{c.party.name}</h2>
              <p className="meta">
                <span className="mono">{c.party.id}</span> · {t(`organisations.basis.${c.basis}`)}
                {c.rights && <> · {t(`organisations.rights.${c.rights}`)}</>}
              </p>
              {c.represents ? (
                <Link to={`/organisations/${c.party.id}`}>{t('organisations.actForNamed', { name: c.party.name })}</Link>
              ) : (
                <>
                  <p>{c.confirmationId ? t('organisations.waiting') : t('organisations.needsConfirmation')}</p>
                  {!c.confirmationId && (
                    <button type="button" onClick={() => void ask(c.party.id)}>
                      {t('organisations.askConfirmationNamed', { name: c.party.name })}
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <section aria-labelledby="to-confirm-heading">
        <h2 id="to-confirm-heading">{t('organisations.toConfirm')}</h2>
        <p className="muted">{t('organisations.toConfirmLead')}</p>
        {requests && requests.toConfirm.length === 0 && <p>{t('organisations.noneToConfirm')}</p>}
        <ul>
          {requests?.toConfirm.map((r) => (
            <li key={r.id} data-confirmation={r.id}>
              {t('organisations.request', { name: r.requester.name ?? r.requester.id, company: r.company.name, until: day(r.validUntil) })}{' '}
              <button type="button" onClick={() => void decide(r, 'confirm')}>
                {t('organisations.confirm')}
              </button>{' '}
              <button type="button" className="secondary" onClick={() => void decide(r, 'decline')}>
                {t('organisations.decline')}
              </button>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
