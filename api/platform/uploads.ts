// Files sent as the raw request body with their name in X-File-Name (percent-encoded UTF-8): application files and
// the written mandates recorded at the counter are uploaded the same way, with the same types and size limit.
import crypto from 'node:crypto';
import express from 'express';
import type { RouteContext } from './routing';
import { ApiError } from './errors';

export const FILE_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
];
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface UploadedFile {
  name: string;
  type: string;
  content: Buffer;
  sha256: string;
}

/** Reads the uploaded file of a request: 415 for a type not accepted, 413 when too large, 400 when empty. */
export async function readUploadedFile(ctx: RouteContext): Promise<UploadedFile> {
  const type = (ctx.req.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!FILE_TYPES.includes(type)) throw new ApiError(415, 'unsupported_media_type', `Accepted file types: ${FILE_TYPES.join(', ')}.`);
  const body = await new Promise<Buffer>((resolve, reject) => {
    express.raw({ type: () => true, limit: MAX_FILE_BYTES })(ctx.req, ctx.res, (err?: unknown) =>
      err ? reject(err) : resolve(ctx.req.body as Buffer),
    );
  });
  if (!Buffer.isBuffer(body) || body.length === 0) throw new ApiError(400, 'empty_file', 'The file is empty.');
  // Header values are Latin-1, so clients send the name percent-encoded (UTF-8): "%C4%ABres%20l%C4%ABgums.pdf".
  let name = ctx.req.get('x-file-name') ?? 'file';
  try {
    name = decodeURIComponent(name);
  } catch {
    /* not encoded: keep as sent */
  }
  name = name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || 'file';
  return { name, type, content: body, sha256: crypto.createHash('sha256').update(body).digest('hex') };
}
