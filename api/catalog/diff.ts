// What changed between two versions of a description, as a list of JSON-pointer operations (like RFC 6902, with the
// old value kept so a reviewer sees both sides). Arrays of items with an `id` (requirements, evidence, channels by
// `type`) are compared by that key, so inserting one item does not show every later item as changed.
import type { GetAgencyCatalogServicesIdDiffResponse } from '../../forms/types/api';

/** One operation, as the diff route's response schema describes it. */
export type Change = GetAgencyCatalogServicesIdDiffResponse['changes'][number];

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function keyOf(item: unknown): string | null {
  if (!isObject(item)) return null;
  if (typeof item.id === 'string') return item.id;
  if (typeof item.type === 'string') return item.type;
  return null;
}

function keyed(items: unknown[]): Map<string, unknown> | null {
  const map = new Map<string, unknown>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null || map.has(key)) return null;
    map.set(key, item);
  }
  return map;
}

export function diffDocuments(before: unknown, after: unknown, path = ''): Change[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  if (isObject(before) && isObject(after)) {
    const changes: Change[] = [];
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      const p = `${path}/${escape(key)}`;
      if (!(key in after)) changes.push({ op: 'remove', path: p, from: before[key] });
      else if (!(key in before)) changes.push({ op: 'add', path: p, to: after[key] });
      else changes.push(...diffDocuments(before[key], after[key], p));
    }
    return changes;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const a = keyed(before);
    const b = keyed(after);
    if (a && b && (a.size > 0 || b.size > 0)) {
      const changes: Change[] = [];
      for (const [key, item] of a) {
        if (!b.has(key)) changes.push({ op: 'remove', path: `${path}/${escape(key)}`, from: item });
        else changes.push(...diffDocuments(item, b.get(key), `${path}/${escape(key)}`));
      }
      for (const [key, item] of b) if (!a.has(key)) changes.push({ op: 'add', path: `${path}/${escape(key)}`, to: item });
      return changes;
    }
    const changes: Change[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i += 1) {
      if (i >= after.length) changes.push({ op: 'remove', path: `${path}/${i}`, from: before[i] });
      else if (i >= before.length) changes.push({ op: 'add', path: `${path}/${i}`, to: after[i] });
      else changes.push(...diffDocuments(before[i], after[i], `${path}/${i}`));
    }
    return changes;
  }
  return [{ op: 'replace', path: path || '/', from: before, to: after }];
}
