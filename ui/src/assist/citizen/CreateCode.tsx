// Consent first: the citizen chooses what the helper may do and creates a single-use join code.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistMode } from '../types';

export function CreateCode({ modes, busy, onCreate }: { modes: AssistMode[]; busy: boolean; onCreate(mode: AssistMode): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<AssistMode>(modes[0]);
  return (
    <form
      className="create-code"
      onSubmit={(e) => {
        e.preventDefault();
        onCreate(mode);
      }}
    >
      {modes.length > 1 ? (
        <fieldset>
          <legend>{t('help.modeLegend')}</legend>
          {modes.map((m) => (
            <div className="radio" key={m}>
              <input
                type="radio"
                id={`help-mode-${m}`}
                name="help-mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
                aria-describedby={`help-mode-${m}-hint`}
              />
              <label htmlFor={`help-mode-${m}`}>{t(`help.modes.${m}`)}</label>
              <span id={`help-mode-${m}-hint`} className="muted">
                {' '}
                — {t(`help.modeHints.${m}`)}
              </span>
            </div>
          ))}
        </fieldset>
      ) : (
        <p className="muted">{t(`help.modeHints.${modes[0]}`)}</p>
      )}
      <button type="submit" className="secondary" disabled={busy}>
        {busy ? t('help.creating') : t('help.create')}
      </button>
    </form>
  );
}
