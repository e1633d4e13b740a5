// The dashboard card: how many invoices are waiting to be paid, and the way to "My invoices".
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { Loading } from '../app/components/Alert';
import { isPayable } from './payable';
import type { MyInvoiceList } from './types';

export function InvoicesCard() {
  const { t } = useTranslation();
  const [toPay, setToPay] = useState<number | null>(null);

  useEffect(() => {
    api<MyInvoiceList>('/api/v1/me/invoices').then(
      (r) => setToPay(r.items.filter(isPayable).length),
      () => setToPay(0),
    );
  }, []);

  return (
    <section aria-labelledby="invoices-card-title">
      <h2 id="invoices-card-title">{t('billing.card.title')}</h2>
      {toPay === null ? (
        <Loading />
      ) : (
        <>
          <p className="big-number" data-testid="invoices-to-pay-count">
            {toPay}
          </p>
          <p>{t('billing.mine.toPay', { count: toPay })}</p>
        </>
      )}
      <Link to="/invoices">{t('billing.card.link')}</Link>
    </section>
  );
}
