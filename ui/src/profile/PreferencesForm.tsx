// Language and notification channels. The language is the UI's own preference (the language switch's, kept in the
// browser): saving here chooses it there too and stores it for messages by e-mail and SMS. E-mail and SMS can be
// chosen only with a confirmed contact.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../app/api/client';
import { chooseLanguage, currentLanguage, LANGUAGES } from '../app/i18n';
import type { SummaryItem } from '../app/components/ErrorSummary';
import { fieldErrorsOf } from './server-errors';
import type { Profile, ProfilePreferences } from '../../../forms/types/api';

type Channel = 'e-address' | 'email' | 'sms';
const CHANNELS: Channel[] = ['e-address', 'email', 'sms'];
const NEEDS: Partial<Record<Channel, 'email' | 'phone'>> = { email: 'email', sms: 'phone' };
const LANGUAGE_NAMES: Record<string, string> = { lv: 'Latviešu', en: 'English' };

export function PreferencesForm({
  profile,
  onChanged,
  report,
}: {
  profile: Profile;
  onChanged(notice: string): void;
  report(items: SummaryItem[]): void;
}) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<'lv' | 'en'>(currentLanguage());
  const [channels, setChannels] = useState<Channel[]>(profile.preferences.channels as Channel[]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usable = (c: Channel) => {
    const kind = NEEDS[c];
    return !kind || profile.contacts.some((contact) => contact.kind === kind && contact.confirmed);
  };

  const save = async () => {
    setBusy(true);
    try {
      await api<ProfilePreferences>('/api/v1/me/profile/preferences', { method: 'PUT', body: { language, channels } });
      setError(null);
      report([]);
      if (language !== currentLanguage()) chooseLanguage(language);
      onChanged(t('profile.saved', { lng: language }));
    } catch (e) {
      const found = fieldErrorsOf(e, t, { channels: 'channels' }, 'channels');
      const message = found?.channels ?? t('errors.generic');
      setError(message);
      report([{ fieldId: 'profile-channel-0', label: t('profile.preferences.channels'), message }]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="profile-preferences-heading" data-testid="profile-preferences">
      <h2 id="profile-preferences-heading">{t('profile.preferences.title')}</h2>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset aria-describedby="profile-language-hint">
          <legend>{t('profile.preferences.language')}</legend>
          <p id="profile-language-hint" className="muted">
            {t('profile.preferences.languageHint')}
          </p>
          {LANGUAGES.map((lng) => (
            <div className="radio" key={lng}>
              <input
                id={`profile-language-${lng}`}
                type="radio"
                name="profile-language"
                checked={language === lng}
                onChange={() => setLanguage(lng)}
              />
              <label htmlFor={`profile-language-${lng}`} lang={lng}>
                {LANGUAGE_NAMES[lng]}
              </label>
            </div>
          ))}
        </fieldset>
        <fieldset aria-describedby={['profile-channels-hint', error ? 'profile-channels-error' : null].filter(Boolean).join(' ')}>
          <legend>{t('profile.preferences.channels')}</legend>
          <p id="profile-channels-hint" className="muted">
            {t('profile.preferences.channelsHint')}
          </p>
          {error && (
            <p id="profile-channels-error" className="field-error">
              {error}
            </p>
          )}
          {CHANNELS.map((c, i) => (
            <div className="checkbox" key={c}>
              <label htmlFor={`profile-channel-${i}`}>
                <input
                  id={`profile-channel-${i}`}
                  type="checkbox"
                  checked={channels.includes(c)}
                  disabled={!usable(c)}
                  onChange={(e) => setChannels(e.target.checked ? [...channels, c] : channels.filter((x) => x !== c))}
                />{' '}
                {t(`profile.preferences.${c}`)}
                {!usable(c) && <span className="muted"> ({t('profile.preferences.needsConfirmed')})</span>}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="primary" disabled={busy}>
          {t('profile.preferences.save')}
        </button>
      </form>
    </section>
  );
}
