// Prints the suite's coverage: c8's V8 coverage of everything that runs in Node (coverage/coverage-final.json),
// merged with the istanbul coverage of the workflow bundle (coverage/workflows/*.json, one per test process: see
// test/helpers/workflow-coverage.ts). For a file in both (a workflow module that Node tests import too), a statement
// counts as run if either saw its line.
import fs from 'node:fs';
import path from 'node:path';
import libCoverage, { type CoverageMapData, type FileCoverage, type FileCoverageData } from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import { createSourceMapStore } from 'istanbul-lib-source-maps';
import reports from 'istanbul-reports';

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, 'coverage');
const read = (file: string): CoverageMapData => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});

const node = libCoverage.createCoverageMap(read(path.join(DIR, 'coverage-final.json')));
const merged = libCoverage.createCoverageMap({});

async function bundleCoverage() {
  // The bundle was instrumented after SWC compiled it: map the counts back to the TypeScript lines.
  const instrumented = libCoverage.createCoverageMap({});
  const perProcess = path.join(DIR, 'workflows');
  const files = fs.existsSync(perProcess) ? fs.readdirSync(perProcess).filter((f) => f.endsWith('.json')) : [];
  for (const file of files) instrumented.merge(read(path.join(perProcess, file)));
  return createSourceMapStore().transformCoverage(instrumented);
}

const inProject = (file: string) => file.startsWith(ROOT + path.sep) && !file.includes(`${path.sep}node_modules${path.sep}`);

function withNodeLines(fromBundle: FileCoverage, fromNode: FileCoverage | undefined): FileCoverage {
  if (!fromNode) return fromBundle;
  const lines = fromNode.getLineCoverage();
  const data = fromBundle.toJSON() as FileCoverageData;
  for (const [id, loc] of Object.entries(data.statementMap)) {
    if (!data.s[id] && lines[loc.start.line]) data.s[id] = 1;
  }
  for (const [id, fn] of Object.entries(data.fnMap)) {
    if (!data.f[id] && lines[fn.decl.start.line]) data.f[id] = 1;
  }
  return libCoverage.createFileCoverage(data);
}

async function main() {
  const bundle = await bundleCoverage();
  for (const file of bundle.files().filter(inProject)) {
    merged.addFileCoverage(
      withNodeLines(bundle.fileCoverageFor(file), node.files().includes(file) ? node.fileCoverageFor(file) : undefined),
    );
  }
  for (const file of node.files().filter(inProject)) {
    if (!bundle.files().includes(file)) merged.addFileCoverage(node.fileCoverageFor(file));
  }

  if (!merged.files().length) {
    console.error('No coverage data in coverage/: run the suite under c8 first (npm run test:mocha).');
    process.exit(1);
  }
  const context = libReport.createContext({ dir: DIR, coverageMap: merged, defaultSummarizer: 'nested' });
  for (const name of ['text', 'text-summary', 'json-summary'] as const)
    reports.create(name, { skipFull: name === 'text' }).execute(context);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
