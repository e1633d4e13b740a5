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

/** The position a (time, id) cursor holds, or undefined on the first page (db/paging.ts's KeysetPosition). */
export function timeIdPosition(cursor: string | undefined, isId: (value: string) => boolean): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(cursor, [(t) => !Number.isNaN(Date.parse(t)), isId]);
  return { at, id };
}

/**
 * The paging fields of a list's response: the next page's cursor and link (null on the last page), and the total
 * only when the client asked for it (`totalExact` false when it is the planner's estimate).
 */
export function pageFields(
  path: string,
  query: object,
  page: { more: boolean; last?: { at: string; id: string }; total?: { value: number; exact: boolean } },
): { nextCursor: string | null; next: string | null; total?: number; totalExact?: boolean } {
  const nextCursor = page.more && page.last ? encodeCursor([page.last.at, page.last.id]) : null;
  // The next page is not counted again: the client has the total from the first.
  const { count: _count, ...rest } = query as Record<string, unknown>;
  return {
    nextCursor,
    next: nextCursor ? nextPageUrl(path, rest, nextCursor) : null,
    ...(page.total ? { total: page.total.value, totalExact: page.total.exact } : {}),
  };
}
