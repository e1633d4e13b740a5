// "Get help": the citizen lets a helper in with a join code (view or assist), sees who is watching and in which
// mode, switches the mode, and stops anyone's access at once. For an application (staff at a customer centre or
// agency) or for the whole portal session (a support specialist, view only).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { Alert } from '../../app/components/Alert';
import { CreateCode } from './CreateCode';
import { JoinCode } from './JoinCode';
import { WatcherList } from './WatcherList';
import type { AssistMode, AssistScope, Grant, PostAssistCodesResponse, Watcher } from '../types';
import { useWatchers } from './useWatchers';

const MODES: Record<AssistScope, AssistMode[]> = { application: ['view', 'assist'], portal: ['view'] };

/** `allowNew` is false once an application is submitted: no new codes, but whoever still watches can be stopped. */
export function HelpPanel({ scope, applicationId, allowNew = true }: { scope: AssistScope; applicationId?: string; allowNew?: boolean }) {
  const { t } = useTranslation();
  const [code, setCode] = useState<PostAssistCodesResponse | null>(null);
  const { watchers, update } = useWatchers(scope, applicationId, !!code);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const known = useRef<Set<string>>(new Set());

  // A helper who joins with the code: the code is used up, and the citizen is told who it is.
  useEffect(() => {
    const fresh = watchers.filter((w) => !known.current.has(w.grantId));
    known.current = new Set(watchers.map((w) => w.grantId));
    if (code && watchers.some((w) => w.grantId === code.grant.id)) setCode(null);
    if (fresh.length)
      setNotice(
        fresh
          .map((w) => t('help.joined', { name: w.name ?? t('assist.changes.staffMember'), mode: t(`help.watcherMode.${w.mode}`) }))
          .join(' '),
      );
  }, [watchers, code, t]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  const create = (mode: AssistMode) =>
    run(async () => {
      const body = { scope, mode, ...(applicationId ? { applicationId } : {}) };
      setCode(await api<PostAssistCodesResponse>('/api/v1/assist-codes', { body }));
      setNotice('');
    });

  const revoke = (grantId: string) => api<Grant>(`/api/v1/assist-grants/${grantId}/revoke`, { method: 'POST' });

  const cancelCode = () =>
    run(async () => {
      if (code && Date.parse(code.grant.expiresAt) > Date.now()) {
        await revoke(code.grant.id);
        setNotice(t('help.codeCancelled'));
      }
      setCode(null);
    });

  const stop = (w: Watcher) =>
    run(async () => {
      await revoke(w.grantId);
      update(w.grantId, null);
      known.current.delete(w.grantId);
      setNotice(t('help.stopped', { name: w.name ?? t('assist.changes.staffMember') }));
      noticeRef.current?.focus();
    });

  const switchMode = (w: Watcher, mode: AssistMode) =>
    run(async () => {
      await api<Grant>(`/api/v1/assist-grants/${w.grantId}/mode`, { body: { mode } });
      update(w.grantId, { mode });
      setNotice(t('help.modeChanged', { name: w.name ?? t('assist.changes.staffMember'), mode: t(`help.watcherMode.${mode}`) }));
    });

  if (!allowNew && !code && !watchers.length && !notice) return null;
  return (
    <section className="panel help-panel" aria-labelledby={`help-heading-${scope}`} data-testid={`help-panel-${scope}`}>
      <h2 id={`help-heading-${scope}`}>{t('help.title')}</h2>
      <p>{t(scope === 'portal' ? 'help.leadPortal' : 'help.lead')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      <p className="help-notice" role="status" tabIndex={-1} ref={noticeRef}>
        {notice}
      </p>
      <WatcherList
        watchers={watchers}
        busy={busy}
        heading={t(scope === 'portal' ? 'help.watchingPortal' : 'help.watching')}
        canSwitch={(w) => scope === 'application' && w.role !== 'support-specialist'}
        onMode={(w, m) => void switchMode(w, m)}
        onStop={(w) => void stop(w)}
      />
      {code && <JoinCode code={code.code} mode={code.grant.mode} expiresAt={code.grant.expiresAt} onCancel={() => void cancelCode()} />}
      {!code && allowNew && <CreateCode modes={MODES[scope]} busy={busy} onCreate={(m) => void create(m)} />}
    </section>
  );
}
