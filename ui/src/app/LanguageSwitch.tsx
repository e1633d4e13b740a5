// Latvian / English switch. Each button names its language in that language (and has the matching lang); the
// choice is kept for later visits (i18n/index.ts).
import { useTranslation } from 'react-i18next';
import { chooseLanguage, LANGUAGES } from './i18n';

const NAMES: Record<string, string> = { lv: 'Latviešu', en: 'English' };

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="lang-switch" role="group" aria-label={t('layout.language')}>
      {LANGUAGES.map((lng) => (
        <button key={lng} type="button" lang={lng} aria-pressed={i18n.language === lng} onClick={() => chooseLanguage(lng)}>
          {NAMES[lng]}
        </button>
      ))}
    </div>
  );
}
