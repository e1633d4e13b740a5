// One click, no form: opens the declared-address-statement e-service (or its saved draft: never a second one),
// submits it at once (its only field has a default) and shows the register's answer (the address, in the status's
// label) and the statement when the status becomes `answered`. The card shows the last answer when the page opens.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { useStatusEvents } from '../app/api/realtime';
import type { Application, MyApplications } from '../applications/types';
import type { StatusEvent } from '../app/api/types';
import { Alert } from '../app/components/Alert';
import { useLocalized } from '../app/i18n/useLocalized';
import { useFormatDate } from '../app/i18n/dates';
import { Documents } from '../applications/Documents';
import { startEService } from '../applications/Services';

const DONE = new Set(['answered', 'completed', 'rejected', 'withdrawn']);
const ESERVICE = 'declared-address-statement';

export function DeclaredAddressCard() {
  const { t } = useTranslation();
  const loc = useLocalized();
  const fmt = useFormatDate();
  const [app, setApp] = useState<Application | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const poll = useRef<number | undefined>(undefined);

  const refresh = useCallback((id: string) => {
    api<Application>(`/api/v1/applications/${id}`).then(
      (a) => {
        setApp(a);
        if (DONE.has(a.status)) {
          window.clearInterval(poll.current);
          setBusy(false);
        }
      },
      () => undefined,
    );
  }, []);
  const onEvent = useCallback(
    (e: StatusEvent) => {
      if (app && e.caseId === app.id) refresh(app.id);
    },
    [app, refresh],
  );
  useStatusEvents(onEvent);
  useEffect(() => () => window.clearInterval(poll.current), []);
  // The last statement asked for (newest first): its answer stays on the card.
  useEffect(() => {
    api<MyApplications>('/api/v1/me/applications').then(
      (mine) => {
        const last = mine.items
          .filter((a) => a.eserviceId === ESERVICE && a.status !== 'draft')
          .sort((a, b) => b.statusAt.localeCompare(a.statusAt))[0];
        if (last && DONE.has(last.status) && last.status !== 'withdrawn') refresh(last.id);
      },
      () => undefined,
    );
  }, [refresh]);

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      // A saved draft of the statement is submitted rather than a second one opened.
      const opened = await startEService(ESERVICE, 'continue');
      await api(`/api/v1/applications/${opened.id}/submit`, { body: { version: opened.draft.version } });
      refresh(opened.id);
      // Live events bring the answer; a slow poll covers a dropped connection.
      poll.current = window.setInterval(() => refresh(opened.id), 2000);
    } catch {
      setError(t('dashboard.addressFailed'));
      setBusy(false);
    }
  };

  const done = app && DONE.has(app.status);
  return (
    <section aria-labelledby="address-card-title" aria-busy={busy}>
      <h2 id="address-card-title">{t('dashboard.address')}</h2>
      <p>{t('dashboard.addressHelp')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      {done && app && (
        <div role="status" data-testid="address-answer">
          <p>
            <strong>{app.statusLabel ? loc(app.statusLabel) : t(`status.${app.status}`)}</strong>
          </p>
          <p className="muted">{t('dashboard.answeredAt', { date: fmt(app.statusAt) })}</p>
          <Documents appId={app.id} documents={app.documents} />
          <Link to={`/applications/${app.id}`}>{t('dashboard.openStatement')}</Link>
        </div>
      )}
      <button type="button" className={done ? 'secondary' : 'primary'} onClick={() => void ask()} disabled={busy}>
        {busy ? t('dashboard.asking') : done ? t('dashboard.addressAgain') : t('dashboard.addressButton')}
      </button>
    </section>
  );
}
