// Latvian (default) and English. The choice is kept in localStorage and mirrored in <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { lv } from './lv';
import { en } from './en';

export const LANGUAGES = ['lv', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = 'sdp.lang';

function initial(): Language {
  const saved = localStorage.getItem(KEY);
  return saved === 'en' ? 'en' : 'lv';
}

void i18n.use(initReactI18next).init({
  resources: { lv: { translation: lv }, en: { translation: en } },
  lng: initial(),
  fallbackLng: 'lv',
  interpolation: { escapeValue: false },
  returnNull: false,
});

const syncLang = (lng: string) => {
  document.documentElement.lang = lng;
  localStorage.setItem(KEY, lng);
};
syncLang(i18n.language);
i18n.on('languageChanged', syncLang);

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'lv';
}

export default i18n;
