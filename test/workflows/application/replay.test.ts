// Replays saved histories of finished applications against the current interpreter. A change to the workflow
// that would break running applications (non-determinism) fails here; such a change needs `patched()`.
// Record new histories with a finished run's `handle.fetchHistory()` when the interpreter gains behaviour.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';

const DIR = path.join(__dirname, 'histories');

describe('workflows/application replay', function () {
  this.timeout(120_000);
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

  it('has saved histories to replay', () => {
    if (files.length < 3) throw new Error(`expected saved histories in ${DIR}`);
  });

  for (const file of files) {
    it(`replays ${file} deterministically`, async () => {
      // Saved as the proto's JSON form (what fetchHistory() gives, stringified); fromObject reads it back.
      const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
      await Worker.runReplayHistory({ workflowsPath: require.resolve('../../../workflows') }, history, file);
    });
  }
});
