// Marks on form fields during co-browsing: who changed a field ("Changed by Laura Kļaviņa, VPVKAC Rīgā") and where
// the citizen is. They go into the UI schema as a class (the visible highlight) and as the field's help text, which
// rjsf links to the input with aria-describedby, so assistive technology reads it with the field.
import type { UiSchema } from '@rjsf/utils';
import { pointerToPath } from '../applications/form/errors';
import type { EditAuthor } from './types';

export interface FieldMark {
  className: string;
  text: string;
}

export function decorateUiSchema(uiSchema: UiSchema, marks: Map<string, FieldMark[]>): UiSchema {
  if (!marks.size) return uiSchema;
  let out: UiSchema = uiSchema;
  for (const [pointer, list] of marks) {
    const path = pointerToPath(pointer);
    if (!path.length || !list.length) continue;
    out = withAt(out, path, (node) => {
      const classes = [node['ui:classNames'], ...list.map((m) => m.className)].filter(Boolean).join(' ');
      const help = [node['ui:help'], ...list.map((m) => m.text)].filter(Boolean).join(' · ');
      return { ...node, 'ui:classNames': classes, 'ui:help': help };
    });
  }
  return out;
}

function withAt(ui: UiSchema, path: string[], change: (node: UiSchema) => UiSchema): UiSchema {
  const [head, ...rest] = path;
  const child = (ui[head] ?? {}) as UiSchema;
  return { ...ui, [head]: rest.length ? withAt(child, rest, change) : change(child) };
}

/** Adds a mark to the map (a copy). */
export function addMark(marks: Map<string, FieldMark[]>, pointer: string, mark: FieldMark): Map<string, FieldMark[]> {
  const next = new Map(marks);
  next.set(pointer, [...(next.get(pointer) ?? []).filter((m) => m.className !== mark.className), mark]);
  return next;
}

/** "Changed by …" marks for the fields others changed: `cb-changed-staff` or `cb-changed-citizen`. */
export function authorMarks(authors: Map<string, EditAuthor>, text: (by: EditAuthor) => string): Map<string, FieldMark[]> {
  const out = new Map<string, FieldMark[]>();
  for (const [pointer, by] of authors) out.set(pointer, [{ className: `cb-changed cb-changed-${by.type}`, text: text(by) }]);
  return out;
}
