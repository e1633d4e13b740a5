// The join code, big and easy to read out (grouped, monospace, no look-alike characters), with its expiry. It
// takes the focus when it appears, so a screen reader reads it at once (letter by letter).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistMode } from '../types';
import { useFormatTime } from '../../app/i18n/dates';

export function JoinCode({ code, mode, expiresAt, onCancel }: { code: string; mode: AssistMode; expiresAt: string; onCancel(): void }) {
  const { t } = useTranslation();
  const formatTime = useFormatTime();
  const ref = useRef<HTMLParagraphElement>(null);
  const [expired, setExpired] = useState(() => Date.parse(expiresAt) <= Date.now());
  useEffect(() => {
    ref.current?.focus();
  }, [code]);
  useEffect(() => {
    const left = Date.parse(expiresAt) - Date.now();
    if (left <= 0) return undefined;
    const id = window.setTimeout(() => setExpired(true), left);
    return () => window.clearTimeout(id);
  }, [expiresAt]);

  const time = formatTime(expiresAt);
  // Read out character by character: "A B C D, E F G H".
  const spoken = code
    .split('-')
    .map((part) => part.split('').join(' '))
    .join(', ');
  return (
    <div className="join-code">
      <h3>{t('help.codeTitle')}</h3>
      <p className="assist-code mono" data-code={code} tabIndex={-1} ref={ref}>
        <span aria-hidden="true">{code}</span>
        <span className="visually-hidden">{spoken}</span>
      </p>
      {expired ? (
        <p className="field-error" role="status">
          {t('help.codeExpired')}
        </p>
      ) : (
        <p>
          {t('help.codeHelp', { time })} {t(`help.codeMode.${mode}`)}
        </p>
      )}
      <button type="button" className="secondary" onClick={onCancel}>
        {expired ? t('help.newCode') : t('help.cancelCode')}
      </button>
    </div>
  );
}
