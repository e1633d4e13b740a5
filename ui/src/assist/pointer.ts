// JSON Pointers over form data, for co-browsing: which leaf fields changed between two versions of the form data,
// reading and writing one field, and turning rjsf field ids ("root_applicant_givenName") into pointers and back.
// No DOM here: unit-tested in Node (test/ui/assist/).
import type { RJSFSchema } from '@rjsf/utils';
import type { FormData } from '../app/api/types';
import { stableJson } from '../applications/form/merge';

const MAX_DEPTH = 8; // the server accepts pointers of at most 8 segments

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const encode = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

export function pointerToPath(pointer: string): string[] {
  if (!pointer || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function toPointer(path: string[]): string {
  return path.map((p) => `/${encode(p)}`).join('');
}

export function getAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const key of pointerToPath(pointer)) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/** A copy of `data` with `value` at `pointer` (objects created on the way); `undefined` removes the field. */
export function setAt(data: FormData, pointer: string, value: unknown): FormData {
  const path = pointerToPath(pointer);
  if (!path.length) return isObject(value) ? value : data;
  const root: FormData = { ...data };
  let node = root;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      if (value === undefined) delete node[key];
      else node[key] = value;
    } else {
      node[key] = isObject(node[key]) ? { ...(node[key] as FormData) } : {};
      node = node[key] as FormData;
    }
  });
  return root;
}

export interface LeafChange {
  pointer: string;
  value: unknown;
}

/** The leaf fields (strings, numbers, booleans, arrays) that differ; a missing field and `undefined` are equal. */
export function leafDiff(prev: unknown, next: unknown, path: string[] = []): LeafChange[] {
  if (
    (isObject(prev) || isObject(next)) &&
    path.length < MAX_DEPTH &&
    (prev === undefined || isObject(prev)) &&
    (next === undefined || isObject(next))
  ) {
    const a = (prev ?? {}) as FormData;
    const b = (next ?? {}) as FormData;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => leafDiff(a[k], b[k], [...path, k]));
  }
  if (!path.length) return [];
  return stableJson(prev ?? null) === stableJson(next ?? null) ? [] : [{ pointer: toPointer(path), value: next }];
}

/** The pointer of the field with this rjsf id ("root_newAddress_text" → "/newAddress/text"), found in the schema. */
export function idToPointer(schema: RJSFSchema, id: string, prefix = 'root'): string | null {
  if (id === prefix) return '';
  if (!id.startsWith(`${prefix}_`)) return null;
  const rest = id.slice(prefix.length + 1);
  const walk = (node: RJSFSchema | undefined, remaining: string, path: string[]): string[] | null => {
    const props = (node?.properties ?? {}) as Record<string, RJSFSchema>;
    for (const [key, sub] of Object.entries(props)) {
      if (remaining === key) return [...path, key];
      if (remaining.startsWith(`${key}_`)) {
        const found = walk(sub, remaining.slice(key.length + 1), [...path, key]);
        if (found) return found;
      }
    }
    return null;
  };
  const path = walk(schema, rest, []);
  return path ? toPointer(path) : null;
}

export function pointerToId(pointer: string, prefix = 'root'): string {
  return [prefix, ...pointerToPath(pointer)].join('_');
}
