// "Apps you allowed": the mobile and third-party apps the citizen allowed on the platform's consent page, what each may
// read, when allowed and last used; Revoke (confirmed in place) ends the app's access at once.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { Alert, Loading } from '../app/components/Alert';
import { usePageTitle } from '../app/components/usePageTitle';
import { useFormatDate } from '../app/i18n/dates';
import type { GetMeAppsResponse } from '../../../forms/types/api';

type AllowedApp = GetMeAppsResponse['items'][number];

export function AppsPage() {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [apps, setApps] = useState<AllowedApp[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const noticeRef = useRef<HTMLDivElement>(null);
  usePageTitle(t('apps.title'));

  const load = useCallback(
    () =>
      api<GetMeAppsResponse>('/api/v1/me/apps').then(
        (r) => setApps(r.items),
        () => setError(t('apps.errors.load')),
      ),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);
  // The result is announced and takes the focus: the row the button was in is gone.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  const revoke = async (app: AllowedApp) => {
    setBusy(true);
    try {
      await api(`/api/v1/me/apps/${encodeURIComponent(app.clientId)}`, { method: 'DELETE' });
      setNotice({ kind: 'success', text: t('apps.revoked', { name: app.name }) });
    } catch {
      setNotice({ kind: 'error', text: t('errors.generic') });
    } finally {
      setBusy(false);
      setConfirming(null);
    }
    await load();
  };

  const scopeText = (scope: string) => (t(`apps.scopes.${scope}`, { defaultValue: '' }) as string) || scope;

  return (
    <>
      <h1>{t('apps.title')}</h1>
      <p className="lead">{t('apps.lead')}</p>
      {notice && (
        <div tabIndex={-1} ref={noticeRef} data-testid="apps-notice">
          <Alert kind={notice.kind}>{notice.text}</Alert>
        </div>
      )}
      {error && <Alert kind="error">{error}</Alert>}
      {!apps && !error && <Loading />}
      {apps && apps.length === 0 && <p data-testid="apps-none">{t('apps.none')}</p>}
      {apps && apps.length > 0 && (
        <table className="tasks" data-testid="apps">
          <caption className="visually-hidden">{t('apps.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('apps.columns.app')}</th>
              <th scope="col">{t('apps.columns.scopes')}</th>
              <th scope="col">{t('apps.columns.allowedAt')}</th>
              <th scope="col">{t('apps.columns.lastUsedAt')}</th>
              <th scope="col">{t('apps.columns.action')}</th>
            </tr>
          </thead>
          <tbody>
            {apps.map((app) => (
              <tr key={app.clientId} data-app={app.clientId}>
                <th scope="row">{app.name}</th>
                <td>{app.scopes.map(scopeText).join(', ')}</td>
                <td>{formatDate(app.allowedAt)}</td>
                <td>{app.lastUsedAt ? formatDate(app.lastUsedAt) : t('apps.neverUsed')}</td>
                <td>
                  {confirming === app.clientId ? (
                    <div role="group" aria-label={t('apps.revokeNamed', { name: app.name })}>
                      <p>{t('apps.confirmRevoke', { name: app.name })}</p>
                      <div className="actions">
                        <button type="button" className="danger" disabled={busy} onClick={() => void revoke(app)}>
                          {t('apps.confirm')}
                        </button>
                        <button type="button" className="secondary" onClick={() => setConfirming(null)}>
                          {t('apps.keep')}
                        </button>
                      </div>
                    </div>
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('apps.revokeNamed', { name: app.name })}
                      onClick={() => setConfirming(app.clientId)}
                    >
                      {t('apps.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
