// Replays a saved case-import history against the current code: a change that would break imports in progress
// (non-determinism) fails here. How to record it: test/workflows/HISTORIES.md.
import path from 'node:path';
import { replayEachHistoryIn } from '../../helpers/replay';

describe('workflows/case-import replay', function () {
  this.timeout(120_000);
  replayEachHistoryIn(path.join(__dirname, 'histories'), 1);
});
