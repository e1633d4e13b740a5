// Fields marked `"ui:sensitive": true` in a form's UI schema (personal codes, bank accounts, phone numbers) are
// masked for support specialists: they see that a value is there, never the value.
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
