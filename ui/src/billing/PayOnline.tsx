// "Pay online": starts a payment at the bank link and sends the browser to the bank's payment page. The
// Idempotency-Key is made when the button is shown, so a double click or a retry answers the same payment.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, newIdempotencyKey } from '../app/api/client';
import { Alert } from '../app/components/Alert';
import type { Invoice, OnlinePayment } from './types';

export function PayOnline({ invoice, amount, onClosed }: { invoice: Invoice; amount: string; onClosed: () => void }) {
  const { t } = useTranslation();
  const key = useRef(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pay = async () => {
    setBusy(true);
    setError(null);
    try {
      const started = await api<OnlinePayment>(`/api/v1/invoices/${invoice.id}/online-payments`, {
        method: 'POST',
        body: {},
        headers: { 'Idempotency-Key': key.current },
      });
      if (!started.redirectUrl) throw new ApiError(502, 'no_redirect', 'no redirect');
      window.location.assign(started.redirectUrl);
    } catch (e) {
      const status = e instanceof ApiError ? e.status : 0;
      if (status === 409) {
        setError(t('billing.pay.closed'));
        onClosed();
      } else setError(status === 503 || status === 502 ? t('billing.pay.bankDown') : t('billing.pay.failed'));
      key.current = newIdempotencyKey(); // the next press is a new attempt
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="pay-heading" aria-busy={busy}>
      <h2 id="pay-heading">{t('billing.pay.title')}</h2>
      <p>{t('billing.pay.help')}</p>
      {error && <Alert kind="error">{error}</Alert>}
      <button type="button" className="primary" data-testid="pay-online" disabled={busy} onClick={() => void pay()}>
        {busy ? t('billing.pay.starting') : t('billing.pay.button', { amount })}
      </button>
    </section>
  );
}
