// "Delegations": the citizen registers a delegation to someone they trust, sees those given and those held, and
// revokes one (it ends at once: no counter accepts it any more); and the written mandates recorded for them at
// counters, which they revoke the same way.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { DelegationForm } from './DelegationForm';
import { DelegationTable } from './DelegationTable';
import { DelegationRequests } from './DelegationRequests';
import type { GetMeMandatesResponse } from '../../../forms/types/api';
import type { Delegation, EServiceList, EServiceOption, Mandate, MyDelegations } from './types';

export function DelegationsPage() {
  const { t } = useTranslation();
  const [lists, setLists] = useState<MyDelegations | null>(null);
  const [eservices, setEservices] = useState<EServiceOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  usePageTitle(t('delegations.title'));

  const [mandates, setMandates] = useState<Mandate[] | null>(null);
  const load = useCallback(
    () =>
      Promise.all([
        api<MyDelegations>('/api/v1/me/delegations').then(setLists),
        api<GetMeMandatesResponse>('/api/v1/me/mandates').then((r) => setMandates(r.items)),
      ]).catch(() => setError(t('delegations.errors.load'))),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api<EServiceList>('/api/v1/eservice-definitions').then(
      (r) => setEservices(r.items),
      () => undefined,
    );
  }, []);
  // A result is announced and takes the focus, so it is not missed after the form or a table row changed.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const registered = (d: Delegation) => {
    setNotice({ kind: 'success', text: t('delegations.form.registered', { name: d.representative.name ?? d.representative.id }) });
    void load();
  };

  const revoke = async (d: Delegation) => {
    const name = d.representative.name ?? d.representative.id;
    try {
      await api(`/api/v1/me/delegations/${encodeURIComponent(d.id)}/revoke`, { method: 'POST' });
      setNotice({ kind: 'success', text: t('delegations.revoked', { name }) });
    } catch (e) {
      setNotice({
        kind: 'error',
        text: e instanceof ApiError && e.code === 'already_revoked' ? t('delegations.errors.already_revoked') : t('errors.generic'),
      });
    }
    await load();
  };

  const revokeMandate = async (m: Mandate) => {
    try {
      await api(`/api/v1/me/mandates/${encodeURIComponent(m.id)}/revoke`, { method: 'POST' });
      setNotice({ kind: 'success', text: t('delegations.mandates.revoked', { name: m.representative.name ?? m.representative.id }) });
    } catch {
      setNotice({ kind: 'error', text: t('errors.generic') });
    }
    await load();
  };

  return (
    <>
      <h1>{t('delegations.title')}</h1>
      <p className="lead">{t('delegations.lead')}</p>
      {notice && (
        <div tabIndex={-1} ref={noticeRef} data-testid="delegations-notice">
          <Alert kind={notice.kind}>{notice.text}</Alert>
        </div>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      <DelegationForm eservices={eservices} onRegistered={registered} />
      <DelegationRequests eservices={eservices} onAccepted={() => void load()} />
      <section aria-labelledby="delegations-given-heading">
        <h2 id="delegations-given-heading">{t('delegations.given')}</h2>
        {lists ? <DelegationTable kind="given" items={lists.given} eservices={eservices} onRevoke={revoke} /> : !error && <Loading />}
      </section>
      <section aria-labelledby="delegations-mandates-heading">
        <h2 id="delegations-mandates-heading">{t('delegations.mandates.title')}</h2>
        <p className="muted">{t('delegations.mandates.lead')}</p>
        {mandates ? (
          <DelegationTable kind="mandates" items={mandates} eservices={eservices} onRevoke={revokeMandate} />
        ) : (
          !error && <Loading />
        )}
      </section>
      <section aria-labelledby="delegations-held-heading">
        <h2 id="delegations-held-heading">{t('delegations.held')}</h2>
        {lists ? <DelegationTable kind="held" items={lists.held} eservices={eservices} /> : !error && <Loading />}
      </section>
    </>
  );
}
