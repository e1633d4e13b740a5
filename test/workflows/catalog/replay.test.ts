// Replays saved histories of the catalogue workflows (publication, change delivery, freshness) against the current
// code: a change that would break reviews or deliveries in progress (non-determinism) fails here and needs `patched()`.
// How to record them: test/workflows/HISTORIES.md.
import path from 'node:path';
import { replayEachHistoryIn } from '../../helpers/replay';

describe('workflows/catalog replay', function () {
  this.timeout(120_000);
  replayEachHistoryIn(path.join(__dirname, 'histories'), 5);
});
