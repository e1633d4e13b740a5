// Delegation requests: ask the person you help to delegate to you (their personal code and name, view or act
// rights, from when until when; every e-service), and answer the requests others sent you: accepting registers the
// delegation at once.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { Alert } from '../app/components/Alert';
import { useFormatDay } from '../app/i18n/dates';
import type { EServiceOption } from './types';
import { DelegationRequestForm } from './DelegationRequestForm';
import type { DelegationRequest, GetMeDelegationRequestsResponse } from '../../../forms/types/api';

export function DelegationRequests({ eservices, onAccepted }: { eservices: EServiceOption[]; onAccepted(): void }) {
  const { t } = useTranslation();
  const day = useFormatDay();
  const [lists, setLists] = useState<GetMeDelegationRequestsResponse | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  const load = useCallback(
    () => api<GetMeDelegationRequestsResponse>('/api/v1/me/delegation-requests').then(setLists, () => undefined),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const failed = (e: unknown) =>
    setNotice({
      kind: 'error',
      text:
        e instanceof ApiError ? t(`delegations.errors.${e.details[0]?.code ?? e.code}`, { defaultValue: e.message }) : t('errors.generic'),
    });

  const sent = (r: DelegationRequest) => {
    setNotice({ kind: 'success', text: t('delegations.requests.sent', { name: r.principal.name ?? r.principal.id }) });
    void load();
  };

  const decide = async (r: DelegationRequest, verb: 'accept' | 'decline' | 'withdraw') => {
    try {
      await api(`/api/v1/me/delegation-requests/${r.id}/${verb}`, { method: 'POST' });
      const name = r.requester.name ?? r.requester.id;
      setNotice({
        kind: 'success',
        text: t(`delegations.requests.${verb === 'accept' ? 'accepted' : verb === 'decline' ? 'declined' : 'withdrawn'}`, { name }),
      });
      if (verb === 'accept') onAccepted();
    } catch (e) {
      failed(e);
    }
    await load();
  };

  const rightsText = (r: DelegationRequest) =>
    t(r.rights === 'view' ? 'delegations.requests.rightsView' : 'delegations.requests.rightsAct');
  return (
    <section aria-labelledby="delegation-requests-heading" data-testid="delegation-requests">
      <h2 id="delegation-requests-heading">{t('delegations.requests.title')}</h2>
      <p className="muted">{t('delegations.requests.lead')}</p>
      {notice && <Alert kind={notice.kind}>{notice.text}</Alert>}
      <h3>{t('delegations.requests.received')}</h3>
      {lists && lists.received.filter((r) => r.status === 'pending').length === 0 && <p>{t('delegations.requests.none')}</p>}
      <ul>
        {lists?.received
          .filter((r) => r.status === 'pending')
          .map((r) => {
            const who = r.requester.name ?? r.requester.id;
            return (
              <li key={r.id} data-request={r.id}>
                {t('delegations.requests.from', { name: who, rights: rightsText(r), from: day(r.validFrom) })}{' '}
                <button
                  type="button"
                  aria-label={t('delegations.requests.acceptNamed', { name: who })}
                  onClick={() => void decide(r, 'accept')}
                >
                  {t('delegations.requests.accept')}
                </button>{' '}
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('delegations.requests.declineNamed', { name: who })}
                  onClick={() => void decide(r, 'decline')}
                >
                  {t('delegations.requests.decline')}
                </button>
              </li>
            );
          })}
      </ul>
      <h3>{t('delegations.requests.mine')}</h3>
      <ul>
        {lists?.sent.map((r) => (
          <li key={r.id} data-request={r.id} data-status={r.status}>
            {t('delegations.requests.to', {
              name: r.principal.name ?? r.principal.id,
              rights: rightsText(r),
              status: t(`delegations.requests.status.${r.status}`),
            })}{' '}
            {r.status === 'pending' && (
              <button type="button" className="secondary" onClick={() => void decide(r, 'withdraw')}>
                {t('delegations.requests.withdraw')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <DelegationRequestForm eservices={eservices} onSent={sent} onFailed={failed} />
    </section>
  );
}
