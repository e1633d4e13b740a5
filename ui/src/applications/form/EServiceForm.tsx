// An e-service form rendered from the definition's JSON Schema and UI schema (never written by hand), in the
// chosen language, with browser validation, the server's field errors and an error summary linked to the fields.
import { useMemo, useState, type ReactNode } from 'react';
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import type { FormData } from '../../app/api/types';
import { ErrorSummary, type SummaryItem } from '../../app/components/ErrorSummary';
import { clientSummary, translateErrors } from './errors';
import { localizeSchema, localizeUiSchema } from './localize';
import { validator } from './validator';

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
    return { schema: s, uiSchema: localizeUiSchema(s, uiSchema, t) };
  }, [schema, uiSchema, lang, t]);
}

export function EServiceForm(props: EServiceFormProps) {
  const { t } = useTranslation();
  const { schema, uiSchema } = useLocalizedForm(props.schema, props.uiSchema);
  const [clientErrors, setClientErrors] = useState<SummaryItem[]>([]);
  const transformErrors = useMemo(() => translateErrors(t), [t]);
  const summary = props.serverErrors?.summary.length ? props.serverErrors.summary : clientErrors;

  return (
    <>
      <ErrorSummary items={summary} />
      <Form
        schema={schema}
        uiSchema={uiSchema}
        formData={props.data}
        validator={validator}
        idPrefix={props.idPrefix ?? 'root'}
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
          setClientErrors(clientSummary(errors, schema, props.idPrefix ?? 'root'));
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
