// Storing an uploaded NDJSON file of cases: streamed (never held whole in memory) into chunks of lines in one
// transaction, so an aborted upload leaves nothing behind and a stored import is complete.
import crypto from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import type { Pool, PoolClient } from 'pg';
import { ApiError } from '../platform/errors';
import { inTransaction } from '../../db/transaction';
import { createCaseImport, recordStoredSize, storeImportChunk } from '../../db/case-imports/imports';

export const LINES_PER_CHUNK = 2000;
const MAX_CHUNK_CHARS = 8 * 1024 * 1024;
export const MAX_IMPORT_BYTES = 4 * 1024 ** 3; // 4 GiB: about ten million cases

export interface StoredImport {
  id: string;
  totalLines: number;
  chunkCount: number;
  byteSize: number;
}

export async function storeCaseImport(
  pool: Pool,
  input: { agencyId: string; createdBy: string; fileName: string | null; body: Readable },
): Promise<StoredImport> {
  const id = crypto.randomUUID();
  let chunkNo = 0;
  let lineNo = 1;
  let bytes = 0;
  let pending: string[] = [];
  let pendingChars = 0;
  let chunkFirstLine = 1;
  const flush = async (c: PoolClient) => {
    if (pending.length === 0) return;
    await storeImportChunk(c, id, chunkNo, chunkFirstLine, pending.join('\n'));
    chunkNo += 1;
    chunkFirstLine = lineNo;
    pending = [];
    pendingChars = 0;
  };
  return inTransaction(pool, async (client, transaction) => {
    await createCaseImport(pool, transaction, { id, agencyId: input.agencyId, fileName: input.fileName, createdBy: input.createdBy });
    const decoder = new StringDecoder('utf8');
    let carry = '';
    const takeLine = async (line: string) => {
      pending.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      pendingChars += line.length;
      lineNo += 1;
      if (pending.length >= LINES_PER_CHUNK || pendingChars >= MAX_CHUNK_CHARS) await flush(client);
    };
    for await (const piece of input.body) {
      const buf = piece as Buffer;
      bytes += buf.length;
      if (bytes > MAX_IMPORT_BYTES) throw new ApiError(413, 'payload_too_large', 'An import file may be at most 4 GiB; split it.');
      const text = carry + decoder.write(buf);
      const parts = text.split('\n');
      carry = parts.pop() ?? '';
      for (const line of parts) await takeLine(line);
    }
    carry += decoder.end();
    if (carry.length > 0) await takeLine(carry);
    await flush(client);
    const totalLines = lineNo - 1;
    if (totalLines === 0) throw new ApiError(400, 'empty_import', 'The file has no lines.');
    await recordStoredSize(pool, transaction, id, { byteSize: bytes, totalLines, chunkCount: chunkNo });
    return { id, totalLines, chunkCount: chunkNo, byteSize: bytes };
  });
}
