// The editor's form controls (GOV.UK pattern): a label, an optional hint, the error message above the control, and
// aria-invalid / aria-describedby tying them together. Errors come from one context keyed by field id.
import { createContext, useContext, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Pair } from './model';

export const FieldErrors = createContext<(fieldId: string) => string | undefined>(() => undefined);

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function TextField({
  id,
  label,
  hint,
  value,
  onChange,
  multiline,
  type = 'text',
  className,
  inputMode,
  autoComplete,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onChange: (v: string) => void;
  multiline?: boolean;
  type?: 'text' | 'email' | 'tel' | 'url' | 'date';
  className?: string;
  inputMode?: 'decimal' | 'numeric';
  autoComplete?: string;
}) {
  const error = useContext(FieldErrors)(id);
  const common = {
    id,
    value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy(id, !!hint, !!error),
    onChange: (e: { target: { value: string } }) => onChange(e.target.value),
  };
  return (
    <div className={`field${error ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-description">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {multiline ? <textarea {...common} /> : <input {...common} type={type} inputMode={inputMode} autoComplete={autoComplete ?? 'off'} />}
    </div>
  );
}

/** The same text in Latvian and English, side by side. */
export function PairFields({
  idBase,
  legend,
  hint,
  value,
  onChange,
  multiline,
}: {
  idBase: string;
  legend: string;
  hint?: string;
  value: Pair;
  onChange: (v: Pair) => void;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="pair" aria-describedby={hint ? `${idBase}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${idBase}-hint`} className="field-description">
          {hint}
        </p>
      )}
      <div className="pair-row">
        {(['lv', 'en'] as const).map((lang) => (
          <TextField
            key={lang}
            id={`${idBase}-${lang}`}
            label={t(`catalog.lang.${lang}Label`)}
            multiline={multiline}
            value={value[lang]}
            onChange={(v) => onChange({ ...value, [lang]: v })}
          />
        ))}
      </div>
    </fieldset>
  );
}

export interface Option {
  value: string;
  label: string;
  hint?: string;
}

export function CheckboxGroup({
  id,
  legend,
  hint,
  options,
  values,
  onChange,
  empty,
}: {
  id: string;
  legend: string;
  hint?: string;
  options: Option[];
  values: string[];
  onChange: (v: string[]) => void;
  empty?: string;
}) {
  const error = useContext(FieldErrors)(id);
  const toggle = (value: string, on: boolean) => onChange(on ? [...values, value] : values.filter((v) => v !== value));
  return (
    <fieldset id={id} className={`checkboxes${error ? ' has-error' : ''}`} aria-describedby={describedBy(id, !!hint, !!error)}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-description">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {options.length === 0 && empty && <p className="muted">{empty}</p>}
      {options.map((o) => (
        <div className="checkbox" key={o.value}>
          <input
            type="checkbox"
            id={`${id}-${o.value}`}
            checked={values.includes(o.value)}
            onChange={(e) => toggle(o.value, e.target.checked)}
          />
          <label htmlFor={`${id}-${o.value}`}>
            {o.label}
            {o.hint && <span className="muted"> · {o.hint}</span>}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function SelectField({
  id,
  label,
  hint,
  value,
  onChange,
  options,
  placeholder,
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  onChange: (v: string) => void;
  options: Option[];
  placeholder?: string;
}) {
  const error = useContext(FieldErrors)(id);
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-description">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, !!hint, !!error)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
