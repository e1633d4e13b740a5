// Replays saved histories of catalogue publications against the current workflow code: a change that would break
// reviews in progress (non-determinism) fails here and needs `patched()`. Record new ones with
// `RECORD_HISTORIES=1 npx mocha test/api/routes/catalog-agency.test.ts`.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';

const DIR = path.join(__dirname, 'histories');

describe('workflows/catalog replay', function () {
  this.timeout(120_000);
  const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

  it('has saved histories to replay', () => {
    if (files.length < 3) throw new Error(`expected saved histories in ${DIR}`);
  });

  for (const file of files) {
    it(`replays ${file} deterministically`, async () => {
      const history = temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
      await Worker.runReplayHistory({ workflowsPath: require.resolve('../../../workflows') }, history, file);
    });
  }
});
