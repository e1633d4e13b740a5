// Replays saved workflow histories against the current workflow code: a change that would break running workflows
// (non-determinism) fails here and needs `patched()`. Histories are the proto's JSON form (what fetchHistory() gives,
// stringified); re-record them with test/workflows/record-histories.ts (see test/workflows/HISTORIES.md).
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { workflowBundle } from './workflow-bundle';
import { bundledWorkerCoverageOptions } from './workflow-coverage';

export type SavedHistory = temporal.api.history.v1.History;

export function readHistory(file: string): SavedHistory {
  return temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/** The saved histories of one directory, sorted by name. */
export function historyFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** The workflow type a history started, and the ids of the patches its `patched()` calls recorded. */
export function describeHistory(history: SavedHistory): { workflowType: string; patches: string[] } {
  const events = history.events ?? [];
  const workflowType = events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name ?? '';
  const patches = events.flatMap((e) => {
    const marker = e.markerRecordedEventAttributes;
    if (marker?.markerName !== 'core_patch') return [];
    return Object.values(marker.details ?? {})
      .flatMap((p) => p.payloads ?? [])
      .map((p) => (JSON.parse(Buffer.from(p.data ?? new Uint8Array()).toString('utf8')) as { id: string }).id);
  });
  return { workflowType, patches };
}

/**
 * One `it` per saved history of `dir`, each replayed against workflows/index.ts (bundled once per run). One replay
 * worker replays the whole directory, on first need: each worker starts a thread, which costs more than a replay.
 */
export function replayEachHistoryIn(dir: string, atLeast: number): void {
  const files = historyFiles(dir);
  let replayed: Promise<Map<string, Error | undefined>> | undefined;
  const replayAll = async () => {
    const errors = new Map<string, Error | undefined>();
    const histories = files.map((file) => ({ workflowId: path.basename(file), history: readHistory(file) }));
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), ...bundledWorkerCoverageOptions() },
      histories,
    )) {
      errors.set(result.workflowId, result.error);
    }
    return errors;
  };
  it(`has at least ${atLeast} saved histories to replay`, () => {
    if (files.length < atLeast) throw new Error(`expected ${atLeast} saved histories in ${dir}, found ${files.length}`);
  });
  for (const file of files) {
    it(`replays ${path.basename(file)} deterministically`, async () => {
      replayed ??= replayAll();
      const errors = await replayed;
      if (!errors.has(path.basename(file))) throw new Error(`${path.basename(file)} was not replayed`);
      const error = errors.get(path.basename(file));
      if (error) throw error;
    });
  }
}
