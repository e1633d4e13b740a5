// The split into a fast and a full tier (test/tiers.ts) drops no test and puts none in both: every test file is in
// exactly one tier, the fast tier never loads test/setup.ts, and the two mocha configurations run what tiers.ts says.
import { createRequire } from 'node:module';
import path from 'node:path';
import { expect } from 'chai';
import { fastTier, fullTier, needsStack, relativeImports, testFiles } from './tiers';

const ROOT = path.resolve(__dirname, '..');
const loadConfig = createRequire(__filename); // mocha's own way of reading a .cjs configuration
const config = (name: string) => loadConfig(path.join(ROOT, name)) as { spec: string[]; file: string[] };

describe('test tiers', () => {
  it('puts every test file in exactly one tier', () => {
    const fast = fastTier();
    const full = fullTier();
    expect(
      fast.filter((file) => full.includes(file)),
      'in both tiers',
    ).to.deep.equal([]);
    expect([...fast, ...full].sort()).to.deep.equal(testFiles());
    expect(testFiles()).to.include.members([
      'test/tiers.test.ts',
      'test/api/platform/health.test.ts',
      'test/workflows/application/tasks.test.ts',
    ]);
  });

  it('reads an import of test/setup.ts in each form, and follows helpers', () => {
    expect(
      relativeImports(
        [
          "import { stack } from '../setup';",
          "import '../../setup';",
          'import {\n  call,\n  tokenFor,\n} from "../helpers/http";',
          "export { x } from './x';",
          "const lazy = await import('./lazy');",
          "const m = require('../m') as M;",
          "import { expect } from 'chai';",
        ].join('\n'),
      ),
    ).to.deep.equal(['../setup', '../../setup', '../helpers/http', './x', './lazy', '../m']);
    expect(needsStack('test/activities/application.test.ts'), 'imports stack').to.equal(true);
    expect(needsStack('test/api/platform/health.test.ts'), 'through test/helpers/http.ts').to.equal(true);
    expect(needsStack('test/db/domain/iban.test.ts')).to.equal(false);
    expect(needsStack('test/workflows/application/lifecycle.test.ts'), 'its own time-skipping server').to.equal(false);
  });

  it('runs the fast tier without test/setup.ts and the full tier with it, each on its own files', () => {
    const fast = config('.mocharc.fast.cjs');
    const full = config('.mocharc.full.cjs');
    expect(fast.file).to.deep.equal(['test/fast-setup.ts']);
    expect(fast.spec).to.deep.equal(fastTier());
    expect(full.file).to.deep.equal(['test/setup.ts']);
    expect(full.spec).to.deep.equal(fullTier());
  });
});
