// The staff console's start: the citizen reads out their join code, the staff member enters it and joins the
// citizen's session (an application, or for a support specialist the whole portal session).
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../app/api/client';
import { ErrorSummary } from '../../app/components/ErrorSummary';
import { Alert } from '../../app/components/Alert';
import { usePageTitle } from '../../app/components/usePageTitle';
import type { AssistSessionOpened } from '../types';
import { useAuth } from '../../app/auth/AuthContext';
import { isCounterStaff } from '../roles';

const CODE = /^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/;

export function AssistStart() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { principal } = useAuth();
  const ended = (location.state as { ended?: string } | null)?.ended;
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('assist.title'));

  const join = async () => {
    const value = code.trim().toUpperCase().replace(/\s+/g, '');
    if (!CODE.test(value)) {
      setError(t(value ? 'assist.codeFormat' : 'assist.codeRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const opened = await api<AssistSessionOpened>('/api/v1/assist-sessions', { body: { code: value } });
      void navigate(`/assist/${opened.grant.id}`, { state: { application: opened.application } });
    } catch (e) {
      setError(e instanceof ApiError ? t(`assist.joinErrors.${e.code}`, { defaultValue: e.message }) : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('assist.title')}</h1>
      <p className="lead">{t('assist.lead')}</p>
      {ended && <Alert kind="info">{t(`assist.ended.${ended}`, { defaultValue: t('assist.ended.ended') })}</Alert>}
      <ErrorSummary items={error ? [{ fieldId: 'assist-code', label: t('assist.codeLabel'), message: error }] : []} />
      <form
        className="panel assist-join"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void join();
        }}
      >
        <div className="field">
          <label htmlFor="assist-code">{t('assist.codeLabel')}</label>
          <p id="assist-code-hint" className="muted">
            {t('assist.codeHint')}
          </p>
          {error && (
            <p id="assist-code-error" className="field-error">
              {error}
            </p>
          )}
          <input
            id="assist-code"
            className="code-input mono"
            type="text"
            value={code}
            maxLength={9}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-describedby={`assist-code-hint${error ? ' assist-code-error' : ''}`}
            aria-invalid={!!error}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
          />
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('assist.join')}
          </button>
        </div>
      </form>
      {isCounterStaff(principal) && (
        <section className="panel" aria-labelledby="counter-link-heading">
          <h2 id="counter-link-heading">
            <Link to="/assist/counter">{t('delegations.counter.link')}</Link>
          </h2>
          <p className="muted">{t('delegations.counter.linkHint')}</p>
        </section>
      )}
    </>
  );
}
