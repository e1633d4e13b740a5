// Coverage of workflow code. Workflows run bundled in a V8 sandbox, where c8's V8 coverage cannot see their source;
// under c8 (NODE_V8_COVERAGE is set) the bundle is instrumented with istanbul instead (@temporalio/nyc-test-coverage)
// and its counts are written at exit to coverage/workflows/<pid>.json, one file per test process (the fast and the
// full tier), for scripts/coverage-report.ts to merge.
import fs from 'node:fs';
import path from 'node:path';
import { WorkflowCoverage } from '@temporalio/nyc-test-coverage';
import type { BundleOptions, WorkerOptions } from '@temporalio/worker';

export const measuringCoverage = Boolean(process.env.NODE_V8_COVERAGE);
const workflowCoverage = new WorkflowCoverage();
const WORKFLOWS_PATH = require.resolve('../../workflows');
export const WORKFLOW_COVERAGE_DIR = path.resolve(__dirname, '../../coverage/workflows');

if (measuringCoverage) {
  const g = globalThis as { __coverage__?: object };
  g.__coverage__ ??= {}; // WorkflowCoverage instruments only when an istanbul global exists
  process.once('exit', () => {
    workflowCoverage.mergeIntoGlobalCoverage();
    fs.mkdirSync(WORKFLOW_COVERAGE_DIR, { recursive: true });
    fs.writeFileSync(path.join(WORKFLOW_COVERAGE_DIR, `${process.pid}.json`), JSON.stringify(g.__coverage__));
  });
}

/** What a worker built from workflowsPath needs to report coverage (nothing when coverage is off). */
export function workerCoverageOptions(): Partial<WorkerOptions> {
  if (!measuringCoverage) return {};
  const { interceptors, sinks, bundlerOptions } = workflowCoverage.augmentWorkerOptions({
    workflowsPath: WORKFLOWS_PATH,
    taskQueue: 'unused',
  });
  return { interceptors, sinks, bundlerOptions };
}

/** Bundle options for a prebuilt bundle, and the sinks its workers need. */
export function bundleCoverageOptions(options: BundleOptions): BundleOptions {
  return measuringCoverage ? workflowCoverage.augmentBundleOptions(options) : options;
}
export function bundledWorkerCoverageOptions(): Partial<WorkerOptions> {
  return measuringCoverage ? { sinks: workflowCoverage.sinks } : {};
}
