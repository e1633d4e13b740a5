// Errors from the server (JSON Pointers such as "/applicant/givenName") and from the browser's validation, turned
// into rjsf field errors (extraErrors) and the items of the error summary, each linked to its field's id, worded to
// say how to fix the problem (messages.ts) and listed in the order of the form's fields.
import type { ErrorSchema, RJSFSchema, RJSFValidationError, UiSchema } from '@rjsf/utils';
import type { TFunction } from 'i18next';
import type { ErrorDetail } from '../../../../forms/types/api';
import type { SummaryItem } from '../../app/components/summary-item';
import { fieldOrder, fixMessage, inFormOrder, nodesAt, valueAt } from './messages';
import { textOfValue } from '../../app/i18n/date-text';

export function pointerToPath(pointer: string): string[] {
  if (!pointer || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function fieldId(path: string[], prefix = 'root'): string {
  return [prefix, ...path].join('_');
}

/** The title of the field at `path` in the (localized) schema, or nothing: an internal name is never shown. */
export function fieldLabel(schema: RJSFSchema, path: string[]): string {
  let node: RJSFSchema | undefined = schema;
  let title = '';
  for (const p of path) {
    node = (node?.properties as Record<string, RJSFSchema> | undefined)?.[p];
    if (typeof node?.title === 'string') title = node.title;
  }
  return title;
}

/** What a form's error messages need to know: the (localized) schemas and the data now. */
export interface FormContext {
  schema: RJSFSchema;
  uiSchema?: UiSchema;
  data?: unknown;
  t: TFunction;
  prefix?: string;
}

/** The field a message is about: a part of an address field (its text, its code) speaks for the address. */
function fieldOf(ctx: FormContext, path: string[]): { path: string[]; node?: RJSFSchema; ui?: UiSchema } {
  const uiSchema = ctx.uiSchema ?? {};
  if (path.length > 1) {
    const parent = nodesAt(ctx.schema, uiSchema, path.slice(0, -1));
    if (parent.node && (parent.node as Record<string, unknown>)['x-address']) return { path: path.slice(0, -1), ...parent };
  }
  return { path, ...nodesAt(ctx.schema, uiSchema, path) };
}

function messageAt(ctx: FormContext, path: string[], keyword: string, params: Record<string, unknown>, fallback: string) {
  const field = fieldOf(ctx, path);
  return {
    path: field.path,
    // A day in a message is written as the date field wants it typed: 04.12.2026.
    text: fixMessage(
      { keyword, params, node: field.node, ui: field.ui, value: valueAt(ctx.data, field.path), fallback },
      ctx.t,
      textOfValue,
    ),
  };
}

/** One item per field (its first problem), in the form's order. */
function summaryOf(items: SummaryItem[], ctx: FormContext): SummaryItem[] {
  const seen = new Set<string | null>();
  const firsts = items.filter((i) => (i.fieldId && seen.has(i.fieldId) ? false : (seen.add(i.fieldId), true)));
  return inFormOrder(firsts, fieldOrder(ctx.schema, ctx.uiSchema ?? {}, ctx.prefix ?? 'root'));
}

export function serverErrors(
  details: ErrorDetail[],
  schema: RJSFSchema,
  t: TFunction,
  prefix = 'root',
  form: { uiSchema?: UiSchema; data?: unknown } = {},
): { extraErrors: ErrorSchema; summary: SummaryItem[] } {
  const ctx: FormContext = { schema, t, prefix, ...form };
  const extraErrors: Record<string, unknown> = {};
  const summary: SummaryItem[] = [];
  for (const d of details) {
    const { path, text } = messageAt(ctx, pointerToPath(d.path ?? ''), d.code, {}, d.message);
    let node = extraErrors;
    for (const p of path) {
      node[p] = (node[p] as Record<string, unknown> | undefined) ?? {};
      node = node[p] as Record<string, unknown>;
    }
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), text];
    summary.push({ fieldId: path.length ? fieldId(path, ctx.prefix) : null, label: fieldLabel(ctx.schema, path), message: text });
  }
  return { extraErrors: extraErrors as ErrorSchema, summary: summaryOf(summary, ctx) };
}

/** rjsf's property ("applicant.givenName" or ".applicant.givenName") to a path. */
function propertyPath(property: string | undefined): string[] {
  return (property ?? '').replace(/^\./, '').split('.').filter(Boolean);
}

export function clientSummary(errors: RJSFValidationError[], ctx: FormContext): SummaryItem[] {
  const items = errors.map((e) => {
    const path = propertyPath(e.property);
    return { fieldId: path.length ? fieldId(path, ctx.prefix) : null, label: fieldLabel(ctx.schema, path), message: e.message ?? '' };
  });
  return summaryOf(items, ctx);
}

/** Browser-side messages in the chosen language, saying how to fix the problem (ajv's are English only). */
export function translateErrors(ctx: () => FormContext) {
  return (errors: RJSFValidationError[]): RJSFValidationError[] =>
    errors
      .filter((e) => e.name !== 'if')
      .map((e) => {
        const { path, text } = messageAt(
          ctx(),
          propertyPath(e.property),
          e.name ?? '',
          (e.params ?? {}) as Record<string, unknown>,
          e.message ?? '',
        );
        return { ...e, property: path.length ? `.${path.join('.')}` : e.property, message: text, stack: text };
      });
}
