// The value of an address field ({ text, code }: the register's address code once one is chosen) and how two
// address texts compare (case, spacing, punctuation and diacritics aside). No DOM here: unit-tested in Node.
export interface AddressValue {
  text?: string;
  code?: string;
}

export const comparableAddress = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** JSON Pointers (as rjsf paths) of address fields whose text was typed but no address chosen. */
export function unchosenAddresses(schema: unknown, data: unknown, path: string[] = []): string[][] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as { 'x-address'?: unknown; properties?: Record<string, unknown> };
  if (node['x-address']) {
    const v = (data ?? {}) as AddressValue;
    return v.text && !v.code ? [path] : [];
  }
  const d = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  return Object.entries(node.properties ?? {}).flatMap(([k, sub]) => unchosenAddresses(sub, d[k], [...path, k]));
}
