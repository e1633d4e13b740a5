// The application's data as a summary list for the officer: the definition's field labels in the page's language,
// values in words (choices by their names, dates in the page's language, yes/no), groups under their own heading,
// and the fields the citizen changed since submitting marked as such.
import type { ReactElement } from 'react';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { useLocalizedForm } from '../form/EServiceForm';
import { useFormatDay } from '../../app/i18n/dates';

type Json = Record<string, unknown>;

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The property names of an object schema in the UI schema's order (the rest after, as the schema lists them). */
function orderedKeys(schema: RJSFSchema, uiSchema: UiSchema): string[] {
  const keys = Object.keys((schema.properties ?? {}) as Json);
  const order = (uiSchema['ui:order'] as string[] | undefined) ?? [];
  return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
}

/** A value in words, as the officer reads it. */
export function useReadableValue(): (value: unknown, schema: RJSFSchema | undefined) => string {
  const { t } = useTranslation();
  const day = useFormatDay();
  return (value, schema) => {
    if (value === undefined || value === null || value === '') return t('summary.notGiven');
    if (typeof value === 'boolean') return value ? t('summary.yes') : t('summary.no');
    if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
    if (typeof value === 'object') return JSON.stringify(value);
    if (schema?.enum) return t(`enum.${String(value)}`, { defaultValue: String(value) });
    if (schema?.format === 'date') return day(String(value));
    return String(value);
  };
}

/** The (localized) schema of the field at a JSON pointer. */
export function schemaAt(schema: RJSFSchema, pointer: string): RJSFSchema | undefined {
  let node: RJSFSchema | undefined = schema;
  for (const token of pointer.replace(/^\//, '').split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node?.properties as Record<string, RJSFSchema> | undefined)?.[key];
  }
  return node;
}

/** The field's label: its title, with the titles of the groups it is in ("New place of residence: Address"). */
export function fieldLabelAt(schema: RJSFSchema, pointer: string): string {
  const titles: string[] = [];
  let node: RJSFSchema | undefined = schema;
  for (const token of pointer.replace(/^\//, '').split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node?.properties as Record<string, RJSFSchema> | undefined)?.[key];
    titles.push(typeof node?.title === 'string' ? node.title : key);
  }
  return titles.join(': ');
}

interface Props {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  data: Json;
  /** Pointers of the fields the citizen changed in answers to requests for information. */
  changed: Set<string>;
}

export function ApplicationSummary({ schema, uiSchema, data, changed }: Props) {
  const { t } = useTranslation();
  const localized = useLocalizedForm(schema, uiSchema);
  const readable = useReadableValue();

  const row = (sub: RJSFSchema, key: string, value: unknown, pointer: string) => (
    <div key={pointer} data-field={pointer} data-changed={changed.has(pointer) || undefined}>
      <dt>{typeof sub.title === 'string' ? sub.title : key}</dt>
      <dd>
        {readable(value, sub)}
        {changed.has(pointer) && (
          <>
            {' '}
            <span className="badge badge-changed">{t('summary.changed')}</span>
          </>
        )}
      </dd>
    </div>
  );

  // Fields in the definition's order: plain fields in summary lists, each group under its heading.
  const root = localized.schema;
  const props = (root.properties ?? {}) as Record<string, RJSFSchema>;
  const blocks: ReactElement[] = [];
  let plain: ReactElement[] = [];
  const flush = () => {
    if (plain.length)
      blocks.push(
        <dl key={`list-${blocks.length}`} className="summary-list">
          {plain}
        </dl>,
      );
    plain = [];
  };
  for (const key of orderedKeys(root, localized.uiSchema)) {
    const sub = props[key];
    const pointer = `/${escapeToken(key)}`;
    if (sub.type !== 'object') {
      plain.push(row(sub, key, data[key], pointer));
      continue;
    }
    flush();
    const values = (data[key] ?? {}) as Json;
    const subProps = (sub.properties ?? {}) as Record<string, RJSFSchema>;
    blocks.push(
      <section key={key} aria-labelledby={`summary-${key}`}>
        <h3 id={`summary-${key}`}>{typeof sub.title === 'string' ? sub.title : key}</h3>
        <dl className="summary-list">
          {orderedKeys(sub, (localized.uiSchema[key] ?? {}) as UiSchema).map((k) =>
            row(subProps[k], k, values[k], `${pointer}/${escapeToken(k)}`),
          )}
        </dl>
      </section>,
    );
  }
  flush();
  return <div className="application-summary">{blocks}</div>;
}
