// The answers of a form as rows of a summary list, in the form's order (ui:order), each labelled with the title the
// definition gives it in the page's language (never the internal field name): top-level fields in one list, each
// object field as a section of its own (an object showing only one field is one row, under the object's title).
// Hidden fields (ui:widget hidden) are left out; read-only ones (filled from a register) cannot be changed.
import type { RJSFSchema, UiSchema } from '@rjsf/utils';

type Json = Record<string, unknown>;

export type AnswerValue =
  { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'day'; day: string } | { kind: 'yes' } | { kind: 'no' };

export interface AnswerRow {
  /** The id of the field's control in the form (rjsf: prefix and path joined by `_`). */
  fieldId: string;
  label: string;
  value: AnswerValue;
  changeable: boolean;
}

export interface AnswerSection {
  /** The object's title, or null for the form's top-level fields. */
  title: string | null;
  rows: AnswerRow[];
}

function ordered(schema: Json, ui: UiSchema): string[] {
  const names = Object.keys((schema.properties ?? {}) as Json);
  const order = Array.isArray(ui['ui:order']) ? (ui['ui:order'] as string[]) : [];
  const listed = order.filter((n) => names.includes(n));
  const rest = names.filter((n) => !listed.includes(n));
  // rjsf's '*' stands for the fields the order does not list: they come where it is, else at the end.
  if (!order.includes('*')) return [...listed, ...rest];
  return order.flatMap((n) => (n === '*' ? rest : names.includes(n) ? [n] : []));
}

function valueOf(schema: Json, ui: UiSchema, value: unknown): AnswerValue {
  if (value === undefined || value === null || value === '') return { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: value ? 'yes' : 'no' };
  if (Array.isArray(schema.enum)) {
    const names = ui['ui:enumNames'] as string[] | undefined;
    const i = (schema.enum as unknown[]).indexOf(value);
    return { kind: 'text', text: names?.[i] ?? String(value) };
  }
  if (schema.format === 'date' && typeof value === 'string') return { kind: 'day', day: value };
  if (Array.isArray(value)) return value.length ? { kind: 'text', text: value.map(String).join(', ') } : { kind: 'empty' };
  if (typeof value === 'object') return { kind: 'text', text: JSON.stringify(value) };
  return { kind: 'text', text: String(value) };
}

const hidden = (ui: UiSchema) => ui['ui:widget'] === 'hidden';

/** An address field (`x-address`: the address register's lookup) is one answer, its text; its input is `<id>_text`. */
function addressRow(sub: Json, data: unknown, id: string, ro: boolean): AnswerRow | null {
  if (!sub['x-address']) return null;
  const text = (data as { text?: unknown } | undefined)?.text;
  const value: AnswerValue = typeof text === 'string' && text ? { kind: 'text', text } : { kind: 'empty' };
  return ro && value.kind === 'empty' ? null : { fieldId: `${id}_text`, label: String(sub.title ?? id), value, changeable: !ro };
}
const readonly = (ui: UiSchema) => ui['ui:readonly'] === true || ui['ui:disabled'] === true;

/** The visible leaf fields of an object, in order. */
function leaves(schema: Json, ui: UiSchema, data: Json, idPrefix: string, readonlyAbove: boolean): AnswerRow[] {
  const props = (schema.properties ?? {}) as Record<string, Json>;
  return ordered(schema, ui).flatMap((name): AnswerRow[] => {
    const sub = props[name];
    const subUi = (ui[name] ?? {}) as UiSchema;
    if (hidden(subUi)) return [];
    const id = `${idPrefix}_${name}`;
    const ro = readonlyAbove || readonly(subUi);
    if (sub['x-address']) return [addressRow(sub, data[name], id, ro)].filter((r): r is AnswerRow => r !== null);
    if (sub.type === 'object') return leaves(sub, subUi, (data[name] ?? {}) as Json, id, ro);
    const value = valueOf(sub, subUi, data[name]);
    // A read-only field left empty (the register had nothing for it) is nothing to check or change.
    if (ro && value.kind === 'empty') return [];
    return [{ fieldId: id, label: String(sub.title ?? name), value, changeable: !ro }];
  });
}

/**
 * The sections of the summary. `schema` and `uiSchema` are the localized ones (useLocalizedForm); data keys the
 * schema does not know (such as the answers to requests for information) are not answers to the form.
 */
export function answerSections(schema: RJSFSchema, uiSchema: UiSchema, data: Json, idPrefix = 'root'): AnswerSection[] {
  const root = schema as Json;
  const props = (root.properties ?? {}) as Record<string, Json>;
  const required = new Set(Array.isArray(root.required) ? (root.required as string[]) : []);
  const sections: AnswerSection[] = [];
  const top = (): AnswerSection => {
    const last = sections[sections.length - 1];
    if (last && last.title === null) return last;
    const fresh: AnswerSection = { title: null, rows: [] };
    sections.push(fresh);
    return fresh;
  };
  for (const name of ordered(root, uiSchema)) {
    const sub = props[name];
    const ui = (uiSchema[name] ?? {}) as UiSchema;
    if (hidden(ui)) continue;
    const id = `${idPrefix}_${name}`;
    const address = addressRow(sub, data[name], id, readonly(ui));
    if (address || sub['x-address']) {
      if (address) top().rows.push(address);
      continue;
    }
    if (sub.type !== 'object') {
      const value = valueOf(sub, ui, data[name]);
      if (!(readonly(ui) && value.kind === 'empty'))
        top().rows.push({ fieldId: id, label: String(sub.title ?? name), value, changeable: !readonly(ui) });
      continue;
    }
    const rows = leaves(sub, ui, (data[name] ?? {}) as Json, id, readonly(ui));
    // An optional group left wholly empty (a document only some answers need) is nothing to check.
    if (!required.has(name) && rows.every((r) => r.value.kind === 'empty')) continue;
    const title = String(sub.title ?? name);
    if (rows.length === 1) top().rows.push({ ...rows[0], label: title });
    else if (rows.length > 1) sections.push({ title, rows });
  }
  return sections.filter((s) => s.rows.length > 0);
}

/** The title of a top-level field (for "fields changed" in the timeline) in the page's language; null if unknown. */
export function fieldTitle(schema: RJSFSchema, name: string): string | null {
  const sub = ((schema as Json).properties as Record<string, Json> | undefined)?.[name];
  return typeof sub?.title === 'string' ? sub.title : null;
}

/**
 * The submitted data as it stands after the answers to requests for information: each answer's fields replace
 * the submitted ones, top level, as the workflow merges them (the answers themselves are the timeline's events).
 */
export function withInfoAnswers(submitted: Json): Json {
  const answers = Array.isArray(submitted.additionalInformation) ? (submitted.additionalInformation as Json[]) : [];
  const { additionalInformation: _log, ...data } = submitted;
  return answers.reduce<Json>((acc, a) => {
    const { fileIds: _files, ...fields } = a;
    return { ...acc, ...fields };
  }, data);
}
