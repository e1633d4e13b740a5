// The web UI is served from ui/dist. `npm install` builds it (postinstall); `npm start` and the test setup build it
// here when it is missing (a fresh clone installed with --ignore-scripts, or ui/dist deleted).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

export function uiBuilt(): boolean {
  return fs.existsSync(path.join(ROOT, 'ui', 'dist', 'index.html'));
}

export function ensureUiBuilt(): void {
  if (uiBuilt()) return;
  console.log('Building the web UI (ui/dist) ...');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'ui/vite.config.ts', '--logLevel', 'warn'],
    { cwd: ROOT, stdio: 'inherit' },
  );
}
