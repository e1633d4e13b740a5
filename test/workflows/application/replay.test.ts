// Replays saved histories of finished applications against the current interpreter. A change to the workflow
// that would break running applications (non-determinism) fails here; such a change needs `patched()`.
// How to record them: test/workflows/HISTORIES.md.
import path from 'node:path';
import { replayEachHistoryIn } from '../../helpers/replay';

describe('workflows/application replay', function () {
  this.timeout(120_000);
  replayEachHistoryIn(path.join(__dirname, 'histories'), 5);
});
