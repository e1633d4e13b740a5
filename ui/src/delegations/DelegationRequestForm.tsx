// Asking the person you help for a delegation: their personal code and name (checked against the population
// register by the server), view or act rights, every e-service or the chosen ones, and the days.
import { useState } from 'react';
import { DateInput } from '../app/components/DateInput';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { useLocalized } from '../app/i18n/useLocalized';
import { todayLocal, type EServiceOption } from './types';
import type { DelegationRequest } from '../../../forms/types/api';

export function DelegationRequestForm({
  eservices,
  onSent,
  onFailed,
}: {
  eservices: EServiceOption[];
  onSent(r: DelegationRequest): void;
  onFailed(e: unknown): void;
}) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [rights, setRights] = useState<'view' | 'act'>('view');
  const [from, setFrom] = useState(todayLocal);
  const [until, setUntil] = useState('');
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<string[]>([]);

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
      setCode('');
      setName('');
      onSent(r);
    } catch (e) {
      onFailed(e);
    }
  };

  return (
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
          <input id="request-rights-act" type="radio" name="request-rights" checked={rights === 'act'} onChange={() => setRights('act')} />
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
        <DateInput id="request-from" value={from} onChange={setFrom} required />
      </div>
      <div className="field">
        <label htmlFor="request-until">{t('delegations.requests.validUntil')}</label>
        <DateInput id="request-until" value={until} onChange={setUntil} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('delegations.requests.send')}
        </button>
      </div>
    </form>
  );
}
