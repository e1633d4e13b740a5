// The EPC QR code of an invoice (scan it in a banking app: a SEPA credit transfer of the amount due with the RF
// reference). The image needs the bearer token, so it is fetched as a blob and shown from an object URL.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchBlob } from '../app/api/client';
import { Loading } from '../app/components/Alert';
import type { Invoice } from './types';

export function InvoiceQr({ invoice, amount }: { invoice: Invoice; amount: string }) {
  const { t } = useTranslation();
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const href = invoice.links.qrPng;
  // The code carries the amount due: fetch it again when a payment changes that.
  const due = invoice.totals.due;

  useEffect(() => {
    let url: string | null = null;
    let live = true;
    setSrc(null);
    setFailed(false);
    fetchBlob(href).then(
      (blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      },
      () => {
        if (live) setFailed(true);
      },
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [href, due]);

  return (
    <section aria-labelledby="qr-heading" className="qr-panel">
      <h2 id="qr-heading">{t('billing.qr.title')}</h2>
      <p>{t('billing.qr.help')}</p>
      {failed && (
        <p className="muted" role="status">
          {t('billing.qr.failed')}
        </p>
      )}
      {!src && !failed && <Loading />}
      {src && (
        <img
          src={src}
          className="qr-code"
          width={220}
          height={220}
          data-testid="invoice-qr"
          alt={t('billing.qr.alt', { amount, reference: invoice.paymentReferenceFormatted })}
        />
      )}
    </section>
  );
}
