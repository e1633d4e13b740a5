// Bulk transfer of cases registered in an agency system: the uploaded NDJSON file is already stored in chunks;
// this workflow ingests them one by one. Each chunk commits its cases, per-line errors and progress in one
// transaction, so a killed worker resumes at the first chunk not yet committed and nothing is counted twice.
import { continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { CaseImportActivities } from '../../activities/case-import';
import type { CaseImportInput, CaseImportSummary } from './api';

const { startImport, ingestChunk, finishImport } = proxyActivities<CaseImportActivities>({
  // A chunk of 2,000 lines takes about a second; the heartbeat notices a dead worker within 15 s.
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '15 seconds',
  // Database outages: retry for about an hour (1 s doubling, capped at 1 min), then the import is marked failed.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 70 },
});

// Continue as new well before the history grows large (each chunk adds a handful of events).
const CHUNKS_PER_RUN = 400;

export async function caseImportWorkflow(input: CaseImportInput): Promise<CaseImportSummary> {
  const { chunkCount } = await startImport(input.importId);
  const first = input.nextChunk ?? 0;
  for (let chunk = first; chunk < chunkCount; chunk += 1) {
    await ingestChunk(input.importId, chunk);
    if (chunk + 1 < chunkCount && (chunk + 1 - first >= CHUNKS_PER_RUN || workflowInfo().continueAsNewSuggested)) {
      await continueAsNew<typeof caseImportWorkflow>({ importId: input.importId, nextChunk: chunk + 1 });
    }
  }
  await finishImport(input.importId);
  return { importId: input.importId, chunks: chunkCount };
}
