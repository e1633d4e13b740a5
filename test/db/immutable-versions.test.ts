// Published versions are evidence of what was said: the database itself refuses to change a catalogue service
// version's content (migration 0005) — for the owner and for the application role the API runs as — with its own
// SQLSTATE and message, while the version's workflow stage may still move on.
import { expect } from 'chai';
import type { Pool } from 'pg';
import { stack } from '../setup';

const refusalOf = (pool: Pool, sql: string, params: unknown[]) =>
  pool.query(sql, params).then(
    () => null,
    (e: { code?: string; message: string }) => ({ code: e.code, message: e.message }),
  );

describe('db: immutable catalogue service versions', () => {
  const pools = (): Array<[string, Pool]> => [
    ['owner', stack.db.pool],
    ['application role', stack.appDb.pool],
  ];

  it('refuses a change of the document, the author or the creation time with check_violation (23514)', async () => {
    const {
      rows: [before],
    } = await stack.db.pool.query(
      "SELECT document, author_id, created_at FROM catalog_service_versions WHERE service_id = 'passport-issue' AND version = 1",
    );
    expect(before, 'the seeded passport-issue version 1').to.not.equal(undefined);
    for (const [who, pool] of pools()) {
      for (const change of [
        `document = document || '{"x": 1}'`,
        "author_id = 'someone-else'",
        "created_at = created_at - interval '1 day'",
      ]) {
        const refusal = await refusalOf(
          pool,
          `UPDATE catalog_service_versions SET ${change} WHERE service_id = 'passport-issue' AND version = 1`,
          [],
        );
        expect(refusal, `${who}: ${change}`).to.deep.equal({ code: '23514', message: 'catalogue service versions are immutable' });
      }
    }
    const {
      rows: [after],
    } = await stack.db.pool.query(
      "SELECT document, author_id, created_at FROM catalog_service_versions WHERE service_id = 'passport-issue' AND version = 1",
    );
    expect(after).to.deep.equal(before);
  });

  it('lets the stage of a version change (submitted, published, …): that is workflow, not content', async () => {
    const client = await stack.appDb.pool.connect();
    try {
      await client.query('BEGIN');
      const updated = await client.query(
        "UPDATE catalog_service_versions SET submitted_at = now() WHERE service_id = 'passport-issue' AND version = 1",
      );
      expect(updated.rowCount).to.equal(1);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
