// The error summary above a form (GOV.UK pattern): it takes the focus when it appears, and each error links to
// its field; following a link focuses the field (or the first control inside a group). While it shows, the page's
// title starts with "Kļūda: " / "Error: ", so a screen reader user hears at once that the page came back with errors.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

import type { SummaryItem } from './summary-item';

export type { SummaryItem };

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

/** Puts `prefix` before the document's title while `on`; takes it away again (also when the page changes it). */
export function useTitlePrefix(on: boolean, prefix: string): void {
  useEffect(() => {
    if (!on) return undefined;
    const apply = () => {
      if (!document.title.startsWith(prefix)) document.title = `${prefix}${document.title}`;
    };
    apply();
    // The page may set its title after this (its own effect, a language change): keep the prefix on it.
    const titleEl = document.querySelector('title');
    const observer = titleEl ? new MutationObserver(apply) : null;
    if (titleEl) observer?.observe(titleEl, { childList: true, characterData: true, subtree: true });
    return () => {
      observer?.disconnect();
      if (document.title.startsWith(prefix)) document.title = document.title.slice(prefix.length);
    };
  }, [on, prefix]);
}

export function ErrorSummary({ items, title }: { items: SummaryItem[]; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (items.length) ref.current?.focus();
  }, [items]);
  useTitlePrefix(items.length > 0, t('errors.titlePrefix'));
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
