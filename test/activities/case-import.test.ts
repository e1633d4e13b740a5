// The bulk case import: stored in chunks, ingested by a Temporal workflow, resumable after the worker is killed.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'chai';
import { stack } from '../setup';
import { waitFor as waitForCondition } from '../helpers/wait';
import { call, errorOf } from '../helpers/http';
import { pmlpCase, uniqueSuffix } from '../helpers/cases';
import { storeCaseImport } from '../../api/case-imports/commands';
import { caseImportWorkflow } from '../../workflows/case-import/workflow';
import { caseImportWorkflowId } from '../../workflows/case-import/api';
import { Readable } from 'node:stream';

const ROOT = path.resolve(__dirname, '../..');

const waitFor = <T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 120_000): Promise<T> =>
  waitForCondition(what, fn, timeoutMs, 200);

function ndjson(lines: unknown[]): string {
  return lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
}

describe('activities/case-import', () => {
  it('imports an uploaded NDJSON file and reports progress and per-line errors', async () => {
    const run = uniqueSuffix();
    const lines: unknown[] = [];
    for (let i = 0; i < 4500; i += 1) lines.push(pmlpCase(`IMP-${run}-${i}`, i));
    lines[10] = '{not json';
    lines[2001] = { ...pmlpCase(`IMP-${run}-bad`, 1), channel: 'telepathy' };
    lines[3000] = pmlpCase(`IMP-${run}-5`, 5); // the same external id as line 6: the same case, not a duplicate
    const res = await call('POST', '/api/v1/case-imports', {
      as: 'system-pmlp',
      body: ndjson(lines),
      headers: { 'content-type': 'application/x-ndjson', 'x-file-name': 'cases.ndjson' },
    });
    expect(res.status).to.equal(202);
    expect(res.body.totalLines).to.equal(4500);
    expect(res.body.chunks).to.equal(3);
    const id = res.body.id as string;

    const done = await waitFor('import to complete', async () => {
      const r = await call('GET', `/api/v1/case-imports/${id}`, { as: 'system-pmlp' });
      return r.body.status === 'completed' ? r : null;
    });
    expect(done.body.processedLines).to.equal(4500);
    expect(done.body.progress).to.equal(1);
    expect(done.body.created).to.equal(4497);
    expect(done.body.existing).to.equal(1);
    expect(done.body.failed).to.equal(2);
    expect(done.body.errors.map((e: { line: number; code: string }) => [e.line, e.code])).to.deep.equal([
      [11, 'malformed_json'],
      [2002, 'validation_failed'],
    ]);
    expect(done.body.errorsNext).to.equal(null);
    // The failed lines a page at a time (keyset on the line number): the second page follows `errorsNext`.
    const first = await call('GET', `/api/v1/case-imports/${id}?errorsLimit=1`, { as: 'system-pmlp' });
    expect(first.body.errors.map((e: { line: number }) => e.line)).to.deep.equal([11]);
    const second = await call('GET', first.body.errorsNext, { as: 'system-pmlp' });
    expect(second.body.errors.map((e: { line: number }) => e.line)).to.deep.equal([2002]);
    expect(second.body.errorsNext).to.equal(null);
    expect((await call('GET', `/api/v1/case-imports/${id}?errorsOffset=1`, { as: 'system-pmlp' })).status).to.equal(400);
    const count = await stack.db.pool.query("SELECT count(*)::int AS n FROM cases WHERE agency_id = 'pmlp' AND external_id LIKE $1", [
      `IMP-${run}-%`,
    ]);
    expect(count.rows[0].n).to.equal(4497);
  });

  it('refuses an import of another agency, a wrong content type and an empty file', async () => {
    const stored = await call('POST', '/api/v1/case-imports', {
      as: 'system-pmlp',
      body: ndjson([pmlpCase(`IMP-${uniqueSuffix()}`)]),
      headers: { 'content-type': 'application/x-ndjson' },
    });
    const other = await call('GET', `/api/v1/case-imports/${stored.body.id}`, { as: 'system-vid' });
    expect(other.status).to.equal(404);
    const wrongType = await call('POST', '/api/v1/case-imports', { as: 'system-pmlp', body: 'x', headers: { 'content-type': 'text/csv' } });
    expect(wrongType.status).to.equal(415);
    expect(wrongType.body.error.code).to.equal('unsupported_media_type');
    const empty = await call('POST', '/api/v1/case-imports', {
      as: 'system-pmlp',
      body: '',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(empty.status).to.equal(400);
    expect(empty.body.error.code).to.equal('empty_import');
    const citizen = await call('POST', '/api/v1/case-imports', {
      as: 'citizen-anna',
      body: '{}',
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(citizen.status).to.equal(403);
  });

  it("lists an agency's own imports, newest first, with their counts; another agency sees none of them", async () => {
    const run = uniqueSuffix();
    const upload = (fileName: string, lines: unknown[]) =>
      call('POST', '/api/v1/case-imports', {
        as: 'system-pmlp',
        body: ndjson(lines),
        headers: { 'content-type': 'application/x-ndjson', 'x-file-name': fileName },
      });
    const completed = (id: string) =>
      waitFor(
        'import to complete',
        async () => (await call('GET', `/api/v1/case-imports/${id}`, { as: 'system-pmlp' })).body.status === 'completed',
      );
    const older = await upload(`older-${run}.ndjson`, [pmlpCase(`LIST-${run}-1`, 1)]);
    expect(older.status).to.equal(202);
    await completed(older.body.id);
    // The newer one repeats the older one's case (existing) and has a line that is not JSON (failed).
    const newer = await upload(`newer-${run}.ndjson`, [pmlpCase(`LIST-${run}-2`, 2), '{not json', pmlpCase(`LIST-${run}-1`, 1)]);
    expect(newer.status).to.equal(202);
    await completed(newer.body.id);

    const listed = await call('GET', '/api/v1/case-imports', { as: 'system-pmlp' });
    expect(listed.status).to.equal(200);
    const mine = listed.body.items.filter((i: any) => [older.body.id, newer.body.id].includes(i.id));
    expect(
      mine.map((i: any) => i.id),
      'newest first',
    ).to.deep.equal([newer.body.id, older.body.id]);
    expect(mine[0]).to.deep.include({
      agencyId: 'pmlp',
      status: 'completed',
      fileName: `newer-${run}.ndjson`,
      totalLines: 3,
      processedLines: 3,
      progress: 1,
      created: 1,
      existing: 1,
      failed: 1,
    });
    expect(mine[1]).to.deep.include({
      agencyId: 'pmlp',
      status: 'completed',
      fileName: `older-${run}.ndjson`,
      totalLines: 1,
      processedLines: 1,
      created: 1,
      existing: 0,
      failed: 0,
    });
    expect(
      listed.body.items.every((i: any) => i.agencyId === 'pmlp'),
      "only the agency's own",
    ).to.equal(true);
    const times = listed.body.items.map((i: any) => i.createdAt as string);
    expect(times).to.deep.equal([...times].sort().reverse());

    const other = await call('GET', '/api/v1/case-imports', { as: 'system-vid' });
    expect(other.status).to.equal(200);
    expect(other.body.items.filter((i: any) => i.agencyId !== 'vid')).to.deep.equal([]);
    const citizen = await call('GET', '/api/v1/case-imports', { as: 'citizen-anna' });
    expect(citizen.status).to.equal(403);
    expect(errorOf(citizen).code).to.equal('forbidden');
  });

  describe('when the worker is killed', function () {
    this.timeout(240_000);
    const queue = `import-kill-${uniqueSuffix()}`;
    const workers: ChildProcess[] = [];
    const startWorker = () => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'activities/worker.ts')], {
        cwd: ROOT,
        env: { ...stack.childEnv, TEMPORAL_TASK_QUEUE: queue },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      workers.push(child);
      return child;
    };
    after(() => {
      for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
    });

    it('resumes in a new worker and completes with every case once', async () => {
      const run = uniqueSuffix();
      const total = 40_000;
      const lines = Array.from({ length: total }, (_, i) => JSON.stringify(pmlpCase(`KILL-${run}-${i}`, i)));
      const stored = await storeCaseImport(stack.db.pool, {
        agencyId: 'pmlp',
        createdBy: 'system-pmlp',
        fileName: null,
        body: Readable.from([lines.join('\n')]),
      });
      expect(stored.chunkCount).to.equal(20);

      const first = startWorker();
      const handle = await stack.temporal.client.workflow.start(caseImportWorkflow, {
        taskQueue: queue,
        workflowId: caseImportWorkflowId(stored.id),
        args: [{ importId: stored.id }],
      });
      const progress = async () =>
        (await stack.db.pool.query('SELECT chunks_done FROM case_imports WHERE id = $1', [stored.id])).rows[0].chunks_done as number;
      await waitFor('a few chunks to be ingested', async () => (await progress()) >= 2);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const doneAtKill = await progress();
      expect(doneAtKill).to.be.lessThan(20, 'the import finished before the worker could be killed');

      startWorker();
      const result = await handle.result();
      expect(result.chunks).to.equal(20);

      const imp = (await stack.db.pool.query('SELECT * FROM case_imports WHERE id = $1', [stored.id])).rows[0];
      expect(imp.status).to.equal('completed');
      expect(imp.chunks_done).to.equal(20);
      expect(imp.processed_lines).to.equal(total);
      expect(imp.created_count).to.equal(total);
      expect(imp.existing_count).to.equal(0);
      expect(imp.error_count).to.equal(0);
      const cases = await stack.db.pool.query(
        'SELECT count(*)::int AS n, count(DISTINCT external_id)::int AS d FROM cases WHERE external_id LIKE $1',
        [`KILL-${run}-%`],
      );
      expect(cases.rows[0]).to.deep.equal({ n: total, d: total });
      const events = await stack.db.pool.query(
        'SELECT count(*)::int AS n FROM case_status_events e JOIN cases c ON c.id = e.case_id WHERE c.external_id LIKE $1',
        [`KILL-${run}-%`],
      );
      expect(events.rows[0].n).to.equal(total, 'one submitted event per case, none duplicated');
    });
  });
});
