// The suite's two tiers. A test that needs the running stack (PostgreSQL, the Temporal dev server, the worker, the
// API, the simulators) imports `stack` from test/setup.ts, directly or through a helper such as test/helpers/http.ts:
// it is in the full tier, which starts the stack first. Every other test is in the fast tier, which starts nothing.
// The tier follows from the imports, so there is no list to forget a test in (test/tiers.test.ts checks the split).
// Read by .mocharc.fast.cjs and .mocharc.full.cjs.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const TEST_DIR = __dirname;
export const SETUP = path.join(TEST_DIR, 'setup.ts');

/** Relative module names a file loads: `import … from`, `import '…'`, `export … from`, `import(…)`, `require(…)`. */
export function relativeImports(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]*)['"]/g;
  return [...source.matchAll(pattern)].map((m) => m[1]);
}

function resolveTestModule(fromFile: string, name: string): string | null {
  const base = path.resolve(path.dirname(fromFile), name);
  if (!base.startsWith(TEST_DIR + path.sep)) return null; // only test/ can reach test/setup.ts
  for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
    if (candidate.endsWith('.ts') && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

const reaches = new Map<string, boolean>();

/** Whether a test module loads test/setup.ts, directly or through the test helpers it imports. */
export function needsStack(file: string, visiting = new Set<string>()): boolean {
  const absolute = path.resolve(ROOT, file);
  if (absolute === SETUP) return true;
  const known = reaches.get(absolute);
  if (known !== undefined) return known;
  if (visiting.has(absolute)) return false; // an import cycle: the other path decides
  visiting.add(absolute);
  const answer = relativeImports(fs.readFileSync(absolute, 'utf8'))
    .map((name) => resolveTestModule(absolute, name))
    .some((target) => target !== null && needsStack(target, visiting));
  reaches.set(absolute, answer);
  return answer;
}

/** Every test file of the suite, relative to the project root ('test/…'), sorted. */
export function testFiles(): string[] {
  return fs
    .readdirSync(TEST_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.test.ts'))
    .map((file) => path.posix.join('test', file.split(path.sep).join('/')))
    .sort();
}

/** The tests that need no stack: run first, in well under a minute. */
export function fastTier(): string[] {
  return testFiles().filter((file) => !needsStack(file));
}

/** The tests that need the stack: run after the fast tier, with test/setup.ts's root hooks. */
export function fullTier(): string[] {
  return testFiles().filter((file) => needsStack(file));
}
