// Python tools the tests run (official validators published on PyPI), pinned and installed under .tools/python
// when the machine's python3 does not already have them, the way the Temporal CLI is provisioned.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { TOOLS_DIR } from './temporal-cli';

export const PYTHON_TOOLS_DIR = path.join(TOOLS_DIR, 'python');
/** The OpenAPI 3.1 document is checked by openapi-spec-validator (test/api/platform/openapi.test.ts). */
export const PYTHON_TOOLS = [{ module: 'openapi_spec_validator', requirement: 'openapi-spec-validator==0.9.0' }];

/** The environment that finds the tools: .tools/python first on PYTHONPATH. */
export function pythonToolsEnv(): NodeJS.ProcessEnv {
  const existing = process.env.PYTHONPATH ? [process.env.PYTHONPATH] : [];
  return { ...process.env, PYTHONPATH: [PYTHON_TOOLS_DIR, ...existing].join(path.delimiter) };
}

const importable = (module: string) =>
  spawnSync('python3', ['-c', `import ${module}`], { env: pythonToolsEnv(), stdio: 'ignore', timeout: 60_000 }).status === 0;

/** Installs whatever is missing; returns the tools that are still missing afterwards. */
export function ensurePythonTools(log: (msg: string) => void = console.log): string[] {
  const missing = PYTHON_TOOLS.filter((t) => !importable(t.module));
  if (missing.length) {
    log(`Installing ${missing.map((t) => t.requirement).join(', ')} into .tools/python ...`);
    fs.mkdirSync(PYTHON_TOOLS_DIR, { recursive: true });
    spawnSync(
      'python3',
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        '--target',
        PYTHON_TOOLS_DIR,
        ...missing.map((t) => t.requirement),
      ],
      { stdio: 'inherit', timeout: 600_000 },
    );
  }
  return PYTHON_TOOLS.filter((t) => !importable(t.module)).map((t) => t.requirement);
}
