// The audit log is evidence (issue 13, section 3): the API and the worker run as a least-privilege role that may
// only append to audit_log; a trigger refuses UPDATE, DELETE and TRUNCATE for everyone; every row is hash-chained
// in PostgreSQL and `npm run audit:verify` recomputes the chain in Node and names the first row that was changed,
// deleted or inserted out of order. Tampering is done as the owner on a scratch database, so the shared stack's
// log stays intact.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import { stack } from '../setup';
import { audit, type AuditEntry } from '../../db/audit';
import { connectDatabase, dropDatabase, ensureDatabaseExists, type Database } from '../../db/connection';
import { createMigrator, migrate } from '../../db/migrate';
import { assertLeastPrivilege } from '../../db/roles';
import { rowHash, verifyAuditChain } from '../../db/audit/verify';
import { call } from '../helpers/http';

const ROOT = path.resolve(__dirname, '../..');

async function refusal(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected the statement to be refused');
}

function entry(n: number, extra: Partial<AuditEntry> = {}): AuditEntry {
  return {
    actor: { type: 'staff', id: `officer-${n}`, agency: 'pmlp' },
    subject: { type: 'natural', id: '15038511239' },
    action: 'read',
    resource: `case:test-${n}`,
    purpose: 'case-handling',
    details: { n },
    ...extra,
  };
}

/** The owner edits the log as a DBA would: with the append-only trigger (and the chain trigger) switched off. */
async function asDba(db: Database, sql: string, params: unknown[] = [], then?: string): Promise<void> {
  const client = await db.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; ALTER TABLE audit_log DISABLE TRIGGER audit_log_chain',
    );
    await client.query(sql, params);
    if (then) await client.query(then);
    await client.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only; ALTER TABLE audit_log ENABLE TRIGGER audit_log_chain');
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

