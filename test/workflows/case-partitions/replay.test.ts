// Replays saved histories of the daily partition maintenance against the current code (test/workflows/HISTORIES.md).
import path from 'node:path';
import { replayEachHistoryIn } from '../../helpers/replay';

describe('workflows/case-partitions replay', function () {
  this.timeout(120_000);
  replayEachHistoryIn(path.join(__dirname, 'histories'), 1);
});
