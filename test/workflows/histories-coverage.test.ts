// The saved histories cover what replay must guard: every workflow type the worker registers, and every patch in
// workflows/ in a history recorded after it (its marker present). For the invoice's patches, a history recorded with
// the code before the patch went through the same branch too (no marker: it replays the old commands).
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import * as registered from '../../workflows';
import { describeHistory, historyFiles, readHistory } from '../helpers/replay';

const WORKFLOWS_DIR = path.resolve(__dirname, '../../workflows');
const saved = fs
  .readdirSync(__dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(__dirname, d.name, 'histories')))
  .flatMap((d) => historyFiles(path.join(__dirname, d.name, 'histories')))
  .map((file) => ({ file: path.relative(__dirname, file), ...describeHistory(readHistory(file)) }));

/** Every `patched('<id>')` in the workflow sources, read from the text (a new patch shows up here by itself). */
function patchIdsInSource(): string[] {
  const ids = new Set<string>();
  for (const file of fs.readdirSync(WORKFLOWS_DIR, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    for (const m of fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8').matchAll(/\bpatched\('([^']+)'\)/g)) ids.add(m[1]);
  }
  return [...ids].sort();
}

describe('saved workflow histories', () => {
  it('include every registered workflow type', () => {
    const types = new Set(saved.map((h) => h.workflowType));
    expect(Object.keys(registered).filter((name) => !types.has(name))).to.deep.equal([]);
    expect(Object.keys(registered).sort()).to.deep.equal([
      'applicationWorkflow',
      'caseImportWorkflow',
      'catalogChangeWorkflow',
      'catalogFreshnessWorkflow',
      'catalogPublicationWorkflow',
      'invoiceWorkflow',
      'maintainCasePartitions',
    ]);
  });

  it('include, for every patch, a history recorded after it', () => {
    const patches = patchIdsInSource();
    expect(patches).to.include.members([
      'invoice-overdue-when-started-late',
      'invoice-quiet-after-last-reminder',
      'payment-step-invoice',
      'register-retry-capped',
    ]);
    const recorded = new Set(saved.flatMap((h) => h.patches));
    expect(patches.filter((id) => !recorded.has(id))).to.deep.equal([]);
  });

  it('include, for the invoice patches, a history of the same path recorded before the patch', () => {
    const byFile = Object.fromEntries(saved.map((h) => [h.file, h.patches]));
    expect(byFile['invoice/histories/before-quiet-patch-three-reminders-then-paid.json']).to.deep.equal([]);
    expect(byFile['invoice/histories/after-quiet-patch-three-reminders-then-paid.json']).to.deep.equal([
      'invoice-quiet-after-last-reminder',
    ]);
    expect(byFile['invoice/histories/before-late-start-patch-overdue-then-cancelled.json']).to.deep.equal([]);
    expect(byFile['invoice/histories/after-late-start-patch-overdue-then-cancelled.json']).to.deep.equal([
      'invoice-overdue-when-started-late',
    ]);
  });
});