describe('audit log as evidence', () => {
  describe('the application role', () => {
    it('is what the API and the worker connect as: not a superuser, not the owner of the tables', async () => {
      const { rows } = await stack.api.deps.db.pool.query(
        'SELECT current_user AS role, rolsuper FROM pg_roles WHERE rolname = current_user',
      );
      expect(rows[0]).to.deep.equal({ role: 'sdp_app', rolsuper: false });
      await assertLeastPrivilege(stack.api.deps.db.pool);
      await assertLeastPrivilege(stack.appDb.pool);
      expect((await refusal(assertLeastPrivilege(stack.db.pool))).message).to.match(/superuser/);
    });

    it('may not UPDATE, DELETE or TRUNCATE audit_log (privileges)', async () => {
      await audit(stack.appDb.pool, entry(1));
      for (const sql of ['UPDATE audit_log SET purpose = purpose', 'DELETE FROM audit_log', 'TRUNCATE audit_log']) {
        const e = await refusal(stack.appDb.pool.query(sql));
        expect(e.code, sql).to.equal('42501');
        expect(e.message, sql).to.match(/permission denied/);
      }
    });

    it('may not change the schema', async () => {
      expect((await refusal(stack.appDb.pool.query('CREATE TABLE audit_escape (x int)'))).code).to.equal('42501');
      expect((await refusal(stack.appDb.pool.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only'))).code).to.equal('42501');
    });

    it('gets tables, sequences and functions a later migration creates, by default privileges', async () => {
      await stack.db.pool.query(
        'CREATE TABLE later_feature (id bigserial PRIMARY KEY, note text); CREATE FUNCTION later_fn() RETURNS int LANGUAGE sql AS $$ SELECT 7 $$',
      );
      try {
        await stack.appDb.pool.query("INSERT INTO later_feature (note) VALUES ('x')");
        await stack.appDb.pool.query("UPDATE later_feature SET note = 'y'");
        expect((await stack.appDb.pool.query('SELECT later_fn() AS n, count(*)::int AS c FROM later_feature')).rows[0]).to.deep.equal({
          n: 7,
          c: 1,
        });
        await stack.appDb.pool.query('DELETE FROM later_feature');
      } finally {
        await stack.db.pool.query('DROP TABLE later_feature; DROP FUNCTION later_fn()');
      }
    });
  });

  describe('append-only trigger', () => {
    it('refuses UPDATE, DELETE and TRUNCATE of audit_log for the owner too, even of no row', async () => {
      for (const sql of [
        'UPDATE audit_log SET purpose = purpose WHERE false',
        'DELETE FROM audit_log WHERE id = -1',
        'TRUNCATE audit_log',
      ]) {
        expect((await refusal(stack.db.pool.query(sql))).message, sql).to.match(/audit_log is append-only/);
      }
    });
  });

  describe('hash chain', () => {
    it('holds one gapless chain when many writers append multi-row batches at once', async () => {
      const before = (await stack.db.pool.query('SELECT coalesce(max(chain_seq), 0)::int AS n FROM audit_log')).rows[0].n as number;
      await Promise.all(
        Array.from({ length: 16 }, (_, w) =>
          audit(
            stack.appDb.pool,
            Array.from({ length: 25 }, (_, i) => entry(w * 100 + i)),
          ),
        ),
      );
      const { rows } = await stack.db.pool.query(
        'SELECT count(*)::int AS n, max(chain_seq)::int AS top FROM audit_log WHERE chain_seq > $1',
        [before],
      );
      expect(rows[0].top - before).to.equal(rows[0].n);
      const report = await verifyAuditChain(stack.db.pool);
      expect(report.problem).to.equal(undefined);
      expect(report.ok).to.equal(true);
    });

    it('leaves no link to a row of a savepoint rolled back in the middle of audited writes', async () => {
      const top = async () =>
        (await stack.db.pool.query('SELECT coalesce(max(chain_seq), 0)::int AS n FROM audit_log')).rows[0].n as number;
      const before = await top();
      const client = await stack.appDb.pool.connect();
      try {
        // A stale tail left in the session (not this transaction's) must not be taken for the chain's end.
        await client.query(`SET sdp.audit_chain_tail = '1:1:00'`);
        await client.query('BEGIN');
        await audit(client, [entry(1), entry(2), entry(3)]);
        await client.query('SAVEPOINT batch');
        await audit(client, [entry(4, { purpose: 'rolled-back' }), entry(5, { purpose: 'rolled-back' })]);
        await client.query('ROLLBACK TO SAVEPOINT batch');
        await audit(client, entry(6));
        await client.query('SAVEPOINT kept');
        await audit(client, [entry(7), entry(8)]);
        await client.query('RELEASE SAVEPOINT kept');
        await client.query('SAVEPOINT last');
        await audit(client, entry(9, { purpose: 'rolled-back' }));
        await client.query('ROLLBACK TO SAVEPOINT last');
        await client.query('COMMIT');
        await audit(client, entry(10)); // the next transaction looks the chain's end up again
      } finally {
        await client.query('RESET sdp.audit_chain_tail');
        client.release();
      }
      const { rows } = await stack.db.pool.query(
        'SELECT chain_seq::int AS seq, resource, purpose FROM audit_log WHERE chain_seq > $1 ORDER BY chain_seq',
        [before],
      );
      const ours = rows.filter((r) => /^case:test-(?:[1-9]|10)$/.test(r.resource as string));
      expect(ours.map((r) => r.resource)).to.deep.equal([
        'case:test-1',
        'case:test-2',
        'case:test-3',
        'case:test-6',
        'case:test-7',
        'case:test-8',
        'case:test-10',
      ]);
      expect(rows.filter((r) => r.purpose === 'rolled-back')).to.deep.equal([]);
      expect(rows.map((r) => r.seq)).to.deep.equal(rows.map((_, i) => before + i + 1)); // gapless
      const report = await verifyAuditChain(stack.db.pool);
      expect(report.problem).to.equal(undefined);
      expect(report.ok).to.equal(true);
    });

    it('verifies the untouched log the API wrote while serving requests', async () => {
      const res = await call('GET', '/api/v1/me/cases', { as: 'citizen-anna' });
      expect(res.status).to.equal(200);
      const report = await verifyAuditChain(stack.appDb.pool);
      expect(report).to.include({ ok: true });
      expect(report.rows).to.be.greaterThan(0);
    });

    it('hashes the row in Node exactly as PostgreSQL does, whatever the text (an independent oracle)', async () => {
      await audit(
        stack.appDb.pool,
        entry(7, {
          actor: { type: 'staff', id: '12:x|~', office: undefined },
          purpose: 'ā ž 𝄞 "quoted" \\ back',
          details: { z: 1.5, a: [null, true, 'ü'], nested: { 'key with: colon': '~' }, big: 1e21 },
        }),
      );
      const { rows } = await stack.db.pool.query(
        `SELECT id::text, chain_seq::text, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS at, actor_type, actor_id,
                actor_agency, actor_office, on_behalf_of, subject_type, subject_id, action, resource, purpose, request_id,
                details::text, prev_hash, row_hash
           FROM audit_log ORDER BY chain_seq DESC LIMIT 1`,
      );
      expect(rowHash(rows[0]).toString('hex')).to.equal(rows[0].row_hash.toString('hex'));
    });
  });

  describe('tampering by the owner (a scratch database)', () => {
    let url: string;
    let owner: Database;
    let app: Database;

    before(async function () {
      this.timeout(120_000);
      const u = new URL(stack.databaseUrl);
      u.pathname = `${u.pathname}_tamper`;
      url = u.toString();
      await ensureDatabaseExists(url);
      owner = connectDatabase(url, { poolSize: 2 });
      // Rows written before migration 0013 are chained by it.
      await createMigrator(owner.sequelize).up({ to: '0010-draft-merge' });
      await audit(owner.pool, [entry(1), entry(2), entry(3)]);
      await migrate(owner);
      const a = new URL(stack.appDatabaseUrl);
      a.pathname = u.pathname;
      app = connectDatabase(a.toString(), { poolSize: 2 });
      await audit(
        app.pool,
        Array.from({ length: 7 }, (_, i) => entry(4 + i)),
      );
    });

    after(async function () {
      this.timeout(30_000);
      await app?.close();
      await owner?.close();
      if (url) await dropDatabase(url);
    });

    const row = async (seq: number) => (await owner.pool.query('SELECT * FROM audit_log WHERE chain_seq = $1', [seq])).rows[0];

    it('passes on the untouched log, including the rows chained by the migration', async () => {
      const report = await verifyAuditChain(app.pool);
      expect(report).to.include({ ok: true, rows: 10 });
    });

    it('names a row the owner changed, and npm run audit:verify exits non-zero', async function () {
      this.timeout(60_000);
      const original = await row(4);
      await asDba(owner, "UPDATE audit_log SET purpose = 'nothing-to-see' WHERE chain_seq = 4");
      try {
        const report = await verifyAuditChain(owner.pool);
        expect(report.ok).to.equal(false);
        expect(report.problem).to.include({ kind: 'changed', chainSeq: 4, id: Number(original.id) });
        const cli = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts/audit-verify.ts')], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_OWNER_URL: url },
        }).then(
          () => null,
          (e: { code: number; stderr: string }) => e,
        );
        expect(cli?.code).to.equal(1);
        expect(cli?.stderr).to.contain(`audit row 4 (id ${original.id}) was changed`);
      } finally {
        await asDba(owner, 'UPDATE audit_log SET purpose = $1 WHERE chain_seq = 4', [original.purpose]);
      }
      expect(await verifyAuditChain(owner.pool)).to.include({ ok: true });
    });

    it('names a row the owner deleted', async () => {
      const original = (await owner.pool.query('SELECT to_jsonb(a) AS r FROM audit_log a WHERE chain_seq = 6')).rows[0].r as object;
      await asDba(owner, 'DELETE FROM audit_log WHERE chain_seq = 6');
      try {
        const report = await verifyAuditChain(owner.pool);
        expect(report.ok).to.equal(false);
        expect(report.problem).to.include({ kind: 'deleted', chainSeq: 6 });
        expect(report.problem?.message).to.match(/row 6 is missing/);
      } finally {
        await asDba(owner, 'INSERT INTO audit_log SELECT * FROM jsonb_populate_record(NULL::audit_log, $1::jsonb)', [original]);
      }
      expect(await verifyAuditChain(owner.pool)).to.include({ ok: true });
    });

    it('names a row the owner inserted out of order, even with a hash that matches its own content', async () => {
      const top = (await owner.pool.query('SELECT max(chain_seq)::int AS n FROM audit_log')).rows[0].n as number;
      // A copy of row 3 appended at the end, claiming to follow row 3, its own hash computed correctly.
      await asDba(
        owner,
        `INSERT INTO audit_log (id, chain_seq, at, actor_type, actor_id, actor_agency, actor_office, on_behalf_of, subject_type,
           subject_id, action, resource, purpose, request_id, details, prev_hash, row_hash)
         SELECT 999999, $1, at, actor_type, actor_id, actor_agency, actor_office, on_behalf_of, subject_type, subject_id,
           action, resource, purpose, request_id, details, row_hash, '\\x00' FROM audit_log WHERE chain_seq = 3`,
        [top + 1],
        'UPDATE audit_log a SET row_hash = audit_row_hash(a) WHERE id = 999999',
      );
      try {
        const report = await verifyAuditChain(owner.pool);
        expect(report.ok).to.equal(false);
        expect(report.problem).to.include({ kind: 'out-of-order', chainSeq: top + 1, id: 999999 });
      } finally {
        await asDba(owner, 'DELETE FROM audit_log WHERE id = 999999');
      }
      expect(await verifyAuditChain(owner.pool)).to.include({ ok: true });
    });
  });
});
