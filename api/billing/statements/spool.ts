// Receiving a statement upload: the body is streamed to a temporary file while its sha256 is computed, so a large
// file is never held in memory, a file imported before is recognised before any parsing, and no database
// transaction stays open while the client is still sending.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ApiError } from '../../platform/errors';

export interface Spooled {
  file: string;
  sha256: string;
  bytes: number;
  remove(): Promise<void>;
}

export const tooLarge = (max: number) =>
  new ApiError(413, 'payload_too_large', `A statement may be at most ${Math.round(max / 1024 / 1024)} MB; ask the bank for smaller files.`);

export async function spool(body: Readable, maxBytes: number): Promise<Spooled> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'sdp-camt-'));
  const remove = () => fs.promises.rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'statement.xml');
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  const out = fs.createWriteStream(file);
  try {
    for await (const piece of body) {
      const buf = piece as Buffer;
      bytes += buf.length;
      if (bytes > maxBytes) throw tooLarge(maxBytes);
      hash.update(buf);
      if (!out.write(buf))
        await new Promise<void>((resolve, reject) => {
          out.once('drain', resolve);
          out.once('error', reject);
        });
    }
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      out.end(resolve);
    });
  } catch (e) {
    out.destroy();
    await remove();
    throw e;
  }
  return { file, sha256: hash.digest('hex'), bytes, remove };
}
