// The date field of e-service forms (every `format: date`): one text field in the Latvian order with its hint
// ("dd.mm.gggg, piemēram, 01.12.2026"), whatever the browser's locale, stored as ISO. What the person types stays as
// typed while it is theirs; a value from elsewhere (the register prefill, a co-browsing helper) is shown dd.mm.yyyy.
import { useEffect, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ariaDescribedByIds, type WidgetProps } from '@rjsf/utils';
import { textOfValue, valueOfText } from '../../app/i18n/date-text';

export function DateWidget(props: WidgetProps) {
  const { id, value, readonly, disabled, autofocus, onChange, onBlur, onFocus, required } = props;
  const { t } = useTranslation();
  const [text, setText] = useState(() => textOfValue(value));
  // A value set from outside (not what this text means) replaces the text.
  useEffect(() => {
    if ((valueOfText(text) ?? '') !== (value ?? '')) setText(textOfValue(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only outside changes of the value
  }, [value]);
  const hintId = `${id}__hint`;
  const change = (e: ChangeEvent<HTMLInputElement>) => {
    setText(e.target.value);
    onChange(valueOfText(e.target.value));
  };
  return (
    <>
      {!readonly && (
        <div className="field-hint" id={hintId}>
          {t('form.dateHint')}
        </div>
      )}
      <input
        id={id}
        name={id}
        type="text"
        inputMode="numeric"
        autoComplete={props.options.autocomplete as string | undefined}
        className="form-control date-text"
        size={12}
        maxLength={20}
        value={text}
        required={required}
        readOnly={readonly}
        disabled={disabled}
        autoFocus={autofocus}
        aria-describedby={readonly ? ariaDescribedByIds(id) : `${hintId} ${ariaDescribedByIds(id)}`}
        onChange={change}
        onBlur={(e) => onBlur(id, e.target.value)}
        onFocus={(e) => onFocus(id, e.target.value)}
      />
    </>
  );
}
