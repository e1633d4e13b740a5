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
