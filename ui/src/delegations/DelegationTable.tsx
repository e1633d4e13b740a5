// A list of delegations: those the citizen gave (with Revoke, confirmed in place) or those they hold; or the written
// mandates they gave, as recorded at counters (`kind` mandates: revoked the same way).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../app/i18n/useLocalized';
import { formatPersonalCode, useValidity, type DelegationRow, type EServiceOption } from './types';

interface Props<Row extends DelegationRow> {
  kind: 'given' | 'held' | 'mandates';
  items: Row[];
  eservices: EServiceOption[];
  onRevoke?(d: Row): Promise<void>;
}

export function DelegationTable<Row extends DelegationRow>({ kind, items, eservices, onRevoke }: Props<Row>) {
  const { t } = useTranslation();
  const loc = useLocalized();
  const validity = useValidity();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleOf = (id: string) => {
    const s = eservices.find((x) => x.id === id);
    return s ? loc(s.title) : id;
  };
  const gave = kind !== 'held';
  const other = (d: Row) => (gave ? d.representative : d.principal);
  const texts = kind === 'mandates' ? 'delegations.mandates' : 'delegations';

  if (items.length === 0)
    return <p>{t(kind === 'given' ? 'delegations.noneGiven' : kind === 'held' ? 'delegations.noneHeld' : 'delegations.mandates.none')}</p>;
  return (
    <table className="tasks delegations" data-testid={`delegations-${kind}`}>
      <caption className="visually-hidden">{t(kind === 'mandates' ? 'delegations.mandates.title' : `delegations.${kind}`)}</caption>
      <thead>
        <tr>
          <th scope="col">{t(gave ? 'delegations.columns.representative' : 'delegations.columns.principal')}</th>
          <th scope="col">{t('delegations.columns.scope')}</th>
          <th scope="col">{t('delegations.columns.validity')}</th>
          <th scope="col">{t('delegations.columns.status')}</th>
          {gave && <th scope="col">{t('delegations.columns.action')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((d) => {
          const person = other(d);
          const name = person.name ?? formatPersonalCode(person.id);
          return (
            <tr key={d.id} data-delegation={d.id} data-status={d.status}>
              <th scope="row">
                {name}
                <div className="muted mono">{formatPersonalCode(person.id)}</div>
              </th>
              <td>{d.scope === 'all' ? t('delegations.scopeAll') : d.scope.map(titleOf).join(', ')}</td>
              <td>{validity(d)}</td>
              <td>
                <span className={`badge delegation-${d.status}`}>{t(`delegations.status.${d.status}`)}</span>
              </td>
              {gave && (
                <td>
                  {onRevoke &&
                    (d.status === 'active' || d.status === 'scheduled') &&
                    (confirming === d.id ? (
                      <div role="group" aria-label={t(`${texts}.revokeNamed`, { name })}>
                        <p>{t(`${texts}.confirmRevoke`, { name })}</p>
                        <div className="actions">
                          <button
                            type="button"
                            className="danger"
                            disabled={busy}
                            onClick={() => {
                              setBusy(true);
                              void onRevoke(d).finally(() => {
                                setBusy(false);
                                setConfirming(null);
                              });
                            }}
                          >
                            {t('delegations.confirm')}
                          </button>
                          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                            {t('delegations.keep')}
                          </button>
                        </div>
                      </div>
                    ) : (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={t(`${texts}.revokeNamed`, { name })}
                        onClick={() => setConfirming(d.id)}
                      >
                        {t('delegations.revoke')}
                      </button>
                    ))}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
