// The visible autosave state ("Saving…", "Saved 12:03"), announced politely to screen readers.
import { useTranslation } from 'react-i18next';
import type { SaveState } from './form/useAutosave';

export function SaveIndicator({ state }: { state: SaveState }) {
  const { t, i18n } = useTranslation();
  const time = state.at
    ? new Date(state.at).toLocaleTimeString(i18n.language === 'en' ? 'en-GB' : 'lv-LV', {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
    : '';
  const text = {
    idle: t('autosave.idle'),
    pending: t('autosave.pending'),
    saving: t('autosave.saving'),
    saved: time ? t('autosave.savedAt', { time }) : t('autosave.saved'),
    error: t('autosave.error'),
    closed: t('autosave.closed'),
  }[state.kind];
  return (
    <p className={`save-state save-${state.kind}`} role="status" data-state={state.kind}>
      {text}
    </p>
  );
}
