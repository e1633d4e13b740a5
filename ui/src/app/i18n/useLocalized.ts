// Picks the current language out of the API's { lv, en } texts.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Localized } from '../api/types';

export function useLocalized(): (text: Localized | string | null | undefined) => string {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'lv';
  return useCallback(
    (text) => {
      if (!text) return '';
      if (typeof text === 'string') return text;
      return text[lang] ?? text.lv;
    },
    [lang],
  );
}

export function useFormatDate(): (iso: string | null | undefined, withTime?: boolean) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en-GB' : 'lv-LV';
  return (iso, withTime = true) => {
    if (!iso) return '';
    const d = new Date(iso);
    return withTime
      ? d.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })
      : d.toLocaleDateString(locale, { dateStyle: 'medium' });
  };
}
