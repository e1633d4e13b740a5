// npm postinstall: make sure the Temporal CLI is available (unless an external Temporal is configured), and the
// Python validators the tests run (scripts/lib/python-tools.ts).
import { ensureTemporalCli } from './lib/temporal-cli';
import { ensurePythonTools } from './lib/python-tools';
import { ensureTemporalTestServer } from './lib/temporal-test-server';

if (process.env.TEMPORAL_ADDRESS && !process.env.CI) {
  console.log('TEMPORAL_ADDRESS is set: using that Temporal server; the CLI is not needed to start.');
} else {
  try {
    const cli = ensureTemporalCli();
    console.log(`Temporal CLI: ${cli}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}

// Only the tests need these: a machine that cannot install them still starts, and the test names what is missing.
try {
  console.log(`Temporal test server: ${ensureTemporalTestServer()}`);
} catch (e) {
  console.warn((e as Error).message);
  if (process.env.CI) process.exit(1);
}
const missing = ensurePythonTools();
if (missing.length) {
  console.warn(
    `Could not install ${missing.join(', ')} (needed by the tests): python3 -m pip install --target .tools/python ${missing.join(' ')}`,
  );
  if (process.env.CI) process.exit(1);
}
