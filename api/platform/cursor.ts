// Keyset paging's opaque cursor: where a page ended (the values of the list's order columns of its last row), as
// base64url of a JSON array. Clients copy it from the `next` link and never build it; a cursor that does not decode
// to what the list expects is a 400 in the one error shape.
import { badRequest } from './errors';

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

const invalid = () =>
  badRequest('invalid_cursor', 'The cursor is not one this list gave: follow the `next` link of the previous page.', [
    { path: '/cursor', code: 'invalid_cursor', message: 'not a cursor of this list' },
  ]);

/** The values of a cursor, each checked by its own test (in the order of the list's order columns). */
export function decodeCursor(cursor: string, checks: ReadonlyArray<(value: string) => boolean>): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(values) || values.length !== checks.length) throw invalid();
  if (!values.every((v, i) => typeof v === 'string' && v.length <= 100 && checks[i](v))) throw invalid();
  return values as string[];
}

/** The URL of the next page: the same path and query, the cursor replaced. */
export function nextPageUrl(path: string, query: Record<string, unknown>, cursor: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (key !== 'cursor' && value !== undefined && value !== null) params.set(key, String(value));
  }
  params.set('cursor', cursor);
  return `${path}?${params.toString()}`;
}
