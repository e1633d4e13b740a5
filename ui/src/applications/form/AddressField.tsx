// An address field of an e-service form (a schema object marked "x-address": { text, code }): the address is looked
// up in the state address register as the person types (ARIA 1.2 combobox with a list: arrows move, Enter chooses,
// Escape closes; the number of suggestions is announced). Choosing one stores the register's text and address code;
// typing again forgets the code. A typed text that is exactly one of the suggestions counts as chosen.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProps } from '@rjsf/utils';
import { api, ApiError } from '../../app/api/client';
import type { GetAddressSuggestionsResponse } from '../../../../forms/types/api';
import { comparableAddress, type AddressValue } from './address-value';

type Suggestion = GetAddressSuggestionsResponse['items'][number];
const DEBOUNCE_MS = 250;

export function AddressField(props: FieldProps) {
  const { t } = useTranslation();
  const { schema, fieldPathId, readonly, disabled, required } = props;
  const rootId = fieldPathId.$id;
  const inputId = `${rootId}_text`;
  const listId = `${rootId}__suggestions`;
  const hintId = `${rootId}__hint`;
  const statusId = useId();
  const value = (props.formData ?? {}) as AddressValue;
  const residentialOnly = (schema as Record<string, unknown>)['x-address'] === 'residential';
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState('');
  const timer = useRef<number | undefined>(undefined);
  const asked = useRef('');
  const latest = useRef(value);
  latest.current = value;

  const emit = (next: AddressValue) => {
    const clean: AddressValue = {};
    if (next.text) clean.text = next.text;
    if (next.code) clean.code = next.code;
    props.onChange(Object.keys(clean).length ? clean : undefined, fieldPathId.path);
  };

  const choose = (s: Suggestion) => {
    emit({ text: s.text, code: s.code });
    setOpen(false);
    setActive(-1);
    setStatus(t('form.address.chosen', { address: s.text }));
  };

  const lookUp = (text: string) => {
    asked.current = text;
    api<GetAddressSuggestionsResponse>(`/api/v1/address-suggestions?${new URLSearchParams({ q: text, limit: '6' }).toString()}`).then(
      (res) => {
        if (asked.current !== text) return; // the person typed on meanwhile
        const found = residentialOnly ? res.items.filter((s) => s.residential) : res.items;
        setItems(found);
        setActive(-1);
        setOpen(found.length > 0);
        setStatus(found.length ? t('form.address.found', { count: found.length }) : t('form.address.none'));
        // Typed out in full: the same as chosen.
        const exact = found.find((s) => comparableAddress(s.text) === comparableAddress(text));
        const now = latest.current;
        if (exact && !now.code && now.text === text) {
          emit({ text: exact.text, code: exact.code });
          setOpen(false);
        }
      },
      (e: unknown) => {
        if (asked.current !== text) return;
        setItems([]);
        setOpen(false);
        setStatus(e instanceof ApiError && e.status === 429 ? t('form.address.slowDown') : t('form.address.unavailable'));
      },
    );
  };

  const type = (text: string) => {
    emit({ text }); // a changed text is not the chosen address any more
    window.clearTimeout(timer.current);
    if (text.trim().length < 3) {
      asked.current = '';
      setItems([]);
      setOpen(false);
      return;
    }
    timer.current = window.setTimeout(() => lookUp(text), DEBOUNCE_MS);
  };
  useEffect(() => () => window.clearTimeout(timer.current), []);

  // A text that arrives from elsewhere (a draft, co-browsing) without its code is looked up once, quietly.
  useEffect(() => {
    if (!readonly && value.text && !value.code && value.text.trim().length >= 3 && asked.current !== value.text) {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => lookUp(value.text as string), DEBOUNCE_MS);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the text changes
  }, [value.text]);

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!items.length) return;
      e.preventDefault();
      setOpen(true);
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((a) => (a + step + items.length) % items.length);
    } else if (e.key === 'Enter' && open && active >= 0) {
      e.preventDefault(); // choosing is not submitting the form
      choose(items[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };

  const optionId = (i: number) => `${rootId}__option-${i}`;
  const title = typeof schema.title === 'string' ? schema.title : '';
  // Co-browsing marks the text field (who changed it, where the other person is): its class and its help text.
  const textUi = (props.uiSchema?.text ?? {}) as Record<string, unknown>;
  const marks = typeof textUi['ui:classNames'] === 'string' ? textUi['ui:classNames'] : undefined;
  const help = typeof textUi['ui:help'] === 'string' ? textUi['ui:help'] : '';
  const helpId = `${inputId}__help`;
  const describedBy = [readonly ? null : hintId, `${rootId}__error`, help ? helpId : null].filter(Boolean).join(' ');
  return (
    <div id={rootId} className="address-field">
      <label htmlFor={inputId} className="control-label">
        {title}
        {required && <span className="required">*</span>}
      </label>
      {!readonly && (
        <div className="field-hint" id={hintId}>
          {t('form.address.hint')}
        </div>
      )}
      <div className={marks ? `combobox ${marks}` : 'combobox'}>
        <input
          id={inputId}
          name={inputId}
          type="text"
          className="form-control"
          role={readonly ? undefined : 'combobox'}
          aria-autocomplete={readonly ? undefined : 'list'}
          aria-expanded={readonly ? undefined : open}
          aria-controls={readonly ? undefined : listId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          value={value.text ?? ''}
          readOnly={readonly}
          disabled={disabled}
          onChange={(e) => type(e.target.value)}
          onKeyDown={onKeyDown}
          onFocus={(e) => props.onFocus(inputId, e.target.value)}
          onBlur={(e) => {
            setOpen(false);
            props.onBlur(inputId, e.target.value);
          }}
        />
        {!readonly && (
          <ul id={listId} role="listbox" aria-label={t('form.address.listLabel')} className="combobox-list" hidden={!open}>
            {items.map((s, i) => (
              <li
                key={s.code}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                // mousedown, not click: the input keeps the focus (its blur would close the list first)
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(s);
                }}
              >
                {s.text}
              </li>
            ))}
          </ul>
        )}
        {help && (
          <div id={helpId} className="help-block">
            {help}
          </div>
        )}
      </div>
      {!readonly && value.code && (
        <p className="field-confirmed" data-address-code={value.code}>
          {t('form.address.confirmed')}
        </p>
      )}
      <div id={statusId} role="status" className="visually-hidden">
        {status}
      </div>
    </div>
  );
}
