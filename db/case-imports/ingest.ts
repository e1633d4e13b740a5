// Ingesting a stored import, chunk by chunk (activities/case-import.ts, run by the case-import workflow). Each chunk is
// ingested in one transaction that locks it: a retried attempt waits for a still-running one and then finds it done.
import type { Pool, PoolClient } from 'pg';
import type { DomainErrorDetail } from '../domain/domain-error';

/** Marks the import running (the first start's time stays); null when there is no such import. */
export async function startCaseImport(pool: Pool, importId: string): Promise<{ chunkCount: number } | null> {
  const { rows } = await pool.query<{ chunk_count: number }>(
    `UPDATE case_imports SET status = 'running', started_at = COALESCE(started_at, now())
      WHERE id = $1 RETURNING chunk_count`,
    [importId],
  );
  return rows[0] ? { chunkCount: rows[0].chunk_count } : null;
}

export interface LockedChunk {
  body: string;
  firstLine: number;
  doneAt: Date | null;
  agencyId: string;
  createdBy: string;
}

/** The chunk, locked for the rest of the transaction, with whose import it is. */
export async function lockImportChunk(client: PoolClient, importId: string, chunkNo: number): Promise<LockedChunk | null> {
  const { rows } = await client.query<{ body: string; first_line: number; done_at: Date | null; agency_id: string; created_by: string }>(
    `SELECT c.body, c.first_line, c.done_at, i.agency_id, i.created_by
       FROM case_import_chunks c JOIN case_imports i ON i.id = c.import_id
      WHERE c.import_id = $1 AND c.chunk_no = $2 FOR UPDATE OF c`,
    [importId, chunkNo],
  );
  const r = rows[0];
  return r ? { body: r.body, firstLine: r.first_line, doneAt: r.done_at, agencyId: r.agency_id, createdBy: r.created_by } : null;
}

export interface ImportLineError {
  line: number;
  code: string;
  message: string;
  details: DomainErrorDetail[];
}

/** Records a chunk's failed lines in one statement. */
export async function recordImportErrors(client: PoolClient, importId: string, errors: ImportLineError[]): Promise<void> {
  if (errors.length === 0) return;
  await client.query(
    `INSERT INTO case_import_errors (import_id, line_no, code, message, details)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[])`,
    [
      importId,
      errors.map((e) => e.line),
      errors.map((e) => e.code),
      errors.map((e) => e.message),
      errors.map((e) => JSON.stringify(e.details)),
    ],
  );
}

/** Marks the chunk done and adds its counts to the import's progress. */
export async function completeImportChunk(
  client: PoolClient,
  importId: string,
  chunkNo: number,
  counts: { processed: number; created: number; existing: number; failed: number },
): Promise<void> {
  await client.query('UPDATE case_import_chunks SET done_at = now() WHERE import_id = $1 AND chunk_no = $2', [importId, chunkNo]);
  await client.query(
    `UPDATE case_imports SET chunks_done = chunks_done + 1, processed_lines = processed_lines + $2,
       created_count = created_count + $3, existing_count = existing_count + $4, error_count = error_count + $5
     WHERE id = $1`,
    [importId, counts.processed, counts.created, counts.existing, counts.failed],
  );
}

/** Marks the import completed (the first finish's time stays) and drops its raw lines; errors and counts stay. */
export async function finishCaseImport(pool: Pool, importId: string): Promise<void> {
  await pool.query(`UPDATE case_imports SET status = 'completed', finished_at = COALESCE(finished_at, now()) WHERE id = $1`, [importId]);
  await pool.query("UPDATE case_import_chunks SET body = '' WHERE import_id = $1", [importId]);
}
