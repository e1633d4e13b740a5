// Fields marked `"ui:sensitive": true` in a form's UI schema (personal codes, bank accounts, phone numbers), every
// e-mail field and every address are masked for support specialists: they see that a value is there, never the value.
import { getPointer, setPointer } from '../../forms/eservice-definition/expressions';

export const MASK = '••••••';

export function sensitivePointers(uiSchema: unknown, base = ''): string[] {
  if (!uiSchema || typeof uiSchema !== 'object') return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(uiSchema as Record<string, unknown>)) {
    if (key.startsWith('ui:') || !value || typeof value !== 'object') continue;
    const pointer = `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if ((value as Record<string, unknown>)['ui:sensitive'] === true) found.push(pointer);
    found.push(...sensitivePointers(value, pointer));
  }
  return found;
}

const escapeToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const ADDRESS = /address$/i;
const EMAIL = /^e-?mail$/i;

/** The leaf fields of a schema node (a group's fields, or the node itself). */
function leafPointers(node: Record<string, unknown>, pointer: string): string[] {
  const props = node.properties as Record<string, Record<string, unknown>> | undefined;
  if (node.type !== 'object' || !props) return [pointer];
  return Object.entries(props).flatMap(([k, v]) => leafPointers(v, `${pointer}/${escapeToken(k)}`));
}

/**
 * Personal data the form's schema shows by itself: e-mail fields (`format: email`, or named "email") and addresses
 * (a field or group named "...address", e.g. `currentAddress`, `newAddress`: a group's fields each).
 */
export function contactPointers(schema: unknown, base = ''): string[] {
  const props = (schema as { properties?: Record<string, Record<string, unknown>> } | null)?.properties;
  if (!props || typeof props !== 'object') return [];
  const found: string[] = [];
  for (const [key, node] of Object.entries(props)) {
    if (!node || typeof node !== 'object') continue;
    const pointer = `${base}/${escapeToken(key)}`;
    if (ADDRESS.test(key)) found.push(...leafPointers(node, pointer));
    else if (node.format === 'email' || EMAIL.test(key)) found.push(pointer);
    else found.push(...contactPointers(node, pointer));
  }
  return found;
}

/** Every field masked for a support specialist: the definition's sensitive fields, e-mails and addresses. */
export function maskedPointers(form: { schema?: unknown; uiSchema?: unknown } | undefined): string[] {
  if (!form) return [];
  return [...new Set([...sensitivePointers(form.uiSchema), ...contactPointers(form.schema)])];
}

export function isSensitive(pointer: string, sensitive: string[]): boolean {
  return sensitive.some((p) => pointer === p || pointer.startsWith(`${p}/`));
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

export function maskData(data: Record<string, unknown>, sensitive: string[]): Record<string, unknown> {
  let masked = data;
  for (const p of sensitive) {
    if (!isEmpty(getPointer(data, p))) masked = setPointer(masked, p, MASK);
  }
  return masked;
}

/**
 * The value of one field update as a support specialist may see it: a sensitive field (or anything inside one) is
 * masked, and so is every sensitive field inside an object written at once (an edit of `/applicant` carries
 * `/applicant/personalCode`).
 */
export function maskEdit(pointer: string, value: unknown, sensitive: string[]): { value: unknown; masked: boolean } {
  if (isSensitive(pointer, sensitive)) return { value: isEmpty(value) ? value : MASK, masked: true };
  const inside = sensitive.filter((p) => p.startsWith(`${pointer}/`)).map((p) => p.slice(pointer.length));
  if (inside.length === 0 || !value || typeof value !== 'object' || Array.isArray(value)) return { value, masked: false };
  return { value: maskData(value as Record<string, unknown>, inside), masked: true };
}
