// The error summary above a form (GOV.UK pattern): it takes the focus when it appears, and each error links to
// its field; following a link focuses the field (or the first control inside a group).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  fieldId: string | null;
  label: string;
  message: string;
}

export function focusField(fieldId: string): void {
  const el = document.getElementById(fieldId);
  const target =
    el && el.matches('input, select, textarea, button')
      ? el
      : (el?.querySelector<HTMLElement>('input:not([type=hidden]), select, textarea') ?? el);
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  target.focus();
}

export function ErrorSummary({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length) ref.current?.focus();
  }, [items]);
  if (!items.length) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h2 id="error-summary-title">{title ?? t('errors.summaryTitle')}</h2>
      <ul>
        {items.map((item, i) => (
          <li key={`${item.fieldId}-${i}`}>
            {item.fieldId ? (
              <a
                href={`#${item.fieldId}`}
                onClick={(e) => {
                  e.preventDefault();
                  focusField(item.fieldId as string);
                }}
              >
                {item.label ? `${item.label}: ` : ''}
                {item.message}
              </a>
            ) : (
              <span>{item.message}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
