// workflows/index.ts bundled once per test process: bundling costs seconds, and every virtual-time test and every
// replay of a saved history needs it. Under c8 the bundle is instrumented (test/helpers/workflow-coverage.ts).
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleCoverageOptions } from './workflow-coverage';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error } as never;
  bundle ??= bundleWorkflowCode(bundleCoverageOptions({ workflowsPath: require.resolve('../../workflows'), logger: quiet }));
  return bundle;
}
