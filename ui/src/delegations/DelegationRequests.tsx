// Delegation requests: ask the person you help to delegate to you (their personal code and name, view or act
// rights, from when until when; every e-service), and answer the requests others sent you: accepting registers the
// delegation at once.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { Alert } from '../app/components/Alert';
import { useFormatDay } from '../app/i18n/format';
import { todayLocal, type EServiceOption } from './types';
import { useLocalized } from '../app/i18n/useLocalized';
import type { DelegationRequest, GetMeDelegationRequestsResponse } from '../../../forms/types/api';

export function DelegationRequests({ eservices, onAccepted }: { eservices: EServiceOption[]; onAccepted(): void }) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);
  const day = useFormatDay();
  const [lists, setLists] = useState<GetMeDelegationRequestsResponse | null>(null);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [rights, setRights] = useState<'view' | 'act'>('view');
  const [from, setFrom] = useState(todayLocal);
  const [until, setUntil] = useState('');
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

  const send = async () => {
    try {
      const r = await api<DelegationRequest>('/api/v1/me/delegation-requests', {
        body: {
          principal: { type: 'natural', id: code.trim(), name: name.trim() },
          validFrom: from,
          ...(until ? { validUntil: until } : {}),
          scope: all || chosen.length === 0 ? 'all' : chosen,
          rights,
        },
      });
      setNotice({ kind: 'success', text: t('delegations.requests.sent', { name: r.principal.name ?? r.principal.id }) });
      setCode('');
      setName('');
    } catch (e) {
      failed(e);
    }
    await load();
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
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <h3>{t('delegations.requests.ask')}</h3>
        <div className="field">
          <label htmlFor="request-code">{t('delegations.requests.personalCode')}</label>
          <input id="request-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" inputMode="numeric" required />
        </div>
        <div className="field">
          <label htmlFor="request-name">{t('delegations.requests.name')}</label>
          <input id="request-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required />
        </div>
        <fieldset>
          <legend>{t('delegations.requests.rights')}</legend>
          <div className="radio">
            <input
              id="request-rights-view"
              type="radio"
              name="request-rights"
              checked={rights === 'view'}
              onChange={() => setRights('view')}
            />
            <label htmlFor="request-rights-view">{t('delegations.requests.rightsView')}</label>
          </div>
          <div className="radio">
            <input
              id="request-rights-act"
              type="radio"
              name="request-rights"
              checked={rights === 'act'}
              onChange={() => setRights('act')}
            />
            <label htmlFor="request-rights-act">{t('delegations.requests.rightsAct')}</label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('delegations.form.scope')}</legend>
          <div className="radio">
            <input id="request-scope-all" type="radio" name="request-scope" checked={all} onChange={() => setAll(true)} />
            <label htmlFor="request-scope-all">{t('delegations.requests.scopeAll')}</label>
          </div>
          <div className="radio">
            <input id="request-scope-some" type="radio" name="request-scope" checked={!all} onChange={() => setAll(false)} />
            <label htmlFor="request-scope-some">{t('delegations.requests.scopeSome')}</label>
          </div>
          {!all &&
            eservices.map((e, i) => (
              <div className="checkbox" key={e.id}>
                <label htmlFor={`request-eservice-${i}`}>
                  <input
                    id={`request-eservice-${i}`}
                    type="checkbox"
                    checked={chosen.includes(e.id)}
                    onChange={(ev) => setChosen((prev) => (ev.target.checked ? [...prev, e.id] : prev.filter((x) => x !== e.id)))}
                  />
                  {loc(e.title)}
                </label>
              </div>
            ))}
        </fieldset>
        <div className="field">
          <label htmlFor="request-from">{t('delegations.requests.validFrom')}</label>
          <input id="request-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </div>
        <div className="field">
          <label htmlFor="request-until">{t('delegations.requests.validUntil')}</label>
          <input id="request-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            {t('delegations.requests.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
