// Activities of the bulk case import. Factories receive their dependencies so tests can build them on any database.
import { heartbeat } from '@temporalio/activity';
import type { Pool } from 'pg';
import { registerCases } from '../db/cases/register-cases';
import { inTransaction } from '../db/transaction';
import type { DomainErrorDetail as ErrorDetail } from '../db/domain/domain-error';
import { caseImportWorkflowId } from '../workflows/case-import/api';

export interface CaseImportDeps {
  pool: Pool;
}

export function createCaseImportActivities({ pool }: CaseImportDeps) {
  return {
    async startImport(importId: string): Promise<{ chunkCount: number }> {
      const { rows } = await pool.query<{ chunk_count: number }>(
        `UPDATE case_imports SET status = 'running', started_at = COALESCE(started_at, now())
          WHERE id = $1 RETURNING chunk_count`,
        [importId],
      );
      if (rows.length === 0) throw new Error(`import ${importId} not found`);
      return { chunkCount: rows[0].chunk_count };
    },

    async ingestChunk(importId: string, chunkNo: number): Promise<{ created: number; existing: number; failed: number; skipped: boolean }> {
      heartbeat();
      return inTransaction(pool, async (client) => {
        // The row lock serialises a retried attempt with a still-running one; done_at makes the retry a no-op.
        const { rows } = await client.query<{
          body: string;
          first_line: number;
          done_at: Date | null;
          agency_id: string;
          created_by: string;
        }>(
          `SELECT c.body, c.first_line, c.done_at, i.agency_id, i.created_by
             FROM case_import_chunks c JOIN case_imports i ON i.id = c.import_id
            WHERE c.import_id = $1 AND c.chunk_no = $2 FOR UPDATE OF c`,
          [importId, chunkNo],
        );
        const chunk = rows[0];
        if (!chunk) throw new Error(`chunk ${chunkNo} of import ${importId} not found`);
        if (chunk.done_at) return { created: 0, existing: 0, failed: 0, skipped: true };
        const lines = chunk.body.split('\n');
        const items: unknown[] = [];
        const lineOfItem: number[] = [];
        const errors: Array<{ line: number; code: string; message: string; details: ErrorDetail[] }> = [];
        let processed = 0;
        lines.forEach((text, i) => {
          const line = chunk.first_line + i;
          if (text.trim() === '') return;
          processed += 1;
          try {
            items.push(JSON.parse(text));
            lineOfItem.push(line);
          } catch {
            errors.push({ line, code: 'malformed_json', message: 'The line is not valid JSON.', details: [] });
          }
        });
        heartbeat();
        const results = await registerCases(
          pool,
          {
            agencyId: chunk.agency_id,
            actorType: 'system',
            actorId: chunk.created_by,
            purpose: 'case-import',
            requestId: caseImportWorkflowId(importId),
          },
          items,
          { client },
        );
        let created = 0;
        let existing = 0;
        for (const r of results) {
          if (r.outcome === 'failed')
            errors.push({ line: lineOfItem[r.index], code: r.error.code, message: r.error.message, details: r.error.details });
          else if (r.outcome === 'created') created += 1;
          else existing += 1;
        }
        if (errors.length > 0) {
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
        await client.query('UPDATE case_import_chunks SET done_at = now() WHERE import_id = $1 AND chunk_no = $2', [importId, chunkNo]);
        await client.query(
          `UPDATE case_imports SET chunks_done = chunks_done + 1, processed_lines = processed_lines + $2,
             created_count = created_count + $3, existing_count = existing_count + $4, error_count = error_count + $5
           WHERE id = $1`,
          [importId, processed, created, existing, errors.length],
        );
        return { created, existing, failed: errors.length, skipped: false };
      });
    },

    async finishImport(importId: string): Promise<void> {
      await pool.query(`UPDATE case_imports SET status = 'completed', finished_at = COALESCE(finished_at, now()) WHERE id = $1`, [
        importId,
      ]);
      // The raw lines are no longer needed once ingested; errors and counts stay.
      await pool.query("UPDATE case_import_chunks SET body = '' WHERE import_id = $1", [importId]);
    },
  };
}

export type CaseImportActivities = ReturnType<typeof createCaseImportActivities>;
