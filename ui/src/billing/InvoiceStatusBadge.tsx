// An invoice's status as a badge (the colours of the case badges; the text says it in words).
import { useTranslation } from 'react-i18next';
import type { InvoiceStatus } from './types';

const LOOK: Record<InvoiceStatus, string> = {
  issued: 'badge-awaiting_payment',
  partly_paid: 'badge-in_progress',
  paid: 'badge-completed',
  overdue: 'badge-rejected',
  cancelled: '',
};

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge ${LOOK[status] ?? ''}`} data-invoice-status={status}>
      {t(`billing.status.${status}`, { defaultValue: status })}
    </span>
  );
}
