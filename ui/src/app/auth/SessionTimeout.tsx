// The idle-timeout warning: two minutes before the session would end for inactivity, a dialog says so and offers
// one click to stay signed in. If it ends anyway, the page leaves for the sign-in page, which brings the citizen
// back here; answers were autosaved as they typed, so nothing is lost.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './AuthContext';
import { sessionEnded } from '../api/client';
import { finishPendingWork } from './session';

export const WARN_BEFORE_MS = 2 * 60_000;
const FINISH_BEFORE_MS = 3000;

export function SessionTimeout() {
  const { t } = useTranslation();
  const { session, extend } = useAuth();
  const [now, setNow] = useState(() => Date.now());
  const [failed, setFailed] = useState(false);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!session) return undefined;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [session]);

  const left = session ? session.idleEndsAt - now : Infinity;
  const warning = left <= WARN_BEFORE_MS && left > FINISH_BEFORE_MS;
  // A few seconds before the end, pending autosaves are sent while the session still accepts them; then the page
  // leaves for the sign-in page (which brings the citizen back here).
  const ending = session !== null && left <= FINISH_BEFORE_MS;
  useEffect(() => {
    if (ending) void finishPendingWork().finally(sessionEnded);
  }, [ending]);
  useEffect(() => {
    if (warning) button.current?.focus();
  }, [warning]);

  if (!warning) return null;
  const minutes = Math.max(1, Math.ceil(left / 60_000));
  return (
    <div
      className="session-timeout"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="session-timeout-title"
      aria-describedby="session-timeout-text"
    >
      <h2 id="session-timeout-title">{t('session.warningTitle')}</h2>
      <p id="session-timeout-text">{t('session.warningText', { count: minutes })}</p>
      {failed && <p role="alert">{t('session.extendFailed')}</p>}
      <button
        ref={button}
        type="button"
        className="primary"
        data-testid="stay-signed-in"
        onClick={() => {
          setFailed(false);
          extend().catch(() => setFailed(true));
        }}
      >
        {t('session.stay')}
      </button>
    </div>
  );
}
