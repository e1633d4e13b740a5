// What an error on an e-service form says: how to fix it, in the page's language, never a field's internal name. A
// definition may word a field's message itself ("ui:errorMessages" in its UI schema: { pattern: "lv / en" }); else the
// message follows the kind of field (a date, a choice, a box to tick, an address) and the rule it broke. The same
// words for the browser's checks and the API's refusals. No DOM here: unit-tested in Node (test/ui/form/).
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import type { TFunction } from 'i18next';
import { resolveDayBound } from '../../../../forms/form-rules';
import { dateProblem } from '../../app/i18n/date-text';

type Json = Record<string, unknown>;

/** The schema and UI schema nodes of the field at `path`. */
export function nodesAt(schema: RJSFSchema, uiSchema: UiSchema, path: string[]): { node?: RJSFSchema; ui?: UiSchema } {
  let node: RJSFSchema | undefined = schema;
  let ui: UiSchema | undefined = uiSchema;
  for (const p of path) {
    node = (node?.properties as Record<string, RJSFSchema> | undefined)?.[p];
    ui = ui?.[p] as UiSchema | undefined;
  }
  return { node, ui };
}

export function valueAt(data: unknown, path: string[]): unknown {
  let v = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Json)[p] : undefined;
  return v;
}

export interface MessageInput {
  /** The rule broken: an ajv keyword ("required", "pattern", "x-latest") or the API's code ("address_not_found"). */
  keyword: string;
  params?: Record<string, unknown>;
  node?: RJSFSchema;
  ui?: UiSchema;
  /** The field's value now (a date's text tells what to fix in it). */
  value?: unknown;
  /** The message as ajv or the API wrote it: the last resort. */
  fallback?: string;
}

const isDate = (node?: RJSFSchema) => node?.format === 'date';
const isAddress = (node?: RJSFSchema) => Boolean(node && (node as Json)['x-address']);

/** The message for one broken rule of one field. */
export function fixMessage(input: MessageInput, t: TFunction, formatDay: (day: string) => string): string {
  const { keyword, params = {}, node, ui, value } = input;
  const custom = (ui?.['ui:errorMessages'] as Record<string, unknown> | undefined)?.[keyword];
  if (typeof custom === 'string') return custom;
  switch (keyword) {
    case 'required':
      if (isDate(node)) return t('errors.fix.requiredDate');
      if (isAddress(node)) return t('errors.fix.requiredAddress');
      if (node && 'const' in node) return t('errors.fix.confirm');
      if (Array.isArray(node?.enum)) return t('errors.fix.choose');
      return t('errors.fix.required');
    case 'format':
      if (params.format === 'date' || isDate(node)) return t(`errors.fix.${dateProblem(value) ?? 'dateFormat'}`);
      if (params.format === 'email' || node?.format === 'email') return t('errors.fix.email');
      return t('errors.fix.format');
    case 'x-earliest':
    case 'x-latest':
    case 'formatMinimum':
    case 'formatMaximum':
    case 'formatExclusiveMinimum':
    case 'formatExclusiveMaximum':
      return dateBoundMessage(keyword, params, node, t, formatDay);
    case 'const':
      return t('errors.fix.confirm');
    case 'enum':
      return t('errors.fix.choose');
    case 'pattern':
      return t('errors.fix.pattern');
    case 'minLength':
    case 'maxLength':
    case 'minimum':
    case 'maximum':
      return t(`errors.fix.${keyword}`, { limit: params.limit ?? limitOf(node, keyword) });
    case 'address_not_found':
    case 'address_ambiguous':
    case 'address_not_residential':
    case 'address_not_chosen':
      return t(`errors.fix.${keyword}`);
    default:
      return t(`errors.keyword.${keyword}`, { ...params, defaultValue: input.fallback || t('errors.fix.generic') });
  }
}

function limitOf(node: RJSFSchema | undefined, keyword: string): unknown {
  return node ? (node as Json)[keyword] : undefined;
}

/** "Enter a date on or before 4 Dec 2026", or for today: "The date cannot be in the future". */
function dateBoundMessage(
  keyword: string,
  params: Record<string, unknown>,
  node: RJSFSchema | undefined,
  t: TFunction,
  formatDay: (day: string) => string,
) {
  const latest = keyword === 'x-latest' || keyword.includes('Maximum');
  const bound = String(limitOf(node, keyword) ?? params.limit ?? '');
  if (bound === 'today') return t(latest ? 'errors.fix.notFuture' : 'errors.fix.notPast');
  const limit = typeof params.limit === 'string' ? params.limit : resolveDayBound(bound);
  if (!limit) return t('errors.fix.dateRange');
  return t(latest ? 'errors.fix.latest' : 'errors.fix.earliest', { date: formatDay(limit) });
}

/** rjsf ids of the form's fields in the order the form shows them (its "ui:order", else the schema's). */
export function fieldOrder(schema: RJSFSchema, uiSchema: UiSchema, prefix = 'root'): string[] {
  const out: string[] = [];
  const walk = (node: RJSFSchema | undefined, ui: UiSchema | undefined, id: string) => {
    out.push(id);
    const props = Object.keys((node?.properties ?? {}) as Json);
    const order = (ui?.['ui:order'] as string[] | undefined) ?? [];
    const rest = props.filter((p) => !order.includes(p));
    const ordered = order.flatMap((p) => (p === '*' ? rest : props.includes(p) ? [p] : []));
    if (!order.includes('*')) ordered.push(...rest);
    for (const p of ordered) walk((node?.properties as Record<string, RJSFSchema>)[p], ui?.[p] as UiSchema | undefined, `${id}_${p}`);
  };
  walk(schema, uiSchema, prefix);
  return out;
}

/** Items sorted by where their field is on the form (an item without a field first: it concerns the whole form). */
export function inFormOrder<T extends { fieldId: string | null }>(items: T[], order: string[]): T[] {
  const rank = (id: string | null) => {
    if (!id) return -1;
    const at = order.indexOf(id);
    if (at >= 0) return at;
    // A part of a field (its text, code) ranks with the field.
    const owner = order.filter((o) => id.startsWith(`${o}_`)).sort((a, b) => b.length - a.length)[0];
    return owner ? order.indexOf(owner) + 0.5 : order.length;
  };
  return items
    .map((item, i) => ({ item, i, r: rank(item.fieldId) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.item);
}
