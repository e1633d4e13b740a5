// Activities of the bulk case import. Factories receive their dependencies so tests can build them on any database.
import { heartbeat } from '@temporalio/activity';
import type { Pool } from 'pg';
import { registerCases } from '../db/cases/register-cases';
import { inTransaction } from '../db/transaction';
import {
  completeImportChunk,
  finishCaseImport,
  lockImportChunk,
  recordImportErrors,
  startCaseImport,
  type ImportLineError,
} from '../db/case-imports/ingest';
import { caseImportWorkflowId } from '../workflows/case-import/api';

export interface CaseImportDeps {
  pool: Pool;
}

export function createCaseImportActivities({ pool }: CaseImportDeps) {
  return {
    async startImport(importId: string): Promise<{ chunkCount: number }> {
      const started = await startCaseImport(pool, importId);
      if (!started) throw new Error(`import ${importId} not found`);
      return started;
    },

    async ingestChunk(importId: string, chunkNo: number): Promise<{ created: number; existing: number; failed: number; skipped: boolean }> {
      heartbeat();
      return inTransaction(pool, async (client) => {
        // The row lock serialises a retried attempt with a still-running one; done_at makes the retry a no-op.
        const chunk = await lockImportChunk(client, importId, chunkNo);
        if (!chunk) throw new Error(`chunk ${chunkNo} of import ${importId} not found`);
        if (chunk.doneAt) return { created: 0, existing: 0, failed: 0, skipped: true };
        const lines = chunk.body.split('\n');
        const items: unknown[] = [];
        const lineOfItem: number[] = [];
        const errors: ImportLineError[] = [];
        let processed = 0;
        lines.forEach((text, i) => {
          const line = chunk.firstLine + i;
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
            agencyId: chunk.agencyId,
            actorType: 'system',
            actorId: chunk.createdBy,
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
        await recordImportErrors(client, importId, errors);
        await completeImportChunk(client, importId, chunkNo, { processed, created, existing, failed: errors.length });
        return { created, existing, failed: errors.length, skipped: false };
      });
    },

    async finishImport(importId: string): Promise<void> {
      await finishCaseImport(pool, importId);
    },
  };
}

export type CaseImportActivities = ReturnType<typeof createCaseImportActivities>;
