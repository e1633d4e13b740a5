// A date field outside the e-service forms (delegations, mandates): one text field in the Latvian order with its
// hint ("dd.mm.gggg"), whatever the browser's locale, as the forms' DateWidget. `value` and `onChange` carry the ISO
// date, or the text as typed while it is not a real date (the form's own check then says what to fix), '' when empty.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { textOfValue, valueOfText } from '../i18n/date-text';

interface Props {
  id: string;
  value: string;
  onChange(value: string): void;
  required?: boolean;
  invalid?: boolean;
  /** Ids of the field's other descriptions (its own hint, an error message). */
  describedBy?: string;
}

export function DateInput({ id, value, onChange, required, invalid, describedBy }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => textOfValue(value));
  // A value set from outside (a reset, a prefill) replaces the text.
  useEffect(() => {
    if ((valueOfText(text) ?? '') !== value) setText(textOfValue(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only outside changes of the value
  }, [value]);
  const hintId = `${id}-date-hint`;
  return (
    <>
      <div className="field-hint" id={hintId}>
        {t('form.dateHint')}
      </div>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        className="date-text"
        size={12}
        maxLength={20}
        value={text}
        required={required}
        aria-invalid={invalid || undefined}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(' ')}
        onChange={(e) => {
          setText(e.target.value);
          onChange(valueOfText(e.target.value) ?? '');
        }}
      />
    </>
  );
}
