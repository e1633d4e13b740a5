// Replays saved invoice histories, with and without each of the workflow's patches, against the current code: a
// change that would break invoices in progress (non-determinism) fails here and needs `patched()`.
// How to record them: test/workflows/HISTORIES.md.
import path from 'node:path';
import { replayEachHistoryIn } from '../../helpers/replay';

describe('workflows/invoice replay', function () {
  this.timeout(120_000);
  replayEachHistoryIn(path.join(__dirname, 'histories'), 6);
});
