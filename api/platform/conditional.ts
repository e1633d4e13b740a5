// Conditional GET (RFC 9110 §13.1–13.2): whether the client's cached copy is still current.
import type { Request } from 'express';

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** If-None-Match decides when present (weak comparison, as for GET); otherwise If-Modified-Since, to the second. */
export function notModified(req: Request, etag: string, lastModified?: Date): boolean {
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(etag));
  const since = Date.parse(req.headers['if-modified-since'] ?? '');
  return lastModified !== undefined && Number.isFinite(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}
