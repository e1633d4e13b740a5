// Latvian and English. A first-time visitor gets the language the browser prefers (Latvian when it prefers neither,
// preferred.ts); a language chosen with the switch is kept in localStorage and stays chosen. Mirrored in <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { lv } from './lv';
import { en } from './en';
import { initialLanguage, LANGUAGES, type Language } from './preferred';

export { LANGUAGES, type Language };
const KEY = 'sdp.lang';

function storedChoice(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null; // storage refused (private mode, policy): the browser's preference then
  }
}

function browserLanguages(): readonly string[] {
  return navigator.languages?.length ? navigator.languages : [navigator.language ?? ''];
}

void i18n.use(initReactI18next).init({
  resources: { lv: { translation: lv }, en: { translation: en } },
  lng: initialLanguage(storedChoice(), browserLanguages()),
  fallbackLng: 'lv',
  interpolation: { escapeValue: false },
  returnNull: false,
});

const syncLang = (lng: string) => {
  document.documentElement.lang = lng;
};
syncLang(i18n.language);
i18n.on('languageChanged', syncLang);

/** The person's choice: shown at once and kept for every later visit. */
export function chooseLanguage(lng: Language): void {
  try {
    localStorage.setItem(KEY, lng);
  } catch {
    // not kept: the choice holds for this page only
  }
  void i18n.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'lv';
}

export default i18n;
