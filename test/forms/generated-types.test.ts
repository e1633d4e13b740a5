// The types in forms/types are generated from the schemas in forms/ (scripts/generate-types.ts). Regenerated here in
// memory: a schema changed without regenerating fails this test. No stack.
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { generatedTypeFiles, TYPES_DIR } from '../../scripts/generate-types';

describe('forms/types: the generated types are current', function () {
  this.timeout(60_000);

  it('match the schemas (else: run npm run generate:types and commit forms/types)', async () => {
    const files = await generatedTypeFiles();
    const checkedIn = fs
      .readdirSync(TYPES_DIR)
      .filter((f) => f.endsWith('.ts'))
      .sort();
    expect(checkedIn, 'forms/types holds exactly the generated files: run npm run generate:types').to.deep.equal(Object.keys(files).sort());
    const stale = Object.entries(files)
      .filter(([file, content]) => fs.readFileSync(path.join(TYPES_DIR, file), 'utf8') !== content)
      .map(([file]) => `forms/types/${file}`);
    expect(stale, 'stale generated types: run npm run generate:types').to.deep.equal([]);
  });

  it('is deterministic: two runs give the same bytes', async () => {
    expect(await generatedTypeFiles()).to.deep.equal(await generatedTypeFiles());
  });
});
