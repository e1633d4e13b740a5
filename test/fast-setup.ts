// Root hook file of the fast tier (.mocharc.fast.cjs), which starts no stack. It only quiets the Temporal runtime as
// the full tier does (test/setup.ts): the activity retries some workflow tests provoke are expected, and the
// time-skipping test server's missing capabilities are no news.
import { DefaultLogger, Runtime } from '@temporalio/worker';

Runtime.install({ logger: new DefaultLogger('ERROR'), telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
