// Withdrawing an application, with an optional reason and a confirmation step.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../app/api/client';
import { Alert } from '../app/components/Alert';

export function Withdraw({ appId, onWithdrawn }: { appId: string; onWithdrawn(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const withdraw = async () => {
    setBusy(true);
    try {
      await api(`/api/v1/applications/${appId}/withdraw`, { body: reason.trim() ? { reason: reason.trim() } : {} });
      onWithdrawn();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('errors.generic'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="withdraw-heading" className="danger-zone">
      <h2 id="withdraw-heading">{t('withdraw.title')}</h2>
      {error && <Alert kind="error">{error}</Alert>}
      {!open ? (
        <button type="button" className="secondary" onClick={() => setOpen(true)}>
          {t('withdraw.start')}
        </button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void withdraw();
          }}
        >
          <label htmlFor="withdraw-reason">{t('withdraw.reason')}</label>
          <textarea id="withdraw-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          <div className="actions">
            <button type="submit" className="danger" disabled={busy}>
              {t('withdraw.confirm')}
            </button>
            <button type="button" className="secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
