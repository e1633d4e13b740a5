// An e-service form rendered from the definition's JSON Schema and UI schema (never written by hand), in the
// chosen language, with browser validation, the server's field errors and an error summary linked to the fields (in
// the form's order, each saying how to fix the problem). Dates are typed day first whatever the browser's locale
// (DateWidget); address fields look the address up in the register as the person types (AddressField).
import { useMemo, useRef, useState, type ReactNode } from 'react';
import Form from '@rjsf/core';
import type { CustomValidator, ErrorSchema, FormValidation, RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { FormData } from '../../app/api/types';
import { ErrorSummary, type SummaryItem } from '../../app/components/ErrorSummary';
import { clientSummary, translateErrors, type FormContext } from './errors';
import { localizeSchema, localizeUiSchema } from './localize';
import { validator } from './validator';
import { DateWidget } from './DateWidget';
import { AddressField } from './AddressField';
import { unchosenAddresses } from './address-value';
import './form-fields.css';
import { fixMessage, nodesAt } from './messages';

const WIDGETS = { DateWidget };
const FIELDS = { address: AddressField };

export interface EServiceFormProps {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  data: FormData;
  onChange?: (data: FormData) => void;
  onSubmit?: (data: FormData) => void;
  serverErrors?: { extraErrors: ErrorSchema; summary: SummaryItem[] } | null;
  readonly?: boolean;
  idPrefix?: string;
  /** The field (rjsf id) that got or lost the focus: co-browsing shows it to the helper. */
  onFocusField?: (id: string | null) => void;
  /** The browser's validation errors as shown (empty after a valid submit). */
  onClientErrors?: (errors: RJSFValidationError[]) => void;
  children?: ReactNode;
}

const NO_CONST_DEFAULTS = { constAsDefaults: 'never' } as const;

export function useLocalizedForm(schema: RJSFSchema, uiSchema: UiSchema) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'lv';
  return useMemo(() => {
    const s = localizeSchema(schema, lang);
    return { schema: s, uiSchema: localizeUiSchema(s, uiSchema, t, lang) };
  }, [schema, uiSchema, lang, t]);
}

export function EServiceForm(props: EServiceFormProps) {
  const { t } = useTranslation();
  const { schema, uiSchema } = useLocalizedForm(props.schema, props.uiSchema);
  const [clientErrors, setClientErrors] = useState<SummaryItem[]>([]);
  const prefix = props.idPrefix ?? 'root';
  // The messages read the data as it is when validation runs (a date's text tells what to fix in it).
  const context = useRef<FormContext>({ schema, uiSchema, data: props.data, t, prefix });
  context.current = { schema, uiSchema, data: props.data, t, prefix };
  const transformErrors = useMemo(() => translateErrors(() => context.current), []);
  // An address typed but not chosen from the register's suggestions (nor typed exactly as one).
  const customValidate = useMemo<CustomValidator>(
    () => (formData, errors) => {
      for (const path of unchosenAddresses(context.current.schema, formData)) {
        const { node, ui } = nodesAt(context.current.schema, context.current.uiSchema ?? {}, path);
        const target = path.reduce<FormValidation>((e, key) => (e as Record<string, FormValidation>)[key] ?? e, errors);
        target.addError?.(fixMessage({ keyword: 'address_not_chosen', node, ui }, context.current.t, (d) => d));
      }
      return errors;
    },
    [],
  );
  const summary = props.serverErrors?.summary.length ? props.serverErrors.summary : clientErrors;

  return (
    <>
      <ErrorSummary items={summary} />
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={props.data}
        validator={validator}
        widgets={WIDGETS}
        fields={FIELDS}
        customValidate={customValidate}
        idPrefix={prefix}
        readonly={props.readonly}
        showErrorList={false}
        noHtml5Validate
        // A `const` (such as "I confirm the data are true") is for the person to tick, never pre-filled.
        experimental_defaultFormStateBehavior={NO_CONST_DEFAULTS}
        transformErrors={transformErrors}
        extraErrors={props.serverErrors?.extraErrors}
        onChange={(e) => props.onChange?.(e.formData as FormData)}
        onFocus={(id) => props.onFocusField?.(id)}
        onBlur={() => props.onFocusField?.(null)}
        onError={(errors: RJSFValidationError[]) => {
          setClientErrors(clientSummary(errors, context.current));
          props.onClientErrors?.(errors);
        }}
        onSubmit={(e) => {
          setClientErrors([]);
          props.onClientErrors?.([]);
          props.onSubmit?.(e.formData as FormData);
        }}
      >
        {props.children ?? <></>}
      </Form>
    </>
  );
}
