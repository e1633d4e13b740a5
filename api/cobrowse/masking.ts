// Fields marked `"ui:sensitive": true` in a form's UI schema (personal codes, bank accounts, phone numbers) are
// masked for support specialists: they see that a value is there, never the value.
import { getPointer, setPointer } from '../../workflows/application/expressions';

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

export function maskData(data: Record<string, unknown>, sensitive: string[]): Record<string, unknown> {
  let masked = data;
  for (const p of sensitive) {
    const v = getPointer(data, p);
    if (v !== undefined && v !== null && v !== '') masked = setPointer(masked, p, MASK);
  }
  return masked;
}
