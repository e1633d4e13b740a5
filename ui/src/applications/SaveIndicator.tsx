// The visible autosave state ("Saving…", "Saved 12:03"), announced politely to screen readers.
import { useTranslation } from 'react-i18next';
import type { SaveState } from './form/useAutosave';
import { useFormatTime } from '../app/i18n/dates';

export function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const time = state.at ? formatTime(state.at, true) : '';
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
